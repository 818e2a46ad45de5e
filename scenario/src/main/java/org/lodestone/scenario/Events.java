package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.scenario.yaml.Node;

/**
 * The {@code events:} of a scenario: the registry of event types, by name, and the reading of the
 * list. Each type is one class ({@link Event}) with its own keys; a key of another type is refused
 * with a hint ("`floor` is a key of `price_floor`, not of `outage`"). Events apply in the order
 * written, after capacity targets and projects, to the nominal run and to every draw alike.
 *
 * <p>To add a type: write its class (keys, {@code read}, {@code apply}), add one {@link #register}
 * line below, document it in {@code docs/SCENARIO-FORMAT.md} §Events, and test it (README,
 * "Contributing: adding an event type").
 */
final class Events {
  /** Keys every event may carry. */
  static final List<String> COMMON_KEYS = List.of("type", "from", "to", "probability", "note", "source",
      "confidence", "method");

  /**
   * One event type.
   *
   * @param name     the {@code type:} value
   * @param keys     its own keys, besides {@link #COMMON_KEYS}
   * @param regional whether it acts between regions (refused on one global market)
   * @param reader   reads one event of the type; null after reporting its problems
   */
  record Type(String name, List<String> keys, boolean regional, Function<EventReader, ? extends Event> reader) {
  }

  private static final Map<String, Type> TYPES = new LinkedHashMap<>();

  static {
    register(new Type("outage", Outage.KEYS, false, Outage::read));
    register(new Type("capacity_delay", CapacityDelay.KEYS, false, CapacityDelay::read));
    register(new Type("demand_shock", DemandShock.KEYS, false, DemandShock::read));
    register(new Type("subsidy", Subsidy.KEYS, false, Subsidy::read));
    register(new Type("price_floor", PriceFloor.KEYS, false, PriceFloor::read));
    register(new Type("off_quota", OffQuota.KEYS, false, OffQuota::read));
    register(new Type("export_control", ExportControl.KEYS, true, ExportControl::read));
    register(new Type("tariff", Tariff.KEYS, true, Tariff::read));
    register(new Type("stockpile_release", StockpileRelease.KEYS, true, StockpileRelease::read));
    register(new Type("stockpile_build", StockpileBuild.KEYS, true, StockpileBuild::read));
  }

  private static void register(Type t) {
    TYPES.put(t.name(), t);
  }

  /** The registered type names, in registry order. */
  static List<String> typeNames() {
    return List.copyOf(TYPES.keySet());
  }

  /** Reads numbers for the events and registers their uncertain parameters with the compiler. */
  interface Numbers {
    /** A number (plain, with unit, cited, or a distribution checked against [min, max]); NaN after a problem. */
    Num read(Node n, String path, Units.Kind kind, double min, double max);

    /** Registers "happens with probability p" (0 or 1) as an uncertain parameter; returns its index. */
    int bernoulli(String path, double p, String file, int line);

    /** Reports a problem if {@code n} is a distribution where the model takes a fixed number. */
    void forbid(Num n, String where);

    /** The lowest or highest value {@code n} takes in any draw (its value when certain). */
    double bound(Num n, boolean upper);
  }

  private Events() {
  }

  /**
   * Reads the {@code events:} list (may be null), reporting every problem with its position.
   *
   * @param regional whether the scenario clears regional markets
   * @return the events that read without problems, in order
   */
  static List<Event> read(Node node, EventReader.Context ctx, boolean regional) {
    return read(node, ctx, regional, null, n -> { });
  }

