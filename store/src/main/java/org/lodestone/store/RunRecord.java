package org.lodestone.store;

import java.time.Instant;

/**
 * A stored run. Immutable.
 *
 * @param id           run id (lower-case letters, digits and dashes)
 * @param scenarioHash SHA-256 (hex) of the scenario content the run used
 * @param scenarioName the scenario's name
 * @param seed         random seed (0 for a deterministic run)
 * @param engine       engine name and version, e.g. {@code annual/1}
 * @param created      when the run started
 * @param status       {@code ok} (the store only ever holds complete runs)
 * @param durationMs   wall time of the run including saving, ms
 * @param fromYear     first reported year
 * @param toYear       last reported year
 * @param rows         number of result rows stored
 * @param draws        ensemble draws, 0 for a deterministic run
 */
public record RunRecord(String id, String scenarioHash, String scenarioName, long seed, String engine,
    Instant created, String status, long durationMs, int fromYear, int toYear, long rows, int draws) {

  /** Allowed run ids: also what keeps them safe inside file names and SQL text. */
  public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public RunRecord {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("run id must match " + ID.pattern() + ": " + id);
    }
  }

  /** This record with another duration and row count. */
  public RunRecord withDuration(long ms) {
    return new RunRecord(id, scenarioHash, scenarioName, seed, engine, created, status, ms, fromYear,
        toYear, rows, draws);
  }
}
