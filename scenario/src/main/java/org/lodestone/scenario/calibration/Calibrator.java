package org.lodestone.scenario.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Backtest;
import org.lodestone.scenario.HistorySeries;

/**
 * Estimates a {@link Calibration}'s parameters by bounded least squares on log prices and log
 * quantities over a fit window, and judges them on a test window against the random walk.
 *
 * <p><b>Objective</b> (fit window only): J(θ) = Σ_g (1/N_g) Σ_{i∈g} (ln m_i(θ) − ln o_i)², over the
 * observations o_i &gt; 0 of the scenario's history that {@link Backtest} compares with the run (the
 * same matching as {@code lodestone backtest}), in two groups g: prices and quantities (production,
 * demand, exports, imports; capacities, quotas and shares are left out: they are inputs or ratios).
 * Each group weighs the same whatever its number of points. A model value at or below zero counts as
 * {@link #FLOOR} × the observation (a large, finite penalty).
 *
 * <p><b>Optimiser</b>: CMA-ES (Hansen; Hipparchus {@link CMAESOptimizer}), which needs no gradient of
 * the piecewise-smooth engine, in coordinates scaled to [0, 1] between the bounds (so bounds are hard:
 * {@link SimpleBounds}), started from the written values, with initial step {@link #SIGMA}, seeded
 * generator ({@link Well19937c}) and a budget of evaluations; the best point evaluated is kept. Same
 * scenario, seed and budget give the same result.
 *
 * <p><b>Benchmark</b>: the random walk, "last year's value": the forecast of a point in year y is the
 * mean of the same quantity's observations in y − 1 (any source); points without one have none.
 */
public final class Calibrator {
  /** Model values at or below 0 are scored as this fraction of the observation. */
  public static final double FLOOR = 1e-3;
  /** Initial CMA-ES step in scaled coordinates. */
  public static final double SIGMA = 0.3;
  /** Objective of a point where the engine fails. */
  public static final double INFEASIBLE = 1e9;

  private final Calibration calibration;

  /** @param calibration the parameters and the scenario */
  public Calibrator(Calibration calibration) {
    this.calibration = calibration;
  }

  /**
   * A year window, inclusive.
   *
   * @param from first year
   * @param to   last year
   */
  public record Window(int from, int to) {
    public Window {
      if (to < from) {
        throw new IllegalArgumentException("window " + from + "-" + to + " ends before it starts");
      }
    }

    public boolean contains(int year) {
      return year >= from && year <= to;
    }

    @Override
    public String toString() {
      return from + "-" + to;
    }
  }

  /**
   * Errors of one quantity (metric, stage, product, region, sector) pooled over its sources.
   *
   * @param name      "price NdPr CN" style label
   * @param fitN      observations in the fit window
   * @param fitMape   model MAPE in the fit window, %
   * @param fitRwN    fit-window observations with a random-walk forecast
   * @param fitRw     random-walk MAPE in the fit window, %
   * @param testN     observations in the test window
   * @param testMape  model MAPE in the test window, %
   * @param testRwN   test-window observations with a random-walk forecast
   * @param testRw    random-walk MAPE in the test window, %
   */
  public record SeriesError(String name, boolean price, int fitN, double fitMape, int fitRwN, double fitRw,
      int testN, double testMape, int testRwN, double testRw) {
  }

  /**
   * A calibration.
   *
   * @param start       written parameter values
   * @param best        calibrated values
   * @param startObjective J at the written values
   * @param objective   J at the calibrated values
   * @param evaluations engine runs used
   * @param before      errors at the written values
   * @param after       errors at the calibrated values
   */
  public record Result(double[] start, double[] best, double startObjective, double objective, int evaluations,
      List<SeriesError> before, List<SeriesError> after) {
  }

  /** The calibration's parameters and scenario. */
  public Calibration calibration() {
    return calibration;
  }

  /** J(θ) over the fit window. */
  public double objective(double[] theta, Window fit) {
    return objective(compare(theta, fit.from(), fit.to()), fit);
  }

  /**
   * Fits the parameters on {@code fit} and reports errors on {@code fit} and {@code test}.
   *
   * @param maxEvaluations engine runs allowed (at least 1)
   * @param seed           generator seed of CMA-ES
   */
  public Result fit(Window fit, Window test, int maxEvaluations, long seed) {
    int d = calibration.dimension();
    double[] start = calibration.start();
    double[] lo = new double[d];
    double[] hi = new double[d];
    double[] u0 = new double[d];
    double[] sigma = new double[d];
    for (int k = 0; k < d; k++) {
      Calibration.Parameter p = calibration.parameters().get(k);
      lo[k] = p.min();
      hi[k] = p.max();
      u0[k] = p.max() > p.min() ? (start[k] - p.min()) / (p.max() - p.min()) : 0;
      sigma[k] = SIGMA;
    }
    double startJ = objective(start, fit);
    double[] bestU = u0.clone();
    double[] bestJ = {startJ};
    int[] count = {1};
    ObjectiveFunction f = new ObjectiveFunction(u -> {
      double[] theta = toTheta(u, lo, hi);
      double j;
      try {
        j = objective(theta, fit);
      } catch (RuntimeException engineRefused) {
        j = INFEASIBLE; // e.g. a broken balance at an extreme point: CMA-ES moves away from it
      }
      count[0]++;
      if (j < bestJ[0]) {
        bestJ[0] = j;
        System.arraycopy(u, 0, bestU, 0, u.length);
      }
      return j;
    });
    if (maxEvaluations > 1 && d > 0) {
      double[] zeros = new double[d];
      double[] ones = new double[d];
      java.util.Arrays.fill(ones, 1);
      CMAESOptimizer cmaes = new CMAESOptimizer(Integer.MAX_VALUE, 0, true, 0, 0, new Well19937c(seed), false,
          new SimpleValueChecker(1e-10, 1e-12));
      int lambda = 4 + (int) (3 * Math.log(d));
      try {
        cmaes.optimize(new MaxEval(maxEvaluations - 1), new MaxIter(Integer.MAX_VALUE), f, GoalType.MINIMIZE,
            new InitialGuess(u0), new SimpleBounds(zeros, ones), new CMAESOptimizer.Sigma(sigma),
            new CMAESOptimizer.PopulationSize(lambda));
      } catch (MathIllegalStateException budgetSpent) {
        // the evaluation budget is spent: the best point seen is the answer
      }
    }
    double[] best = toTheta(bestU, lo, hi);
    int from = Math.min(fit.from(), test.from());
    int to = Math.max(fit.to(), test.to());
    List<SeriesError> before = errors(compare(start, from, to), fit, test);
    List<SeriesError> after = errors(compare(best, from, to), fit, test);
    return new Result(start, best, startJ, bestJ[0], count[0], before, after);
  }

