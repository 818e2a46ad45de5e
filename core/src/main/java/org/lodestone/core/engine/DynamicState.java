package org.lodestone.core.engine;

import java.util.List;
import org.lodestone.core.model.Dynamics;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * The run's state that responds to past prices, shared by both engines: substitution (which scales
 * each sector's reference demand and changes its grade) and endogenous investment (which adds
 * capacity). {@link #beginYear} sets this year's demand factors and grades from earlier prices;
 * {@link #deliveredGrades} reconciles the grades with the rare earths used once the year is cleared;
 * {@link #endYear} takes the investment decisions on this year's prices. Scratch owned by one run.
 */
final class DynamicState {
  private static final int E = Element.COUNT;
  private static final int NDPR = Element.NDPR.ordinal();

  private final SupplyChain chain;
  private final List<Substitute> substitutes;
  private final List<Investment> investments;
  private final int nS;
  private final int nP;
  private final int nK;
  private final int years;
  /** Capacity added by investment, {@code [t * nP + p]}. */
  private final double[] added;
  /** Share of the built capacity available (events), {@code [t * nP + p]}. */
  private final double[] availability;
  /** The year index whose built capacity each year shows (capacity delays), {@code [t * nP + p]}. */
  private final int[] source;
  /** This year's factor on each sector's reference demand (1 − magnet-free shares). */
  private final double[] demandFactor;
  /** This year's grade by sector and element, {@code [s * E + e]}. */
  private final double[] grade;
  /** Adopted share of each substitute last year. */
  private final double[] share;
  /** World capacity by stage this year (for the growth bound), by stage ordinal. */
  private final double[] worldCapacity = new double[4];

  DynamicState(SupplyChain chain) {
    this.chain = chain;
    Dynamics d = chain.dynamics();
    this.substitutes = d.substitutes();
    this.investments = d.investments();
    this.nS = chain.sectors().size();
    this.nP = chain.producers().size();
    this.nK = substitutes.size();
    this.years = chain.axis().size();
    this.added = investments.isEmpty() ? null : new double[years * nP];
    this.availability = investments.isEmpty() ? null : new double[years * nP];
    this.source = investments.isEmpty() ? null : new int[years * nP];
    if (availability != null) {
      java.util.Arrays.fill(availability, 1);
      for (int t = 0; t < years; t++) {
        for (int p = 0; p < nP; p++) {
          source[t * nP + p] = t;
        }
      }
      for (Investment inv : investments) {
        for (int t = 0; t < years; t++) {
          availability[t * nP + inv.producer()] = inv.availability(t);
          source[t * nP + inv.producer()] = inv.sourceYear(t);
        }
      }
    }
    this.demandFactor = new double[nS];
    this.grade = new double[nS * E];
    this.share = new double[nK];
    for (int k = 0; k < nK; k++) {
      share[k] = substitutes.get(k).initialShare();
    }
  }

  /** Capacity of producer p in year index t: its data path plus what investment built (as available). */
  double capacity(int p, int t) {
    double c = chain.producers().get(p).capacityT(t);
    return added == null ? c : c + added[source[t * nP + p] * nP + p] * availability[t * nP + p];
  }

  /** Sector s's reference demand this year after magnet-free substitution, t magnet. */
  double referenceDemand(int s, int t) {
    return chain.sectors().get(s).referenceDemandT(t) * demandFactor[s];
  }

  /** Mass share of element e in sector s's magnets this year. */
  double grade(int s, int e) {
    return grade[s * E + e];
  }

  /**
   * The grade of a mix of this year's sector magnets ({@code weight}: t by sector) into {@code g}, by
   * element (zero when the mix is empty).
   */
  void mixGrade(double[] weight, double[] g) {
    java.util.Arrays.fill(g, 0);
    double total = 0;
    for (int s = 0; s < nS; s++) {
      total += weight[s];
      for (int e = 0; e < E; e++) {
        g[e] += weight[s] * grade[s * E + e];
      }
    }
    for (int e = 0; e < E; e++) {
      g[e] = total > 0 ? g[e] / total : 0;
    }
  }

  /**
   * Sets year t's adopted shares from the relative prices of year {@code t − lag} (held at the
   * initial share while that year is before the run), then the demand factors and grades; records
   * the shares and grades in {@code r}.
   */
  void beginYear(int t, RunResult r) {
    for (int s = 0; s < nS; s++) {
      demandFactor[s] = 1;
      for (int e = 0; e < E; e++) {
        grade[s * E + e] = chain.sectors().get(s).grade(e);
      }
    }
    for (int k = 0; k < nK; k++) {
      Substitute sub = substitutes.get(k);
      int u = t - sub.lagYears();
      if (u >= 0 && t >= sub.fromIndex()) {
        int first = Math.max(0, u - sub.signalYears() + 1);
        double ratio = 0;
        for (int v = first; v <= u; v++) {
          ratio += relativePrice(r, v, sub);
        }
        ratio /= u - first + 1;
        share[k] = sub.step(share[k], sub.target(ratio));
      }
      r.substituteShare[t * nK + k] = share[k];
      int s = sub.sector();
      if (sub.kind() == Substitute.Kind.MAGNET_FREE) {
        demandFactor[s] -= share[k];
      } else {
        // heavy-free grades: the Dy and Tb removed in the adopted share are replaced by NdPr, mass
        // for mass (both occupy the rare-earth site of Nd2Fe14B; the magnet mass is unchanged)
        Sector sec = chain.sectors().get(s);
        for (int e = 0; e < E; e++) {
          if (e != NDPR) {
            // several heavy-free substitutes cannot remove more than is left
            double removed = Math.min(grade[s * E + e], sec.grade(e) * share[k] * sub.heavyReduction());
            grade[s * E + e] -= removed;
            grade[s * E + NDPR] += removed;
          }
        }
      }
    }
    for (int s = 0; s < nS; s++) {
      demandFactor[s] = Math.max(0, demandFactor[s]);
      for (int e = 0; e < E; e++) {
        grade[s * E + e] = Math.max(0, grade[s * E + e]);
        r.sectorGrade[(t * nS + s) * E + e] = grade[s * E + e];
      }
    }
  }

  /**
   * After year t is cleared: the grade of the magnets delivered to each sector. The material
   * coefficients of the year come from the sectors' mix at the reference demand, while the magnets
   * served follow the demand at the market price; where sectors respond differently to the price the
   * served mix differs a little (in base, up to a few % for Dy). Each element's sector grades are
   * scaled by one factor so that the magnets served contain exactly the rare earths the magnet makers
   * used — the stocks in use and the end-of-life flows then close the element balance.
   */
  void deliveredGrades(int t, RunResult r) {
    double magnets = 0;
    for (int s = 0; s < nS; s++) {
      magnets += r.served[t * nS + s];
    }
    if (magnets <= 0) {
      return;
    }
    double yield = chain.market().manufacturingYield();
    for (int e = 0; e < E; e++) {
      double designed = 0;
      for (int s = 0; s < nS; s++) {
        designed += r.served[t * nS + s] * r.sectorGrade[(t * nS + s) * E + e];
      }
      double used = magnets * r.metalPerMagnet[t * E + e] * yield;
      if (designed > 0) {
        double k = used / designed;
        for (int s = 0; s < nS; s++) {
          r.sectorGrade[(t * nS + s) * E + e] *= k;
        }
      }
    }
    for (int s = 0; s < nS; s++) {
      double sum = 0;
      for (int e = 0; e < E; e++) {
        sum += r.sectorGrade[(t * nS + s) * E + e];
      }
      if (sum >= 1) {
        throw new MassBalanceException("the magnets served to " + chain.sectors().get(s).id() + " in "
            + chain.axis().year(t) + " would hold " + sum + " kg of rare earths per kg: the served mix is "
            + "too far from the mix the material coefficients assumed (sectors with very different "
            + "elasticities at an extreme price)");
      }
    }
  }

  /** The signal price in year u over its reference: demand-weighted over the sector's regions. */
  private double relativePrice(RunResult r, int u, Substitute sub) {
    Element el = sub.signal();
    if (el == null && sub.kind() == Substitute.Kind.HEAVY_FREE) {
      // the cost of the heavy rare earths in the sector's magnets (design grades), over its reference
      Sector sec = chain.sectors().get(sub.sector());
      double cost = 0;
      double reference = 0;
      for (int e = 0; e < E; e++) {
        if (e != NDPR) {
          cost += sec.grade(e) * oxidePrice(r, u, e, sec);
          reference += sec.grade(e) * chain.market().oxideReferencePrice(e);
        }
      }
      return reference > 0 ? cost / reference : 1;
    }
    double reference = el == null ? chain.market().magnetReferencePrice()
        : chain.market().oxideReferencePrice(el.ordinal());
    double price;
    if (!r.isRegional()) {
      price = el == null ? r.magnetPrice(u) : r.oxidePrice(u, el.ordinal());
    } else {
      TradedProduct product = el == null ? TradedProduct.MAGNET : TradedProduct.oxide(el.ordinal());
      Sector sec = chain.sectors().get(sub.sector());
      double sum = 0;
      double weight = 0;
      for (int q = 0; q < chain.regionCodes().size(); q++) {
        double w = sec.regionShare(q);
        if (w > 0) {
          sum += w * ValueAdded.buyPrice(r, u, product, q);
          weight += w;
        }
      }
      price = weight > 0 ? sum / weight : reference;
    }
    return price / reference;
  }

  /** Oxide price of element e in year u where the sector buys (demand-weighted over its regions). */
  private double oxidePrice(RunResult r, int u, int e, Sector sec) {
    if (!r.isRegional()) {
      return r.oxidePrice(u, e);
    }
    double sum = 0;
    double weight = 0;
    for (int q = 0; q < chain.regionCodes().size(); q++) {
      double w = sec.regionShare(q);
      if (w > 0) {
        sum += w * ValueAdded.buyPrice(r, u, TradedProduct.oxide(e), q);
        weight += w;
      }
    }
    return weight > 0 ? sum / weight : chain.market().oxideReferencePrice(e);
  }

  /** Average utilisation of the rule's stage in its region (world if the region has none) over u in [from, t]. */
  private double utilisation(RunResult r, Investment inv, int from, int t) {
    double sum = 0;
    for (int u = from; u <= t; u++) {
      double cap = 0;
      double prod = 0;
      double capWorld = 0;
      double prodWorld = 0;
      for (int p = 0; p < nP; p++) {
        Producer pr = chain.producers().get(p);
        if (pr.stage() != inv.stage()) {
          continue;
        }
        capWorld += r.capacity[u * nP + p];
        prodWorld += r.production[u * nP + p];
        if (pr.region() == inv.region()) {
          cap += r.capacity[u * nP + p];
          prod += r.production[u * nP + p];
        }
      }
      sum += cap > 0 ? prod / cap : capWorld > 0 ? prodWorld / capWorld : 1;
    }
    return sum / (t - from + 1);
  }

  /**
   * Investment decisions at the end of year t on the trailing value added (see {@link Investment}):
   * capacity started now is added to the investor's producer from year t + lead, ramping up.
   */
  void endYear(int t, RunResult r) {
    if (investments.isEmpty()) {
      return;
    }
    java.util.Arrays.fill(worldCapacity, 0);
    for (int p = 0; p < nP; p++) {
      worldCapacity[chain.producers().get(p).stage().ordinal()] += r.capacity[t * nP + p];
    }
    int nI = investments.size();
    for (int i = 0; i < nI; i++) {
      Investment inv = investments.get(i);
      if (t < inv.fromIndex()) {
        continue;
      }
      Producer holder = chain.producers().get(inv.producer());
      int from = Math.max(0, t - inv.trailingYears() + 1);
      double signal = 0;
      for (int u = from; u <= t; u++) {
        signal += ValueAdded.valueAdded(r, u, inv.stage(), inv.region(), holder.deposit());
      }
      signal /= t - from + 1;
      double started = utilisation(r, inv, from, t) + 1e-12 >= inv.minUtilisation()
          ? inv.started(signal, worldCapacity[inv.stage().ordinal()]) : 0;
      r.investmentStarted[t * nI + i] = started;
      if (started <= 0) {
        continue;
      }
      int first = t + inv.leadYears();
      for (int tau = first; tau < years; tau++) {
        double ramp = Math.min(1.0, (tau - first + 1) / (double) inv.rampYears());
        added[tau * nP + inv.producer()] += started * ramp;
      }
    }
  }
}
