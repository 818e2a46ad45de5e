package org.lodestone.core.stock;

/**
 * When, within its year, a cohort's inflow arrives; this fixes the age at which the survival function
 * is read. Stocks are always measured at the end of a year. With {@code t} the year index and
 * {@code c} the cohort index (both {@code year − firstYear}), cohort {@code c} is evaluated in year
 * {@code t ≥ c} at age {@code t − c + offset}:
 *
 * <ul>
 *   <li>{@link #END} (offset 0, the default): inflow arrives at the end of its year, so in its own year a
 *       cohort has age 0 and {@code sf(0)} of it is in the year-end stock. ODYM's only convention
 *       ({@code compute_sf}: {@code sf[m, n] = ProbDist.sf(m − n)}). Example: fixed lifetime 5, inflow 1
 *       in year 2020 — ages 0…4 in 2020…2024, sf = 1; age 5 in 2025, sf = 0: it is in stock in 2020–2024
 *       and leaves in 2025. Normal(20, 5) with constant inflow 1: stock → Σ<sub>a≥0</sub> sf(a) ≈ 20.5.
 *   <li>{@link #MIDDLE} (offset ½): inflow arrives mid-year, so the year-end stock holds {@code sf(½)} of it.
 *       flodym's {@code inflow_at="middle"} (its default), whose year bounds lie halfway between the
 *       year labels. Example: normal(20, 5), constant inflow 1: stock → Σ sf(a + ½) ≈ 20.0; fixed lifetime
 *       5 with inflow in 2020: ages 0.5…4.5 in 2020…2024, gone in 2025 (same as {@code END}).
 *   <li>{@link #START} (offset 1): inflow arrives at the start of its year, so it is one year old at the end
 *       of it. flodym's {@code inflow_at="start"}. Example: normal(20, 5), constant inflow 1: stock →
 *       Σ sf(a + 1) ≈ 19.5; fixed lifetime 5 with inflow in 2020: ages 1…4 in 2020…2023, age 5 in 2024,
 *       so it leaves in 2024, a year earlier than with {@code END}.
 * </ul>
 *
 * <p>Source: flodym {@code lifetime_models.py} (pik-piam/flodym): {@code _remaining_ages} = upper bound of
 * year t − inflow time of year c, inflow time = start, middle or end of year c. Thread-safe: an enum.
 */
public enum TimeConvention {
  /** Inflow at the end of its year; age in year t is {@code t − c}. ODYM's convention. */
  END(0.0),
  /** Inflow in the middle of its year; age in year t is {@code t − c + 0.5}. */
  MIDDLE(0.5),
  /** Inflow at the start of its year; age in year t is {@code t − c + 1}. */
  START(1.0);

  private final double ageOffsetYears;

  TimeConvention(double ageOffsetYears) {
    this.ageOffsetYears = ageOffsetYears;
  }

  /** Age, in years, of a cohort in its own year at the year-end stock measurement. */
  public double ageOffsetYears() {
    return ageOffsetYears;
  }

  /**
   * Age in years at which cohort {@code c} is evaluated in year {@code t}.
   *
   * @param t year index, ≥ c
   * @param c cohort index
   */
  public double age(int t, int c) {
    return (t - c) + ageOffsetYears;
  }
}
