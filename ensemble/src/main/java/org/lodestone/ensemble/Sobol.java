package org.lodestone.ensemble;

import java.util.Arrays;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.SobolSequenceGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Variance-based global sensitivity: Sobol first-order and total indices of a model of d independent
 * inputs, from Saltelli's sampling scheme with the estimators recommended by Saltelli et al. (2010),
 * "Variance based sensitivity analysis of model output. Design and estimator for the total sensitivity
 * index", Comput. Phys. Commun. 181, 259–270, Table 2:
 *
 * <pre>
 *   S_i  = (1/N) Σ_j f(B)_j (f(A_B^i)_j − f(A)_j) / V        (Saltelli 2010, eq. (b))
 *   ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V             (Jansen 1999, eq. (f))
 * </pre>
 *
 * where A and B are the first and last d coordinates of a 2d-dimensional Sobol sequence
 * ({@link SobolSequenceGenerator}, Joe–Kuo direction numbers, the all-zero first point skipped),
 * A_B^i is A with column i taken from B, and V is the variance of f over the rows of A and B together.
 * f(B) is centred by the output mean in the first-order sum: the expectation is unchanged (the
 * bracket has mean zero) and the estimator's variance no longer grows with the output's mean, which
 * matters for outputs in tonnes. Cost: N (d + 2) model evaluations. Confidence intervals: percentile bootstrap over the N rows,
 * resampled with a generator seeded by the caller.
 *
 * <p>Models see points of the unit hypercube (0, 1)^d and must be thread-safe; evaluations run in
 * parallel into slots indexed by point, and every sum runs in index order, so results do not depend
 * on the thread count.
 */
public final class Sobol {
  /** A scalar model of a point of the unit hypercube; must be thread-safe. */
  @FunctionalInterface
  public interface Model {
    double value(double[] u);
  }

  /**
   * Indices with their bootstrap confidence intervals, by input.
   *
   * @param samples    N, rows of A and B
   * @param variance   V, variance of the output
   * @param first      first-order indices S_i
   * @param firstLow   lower confidence bound of S_i
   * @param firstHigh  upper confidence bound of S_i
   * @param total      total indices ST_i
   * @param totalLow   lower confidence bound of ST_i
   * @param totalHigh  upper confidence bound of ST_i
   * @param bootstrap  bootstrap resamples (0: no intervals, bounds are NaN)
   * @param confidence confidence level of the intervals, e.g. 0.95
   */
  public record Result(int samples, double variance, double[] first, double[] firstLow, double[] firstHigh,
      double[] total, double[] totalLow, double[] totalHigh, int bootstrap, double confidence) {

    public int dimension() {
      return first.length;
    }
  }

  private Sobol() {
  }

  /**
   * Saltelli's design: for row j, A_j, B_j, then A_B^1_j .. A_B^d_j; {@code n * (d + 2)} points of
   * dimension d.
   */
  public static double[][] saltelliPoints(int d, int n) {
    if (d < 1 || n < 2) {
      throw new IllegalArgumentException("need d >= 1 and n >= 2, got d=" + d + ", n=" + n);
    }
    SobolSequenceGenerator seq = new SobolSequenceGenerator(2 * d);
    seq.nextVector(); // the first point is all zeros, where inverse CDFs are infinite
    double[][] pts = new double[n * (d + 2)][];
    for (int j = 0; j < n; j++) {
      double[] p = seq.nextVector();
      double[] a = Arrays.copyOfRange(p, 0, d);
      double[] b = Arrays.copyOfRange(p, d, 2 * d);
      int base = j * (d + 2);
      pts[base] = a;
      pts[base + 1] = b;
      for (int i = 0; i < d; i++) {
        double[] ab = a.clone();
        ab[i] = b[i];
        pts[base + 2 + i] = ab;
      }
    }
    return pts;
  }

