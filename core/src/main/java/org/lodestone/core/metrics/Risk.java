package org.lodestone.core.metrics;

import org.lodestone.core.engine.MassBalance;

/**
 * Risk measures for the tidy results: import reliance, top shares, days of cover and price
 * volatility. Pure functions on primitive arrays; thread-safe.
 *
 * <p>Definitions (the README's metric table states the same):
 * <ul>
 *   <li><b>import reliance</b> of a region for a product: net imports over apparent consumption,
 *       IR = (imports − exports) / (production + imports − exports), clipped to [0, 1] — a net
 *       exporter relies on no imports (0), and a region that makes none of what it uses relies on
 *       imports wholly (1). This is the definition of the EU criticality method (Blengini et al.
 *       2017, "Methodology for establishing the EU list of critical raw materials: guidelines",
 *       §4.2.3), which also bounds it to 0–100 %. Undefined (NaN) where apparent consumption is not
 *       positive, counting a consumption within the balance tolerance of the flows it is the
 *       difference of as zero ({@link #importReliance}).</li>
 *   <li><b>top shares</b>: the largest (top 1) and the sum of the three largest (top 3) holders'
 *       shares of a stage's output, in [0, 1] (the concentration ratios CR1 and CR3).</li>
 *   <li><b>days of cover</b>: a holding divided by the holder's use per day, 365 days a year.</li>
 *   <li><b>volatility</b>: the sample standard deviation (n − 1) of the annual log price changes
 *       ln(p_y / p_{y−1}) over a trailing window of {@link #VOLATILITY_YEARS} changes ending in the
 *       year (Hull, "Options, Futures, and Other Derivatives", §15.4, estimating volatility from
 *       historical data, with annual instead of daily observations, so not annualised further).</li>
 * </ul>
 */
public final class Risk {
  /** Number of annual log price changes in the trailing volatility window (6 prices). */
  public static final int VOLATILITY_YEARS = 5;
  /** Days in a year, for days of cover. */
  public static final double DAYS_PER_YEAR = 365;

  private Risk() {
  }

  /**
   * Import reliance, clipped to [0, 1]; NaN when apparent consumption
   * ({@code production + imports - exports}) is not positive. A consumption within the mass balance's
   * tolerance ({@link MassBalance#isResidue}) of {@code production + imports + exports} (or of 1 t) counts as
   * zero: a solver leaves a region that exports all its 49,331 t of ore (Myanmar on regional markets)
   * or imports 1e-12 t of it with a residue of either sign, and the residue must not decide whether
   * the region has an import reliance (and a supply risk) or which one.
   *
   * @param production t produced in the region
   * @param imports    t imported
   * @param exports    t exported
   */
  public static double importReliance(double production, double imports, double exports) {
    return importReliance(production, imports, exports, 0);
  }

  /**
   * {@link #importReliance(double, double, double)} with the tolerance also relative to {@code scale}
   * (t), the world's flow of the product: a trade solver's flows are exact to a share of the world's
   * flows, not of one region's, and leaves 1e-9 t of ore "imported" by a region with no mines and no
   * use of ore (Russia in quota-crisis-2010's 2016), which is no reliance on imports.
   */
  public static double importReliance(double production, double imports, double exports, double scale) {
    double consumption = production + imports - exports;
    if (!(consumption > 0)
        || MassBalance.isResidue(consumption, Math.max(Math.max(production + imports + exports, scale), 1))) {
      return Double.NaN;
    }
    double net = imports - exports;
    return Math.max(0, Math.min(1, net / consumption));
  }

  /**
   * Share of the {@code k} largest holders in the total, in [0, 1]; NaN when the total is zero.
   * Does not modify {@code amounts}.
   */
  public static double topShare(double[] amounts, int k) {
    double total = Concentration.total(amounts);
    if (!(total > 0)) {
      return Double.NaN;
    }
    // the k largest, largest first, in the order of Arrays.sort (Double.compare): the same values
    // summed in the same order as over a sorted copy, without sorting the whole array
    int kk = Math.max(0, Math.min(k, amounts.length));
    double[] best = new double[kk];
    int filled = 0;
    for (double a : amounts) {
      if (filled == kk && (kk == 0 || Double.compare(a, best[kk - 1]) <= 0)) {
        continue;
      }
      int j = filled < kk ? filled++ : kk - 1;
      while (j > 0 && Double.compare(a, best[j - 1]) > 0) {
        best[j] = best[j - 1];
        j--;
      }
      best[j] = a;
    }
    double top = 0;
    for (int i = 0; i < kk; i++) {
      top += best[i];
    }
    return top / total;
  }

  /**
   * Days of use a holding covers: {@code heldT / (useTPerYear / 365)}; NaN when use is not positive.
   */
  public static double daysOfCover(double heldT, double useTPerYear) {
    return useTPerYear > 0 ? heldT / (useTPerYear / DAYS_PER_YEAR) : Double.NaN;
  }

  /** Annual log price change ln(p / previous); NaN unless both prices are positive. */
  public static double logChange(double previous, double price) {
    return previous > 0 && price > 0 ? Math.log(price / previous) : Double.NaN;
  }

  /**
   * Volatility in year index {@code t} of a price series {@code prices[t0 + stride * i]}: the sample
   * standard deviation of the {@link #VOLATILITY_YEARS} log changes ending at {@code t}. NaN when
   * the window starts before the series or any price in it is not positive.
   *
   * @param prices flat array, year slowest
   * @param t      year index of the window's last price
   * @param stride values per year in {@code prices}
   * @param offset position of the series within a year
   */
  public static double volatility(double[] prices, int t, int stride, int offset) {
    int n = VOLATILITY_YEARS;
    if (t < n) {
      return Double.NaN;
    }
    double[] changes = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      int y = t - n + 1 + i;
      double c = logChange(prices[(y - 1) * stride + offset], prices[y * stride + offset]);
      if (Double.isNaN(c)) {
        return Double.NaN;
      }
      changes[i] = c;
      mean += c;
    }
    mean /= n;
    double ss = 0;
    for (double c : changes) {
      ss += (c - mean) * (c - mean);
    }
    return Math.sqrt(ss / (n - 1));
  }
}
