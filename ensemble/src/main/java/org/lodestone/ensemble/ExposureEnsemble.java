package org.lodestone.ensemble;

import java.util.Arrays;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.Exposure;
import org.lodestone.core.exposure.ExposureResult;
import org.lodestone.scenario.UncertainScenario;

/**
 * A buyer's exposure over a Monte Carlo ensemble: draw i's chain comes from (seed, i) exactly as in
 * {@link DrawKernel}, its run gives an {@link ExposureResult}, and per year the cost (with
 * contracts), the supply at risk and the shortfall after stock are kept for every draw, in slots by
 * draw number (against draw i of a reference scenario when one is given). Percentiles (Hyndman &amp; Fan definition 7, {@link Summary#percentile}) and
 * probabilities are then computed in draw order, so the result is bit-identical for any thread count.
 * Immutable once built.
 */
public final class ExposureEnsemble {
  /** Per-draw series kept, in column order. */
  public static final int COST = 0;
  public static final int AT_RISK = 1;
  public static final int SHORTFALL = 2;
  private static final int SERIES = 3;
  private static final int CHUNK = 8;

  private final int firstYear;
  private final int years;
  private final int runs;
  /** {@code [(i * years + t) * SERIES + series]}. */
  private final double[] values;

  private ExposureEnsemble(int firstYear, int years, int runs, double[] values) {
    this.firstYear = firstYear;
    this.years = years;
    this.runs = runs;
    this.values = values;
  }

  /** Runs {@code spec.runs()} draws on {@code threads} threads. */
  public static ExposureEnsemble run(UncertainScenario scenario, Buyer buyer, EnsembleSpec spec, int threads,
      ProgressListener progress) {
    return run(scenario, null, buyer, spec, threads, progress);
  }

  /**
   * Runs {@code spec.runs()} draws on {@code threads} threads, each against draw i of
   * {@code reference} (its chain at the point (seed, i) of its own dimension), or against itself
   * where {@code reference} is {@code null}.
   */
  public static ExposureEnsemble run(UncertainScenario scenario, UncertainScenario reference, Buyer buyer,
      EnsembleSpec spec, int threads, ProgressListener progress) {
    int years = scenario.nominal().chain().axis().size();
    int runs = spec.runs();
    double[] values = new double[Math.multiplyExact(runs, years * SERIES)];
    Parallel.forEachChunk(runs, CHUNK, threads, progress, (from, to) -> {
      for (int i = from; i < to; i++) {
        double[] u = DrawRandom.point(spec.seed(), i, scenario.dimension());
        RunResult r;
        try {
          r = AnnualEngine.run(scenario.chainAt(u));
        } catch (RuntimeException e) {
          throw new EnsembleException("draw " + i + " (seed " + spec.seed() + ", parameter values "
              + Arrays.toString(scenario.valuesAt(u)) + ") failed: " + e.getMessage(), e);
        }
        RunResult ref = r;
        if (reference != null) {
          double[] v = DrawRandom.point(spec.seed(), i, reference.dimension());
          try {
            ref = AnnualEngine.run(reference.chainAt(v));
          } catch (RuntimeException e) {
            throw new EnsembleException("draw " + i + " of the reference (seed " + spec.seed()
                + ", parameter values " + Arrays.toString(reference.valuesAt(v)) + ") failed: " + e.getMessage(), e);
          }
        }
        ExposureResult x = Exposure.compute(r, ref, buyer);
        for (int t = 0; t < years; t++) {
          int k = (i * years + t) * SERIES;
          values[k + COST] = x.costUsd(t);
          values[k + AT_RISK] = x.atRiskT(t);
          values[k + SHORTFALL] = x.shortfallT(t);
        }
      }
    });
    return new ExposureEnsemble(scenario.nominal().chain().axis().firstYear(), years, runs, values);
  }

  public int runs() {
    return runs;
  }

  public int firstYear() {
    return firstYear;
  }

  /** Percentile {@code p} (0-1) of series {@code series} in year index t over the draws. */
  public double percentile(int series, int t, double p) {
    double[] column = new double[runs];
    for (int i = 0; i < runs; i++) {
      column[i] = values[(i * years + t) * SERIES + series];
    }
    Arrays.sort(column);
    return Summary.percentile(column, runs, p);
  }

  /** Share of draws with a shortfall (after stock) above zero in year index t. */
  public double probabilityOfShortfall(int t) {
    int hits = 0;
    for (int i = 0; i < runs; i++) {
      if (values[(i * years + t) * SERIES + SHORTFALL] > 0) {
        hits++;
      }
    }
    return (double) hits / runs;
  }

  /** Share of draws with a shortfall above zero in any year of index {@code fromT..toT}. */
  public double probabilityOfAnyShortfall(int fromT, int toT) {
    int hits = 0;
    for (int i = 0; i < runs; i++) {
      for (int t = fromT; t <= toT; t++) {
        if (values[(i * years + t) * SERIES + SHORTFALL] > 0) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / runs;
  }

  /** Every draw's value of a series in year index t, in draw order (a copy). */
  public double[] draws(int series, int t) {
    double[] out = new double[runs];
    for (int i = 0; i < runs; i++) {
      out[i] = values[(i * years + t) * SERIES + series];
    }
    return out;
  }
}
