package org.lodestone.core.metrics;

/**
 * Market concentration of a stage: the Herfindahl–Hirschman index and top shares.
 *
 * <p>HHI = Σ_i (100 · s_i)², on the 0–10,000 scale used by the US DOJ/FTC Horizontal Merger
 * Guidelines (2023, §2.1); s_i is holder i's share of the stage's output.
 */
public final class Concentration {
  private Concentration() {
  }

  /**
   * HHI of the amounts held by each holder (country or company), 0–10,000; {@code NaN} when the
   * total is zero.
   */
  public static double hhi(double[] amounts) {
    double total = total(amounts);
    if (!(total > 0)) {
      return Double.NaN;
    }
    double h = 0;
    for (double a : amounts) {
      double s = 100 * a / total;
      h += s * s;
    }
    return h;
  }

  /** Share of holder {@code i} in [0, 1]; {@code NaN} when the total is zero. */
  public static double share(double[] amounts, int i) {
    double total = total(amounts);
    return total > 0 ? amounts[i] / total : Double.NaN;
  }

  /** Σ amounts, summed in index order (the denominator of every share here). */
  static double total(double[] amounts) {
    double total = 0;
    for (double a : amounts) {
      total += a;
    }
    return total;
  }
}
