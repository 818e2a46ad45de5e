package org.lodestone.core.stock;

import java.util.Arrays;

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
 * <p><b>Cost.</b> {@code nSeries · nYears² / 2} multiply-adds, as {@code nYears} axpy loops per series
 * over contiguous arrays of one series (which the JIT vectorises); survival is read from the table's
 * curves by age, computed once per distinct parameter set. A degenerate lifetime (sf ≡ 0) puts
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
    int n = table.nYears();
    int m = table.nSeries();
    StockModels.requireFinite("inflow", inflow, n * m);
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
    double[] retained = new double[n * m];
    Arrays.fill(retained, 1.0);
    return new StockResult(table, inflow.clone(), stock, retained, new boolean[n * m]);
  }
}
