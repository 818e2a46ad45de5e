package org.lodestone.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable copy of a {@link SupplyChain}'s numbers, for building variants fast (one Monte Carlo draw,
 * one sensitivity sample): edit by dense index, then {@link #build()}. Not thread-safe; one per draw
 * or per worker thread. The chain it came from is never changed.
 */
public final class ChainEditor {
  private final SupplyChain origin;
  private final double[] cost;
  private final double[][] capacity;
  private final double[][] demand;
  private final double[][] grade;
  private final double[] elasticity;
  private final double[] depositSplit;
  private final double[] oxideToMetal;
  private final double[] oxideRef;
  private final double[] oxideCap;
  private double magnetRef;
  private double magnetCap;
  private double mfgYield;
  private double metalYield;
  private double[] scrapRecovery;
  private final List<Substitute> substitutes;
  private final List<Investment> investments;

  /** Starts from a copy of {@code chain}'s numbers. */
  public ChainEditor(SupplyChain chain) {
    this.origin = chain;
    int nP = chain.producers().size();
    int nS = chain.sectors().size();
    cost = new double[nP];
    capacity = new double[nP][];
    for (int p = 0; p < nP; p++) {
      cost[p] = chain.producers().get(p).costUsdPerKg();
      capacity[p] = chain.producers().get(p).capacityT();
    }
    demand = new double[nS][];
    grade = new double[nS][];
    elasticity = new double[nS];
    for (int s = 0; s < nS; s++) {
      Sector sec = chain.sectors().get(s);
      demand[s] = sec.referenceDemandT();
      grade[s] = sec.grade();
      elasticity[s] = sec.elasticity();
    }
    int nD = chain.depositCodes().size();
    depositSplit = new double[nD * Element.COUNT];
    for (int d = 0; d < nD; d++) {
      for (int e = 0; e < Element.COUNT; e++) {
        depositSplit[d * Element.COUNT + e] = chain.depositSplit(d, e);
      }
    }
    MarketParameters m = chain.market();
    oxideToMetal = m.oxideToMetal();
    oxideRef = m.oxideReferencePrice();
    oxideCap = m.oxidePriceCap();
    magnetRef = m.magnetReferencePrice();
    magnetCap = m.magnetPriceCap();
    mfgYield = m.manufacturingYield();
    metalYield = m.metalYield();
    scrapRecovery = m.scrapRecoveryRate();  // a copy
    substitutes = new ArrayList<>(chain.dynamics().substitutes());
    investments = new ArrayList<>(chain.dynamics().investments());
  }

  /** Replaces substitute {@code k} (by index in the chain's dynamics) with an edited copy. */
  public ChainEditor substitute(int k, java.util.function.UnaryOperator<Substitute> edit) {
    substitutes.set(k, edit.apply(substitutes.get(k)));
    return this;
  }

  /** Replaces investment rule {@code i} (by index in the chain's dynamics) with an edited copy. */
  public ChainEditor investment(int i, java.util.function.UnaryOperator<Investment> edit) {
    investments.set(i, edit.apply(investments.get(i)));
    return this;
  }

  /** The chain this editor started from. */
  public SupplyChain origin() {
    return origin;
  }

  /** Sets producer {@code p}'s unit cost, USD/kg. */
  public ChainEditor cost(int p, double usdPerKg) {
    cost[p] = usdPerKg;
    return this;
  }

  /** Sets producer {@code p}'s capacity path (copied), by year index. */
  public ChainEditor capacity(int p, double[] capacityT) {
    capacity[p] = capacityT.clone();
    return this;
  }

  /** Producer {@code p}'s capacity path as edited so far (a copy), t per year by year index. */
  public double[] capacityT(int p) {
    return capacity[p].clone();
  }

  /** Sets sector {@code s}'s reference demand path (copied), t per year. */
  public ChainEditor demand(int s, double[] demandT) {
    demand[s] = demandT.clone();
    return this;
  }

  /** Sets the mass share of element {@code e} in sector {@code s}'s magnets. */
  public ChainEditor grade(int s, int e, double share) {
    grade[s][e] = share;
    return this;
  }

  /** Sets sector {@code s}'s price elasticity. */
  public ChainEditor elasticity(int s, double value) {
    elasticity[s] = value;
    return this;
  }

  /** Sets the share of element {@code e} in deposit {@code d}'s REO. */
  public ChainEditor depositSplit(int d, int e, double share) {
    depositSplit[d * Element.COUNT + e] = share;
    return this;
  }

  /** Sets element {@code e}'s oxide-to-metal factor. */
  public ChainEditor oxideToMetal(int e, double v) {
    oxideToMetal[e] = v;
    return this;
  }

  /** Sets element {@code e}'s oxide reference price, USD/kg. */
  public ChainEditor oxideReferencePrice(int e, double v) {
    oxideRef[e] = v;
    return this;
  }

  /** Sets element {@code e}'s oxide choke price, USD/kg. */
  public ChainEditor oxidePriceCap(int e, double v) {
    oxideCap[e] = v;
    return this;
  }

  public ChainEditor magnetReferencePrice(double v) {
    magnetRef = v;
    return this;
  }

  public ChainEditor magnetPriceCap(double v) {
    magnetCap = v;
    return this;
  }

  public ChainEditor manufacturingYield(double v) {
    mfgYield = v;
    return this;
  }

  public ChainEditor metalYield(double v) {
    metalYield = v;
    return this;
  }

  /** Sets the scrap recovery rate of every element to {@code v}. */
  public ChainEditor scrapRecoveryRate(double v) {
    java.util.Arrays.fill(scrapRecovery, v);
    return this;
  }

  /** Sets the scrap recovery rate of element {@code e}. */
  public ChainEditor scrapRecoveryRate(int e, double v) {
    scrapRecovery[e] = v;
    return this;
  }

  /**
   * Builds the edited chain; the model's own validation applies (an impossible value, such as a
   * negative capacity drawn from a normal distribution, raises {@link IllegalArgumentException}).
   */
  public SupplyChain build() {
    List<Producer> producers = new ArrayList<>(origin.producers().size());
    for (int p = 0; p < cost.length; p++) {
      Producer o = origin.producers().get(p);
      // a drawn cost moves the offer cost by the same amount (subsidies stay subtracted; a must-run
      // year stays at zero)
      double[] offer = o.offerCostT();
      double shift = cost[p] - o.costUsdPerKg();
      if (shift != 0) {
        for (int t = 0; t < offer.length; t++) {
          if (offer[t] > 0) {
            offer[t] = Math.max(0, offer[t] + shift);
          }
        }
      }
      producers.add(new Producer(o.id(), o.name(), o.stage(), o.region(), o.owner(), o.status(),
          o.deposit(), cost[p], capacity[p], offer));
    }
    // the producer of each investment rule runs at the rule's operating cost less its subsidy (drawn
    // values included); events applied afterwards may change that
    for (Investment inv : investments) {
      Producer o = producers.get(inv.producer());
      double[] offer = new double[o.capacityT().length];
      java.util.Arrays.fill(offer, Math.max(0, inv.operatingCost() - inv.subsidy()));
      producers.set(inv.producer(), new Producer(o.id(), o.name(), o.stage(), o.region(), o.owner(), o.status(),
          o.deposit(), inv.operatingCost(), o.capacityT(), offer));
    }
    List<Sector> sectors = new ArrayList<>(demand.length);
    for (int s = 0; s < demand.length; s++) {
      Sector o = origin.sectors().get(s);
      sectors.add(new Sector(o.id(), o.name(), demand[s], grade[s], elasticity[s], o.regionShare(),
          o.lifetime(), o.priorInflowT()));
    }
    return new SupplyChain(origin.axis(), origin.regionCodes(), origin.depositCodes(), depositSplit,
        producers, sectors, new MarketParameters(oxideToMetal, oxideRef, oxideCap, magnetRef, magnetCap,
            mfgYield, metalYield, scrapRecovery, origin.market().eolRecycling()), origin.trade(),
        new Dynamics(substitutes, investments), origin.elementMarket(), origin.governance());
  }
}
