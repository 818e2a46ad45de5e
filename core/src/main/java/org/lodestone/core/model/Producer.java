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
 */
public record Producer(String id, String name, Stage stage, int region, String owner,
    ProducerStatus status, int deposit, double costUsdPerKg, double[] capacityT) {

  public Producer {
    if (stage == Stage.MINING && deposit < 0) {
      throw new IllegalArgumentException("mine " + id + " needs a deposit type");
    }
    if (!(costUsdPerKg >= 0) || Double.isInfinite(costUsdPerKg)) {
      throw new IllegalArgumentException("producer " + id + ": cost must be finite and >= 0");
    }
    capacityT = capacityT.clone();
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
    return new Producer(id, name, stage, region, owner, status, deposit, costUsdPerKg, capacity);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Producer p && id.equals(p.id) && name.equals(p.name) && stage == p.stage
        && region == p.region && owner.equals(p.owner) && status == p.status && deposit == p.deposit
        && Double.compare(costUsdPerKg, p.costUsdPerKg) == 0 && Arrays.equals(capacityT, p.capacityT);
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