  /**
   * As {@link #read(Node, EventReader.Context, boolean)}, for a scenario whose own file is
   * {@code ownFile}: an event written in another file (inherited from a parent) whose window lies wholly
   * outside the axis is inactive, with a note to {@code notes}, as a route outside the axis is (a child
   * with other {@code years:} inherits its parent's events); an event of the scenario's own file, or an
   * inherited one that overlaps the axis only in part, is read as usual (a year off the axis is an error).
   */
  static List<Event> read(Node node, EventReader.Context ctx, boolean regional, String ownFile,
      java.util.function.Consumer<String> notes) {
    List<Event> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof Node.ListNode list)) {
      report(ctx, node, "events", null, Rule.NOT_A_LIST.format(" of events"), "start each event with `- type: ...`");
      return out;
    }
    for (int i = 0; i < list.items().size(); i++) {
      String p = "events[" + i + "]";
      if (!(list.items().get(i) instanceof Node.MapNode m)) {
        report(ctx, list.items().get(i), p, null, Rule.NOT_A_MAPPING_OF.format(""), "start each event with `- type: ...`");
        continue;
      }
      if (ownFile != null && !ownFile.equals(m.file()) && whollyOffAxis(m, ctx.axis())) {
        notes.accept(String.format("%s:%d %s (%s, %s): inactive: inherited from a parent, its years lie outside "
            + "this scenario's axis %d..%d", m.file(), m.line(), p, text(m, "type"), window(m),
            ctx.axis().firstYear(), ctx.axis().lastYear()));
        continue;
      }
      Event e = event(m, p, ctx, regional);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Applies the events in order to a run's draft ({@code values} null for the nominal run). */
  static void apply(List<Event> events, EventDraft draft, double[] values) {
    for (Event e : events) {
      e.apply(draft, values);
    }
  }

  private static Event event(Node.MapNode m, String p, EventReader.Context ctx, boolean regional) {
    String type = m.get("type") instanceof Node.Scalar s && s.text() != null ? s.text().strip() : null;
    Type t = type == null ? null : TYPES.get(type);
    if (t == null) {
      String best = type == null ? null : Suggest.closest(type, TYPES.keySet());
      report(ctx, m.get("type") == null ? m : m.get("type"), p + ".type", type,
          type == null ? Rule.MISSING.format() : Rule.EVENT_TYPE_UNKNOWN.format(),
          best != null ? "did you mean `" + best + "`?" : "one of " + String.join(", ", TYPES.keySet()));
      return null;
    }
    if (t.regional() && !regional) {
      report(ctx, m.get("type"), p + ".type", type, Rule.EVENT_NEEDS_REGIONAL.format(),
          "add `market: {model: regional, tradeCost: {...}}` (docs/SCENARIO-FORMAT.md)");
      return null;
    }
    boolean keysOk = true;
    for (Node.Entry e : m.entries().values()) {
      String key = e.key();
      if (COMMON_KEYS.contains(key) || t.keys().contains(key)) {
        continue;
      }
      keysOk = false;
      List<String> owners = TYPES.values().stream().filter(o -> o.keys().contains(key)).map(Type::name).toList();
      String hint;
      if (!owners.isEmpty()) {
        hint = "`" + key + "` is a key of `" + String.join("`, `", owners) + "`, not of `" + type + "`";
      } else {
        List<String> own = new ArrayList<>(t.keys());
        own.addAll(COMMON_KEYS);
        String best = Suggest.closest(key, own);
        hint = best != null ? "did you mean `" + best + "`?" : "`" + type + "` takes " + String.join(", ", t.keys());
      }
      ctx.problems().accept(new Problem(e.value().file(), e.line(), e.column(), p + "." + key, null,
          Rule.EVENT_KEY_OF_OTHER_TYPE.format(key, type), hint));
    }
    Event e = t.reader().apply(new EventReader(ctx, m, p));
    return keysOk ? e : null;
  }

  /**
   * Whether the event's written window ({@code from}, {@code to}; {@code to} defaults to {@code from})
   * lies wholly before or after the axis. False when {@code from} is missing (capacity delays then start
   * at the axis) or a year is not a year: the event's reader reports those.
   */
  private static boolean whollyOffAxis(Node.MapNode m, TimeAxis axis) {
    Integer from = yearOf(m.get("from"));
    Integer to = m.get("to") == null ? from : yearOf(m.get("to"));
    if (from == null || to == null || to < from) {
      return false;
    }
    return to < axis.firstYear() || from > axis.lastYear();
  }

  private static Integer yearOf(Node n) {
    String t = n instanceof Node.Scalar s && s.text() != null ? s.text().strip() : null;
    return t != null && t.matches("\\d{4}") ? Integer.valueOf(t) : null;
  }

  private static String text(Node.MapNode m, String key) {
    return m.get(key) instanceof Node.Scalar s && s.text() != null ? s.text().strip() : "?";
  }

  private static String window(Node.MapNode m) {
    String from = text(m, "from");
    return m.get("to") == null ? from : from + "-" + text(m, "to");
  }

  private static void report(EventReader.Context ctx, Node n, String p, String value, String rule, String hint) {
    ctx.problems().accept(new Problem(n.file(), n.line(), n.column(), p, value, rule, hint));
  }
}