  /** Errors per quantity at {@code theta}. */
  public List<SeriesError> errors(double[] theta, Window fit, Window test) {
    return errors(compare(theta, Math.min(fit.from(), test.from()), Math.max(fit.to(), test.to())), fit, test);
  }

  private static double[] toTheta(double[] u, double[] lo, double[] hi) {
    double[] t = new double[u.length];
    for (int k = 0; k < u.length; k++) {
      double x = Math.min(Math.max(u[k], 0), 1);
      t[k] = lo[k] + x * (hi[k] - lo[k]);
    }
    return t;
  }

  private List<Backtest.Comparison> compare(double[] theta, int from, int to) {
    RunResult r = AnnualEngine.run(calibration.chain(theta));
    return Backtest.compare(calibration.scenario(), TidyResults.rows(r, from, to), from, to);
  }

  /** Which group a series belongs to: 0 prices, 1 quantities, -1 not fitted. */
  static int group(HistorySeries h) {
    return switch (h.metric()) {
      case "price" -> 0;
      case "production", "demand", "exports", "imports" -> h.unit().equals("share") ? -1 : 1;
      default -> -1;
    };
  }

  private static double objective(List<Backtest.Comparison> cs, Window fit) {
    double[] sum = new double[2];
    int[] n = new int[2];
    for (Backtest.Comparison c : cs) {
      int g = group(c.series());
      if (g < 0) {
        continue;
      }
      for (int i = 0; i < c.years().length; i++) {
        double o = c.observed()[i];
        if (!fit.contains(c.years()[i]) || !(o > 0)) {
          continue;
        }
        double m = Math.max(c.modelled()[i], FLOOR * o);
        double e = Math.log(m) - Math.log(o);
        sum[g] += e * e;
        n[g]++;
      }
    }
    double j = 0;
    for (int g = 0; g < 2; g++) {
      if (n[g] > 0) {
        j += sum[g] / n[g];
      }
    }
    return j;
  }

  private static String name(HistorySeries h) {
    StringBuilder b = new StringBuilder(h.metric());
    for (String s : new String[] {h.stage(), h.product(), h.region(), h.sector()}) {
      if (!s.isEmpty()) {
        b.append(' ').append(s);
      }
    }
    return b.toString();
  }

  private static List<SeriesError> errors(List<Backtest.Comparison> cs, Window fit, Window test) {
    Map<String, List<Backtest.Comparison>> byName = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, double[]>> observedByYear = new LinkedHashMap<>();
    for (Backtest.Comparison c : cs) {
      if (group(c.series()) < 0) {
        continue;
      }
      String k = name(c.series());
      byName.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
      // every observation of the quantity, also those outside the windows, feeds the random walk
      HistorySeries h = c.series();
      int[] ys = h.years();
      double[] vs = h.values();
      TreeMap<Integer, double[]> m = observedByYear.computeIfAbsent(k, x -> new TreeMap<>());
      for (int i = 0; i < ys.length; i++) {
        double[] acc = m.computeIfAbsent(ys[i], x -> new double[2]);
        acc[0] += vs[i];
        acc[1]++;
      }
    }
    List<SeriesError> out = new ArrayList<>();
    for (Map.Entry<String, List<Backtest.Comparison>> e : byName.entrySet()) {
      TreeMap<Integer, double[]> obs = observedByYear.get(e.getKey());
      double[] fitAcc = new double[4];
      double[] testAcc = new double[4];
      for (Backtest.Comparison c : e.getValue()) {
        for (int i = 0; i < c.years().length; i++) {
          int y = c.years()[i];
          double o = c.observed()[i];
          if (!(o > 0)) {
            continue;
          }
          double[] acc = fit.contains(y) ? fitAcc : test.contains(y) ? testAcc : null;
          if (acc == null) {
            continue;
          }
          acc[0] += 100 * Math.abs(c.modelled()[i] - o) / o;
          acc[1]++;
          double[] prev = obs.get(y - 1);
          if (prev != null) {
            acc[2] += 100 * Math.abs(prev[0] / prev[1] - o) / o;
            acc[3]++;
          }
        }
      }
      boolean price = group(e.getValue().get(0).series()) == 0;
      out.add(new SeriesError(e.getKey(), price, (int) fitAcc[1], mean(fitAcc[0], fitAcc[1]), (int) fitAcc[3],
          mean(fitAcc[2], fitAcc[3]), (int) testAcc[1], mean(testAcc[0], testAcc[1]), (int) testAcc[3],
          mean(testAcc[2], testAcc[3])));
    }
    return out;
  }

  private static double mean(double sum, double n) {
    return n == 0 ? Double.NaN : sum / n;
  }
}
