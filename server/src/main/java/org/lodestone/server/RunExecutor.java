package org.lodestone.server;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.results.ProducerResults;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Scenario;
import org.lodestone.store.StoredRow;

/**
 * Computes a run's rows. The default runs the annual engine once (tidy rows and producers' margins); ensembles plug in here (rows with
 * {@code draw} or {@code percentile} set, {@code draws > 0}).
 */
@FunctionalInterface
public interface RunExecutor {

  /** What a run produced; {@code producers} are the producers' rows of a single run (empty for ensembles). */
  record Output(List<StoredRow> rows, int draws, long seed, String engine, List<ProducerRow> producers) {
    /** An output without producers' rows (ensembles). */
    public Output(List<StoredRow> rows, int draws, long seed, String engine) {
      this(rows, draws, seed, engine, List.of());
    }
  }

  /**
   * @param scenario the loaded scenario
   * @param fromYear first year to report
   * @param toYear   last year to report
   * @param draws    ensemble draws requested, 0 for one deterministic run
   * @param seed     random seed
   * @param progress told the share done, in [0, 1]
   */
  Output execute(Scenario scenario, int fromYear, int toYear, int draws, long seed, DoubleConsumer progress);

  /** The deterministic annual engine. */
  RunExecutor ANNUAL = (scenario, from, to, draws, seed, progress) -> {
    RunResult r = AnnualEngine.run(scenario.chain());
    progress.accept(0.9);
    List<StoredRow> rows = TidyResults.rows(r, from, to).stream().map(StoredRow::of).toList();
    List<ProducerRow> producers = ProducerResults.rows(r, from, to);
    return new Output(rows, 0, 0, "annual/1", producers);
  };
}
