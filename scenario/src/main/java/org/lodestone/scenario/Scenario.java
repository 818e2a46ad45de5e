package org.lodestone.scenario;

import java.util.List;
import java.util.Map;
import org.lodestone.core.model.SupplyChain;

/**
 * A loaded, validated scenario: the model input ({@link #chain()}) and the metadata that travels with
 * it (sources, cited figures, observed history). Immutable.
 *
 * @param name        scenario name
 * @param title       short title, may be ""
 * @param description longer description, may be ""
 * @param origin      where it came from: {@code shipped:NAME} or a file path
 * @param lineage     this scenario and its ancestors, nearest first (e.g. [claim-total-120kt, base])
 * @param chain       the model input
 * @param sources     sources by id
 * @param figures     every number with its provenance
 * @param history     observed series
 * @param notes       what the loader set aside without an error, one line each with its position (e.g.
 *                    an event inherited from a parent whose years lie outside this scenario's axis)
 */
public record Scenario(String name, String title, String description, String origin,
    List<String> lineage, SupplyChain chain, Map<String, Source> sources, List<Figure> figures,
    List<HistorySeries> history, List<String> notes) {

  public Scenario {
    lineage = List.copyOf(lineage);
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    figures = List.copyOf(figures);
    history = List.copyOf(history);
    notes = List.copyOf(notes);
  }

  /** A scenario without notes. */
  public Scenario(String name, String title, String description, String origin, List<String> lineage,
      SupplyChain chain, Map<String, Source> sources, List<Figure> figures, List<HistorySeries> history) {
    this(name, title, description, origin, lineage, chain, sources, figures, history, List.of());
  }
}
