package org.lodestone.core.model;

import java.util.Arrays;

/**
 * The end-of-life recycling loop: magnets that leave use in year t − 1 are collected at
 * {@code collectionRate}, processed up to {@code capacityT} (t of magnet a year) and return their rare
 * earths as oxide at {@code recyclingYield} in year t. Immutable.
 *
 * @param collectionRate share of end-of-life magnets collected, in [0, 1]
 * @param recyclingYield share of the collected magnets' rare earths recovered as oxide, in [0, 1]
 * @param capacityT      processing capacity by year index, t magnet per year, {@code >= 0}
 */
public record EolRecycling(double collectionRate, double recyclingYield, double[] capacityT) {

  public EolRecycling {
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
        && recyclingYield == e.recyclingYield && Arrays.equals(capacityT, e.capacityT);
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
