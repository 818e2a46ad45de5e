package org.lodestone.core.exposure;

import org.lodestone.core.engine.MassBalance;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;

/**
 * What a run of the supply chain means for one buyer, year by year. Pure; thread-safe.
 *
 * <p>Per product line i and year index t (sector s, sourcing shares σ_q over the regions' markets):
 * <ul>
 *   <li>magnets needed M = units × kg per unit / 1000 (t); element content M × grade (t metal), the
 *       product's own grade or the sector's delivered grade in the run;</li>
 *   <li>supply at risk A = M × Σ_q σ_q a_{s,q}, with a_{s,q} = max(0, 1 − S_{s,q} / D⁰_{s,q}) the
 *       share of sector s's demand in region q's market that the run does not serve: S the magnets
 *       the run serves to the sector there, D⁰ the sector's demand there in a <em>reference</em> run
 *       ({@link RunResult#servedIn}, {@link RunResult#demandIn}). The buyer takes its pro-rata share
 *       of that shortfall in its sector in the markets it buys in. Without a reference (the run is
 *       its own), a = unserved / demand: what is not served even at the choke price
 *       ({@link RunResult#unservedShare}). Against the same scenario without a disruption (e.g.
 *       {@code export-controls-2025} against {@code regional-markets}) it also counts the demand a
 *       binding export cap prices out: a market clears by price, so a capped region's buyers get
 *       fewer magnets at a higher price rather than an unserved order book, and a buyer whose product
 *       plan is fixed is short of what it would have got. Where the sector has no demand in q, the
 *       region's totals over sectors are used; on one global market (either run), the sector's world
 *       totals, the same in every region;</li>
 *   <li>stock on hand H: the buffer of stock months / 12 × M (t) the buyer holds. It covers the
 *       supply at risk and is drawn down by it; it is restocked to its full size only in a year
 *       after one with nothing at risk (a buyer cannot buy extra from a market that leaves it short),
 *       so a disruption over several years empties it: H_t = full size in the first year and after a
 *       year with A = 0, else max(0, H_{t−1} − A_{t−1}). Shortfall max(0, A − H);</li>
 *   <li>cost at market prices C_m = M × 1000 × Σ_q σ_q p_q (USD; p_q the magnet price in region q's
 *       market), and with contracts C = c × M × 1000 × p_contract + (1 − c) × C_m, c the contract
 *       share.</li>
 * </ul>
 * The buyer's totals sum the product lines.
 */
public final class Exposure {
  private Exposure() {
  }

  /** Computes the buyer's exposure in every year of {@code r}'s axis, the run its own reference. */
  public static ExposureResult compute(RunResult r, Buyer buyer) {
    return compute(r, r, buyer);
  }

  /**
   * Computes the buyer's exposure in every year of {@code r}'s axis, its supply at risk against the
   * demand of {@code reference} (a run on the same time axis and regions).
   *
   * @throws IllegalArgumentException if the two runs' axes, regions or sectors differ
   */
  public static ExposureResult compute(RunResult r, RunResult reference, Buyer buyer) {
    if (!r.chain().axis().equals(reference.chain().axis())
        || !r.chain().regionCodes().equals(reference.chain().regionCodes())
        || r.chain().sectors().size() != reference.chain().sectors().size()) {
      throw new IllegalArgumentException("the reference run must have the same years, regions and sectors");
    }
    int years = r.chain().axis().size();
    int nR = r.chain().regionCodes().size();
    int nE = Element.COUNT;
    double[] magnets = new double[years];
    double[] elements = new double[years * nE];
    double[] atRisk = new double[years];
    double[] shortfall = new double[years];
    double[] stock = new double[years];
    double[] costMarket = new double[years];
    double[] cost = new double[years];
    for (BuyerProduct p : buyer.products()) {
      int s = p.sector();
      double buffer = 0;
      double lastAtRisk = 0;
      for (int t = 0; t < years; t++) {
        double m = p.units(t) * p.kgMagnetPerUnit() / 1000;
        double unservedShare = 0;
        double price = 0;
        for (int q = 0; q < nR; q++) {
          double sigma = p.sourcing(q);
          if (sigma > 0) {
            unservedShare += sigma * atRiskShare(r, reference, t, s, q);
            price += sigma * r.magnetPrice(t, q);
          }
        }
        double a = m * unservedShare;
        double full = p.stockMonths() / 12 * m;
        double h = t == 0 || !(lastAtRisk > 0) ? full : Math.max(0, buffer - lastAtRisk);
        buffer = h;
        lastAtRisk = a;
        magnets[t] += m;
        atRisk[t] += a;
        stock[t] += h;
        shortfall[t] += Math.max(0, a - h);
        for (int e = 0; e < nE; e++) {
          double g = p.grade() == null ? r.sectorGrade(t, s, e) : p.gradeOf(e);
          elements[t * nE + e] += m * g;
        }
        double market = m * 1000 * price;
        costMarket[t] += market;
        cost[t] += p.contractShare() * m * 1000 * p.contractPriceUsdPerKg() + (1 - p.contractShare()) * market;
      }
    }
    return new ExposureResult(r.chain().axis().firstYear(), magnets, elements, atRisk, stock, shortfall,
        costMarket, cost);
  }

  /**
   * a_{s,q}: share of sector s's reference demand in region q's market that {@code r} does not
   * serve, in [0, 1] (see the class comment); {@link RunResult#unservedShare} when the reference is
   * the run itself.
   */
  static double atRiskShare(RunResult r, RunResult reference, int t, int s, int q) {
    return withinBalance(rawAtRiskShare(r, reference, t, s, q));
  }

  /**
   * A share of demand within the mass balance's relative tolerance ({@link MassBalance#RELATIVE_TOLERANCE})
   * of zero is zero: two runs that serve the same magnets differ by a residue such as 1 − served/d =
   * 6e-12 (regional-markets against itself in 2025: 8e-9 t of a buyer's 1,265 t), which is no supply at
   * risk and must not pick the year a stockpile is "most needed".
   */
  static double withinBalance(double share) {
    return MassBalance.isResidue(share, 1) ? 0 : share;
  }

  private static double rawAtRiskShare(RunResult r, RunResult reference, int t, int s, int q) {
    if (r == reference) {
      return r.unservedShare(t, s, q);
    }
    double d;
    double served;
    if (!r.isRegional() || !reference.isRegional()) {
      d = reference.demand(t, s);
      served = r.served(t, s);
    } else {
      d = reference.demandIn(t, s, q);
      served = r.servedIn(t, s, q);
      if (!(d > 0)) {
        d = 0;
        served = 0;
        for (int k = 0; k < r.chain().sectors().size(); k++) {
          d += reference.demandIn(t, k, q);
          served += r.servedIn(t, k, q);
        }
      }
    }
    return d > 0 ? Math.max(0, Math.min(1, 1 - served / d)) : 0;
  }

  /**
   * Months of the buyer's magnet use that cover a shortfall of {@code shortfallT} in a year of use
   * {@code useT}: 12 × shortfall / use (0 when there is no use).
   */
  public static double monthsToCover(double shortfallT, double useT) {
    return useT > 0 ? 12 * shortfallT / useT : 0;
  }
}
