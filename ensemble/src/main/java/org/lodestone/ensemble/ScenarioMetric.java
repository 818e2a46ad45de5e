package org.lodestone.ensemble;

import java.util.List;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultVector;
import org.lodestone.scenario.uncertainty.UncertainParameter;
import org.lodestone.scenario.UncertainScenario;

/**
 * One scalar output of an uncertain scenario — a {@link MetricExpression} (metric or ratio) in one
 * year — as a function of a point of the unit hypercube (for {@link Sobol}) or of parameter values
 * (for the tornado). Thread-safe.
 */
public final class ScenarioMetric implements Sobol.Model {
  private final UncertainScenario scenario;
  private final ResultVector layout;
  private final MetricExpression.Bound bound;

  /**
   * @param expression the metric, e.g. {@code unserved} or {@code unserved[region=US]/demand[region=US]}
   * @param year       the year it is read in
   * @throws InvalidInputException if the metric names no result, or the year is off the axis
   */
  public ScenarioMetric(UncertainScenario scenario, MetricExpression expression, int year) {
    SupplyChain nominal = scenario.nominal().chain();
    if (!nominal.axis().contains(year)) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--year", String.valueOf(year),
          "year outside the scenario's axis " + nominal.axis().firstYear() + ".." + nominal.axis().lastYear(), null));
    }
    this.scenario = scenario;
    this.layout = ResultVector.layout(nominal, year, year);
    this.bound = expression.bind(layout);
  }

  @Override
  public double value(double[] u) {
    return valueWith(scenario.valuesAt(u));
  }

  /** The output with the given parameter values (base units, coordinate order). */
  public double valueWith(double[] values) {
    double[] v = layout.values(AnnualEngine.run(scenario.chainWith(values)));
    return bound.value(v, 0, 0);
  }

  public UncertainScenario scenario() {
    return scenario;
  }

  /**
   * One bar of a tornado: the output with one parameter at a low and a high quantile, the others at
   * their nominal values.
   *
   * @param parameter index of the parameter
   * @param lowValue  parameter value at the low quantile
   * @param highValue parameter value at the high quantile
   * @param atLow     output with the parameter at {@code lowValue}
   * @param atHigh    output with the parameter at {@code highValue}
   */
  public record Bar(int parameter, double lowValue, double highValue, double atLow, double atHigh) {
    /** |atHigh − atLow|. */
    public double swing() {
      return Math.abs(atHigh - atLow);
    }
  }

  /**
   * A one-at-a-time tornado: the output at nominal values, and for each parameter the output at its
   * {@code lowQuantile} and {@code 1 - lowQuantile} quantiles, the others at their nominal values.
   * Bars are returned widest first (ties in parameter order). 2d + 1 runs, on {@code threads} threads.
   *
   * @return the nominal output in {@code base[0]}, and the bars
   */
  public List<Bar> tornado(double lowQuantile, int threads, double[] base) {
    List<UncertainParameter> ps = scenario.parameters();
    int d = ps.size();
    double[] nominal = new double[d];
    for (int k = 0; k < d; k++) {
      nominal[k] = ps.get(k).nominal();
    }
    double[][] points = new double[2 * d + 1][];
    points[0] = nominal;
    for (int k = 0; k < d; k++) {
      double[] lo = nominal.clone();
      lo[k] = ps.get(k).valueAt(lowQuantile);
      double[] hi = nominal.clone();
      hi[k] = ps.get(k).valueAt(1 - lowQuantile);
      points[1 + 2 * k] = lo;
      points[2 + 2 * k] = hi;
    }
    double[] y = Sobol.evaluate(points, this::valueWith, threads, ProgressListener.NONE);
    base[0] = y[0];
    java.util.ArrayList<Bar> bars = new java.util.ArrayList<>();
    for (int k = 0; k < d; k++) {
      bars.add(new Bar(k, points[1 + 2 * k][k], points[2 + 2 * k][k], y[1 + 2 * k], y[2 + 2 * k]));
    }
    bars.sort((a, b) -> Double.compare(b.swing(), a.swing()));
    return bars;
  }
}
