package org.lodestone.store;

import org.lodestone.core.results.ResultRow;

/**
 * One stored result row: the tidy columns plus, for ensembles, the draw or the percentile it belongs
 * to. A deterministic run has neither ({@code null}); an ensemble stores either one row per draw
 * ({@code draw} set) or its summary bands ({@code percentile} set, in [0, 100]).
 *
 * @param row        the tidy row ({@code year,metric,stage,product,region,sector,value,unit})
 * @param draw       Monte Carlo draw index (0-based) or {@code null}
 * @param percentile percentile of the ensemble in [0, 100] or {@code null}
 */
public record StoredRow(ResultRow row, Integer draw, Double percentile) {

  /** A row of a deterministic run. */
  public static StoredRow of(ResultRow row) {
    return new StoredRow(row, null, null);
  }
}
