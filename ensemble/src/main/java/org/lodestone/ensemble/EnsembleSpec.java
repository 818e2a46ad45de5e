package org.lodestone.ensemble;

import java.io.Serializable;

/**
 * What to run: {@code runs} draws with seed {@code seed}, results for years {@code fromYear..toYear}.
 * Draw i's inputs derive from (seed, i) only ({@link DrawRandom}).
 *
 * @param runs     number of draws, &gt; 0
 * @param seed     the ensemble's seed
 * @param fromYear first reported year
 * @param toYear   last reported year
 */
public record EnsembleSpec(int runs, long seed, int fromYear, int toYear) implements Serializable {
  public EnsembleSpec {
    if (runs <= 0) {
      throw new IllegalArgumentException("runs must be > 0, got " + runs);
    }
    if (fromYear > toYear) {
      throw new IllegalArgumentException("fromYear " + fromYear + " after toYear " + toYear);
    }
  }
}
