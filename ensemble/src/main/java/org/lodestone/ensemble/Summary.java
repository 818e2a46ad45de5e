package org.lodestone.ensemble;

import java.util.Arrays;
import java.util.List;
import org.lodestone.core.results.ResultVector;

/**
 * Percentile bands and means of every key of an ensemble. Per key: the draws whose value is defined
 * (not NaN) are counted, sorted and read at the 5th, 25th, 50th, 75th and 95th percentiles with
 * linear interpolation between order statistics (Hyndman &amp; Fan 1996, definition 7: position
 * {@code (n - 1) p}); the mean sums the defined values in draw order. Each key is computed on its own
 * in a fixed order, so the result is bit-identical however the draws were run.
 */
public final class Summary {
  /** The reported probabilities, in column order. */
  public static final double[] LEVELS = {0.05, 0.25, 0.50, 0.75, 0.95};
  /** Column names of {@link #LEVELS} then the mean. */
  public static final List<String> COLUMNS = List.of("p05", "p25", "p50", "p75", "p95", "mean");

  private final ResultVector layout;
  private final int runs;
  /** {@code [k * 6 + c]}: c = p05, p25, p50, p75, p95, mean; NaN when no draw defines key k. */
  private final double[] stats;
  private final int[] defined;

  private Summary(ResultVector layout, int runs, double[] stats, int[] defined) {
    this.layout = layout;
    this.runs = runs;
    this.stats = stats;
    this.defined = defined;
  }

  /** Summarises the draws, computing keys on {@code threads} threads. */
  public static Summary of(Draws draws, int threads) {
    int size = draws.layout().size();
    int runs = draws.runs();
    double[] stats = new double[size * 6];
    int[] defined = new int[size];
    double[] values = draws.values();
    int chunk = 64;
    Parallel.forEachChunk(size, chunk, threads, ProgressListener.NONE, (from, to) -> {
      double[] column = new double[runs];
      for (int k = from; k < to; k++) {
        int n = 0;
        double sum = 0;
        for (int i = 0; i < runs; i++) {
          double v = values[i * size + k];
          if (!Double.isNaN(v)) {
            column[n++] = v;
            sum += v;
          }
        }
        defined[k] = n;
        if (n == 0) {
          Arrays.fill(stats, k * 6, k * 6 + 6, Double.NaN);
          continue;
        }
        double mean = sum / n;
        Arrays.sort(column, 0, n);
        for (int c = 0; c < LEVELS.length; c++) {
          stats[k * 6 + c] = percentile(column, n, LEVELS[c]);
        }
        stats[k * 6 + 5] = mean;
      }
    });
    return new Summary(draws.layout(), runs, stats, defined);
  }

  /** Definition 7 of Hyndman &amp; Fan on the first {@code n} values of {@code sorted}. */
  static double percentile(double[] sorted, int n, double p) {
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double frac = h - lo;
    return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
  }

  public ResultVector layout() {
    return layout;
  }

  /** Number of draws. */
  public int runs() {
    return runs;
  }

  /** Statistic {@code column} (index into {@link #COLUMNS}) of key {@code k}; NaN if no draw defines it. */
  public double stat(int k, int column) {
    return stats[k * 6 + column];
  }

  /** Draws in which key {@code k} is defined (a share of a stage that produced nothing is not). */
  public int defined(int k) {
    return defined[k];
  }
}
