package org.lodestone.core.stock;

/**
 * Inflow-driven dynamic stock model: given the inflow of every series, the stock by cohort is
 * {@code s_c[t, c] = inflow[c] · sf_c(t − c)} (ODYM {@code compute_s_c_inflow_driven}), the stock is its
 * sum over cohorts, a convolution of the inflow with the survival curve by age:
 *
 * <pre>  stock[t] = Σ_{c ≤ t} inflow[c] · sf_c[t − c]</pre>
 *
 * and the outflow follows from the balance {@code outflow = inflow − (stock[t] − stock[t − 1])}
 * (ODYM {@code compute_outflow_mb}); it equals ODYM's sum of outflow by cohort.
 *
 * <p><b>Indices.</b> Inputs and outputs are flat, time slowest: {@code [t * nSeries + s]}, with
 * {@code t = year − firstYear}. Units are those of the input (per year for flows).
 *
 * <p><b>Cost.</b> {@code nSeries · nYears² / 2} multiply-adds. When every series has one lifetime for all
 * cohorts (the usual case) they run as vectorised loops across blocks of series (see {@code StockModels});
 * otherwise as one axpy per cohort and series. Either way each stock is summed over cohorts in increasing
 * order, so the result is the same bits on any number of threads. A degenerate lifetime (sf ≡ 0) puts
 * nothing in stock: all of the inflow leaves in its own year.
 *
 * <p>Stateless apart from its table: thread-safe; each call allocates its own scratch arrays.
 */
public final class InflowDrivenModel {
  private final SurvivalTable table;

  /** @param table survival curves and cohort-to-curve map for every series */
  public InflowDrivenModel(SurvivalTable table) {
    this.table = table;
  }

  /**
   * Runs the model.
   *
   * @param inflow inflow, {@code [t * nSeries + s]}, finite
   * @return the result; outflow and stock change by mass balance
   * @throws IllegalArgumentException if the length is wrong or a value is not finite
   */
  public StockResult run(double[] inflow) {
    return run(inflow, 1);
  }

  /**
   * Runs the model on {@code threads} threads, each with a fixed share of the series: the result is the
   * same bits as {@link #run(double[])}.
   *
   * @param inflow  inflow, {@code [t * nSeries + s]}, finite
   * @param threads threads to use, ≥ 1 (the caller's thread is one of them)
   * @return the result; outflow and stock change by mass balance
   * @throws IllegalArgumentException if the length is wrong, a value is not finite or threads &lt; 1
   */
  public StockResult run(double[] inflow, int threads) {
    int n = table.nYears();
    int m = table.nSeries();
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    StockModels.requireFinite("inflow", inflow, n * m);
    if (table.allConstantAcrossCohorts()) {
      double[] stock = new double[n * m];
      StockModels.forEachBlock(table, threads, (block, s0) -> {
        block.loadInflow(inflow, m);
        block.convolve(stock, m);
      });
      return new StockResult(table, inflow.clone(), stock, null, null);
    }
    double[] inBySeries = new double[n * m];
    StockModels.transpose(inflow, n, m, inBySeries);
    double[] stockBySeries = new double[n * m];
    int[] ids = table.curveIdsInternal();
    for (int s = 0; s < m; s++) {
      int base = s * n;
      for (int c = 0; c < n; c++) {
        double x = inBySeries[base + c];
        if (x != 0.0) {
          StockModels.axpy(x, table.sfInternal(ids[c * m + s]), stockBySeries, base + c, n - c);
        }
      }
    }
    double[] stock = new double[n * m];
    StockModels.transpose(stockBySeries, m, n, stock);
    return new StockResult(table, inflow.clone(), stock, null, null);
  }
}
