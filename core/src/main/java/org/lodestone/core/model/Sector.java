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
 * @param priorInflowT       magnets put in use in the years before the first year of the axis, t
 *                           magnet per year, oldest first: element {@code i} is year
 *                           {@code firstYear − priorInflowT.length + i}; empty when the stock in use
 *                           starts at zero. These cohorts (at the sector's {@code grade}) are in the
 *                           stock at the start of the run and leave it by the lifetime
 */
public record Sector(String id, String name, double[] referenceDemandT, double[] grade,
    double elasticity, double[] regionShare, org.lodestone.core.stock.LifetimeModel lifetime,
    double[] priorInflowT) {

  private static final double[] NONE = new double[0];

  /** A sector without a lifetime model. */
  public Sector(String id, String name, double[] referenceDemandT, double[] grade, double elasticity,
      double[] regionShare) {
    this(id, name, referenceDemandT, grade, elasticity, regionShare, null, NONE);
  }

  /** A sector whose stock in use starts at zero in the first year. */
  public Sector(String id, String name, double[] referenceDemandT, double[] grade, double elasticity,
      double[] regionShare, org.lodestone.core.stock.LifetimeModel lifetime) {
    this(id, name, referenceDemandT, grade, elasticity, regionShare, lifetime, NONE);
  }

  /** A copy with another reference demand path. */
  public Sector withReferenceDemandT(double[] demand) {
    return new Sector(id, name, demand, grade, elasticity, regionShare, lifetime, priorInflowT);
  }

  /** A copy with magnets put in use before the first year ({@code priorInflowT}, oldest first). */
  public Sector withPriorInflowT(double[] inflow) {
    return new Sector(id, name, referenceDemandT, grade, elasticity, regionShare, lifetime, inflow);
  }

  public Sector {
    referenceDemandT = referenceDemandT.clone();
    grade = grade.clone();
    regionShare = regionShare.clone();
    priorInflowT = priorInflowT == null ? NONE : priorInflowT.clone();
    for (double d : priorInflowT) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("sector " + id + ": inflow before the first year must be finite and >= 0");
      }
    }
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
  public double[] priorInflowT() {
    return priorInflowT.clone();
  }

  /** Number of years of inflow before the first year of the axis. */
  public int priorYears() {
    return priorInflowT.length;
  }

  /**
   * Inflow in the year {@code k} years before the first year ({@code k} = 1 is the year before),
   * t magnet; 0 beyond the recorded years.
   */
  public double priorInflowT(int k) {
    int i = priorInflowT.length - k;
    return i >= 0 && k >= 1 ? priorInflowT[i] : 0;
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
        && java.util.Objects.equals(lifetime, s.lifetime) && Arrays.equals(priorInflowT, s.priorInflowT);
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