  /** Evaluates the model at every point on {@code threads} threads; {@code y[i] = f(points[i])}. */
  public static double[] evaluate(double[][] points, Model model, int threads, ProgressListener progress) {
    double[] y = new double[points.length];
    Parallel.forEachChunk(points.length, 16, threads, progress, (from, to) -> {
      for (int i = from; i < to; i++) {
        y[i] = model.value(points[i]);
      }
    });
    return y;
  }

  /** Samples, evaluates and analyses in one go. */
  public static Result run(int d, int n, Model model, int threads, int bootstrap, long seed, double confidence,
      ProgressListener progress) {
    double[] y = evaluate(saltelliPoints(d, n), model, threads, progress);
    return analyze(y, d, n, bootstrap, seed, confidence);
  }

  /**
   * The indices from outputs {@code y} laid out as {@link #saltelliPoints}.
   *
   * @throws IllegalArgumentException if an output is not finite or the output does not vary
   */
  public static Result analyze(double[] y, int d, int n, int bootstrap, long seed, double confidence) {
    if (y.length != n * (d + 2)) {
      throw new IllegalArgumentException("expected " + n * (d + 2) + " outputs, got " + y.length);
    }
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("output " + i + " is " + y[i]);
      }
    }
    int[] rows = new int[n];
    for (int j = 0; j < n; j++) {
      rows[j] = j;
    }
    double[] s = new double[d];
    double[] st = new double[d];
    double v = indices(y, d, rows, s, st);
    if (!(v > 0)) {
      throw new IllegalArgumentException("the output does not vary over the samples (variance " + v + ")");
    }
    double[] sLo = new double[d];
    double[] sHi = new double[d];
    double[] tLo = new double[d];
    double[] tHi = new double[d];
    Arrays.fill(sLo, Double.NaN);
    Arrays.fill(sHi, Double.NaN);
    Arrays.fill(tLo, Double.NaN);
    Arrays.fill(tHi, Double.NaN);
    if (bootstrap > 0) {
      double[][] bs = new double[d][bootstrap];
      double[][] bt = new double[d][bootstrap];
      RandomGenerator g = new Well19937c(seed);
      double[] s1 = new double[d];
      double[] t1 = new double[d];
      int[] sample = new int[n];
      for (int r = 0; r < bootstrap; r++) {
        for (int j = 0; j < n; j++) {
          sample[j] = g.nextInt(n);
        }
        indices(y, d, sample, s1, t1);
        for (int i = 0; i < d; i++) {
          bs[i][r] = s1[i];
          bt[i][r] = t1[i];
        }
      }
      double lo = (1 - confidence) / 2;
      double hi = 1 - lo;
      for (int i = 0; i < d; i++) {
        Arrays.sort(bs[i]);
        Arrays.sort(bt[i]);
        sLo[i] = Summary.percentile(bs[i], bootstrap, lo);
        sHi[i] = Summary.percentile(bs[i], bootstrap, hi);
        tLo[i] = Summary.percentile(bt[i], bootstrap, lo);
        tHi[i] = Summary.percentile(bt[i], bootstrap, hi);
      }
    }
    return new Result(n, v, s, sLo, sHi, st, tLo, tHi, bootstrap, confidence);
  }

  /** Writes S_i and ST_i over the given rows (with repeats, for the bootstrap); returns V. */
  private static double indices(double[] y, int d, int[] rows, double[] s, double[] st) {
    int n = rows.length;
    int w = d + 2;
    double mean = 0;
    for (int j : rows) {
      mean += y[j * w] + y[j * w + 1];
    }
    mean /= 2.0 * n;
    double v = 0;
    for (int j : rows) {
      double a = y[j * w] - mean;
      double b = y[j * w + 1] - mean;
      v += a * a + b * b;
    }
    v /= 2.0 * n;
    for (int i = 0; i < d; i++) {
      double first = 0;
      double total = 0;
      for (int j : rows) {
        double fa = y[j * w];
        double fb = y[j * w + 1];
        double fab = y[j * w + 2 + i];
        first += (fb - mean) * (fab - fa);
        total += (fa - fab) * (fa - fab);
      }
      s[i] = first / n / v;
      st[i] = total / (2.0 * n) / v;
    }
    return v;
  }
}
