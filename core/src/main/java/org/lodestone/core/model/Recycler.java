package org.lodestone.core.model;

import java.util.Arrays;

/**
 * A plant of the end-of-life loop: it processes collected end-of-life magnets (t magnet a year, up to
 * its capacity) when the oxide it recovers is worth its cash cost, and returns the oxide to its own
 * region's market. Immutable.
 *
 * @param id           unique among recyclers
 * @param name         display name
 * @param region       index into {@link SupplyChain#regionCodes()}
 * @param owner        company
 * @param capacityT    processing capacity by year index, t magnet per year, {@code >= 0}
 * @param costUsdPerKg cash cost per kg of magnet processed, USD, {@code >= 0}
 */
public record Recycler(String id, String name, int region, String owner, double[] capacityT, double costUsdPerKg) {

  public Recycler {
    capacityT = capacityT.clone();
    for (double c : capacityT) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("recycler " + id + ": capacity must be finite and >= 0");
      }
    }
    if (!(costUsdPerKg >= 0) || Double.isInfinite(costUsdPerKg)) {
      throw new IllegalArgumentException("recycler " + id + ": cost must be finite and >= 0");
    }
  }

  @Override
  public double[] capacityT() {
    return capacityT.clone();
  }

  /** Capacity in year index t, t magnet, without copying. */
  public double capacityT(int t) {
    return capacityT[t];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recycler r && id.equals(r.id) && name.equals(r.name) && region == r.region
        && owner.equals(r.owner) && Arrays.equals(capacityT, r.capacityT) && costUsdPerKg == r.costUsdPerKg;
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(capacityT);
  }

  @Override
  public String toString() {
    return "Recycler[" + id + ", region " + region + "]";
  }
}
