package org.lodestone.core.model;

import java.util.Arrays;

/**
 * A facility (or a country aggregate) at one stage of the chain. Immutable; arrays are copied in and
 * out.
 *
 * @param id           unique identifier
 * @param name         display name
 * @param stage        the stage it belongs to
 * @param region       index into {@link SupplyChain#regionCodes()}
 * @param owner        company (used for the company HHI); never {@code null}
 * @param status       published development status
 * @param deposit      for mines, index into the chain's deposit splits; {@code -1} for other stages
 * @param costUsdPerKg unit cash cost per kg of the stage's product (see {@link Stage}); for magnet
 *                     makers the conversion cost excluding rare-earth materials
 * @param capacityT    capacity by year index, in the unit of the stage's product per year, {@code >= 0}
 * @param offerCostT   the cost at which it offers its capacity, by year index, USD/kg: its cash cost,
 *                     less any subsidy, and 0 in years when an offtake price floor makes it run
 *                     whatever the market price ("must-run"); {@code >= 0}
 */
public record Producer(String id, String name, Stage stage, int region, String owner,
    ProducerStatus status, int deposit, double costUsdPerKg, double[] capacityT, double[] offerCostT) {

  /** A producer that offers at its cash cost every year. */
  public Producer(String id, String name, Stage stage, int region, String owner,
      ProducerStatus status, int deposit, double costUsdPerKg, double[] capacityT) {
    this(id, name, stage, region, owner, status, deposit, costUsdPerKg, capacityT,
        constant(capacityT.length, costUsdPerKg));
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  public Producer {
    if (stage == Stage.MINING && deposit < 0) {
      throw new IllegalArgumentException("mine " + id + " needs a deposit type");
    }
    if (!(costUsdPerKg >= 0) || Double.isInfinite(costUsdPerKg)) {
      throw new IllegalArgumentException("producer " + id + ": cost must be finite and >= 0");
    }
    capacityT = capacityT.clone();
    offerCostT = offerCostT.clone();
    if (offerCostT.length != capacityT.length) {
      throw new IllegalArgumentException("producer " + id + ": offer cost path length != capacity path length");
    }
    for (double c : offerCostT) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("producer " + id + ": offer cost must be finite and >= 0");
      }
    }
    for (double c : capacityT) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("producer " + id + ": capacity must be finite and >= 0");
      }
    }
  }

  /** Capacity by year index (a copy). */
  @Override
  public double[] capacityT() {
    return capacityT.clone();
  }

  /** Capacity in year index {@code t}, without copying. */
  public double capacityT(int t) {
    return capacityT[t];
  }

  /** A copy with another capacity path. */
  public Producer withCapacityT(double[] capacity) {
    return new Producer(id, name, stage, region, owner, status, deposit, costUsdPerKg, capacity, offerCostT);
  }

  /** A copy with another offer-cost path. */
  public Producer withOfferCostT(double[] offerCost) {
    return new Producer(id, name, stage, region, owner, status, deposit, costUsdPerKg, capacityT, offerCost);
  }

  /** Offer cost path (a copy). */
  @Override
  public double[] offerCostT() {
    return offerCostT.clone();
  }

  /** Offer cost in year index {@code t}, USD/kg, without copying. */
  public double offerCostT(int t) {
    return offerCostT[t];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Producer p && id.equals(p.id) && name.equals(p.name) && stage == p.stage
        && region == p.region && owner.equals(p.owner) && status == p.status && deposit == p.deposit
        && Double.compare(costUsdPerKg, p.costUsdPerKg) == 0 && Arrays.equals(capacityT, p.capacityT)
        && Arrays.equals(offerCostT, p.offerCostT);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(capacityT);
  }

  @Override
  public String toString() {
    return "Producer[" + id + ", " + stage.code() + ", region " + region + "]";
  }
}
