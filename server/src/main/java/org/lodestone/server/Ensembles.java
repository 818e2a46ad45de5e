package org.lodestone.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.ResultVector;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.Summary;
import org.lodestone.scenario.UncertainScenario;
import org.lodestone.store.StoredRow;

/**
 * Monte Carlo ensembles for the server: the draws run on the {@code ensemble} module's {@link LocalEngine},
 * and the store receives the summary only. Per result key, six rows: the 5th, 25th, 50th, 75th and 95th
 * percentiles ({@code percentile} = 5, 25, 50, 75, 95) and the mean over the draws ({@code percentile} and
 * {@code draw} empty, so a chart or query that reads plain values reads the mean). A key that no draw defines
 * (a share of a stage that produced nothing) has no rows.
 */
final class Ensembles {
  /** Percentiles stored, in {@link Summary#COLUMNS} order; the sixth column is the mean. */
  static final double[] PERCENTILES = {5, 25, 50, 75, 95};

  private Ensembles() {
  }

  /** Cores of this machine: the most threads one ensemble may use. */
  static int cores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs {@code draws} draws of {@code u} with seed {@code seed} on {@code threads} threads and returns
   * the summary rows for years {@code from..to}.
   */
  static RunExecutor.Output run(UncertainScenario u, int from, int to, int draws, long seed, int threads,
      DoubleConsumer progress) {
    EnsembleSpec spec = new EnsembleSpec(draws, seed, from, to);
    LocalEngine engine = new LocalEngine(threads);
    AtomicInteger done = new AtomicInteger();
    Draws d = engine.run(u, spec, n -> progress.accept(0.9 * done.addAndGet(n) / draws));
    Summary s = Summary.of(d, threads);
    progress.accept(1.0);
    List<ResultVector.Key> keys = s.layout().keys();
    List<StoredRow> rows = new ArrayList<>(keys.size() * 6);
    for (int k = 0; k < keys.size(); k++) {
      ResultVector.Key key = keys.get(k);
      for (int c = 0; c < Summary.COLUMNS.size(); c++) {
        double v = s.stat(k, c);
        if (Double.isNaN(v)) {
          continue;
        }
        ResultRow r = new ResultRow(key.year(), key.metric(), key.stage(), key.product(), key.region(), key.sector(),
            v, key.unit());
        rows.add(new StoredRow(r, null, c < PERCENTILES.length ? PERCENTILES[c] : null));
      }
    }
    return new RunExecutor.Output(rows, draws, seed, "mc/1 (" + engine.describe() + ")");
  }
}
