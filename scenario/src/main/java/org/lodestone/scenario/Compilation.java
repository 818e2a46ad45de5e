package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.model.ChainEditor;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.model.Trade;

/**
 * One compilation's shared state: the two readers, and the draft the blocks fill in order (axis,
 * regions, sources, market parameters, deposits, producers, sectors, history, dynamics, trade), the
 * bindings of uncertain parameters to the chain, and the tail steps (capacity targets, projects,
 * events) that the nominal run and every draw replay ({@link Tail}). Mutable, owned by one compiler.
 */
final class Compilation {
  static final int DEFAULT_FIRST_YEAR = 2015;
  static final int DEFAULT_LAST_YEAR = 2040;

  /** Writes one drawn value into an editor. */
  interface Setter {
    void set(ChainEditor editor, double value);
  }

  final Reader read = new Reader();
  private NumberReader numbers;
  private TimeAxis axis;

  final Map<String, Source> sources = new LinkedHashMap<>();
  List<String> regions = new ArrayList<>();
  MarketParameters market;
  /** The element-price market's caps and nameplates, applied last in the tail; null for other models. */
  MarketBlock elementMarket;
  final List<String> depositCodes = new ArrayList<>();
  double[] split = new double[0];
  final List<Producer> producers = new ArrayList<>();
  final List<Sector> sectors = new ArrayList<>();
  final List<HistorySeries> history = new ArrayList<>();
  final List<Substitute> substitutes = new ArrayList<>();
  final List<Investment> investments = new ArrayList<>();
  /** Null for one global market. */
  Trade trade;
  /** {@code governance:} ({@link GovernanceBlock}), or {@code null}. */
  org.lodestone.core.model.Governance governance;
  final List<UncertainScenario.Binding> bindings = new ArrayList<>();
  final List<Tail.Target> targets = new ArrayList<>();
  Projects projects = Projects.NONE;
  List<Event> events = List.of();
  /** What the loader set aside without an error (e.g. inherited events outside the axis), for the user. */
  final List<String> notes = new ArrayList<>();

  /** Sets the time axis (the first block does) and opens the number reader over it. */
  void axis(TimeAxis a) {
    axis = a;
    numbers = new NumberReader(read, a);
  }

  TimeAxis axis() {
    return axis;
  }

  NumberReader num() {
    return numbers;
  }

  /** Binds a number's uncertain parameter (if any) to the chain through {@code setter}. */
  void bind(Num n, Setter setter) {
    if (n.param() >= 0) {
      int k = n.param();
      bindings.add((editor, values) -> setter.set(editor, values[k]));
    }
  }

  /** Year index of a response's first year: 0 before the axis, the axis size (never) after it. */
  int startIndex(int year) {
    return Math.max(0, Math.min(axis.size(), year - axis.firstYear()));
  }

  /** The tail the nominal run and every draw replay. */
  Tail tail() {
    return new Tail(targets, projects, events, elementMarket);
  }
}
