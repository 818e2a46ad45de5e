package org.lodestone.core.model;

import java.util.Arrays;

/**
 * An end-use sector of NdFeB magnets. Immutable; arrays are copied in and out.
 *
 * @param id                 unique identifier
 * @param name               display name
 * @param referenceDemandT   magnet demand at the reference magnet price, t magnet per year, by year
 *                           index (driver units × magnet intensity)
 * @param grade              mass fraction of each {@link Element} in the finished magnet, by element
 *                           index, each in [0, 1), summing to below 1
 * @param elasticity         constant price elasticity of magnet demand, {@code <= 0}
 * @param regionShare        share of the sector's demand in each region (index as
 *                           {@link SupplyChain#regionCodes()}), summing to 1
 * @param lifetime           how long the sector's products stay in use, or {@code null} when unknown
 *                           (then no stock in use is reported for it)
 */
public record Sector(String id, String name, double[] referenceDemandT, double[] grade,
    double elasticity, double[] regionShare, org.lodestone.core.stock.LifetimeModel lifetime) {

  /** A sector without a lifetime model. */
  public Sector(String id, String name, double[] referenceDemandT, double[] grade, double elasticity,
      double[] regionShare) {
    this(id, name, referenceDemandT, grade, elasticity, regionShare, null);
  }

  /** A copy with another reference demand path. */
  public Sector withReferenceDemandT(double[] demand) {
    return new Sector(id, name, demand, grade, elasticity, regionShare, lifetime);
  }

  public Sector {
    referenceDemandT = referenceDemandT.clone();
    grade = grade.clone();
    regionShare = regionShare.clone();
    for (double d : referenceDemandT) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("sector " + id + ": demand must be finite and >= 0");
      }
    }
    if (grade.length != Element.COUNT) {
      throw new IllegalArgumentException("sector " + id + ": grade needs " + Element.COUNT + " shares");
    }
    double g = 0;
    for (double x : grade) {
      if (!(x >= 0 && x < 1)) {
        throw new IllegalArgumentException("sector " + id + ": grade shares must be in [0, 1)");
      }
      g += x;
    }
    if (g >= 1) {
      throw new IllegalArgumentException("sector " + id + ": grade shares sum to " + g + " >= 1");
    }
    if (!(elasticity <= 0) || Double.isInfinite(elasticity)) {
      throw new IllegalArgumentException("sector " + id + ": elasticity must be <= 0");
    }
    double s = 0;
    for (double x : regionShare) {
      if (!(x >= 0)) {
        throw new IllegalArgumentException("sector " + id + ": region shares must be >= 0");
      }
      s += x;
    }
    if (Math.abs(s - 1) > 1e-9) {
      throw new IllegalArgumentException("sector " + id + ": region shares sum to " + s + ", not 1");
    }
  }

  @Override
  public double[] referenceDemandT() {
    return referenceDemandT.clone();
  }

  /** Reference demand in year index {@code t}, without copying. */
  public double referenceDemandT(int t) {
    return referenceDemandT[t];
  }

  @Override
  public double[] grade() {
    return grade.clone();
  }

  /** Mass fraction of element {@code e} in this sector's magnets. */
  public double grade(int e) {
    return grade[e];
  }

  @Override
  public double[] regionShare() {
    return regionShare.clone();
  }

  /** Share of demand in region {@code r}. */
  public double regionShare(int r) {
    return regionShare[r];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sector s && id.equals(s.id) && name.equals(s.name)
        && Arrays.equals(referenceDemandT, s.referenceDemandT) && Arrays.equals(grade, s.grade)
        && Double.compare(elasticity, s.elasticity) == 0 && Arrays.equals(regionShare, s.regionShare)
        && java.util.Objects.equals(lifetime, s.lifetime);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(referenceDemandT);
  }

  @Override
  public String toString() {
    return "Sector[" + id + "]";
  }
}
