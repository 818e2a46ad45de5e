package org.lodestone.ensemble;

/** Told how many more draws (or samples) finished; called from worker threads. */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = n -> { };

  /** {@code count} more evaluations finished. Must be thread-safe. */
  void advanced(int count);
}
