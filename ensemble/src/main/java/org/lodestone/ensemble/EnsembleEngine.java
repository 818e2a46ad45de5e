package org.lodestone.ensemble;

/**
 * Runs the draws of an ensemble somewhere (threads of this JVM, Spark tasks) and returns every draw's
 * values in draw order. Every engine must give bit-identical results for the same scenario and spec:
 * a draw depends on (seed, i) only and aggregation happens afterwards, in draw order.
 */
public interface EnsembleEngine {
  /**
   * @param source   the scenario (loaded once per worker)
   * @param spec     runs, seed, years
   * @param progress told of finished draws
   */
  Draws run(ScenarioSource source, EnsembleSpec spec, ProgressListener progress);

  /** Short name for messages ({@code local, 2 threads}). */
  String describe();
}
