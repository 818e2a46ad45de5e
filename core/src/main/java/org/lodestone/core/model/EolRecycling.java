package org.lodestone.core.model;

import java.util.Arrays;

/**
 * The end-of-life recycling loop: magnets that leave use in year t − 1 are collected at
 * {@code collectionRate} and processed in year t, returning their rare earths as oxide at
 * {@code recyclingYield}: first by the generic capacity {@code capacityT} (at no cost, the oxide coming
 * back in the regions where the magnets were used), then by the {@link Recycler}s in merit order, each
 * running while the oxide it recovers is worth its cash cost. Immutable.
 *
 * @param collectionRate share of end-of-life magnets collected, in [0, 1]
 * @param recyclingYield share of the collected magnets' rare earths recovered as oxide, in [0, 1]
 * @param capacityT      generic processing capacity by year index, t magnet per year, {@code >= 0}
 * @param recyclers      recycling plants with their own capacities and costs
 */
public record EolRecycling(double collectionRate, double recyclingYield, double[] capacityT,
    java.util.List<Recycler> recyclers) {

  /** Generic capacity only, no recycling plants. */
  public EolRecycling(double collectionRate, double recyclingYield, double[] capacityT) {
    this(collectionRate, recyclingYield, capacityT, java.util.List.of());
  }

  public EolRecycling {
    recyclers = java.util.List.copyOf(recyclers);
    if (!(collectionRate >= 0 && collectionRate <= 1) || !(recyclingYield >= 0 && recyclingYield <= 1)) {
      throw new IllegalArgumentException("collection rate and recycling yield must be in [0, 1]");
    }
    capacityT = capacityT.clone();
    for (double c : capacityT) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("recycling capacity must be finite and >= 0");
      }
    }
  }

  @Override
  public double[] capacityT() {
    return capacityT.clone();
  }

  /** Processing capacity in year index t, t magnet. */
  public double capacityT(int t) {
    return capacityT[t];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EolRecycling e && collectionRate == e.collectionRate
        && recyclingYield == e.recyclingYield && Arrays.equals(capacityT, e.capacityT)
        && recyclers.equals(e.recyclers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(capacityT);
  }

  @Override
  public String toString() {
    return "EolRecycling[collection=" + collectionRate + ", yield=" + recyclingYield + "]";
  }
}
