package org.lodestone.store;

import java.util.List;

/**
 * Filters on stored results; an empty list means "any". Immutable.
 *
 * @param metrics  metric names
 * @param stages   stage codes ("" matches rows without a stage)
 * @param products product codes
 * @param regions  region codes ("" is the world)
 * @param sectors  sector ids
 * @param fromYear first year or {@code null}
 * @param toYear   last year or {@code null}
 */
public record ResultsQuery(List<String> metrics, List<String> stages, List<String> products,
    List<String> regions, List<String> sectors, Integer fromYear, Integer toYear) {

  /** Every row. */
  public static final ResultsQuery ALL = new ResultsQuery(List.of(), List.of(), List.of(), List.of(),
      List.of(), null, null);

  public ResultsQuery {
    metrics = List.copyOf(metrics);
    stages = List.copyOf(stages);
    products = List.copyOf(products);
    regions = List.copyOf(regions);
    sectors = List.copyOf(sectors);
  }

  /** Only these metrics. */
  public ResultsQuery withMetrics(List<String> m) {
    return new ResultsQuery(m, stages, products, regions, sectors, fromYear, toYear);
  }
}
