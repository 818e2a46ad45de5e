package org.lodestone.core.stock;

import java.util.Arrays;

/**
 * Stock-driven dynamic stock model: given a target year-end stock for every series, finds the inflow
 * that produces it. The stock is lower-triangular (Toeplitz when lifetimes are constant across
 * cohorts) in the inflow, {@code stock[t] = Σ_{c ≤ t} inflow[c] · sf_c[t − c]}, so the inflow follows by
 * forward substitution, year by year (ODYM {@code compute_stock_driven_model}):
 *
 * <pre>  inflow[m] = (target[m] − Σ_{c &lt; m} inflow[c] · sf_c[m − c]) / sf_m[0]</pre>
 *
 * The sum is kept up to date as a running "existing stock" array: after inflow[m] is known its whole
 * future, {@code inflow[m] · sf_m[0 .. nYears − m)}, is added in one vectorisable loop.
 *
 * <p><b>Initial stock</b> ({@link InitialStock}): the first {@code k} year indices are historic
 * cohorts whose stock at the end of year {@code k − 1} is given by cohort; their inflow is rebuilt as
 * {@code stock_c / sf_c[k − 1 − c]} and the target applies from year {@code k} on (ODYM
 * {@code compute_stock_driven_model_initialstock}, SwitchTime = k + 1). Stocks in years before {@code k}
 * are those of the rebuilt cohorts.
 *
 * <p><b>Negative-inflow correction</b> (ODYM's {@code NegativeInflowCorrect}, by S. Deetman and S.
 * Pauliuk): when the existing cohorts alone exceed the target in year m, the inflow is set to 0 and every
 * existing cohort is shrunk by the same share {@code (existing − target)/existing} in year m and all
 * later years; the removed material is outflow of year m. Without the correction the inflow comes out
 * negative, as in ODYM.
 *
 * <p><b>Years that cannot meet their target</b> are reported, not papered over: when a cohort keeps
 * nothing in its own year ({@code sf_m[0] = 0}, e.g. a degenerate lifetime) and the gap is not zero, or
 * when the target is negative under the correction, the inflow is set to 0, the stock is what the
 * existing cohorts give, and {@link StockResult#isUnmet} is true for that year. ODYM silently returns 0
 * there. Likewise an initial-stock cohort whose survival to year k − 1 is 0 but whose stock is not.
 *
 * <p><b>Indices.</b> Flat, time slowest: {@code [t * nSeries + s]}, {@code t = year − firstYear}.
 * Stateless apart from its table: thread-safe.
 */
public final class StockDrivenModel {
  /** Relative size of a gap treated as zero when no inflow can close it. */
  public static final double GAP_RELATIVE_TOLERANCE = 1e-12;

  private final SurvivalTable table;
  private final boolean negativeInflowCorrection;

  /**
   * @param table                    survival curves for every series and cohort
   * @param negativeInflowCorrection apply ODYM's negative-inflow correction
   */
  public StockDrivenModel(SurvivalTable table, boolean negativeInflowCorrection) {
    this.table = table;
    this.negativeInflowCorrection = negativeInflowCorrection;
  }

  /**
   * Age-structured stock at the end of year index {@code cohorts − 1}.
   *
   * @param cohorts        number k of historic cohorts, year indices 0 … k − 1; 0 ≤ k ≤ nYears
   * @param stockByCohort  stock of cohort c of series s at {@code [c * nSeries + s]}, length k · nSeries
   */
  public record InitialStock(int cohorts, double[] stockByCohort) {
    public InitialStock {
      if (cohorts < 0) {
        throw new IllegalArgumentException("cohorts must be >= 0, got " + cohorts);
      }
      stockByCohort = stockByCohort.clone();
    }

    @Override
    public double[] stockByCohort() {
      return stockByCohort.clone();
    }
  }

  /** Runs the model with no initial stock. */
  public StockResult run(double[] targetStock) {
    return run(targetStock, null);
  }

  /**
   * Runs the model with no initial stock on {@code threads} threads, each with a fixed share of the
   * series: the result is the same bits as {@link #run(double[])}.
   *
   * @param targetStock target year-end stock, {@code [t * nSeries + s]}, finite
   * @param threads     threads to use, ≥ 1 (the caller's thread is one of them)
   */
  public StockResult run(double[] targetStock, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (negativeInflowCorrection || !table.allConstantAcrossCohorts()) {
      return run(targetStock, null);
    }
    int n = table.nYears();
    int m = table.nSeries();
    StockModels.requireFinite("targetStock", targetStock, n * m);
    return solveBlocks(targetStock, threads);
  }

