package org.lodestone.core.stock;

/**
 * The outcome of an inflow-driven or stock-driven run for many series: inflow, outflow, stock and stock
 * change by year, plus what is needed to rebuild the tables by cohort on demand.
 *
 * <p><b>Units.</b> Whatever unit the input carries (tonnes or units of product per year for flows,
 * tonnes or units for stocks); the model is linear and unit-free. <b>Indices.</b> Flat arrays with time
 * slowest: value of series {@code s} in year index {@code t} at {@code [t * nSeries + s]}.
 *
 * <p><b>Invariants.</b> For every series and year, {@code inflow − outflow − stockChange = 0} up to
 * rounding, with {@code stockChange[0] = stock[0]} (the stock starts empty before the first year, as in
 * ODYM's {@code compute_stock_change}). Outflow is obtained by this balance, as in ODYM's
 * {@code compute_outflow_mb}; it equals the sum of the outflow by cohort, {@link #cohortOutflow}, which
 * is built from the pdf independently. Stocks by cohort are
 * {@code inflow[c] · sf_c(t − c) · Π_{c<k≤t} retained[k]}, where {@code retained[k] < 1} only in years in
 * which the negative-inflow correction shrank the existing cohorts.
 *
 * <p>Immutable: accessors return copies; thread-safe.
 */
public final class StockResult {
  private final SurvivalTable table;
  private final double[] inflow;
  private final double[] outflow;
  private final double[] stock;
  private final double[] stockChange;
  private final double[] retainedShare;
  private final boolean[] unmet;

  /**
   * Takes ownership of the arrays. {@code retainedShare == null} means 1 everywhere, {@code unmet == null}
   * false everywhere (saves two nYears × nSeries arrays on runs that need neither).
   */
  StockResult(SurvivalTable table, double[] inflow, double[] stock, double[] retainedShare,
      boolean[] unmet) {
    this.table = table;
    this.inflow = inflow;
    this.stock = stock;
    this.retainedShare = retainedShare;
    this.unmet = unmet;
    int n = table.nYears();
    int m = table.nSeries();
    this.stockChange = new double[n * m];
    this.outflow = new double[n * m];
    for (int s = 0; s < m; s++) {
      stockChange[s] = stock[s];
      outflow[s] = inflow[s] - stockChange[s];
    }
    for (int t = 1; t < n; t++) {
      int row = t * m;
      int prev = row - m;
      for (int s = 0; s < m; s++) {
        double ds = stock[row + s] - stock[prev + s];
        stockChange[row + s] = ds;
        outflow[row + s] = inflow[row + s] - ds;
      }
    }
  }

  public int nYears() {
    return table.nYears();
  }

  public int nSeries() {
    return table.nSeries();
  }

  /** The survival table used. */
  public SurvivalTable table() {
    return table;
  }

  /** Inflow, {@code [t * nSeries + s]}, a copy. */
  public double[] inflow() {
    return inflow.clone();
  }

  /** Outflow, {@code [t * nSeries + s]}, a copy. */
  public double[] outflow() {
    return outflow.clone();
  }

  /** Year-end stock, {@code [t * nSeries + s]}, a copy. */
  public double[] stock() {
    return stock.clone();
  }

  /** Stock change {@code stock[t] − stock[t − 1]} ({@code stock[0]} for t = 0), a copy. */
  public double[] stockChange() {
    return stockChange.clone();
  }

  public double inflow(int s, int t) {
    return inflow[t * nSeries() + s];
  }

  public double outflow(int s, int t) {
    return outflow[t * nSeries() + s];
  }

  public double stock(int s, int t) {
    return stock[t * nSeries() + s];
  }

  public double stockChange(int s, int t) {
    return stockChange[t * nSeries() + s];
  }

  /**
   * Share of the existing cohorts kept in year {@code t} by the negative-inflow correction (1 when it
   * did not act).
   */
  public double retainedShare(int s, int t) {
    return retainedShare == null ? 1.0 : retainedShare[t * nSeries() + s];
  }

  /**
   * True when the stock-driven model could not meet the target (or, for an initial-stock cohort, could
   * not reconstruct the cohort) in year {@code t}: the lifetime leaves nothing in stock in the year of
   * inflow (sf = 0), so no inflow can raise the stock; or the target is negative. Always false for an
   * inflow-driven run.
   */
  public boolean isUnmet(int s, int t) {
    return unmet != null && unmet[t * nSeries() + s];
  }

  /** True when some series misses its target in some year; see {@link #isUnmet}. */
  public boolean hasUnmetYears() {
    if (unmet == null) {
      return false;
    }
    for (boolean b : unmet) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stock by cohort of one series, {@code [t * nYears + c]} (zero for c &gt; t), computed on demand.
   *
   * @param s series index
   */
  public double[] cohortStock(int s) {
    int n = nYears();
    int m = nSeries();
    double[] out = new double[n * n];
    int[] ids = table.curveIdsInternal();
    for (int c = 0; c < n; c++) {
      double x = inflow[c * m + s];
      double[] f = table.sfInternal(ids[c * m + s]);
      double factor = 1.0;
      for (int t = c; t < n; t++) {
        if (t > c) {
          factor *= retainedShare == null ? 1.0 : retainedShare[t * m + s];
        }
        out[t * n + c] = x * f[t - c] * factor;
      }
    }
    return out;
  }

  /**
   * Outflow by cohort of one series, {@code [t * nYears + c]}: for t = c the part of the inflow not in
   * the year-end stock, for t &gt; c the decrease of the cohort's stock (ODYM
   * {@code compute_o_c_from_s_c}).
   *
   * @param s series index
   */
  public double[] cohortOutflow(int s) {
    int n = nYears();
    double[] sc = cohortStock(s);
    double[] out = new double[n * n];
    for (int c = 0; c < n; c++) {
      out[c * n + c] = inflow[c * nSeries() + s] - sc[c * n + c];
      for (int t = c + 1; t < n; t++) {
        out[t * n + c] = sc[(t - 1) * n + c] - sc[t * n + c];
      }
    }
    return out;
  }
}
