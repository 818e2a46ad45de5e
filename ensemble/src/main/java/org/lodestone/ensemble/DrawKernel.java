package org.lodestone.ensemble;

import java.util.Arrays;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultVector;
import org.lodestone.scenario.UncertainScenario;

/**
 * One Monte Carlo draw, start to finish: point from (seed, i) → model input
 * ({@link UncertainScenario#chainAt}) → {@link AnnualEngine#run} → values in {@link ResultVector}
 * order. Stateless apart from its immutable inputs; safe to call from many threads.
 */
public final class DrawKernel {
  private final UncertainScenario scenario;
  private final EnsembleSpec spec;
  private final ResultVector layout;

  public DrawKernel(UncertainScenario scenario, EnsembleSpec spec) {
    this.scenario = scenario;
    this.spec = spec;
    this.layout = ResultVector.layout(scenario.nominal().chain(), spec.fromYear(), spec.toYear());
  }

  public ResultVector layout() {
    return layout;
  }

  public EnsembleSpec spec() {
    return spec;
  }

  /** Runs draw {@code draw} and writes its values to {@code out[offset ..]}. */
  public void run(int draw, double[] out, int offset) {
    double[] u = DrawRandom.point(spec.seed(), draw, scenario.dimension());
    RunResult r;
    try {
      SupplyChain chain = scenario.chainAt(u);
      r = AnnualEngine.run(chain);
    } catch (RuntimeException e) {
      throw new EnsembleException("draw " + draw + " (seed " + spec.seed() + ", parameter values "
          + Arrays.toString(scenario.valuesAt(u)) + ") failed: " + e.getMessage(), e);
    }
    layout.fill(r, out, offset);
  }

  /** Runs draws {@code from..to-1}; returns their values, draw-major ({@code [(i - from) * size + k]}). */
  public double[] runRange(int from, int to) {
    int k = layout.size();
    double[] out = new double[(to - from) * k];
    for (int i = from; i < to; i++) {
      run(i, out, (i - from) * k);
    }
    return out;
  }
}