  /**
   * Forward substitution on blocks of series, one lifetime per series (see {@code StockModels}). For four
   * years t … t + 3 at a time, the contributions of the cohorts before t are accumulated together; then
   * each year is solved in turn and its cohort added to the later years' sums, so every sum runs over
   * cohorts in increasing order, as in the per-series loop.
   */
  private StockResult solveBlocks(double[] targetStock, int threads) {
    int n = table.nYears();
    int m = table.nSeries();
    double[] inflow = new double[n * m];
    double[] stock = new double[n * m];
    boolean[] unmet = new boolean[n * m];
    StockModels.forEachBlock(table, threads, (block, s0) -> {
      int w1 = block.width;
      double[][] in = block.in;
      double[][] sf = block.sf;
      int t = 0;
      for (; t < n; t += 4) {
        int kMax = Math.min(4, n - t);
        if (kMax == 4) {
          block.accumulate4(t);
        } else {
          for (int k = 0; k < kMax; k++) {
            java.util.Arrays.fill(block.acc[k], 0, w1, 0.0);
            for (int c = 0; c < t; c++) {
              StockModels.mac(block.acc[k], in[c], sf[t + k - c], w1);
            }
          }
        }
        for (int k = 0; k < kMax; k++) {
          double[] acc = block.acc[k];
          for (int c = t; c < t + k; c++) {
            StockModels.mac(acc, in[c], sf[t + k - c], w1);
          }
          int row = (t + k) * m + s0;
          double[] x = in[t + k];
          double[] f0 = sf[0];
          for (int w = 0; w < w1; w++) {
            double target = targetStock[row + w];
            double have = acc[w];
            double gap = target - have;
            double inflowW = 0.0;
            if (f0[w] != 0.0) {
              inflowW = gap / f0[w];
            } else if (Math.abs(gap) > GAP_RELATIVE_TOLERANCE * Math.max(Math.abs(target), Math.abs(have))) {
              unmet[row + w] = true;
            }
            x[w] = inflowW;
            stock[row + w] = have + inflowW * f0[w];
          }
          System.arraycopy(x, 0, inflow, row, w1);
        }
      }
    });
    return new StockResult(table, inflow, stock, null, unmet);
  }

  /**
   * Runs the model.
   *
   * @param targetStock  target year-end stock, {@code [t * nSeries + s]}, finite; ignored for years
   *                     before {@code initial.cohorts()}
   * @param initialStock historic cohorts, or {@code null}
   * @return inflow, realised stock, outflow and stock change; see {@link StockResult#isUnmet}
   */
  public StockResult run(double[] targetStock, InitialStock initialStock) {
    int n = table.nYears();
    int m = table.nSeries();
    StockModels.requireFinite("targetStock", targetStock, n * m);
    int k = initialStock == null ? 0 : initialStock.cohorts();
    double[] init = initialStock == null ? new double[0] : initialStock.stockByCohort;
    if (k > n) {
      throw new IllegalArgumentException("initial stock has " + k + " cohorts, more than the " + n + " years");
    }
    StockModels.requireFinite("initialStock", init, k * m);
    if (k == 0 && !negativeInflowCorrection && table.allConstantAcrossCohorts()) {
      return solveBlocks(targetStock, 1);
    }

    double[] targetBySeries = new double[n * m];
    StockModels.transpose(targetStock, n, m, targetBySeries);
    double[] inflowBySeries = new double[n * m];
    double[] stockBySeries = new double[n * m];
    double[] retained = new double[n * m];
    Arrays.fill(retained, 1.0);
    boolean[] unmet = new boolean[n * m];
    double[] existing = new double[n];
    double[] in = new double[n];
    int[] ids = table.curveIdsInternal();

    for (int s = 0; s < m; s++) {
      Arrays.fill(existing, 0.0);
      for (int c = 0; c < k; c++) {
        double[] f = table.sfInternal(ids[c * m + s]);
        double x0 = init[c * m + s];
        double surv = f[k - 1 - c];
        double x = 0.0;
        if (surv != 0.0) {
          x = x0 / surv;
        } else if (x0 != 0.0) {
          unmet[c * m + s] = true;
        }
        in[c] = x;
        if (x != 0.0) {
          StockModels.axpy(x, f, existing, c, n - c);
        }
      }
      for (int t = k; t < n; t++) {
        double[] f = table.sfInternal(ids[t * m + s]);
        double target = targetBySeries[s * n + t];
        double have = existing[t];
        double gap = target - have;
        double x = 0.0;
        if (negativeInflowCorrection && gap < 0.0) {
          if (target < 0.0 || have <= 0.0) {
            unmet[t * m + s] = true;
          } else {
            double keep = target / have;
            for (int u = t; u < n; u++) {
              existing[u] *= keep;
            }
            existing[t] = target;
            retained[t * m + s] = keep;
          }
        } else {
          double f0 = f[0];
          if (f0 != 0.0) {
            x = gap / f0;
          } else if (Math.abs(gap) > GAP_RELATIVE_TOLERANCE * Math.max(Math.abs(target), Math.abs(have))) {
            unmet[t * m + s] = true;
          }
          if (x != 0.0) {
            StockModels.axpy(x, f, existing, t, n - t);
          }
        }
        in[t] = x;
      }
      System.arraycopy(in, 0, inflowBySeries, s * n, n);
      System.arraycopy(existing, 0, stockBySeries, s * n, n);
    }
    double[] inflow = new double[n * m];
    double[] stock = new double[n * m];
    StockModels.transpose(inflowBySeries, m, n, inflow);
    StockModels.transpose(stockBySeries, m, n, stock);
    return new StockResult(table, inflow, stock, retained, unmet);
  }
}
