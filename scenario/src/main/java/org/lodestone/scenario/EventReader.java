package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * Reads the fields shared by event types from one event's mapping: its window, the producers,
 * sector, regions and products it names, and its numbers (through the compiler's number reader, so
 * distributions and yearly probabilities become uncertain parameters). Names are resolved against
 * the chain's structure at compile time (ids, stages and regions are the same in every draw), so an
 * event's {@link Event#apply} only does arithmetic. Every problem is reported with its position;
 * methods return null (or NaN, or −1 for an index) after one.
 */
final class EventReader {
  /** What every event of a scenario is read against. */
  record Context(Consumer<Problem> problems, Events.Numbers numbers, TimeAxis axis, List<String> regions,
      List<Producer> producers, List<Sector> sectors) {
  }

  static final List<String> PRODUCTS = List.of("NdPr", "Dy", "Tb", "magnet", "concentrate");
  static final List<String> FORMS = List.of("oxide", "metal");

  private final Context ctx;
  private final Node.MapNode m;
  private final String p;

  EventReader(Context ctx, Node.MapNode m, String p) {
    this.ctx = ctx;
    this.m = m;
    this.p = p;
  }

  TimeAxis axis() {
    return ctx.axis();
  }

  /** The node under {@code key}, or null. */
  Node node(String key) {
    return m.get(key);
  }

  /** The event's whole mapping (for problems about the event itself). */
  Node.MapNode map() {
    return m;
  }

  /** The path of {@code key} in this event, e.g. {@code events[2].fraction}. */
  String path(String key) {
    return p + "." + key;
  }

  /** {@code from} (required) to {@code to} (default {@code from}), and the yearly occurrences. */
  EventWindow window() {
    return window(false);
  }

  /**
   * For events that act from a year on (capacity delays): {@code from} defaults to the first year,
   * and one occurrence draw decides for the whole window.
   */
  EventWindow windowFromStart() {
    return window(true);
  }

  private EventWindow window(boolean fromStart) {
    Integer from = year("from", fromStart ? ctx.axis().firstYear() : null, true);
    Integer to = year("to", from, from != null);
    if (from == null || to == null) {
      return null;
    }
    if (to < from) {
      at(m.get("to"), path("to"), String.valueOf(to), Rule.YEAR_BEFORE.format("from (" + from + ")"), null);
      return null;
    }
    int t0 = ctx.axis().index(from);
    int t1 = ctx.axis().index(to);
    if (m.get("probability") == null) {
      return new EventWindow(t0, t1, null, fromStart);
    }
    Num prob = number("probability", Units.Kind.FRACTION, 0, 1);
    if (prob.isNaN()) {
      return null;
    }
    double pr = prob.value();
    Node where = m.get("probability");
    Num[] occurs = new Num[fromStart ? 1 : t1 - t0 + 1];
    for (int k = 0; k < occurs.length; k++) {
      int param = pr > 0 && pr < 1 ? ctx.numbers().bernoulli(path("probability")
          + (fromStart ? "" : "." + ctx.axis().year(t0 + k)), pr, where.file(), where.line()) : -1;
      occurs[k] = new Num(pr >= 0.5 ? 1 : 0, param);
    }
    return new EventWindow(t0, t1, occurs, fromStart);
  }

  private Integer year(String key, Integer fallback, boolean reportMissing) {
    Node n = m.get(key);
    if (n == null) {
      if (fallback == null && reportMissing) {
        at(m, path(key), null, Rule.MISSING.format(), "the first year of the event's window");
      }
      return fallback;
    }
    String t = n instanceof Node.Scalar s ? s.text() : null;
    if (t == null || !t.strip().matches("\\d{4}")) {
      at(n, path(key), t, Rule.NOT_A_YEAR.format(), null);
      return null;
    }
    int y = Integer.parseInt(t.strip());
    if (!ctx.axis().contains(y)) {
      at(n, path(key), t, Rule.YEAR_OFF_AXIS.format(ctx.axis().firstYear(),
          ctx.axis().lastYear()), "change `years:` or the event's window");
      return null;
    }
    return y;
  }

  /** A required number in [min, max] (for a fraction with min &lt; 0: above −100 %). */
  Num number(String key, Units.Kind kind, double min, double max) {
    return number(key, kind, min, max, null);
  }

  /** As {@link #number(String, Units.Kind, double, double)}, with its own rule above max. */
  Num number(String key, Units.Kind kind, double min, double max, String aboveMaxRule) {
    Node n = m.get(key);
    if (n == null) {
      at(m, path(key), null, Rule.MISSING.format(), "expected " + kind.accepted());
      return Num.of(Double.NaN);
    }
    Num v = ctx.numbers().read(n, path(key), kind, kind == Units.Kind.FRACTION && min < 0 ? -1 + 1e-12 : min,
        max);
    if (v.isNaN()) {
      return v;
    }
    String written = n instanceof Node.Scalar s ? s.text() : null;
    if (aboveMaxRule != null && v.value() > max) {
      at(n, path(key), written, aboveMaxRule, null);
      return Num.of(Double.NaN);
    }
    if (v.value() < min || v.value() > max || (kind == Units.Kind.FRACTION && min == -1 && v.value() <= -1)) {
      at(n, path(key), written, kind == Units.Kind.FRACTION
          ? (min < 0 ? Rule.ABOVE_MINUS_100.format() : Rule.IN_UNIT_INTERVAL.format())
          : Rule.AT_LEAST.format((long) min), null);
      return Num.of(Double.NaN);
    }
    return v;
  }

  /** The producers an event names: {@code producer}, {@code producers: [...]}, or stage + region. */
  int[] targets() {
    List<Producer> producers = ctx.producers();
    List<String> all = producers.stream().map(Producer::id).toList();
    List<String> ids = new ArrayList<>();
    Node where;
    String key;
    if (m.get("producer") != null) {
      key = "producer";
      where = m.get(key);
      ids.add(text("producer"));
    } else if (m.get("producers") != null) {
      key = "producers";
      where = m.get(key);
      if (!(where instanceof Node.ListNode l) || l.items().isEmpty()) {
        at(where, path(key), null, Rule.NOT_A_LIST.format(" of producer ids"), "e.g. `producers: [mp-separation]`");
        return null;
      }
      for (Node n : l.items()) {
        ids.add(n instanceof Node.Scalar s && s.text() != null ? s.text().strip() : null);
      }
    } else if (m.get("stage") != null && m.get("region") != null) {
      String code = text("stage");
      Stage stage = code == null ? null : Stage.ofCode(code);
      if (stage == null) {
        at(m.get("stage"), path("stage"), code, Rule.UNKNOWN_CHOICE.format("stage"),
            hint(code, Arrays.stream(Stage.values()).map(Stage::code).toList()));
        return null;
      }
      int r = regionKey("region", true);
      if (r < 0) {
        return null;
      }
      int[] out = IntStream.range(0, producers.size())
          .filter(k -> producers.get(k).stage() == stage && producers.get(k).region() == r).toArray();
      if (out.length == 0) {
        at(m, p, null, Rule.EVENT_NO_TARGET.format(stage.code(), ctx.regions().get(r)), null);
        return null;
      }
      return out;
    } else {
      at(m, path("producer"), null, Rule.MISSING_BECAUSE.format("name a `producer`, `producers: [...]`, or a `stage` and `region`"),
          null);
      return null;
    }
    int[] out = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      out[i] = ids.get(i) == null ? -1 : all.indexOf(ids.get(i));
      if (out[i] < 0) {
        at(where, path(key), ids.get(i), Rule.UNKNOWN_CHOICE.format("producer"), hint(ids.get(i), all));
        return null;
      }
    }
    return out;
  }

  /** The index of the region under {@code key}; −1 (after a problem when required or unknown). */
  int regionKey(String key, boolean required) {
    String code = text(key);
    if (code == null) {
      if (m.get(key) != null) {
        at(m.get(key), path(key), null, Rule.NOT_A_CODE.format("region code such as CN"), hint(null, ctx.regions()));
      } else if (required) {
        at(m, path(key), null, Rule.MISSING.format(), "a region code such as CN");
      }
      return -1;
    }
    int r = ctx.regions().indexOf(code);
    if (r < 0) {
      at(m.get(key), path(key), code, Rule.UNKNOWN_CHOICE.format("region"), hint(code, ctx.regions()));
    }
    return r;
  }

  /** The index of the sector under {@code sector}; −1 after a problem. */
  int sector() {
    String id = text("sector");
    if (id == null) {
      at(m.get("sector") == null ? m : m.get("sector"), path("sector"), null,
          m.get("sector") == null ? Rule.MISSING.format() : Rule.NOT_A_CODE.format("sector id"), null);
      return -1;
    }
    List<String> ids = ctx.sectors().stream().map(Sector::id).toList();
    int s = ids.lastIndexOf(id);
    if (s < 0) {
      at(m.get("sector"), path("sector"), id, Rule.UNKNOWN_CHOICE.format("sector"), hint(id, ids));
    }
    return s;
  }

  /** An event's window and traded products ({@link #traded}). */
  record Traded(EventWindow window, List<Integer> products) {
  }

  /**
   * The window and {@code products} of an event on traded products (export controls, tariffs, stockpiles),
   * or null after a problem in either.
   */
  Traded traded(boolean oxideByDefault) {
    EventWindow w = window();
    if (w == null) {
      return null;
    }
    List<Integer> products = products(oxideByDefault);
    return products == null ? null : new Traded(w, List.copyOf(products));
  }

  /**
   * {@code products: [...]} as traded products: NdPr, Dy and Tb in the forms of {@code forms}
   * ({@code [oxide]} when {@code oxideByDefault}, else oxide and metal), magnet, concentrate.
   */
  List<Integer> products(boolean oxideByDefault) {
    if (!(m.get("products") instanceof Node.ListNode list) || list.items().isEmpty()) {
      at(m.get("products") == null ? m : m.get("products"), path("products"), null,
          Rule.MISSING_BECAUSE.format("a list of " + String.join(", ", PRODUCTS)), null);
      return null;
    }
    List<String> forms = new ArrayList<>(oxideByDefault ? List.of("oxide") : FORMS);
    if (m.get("forms") != null) {
      forms.clear();
      if (!(m.get("forms") instanceof Node.ListNode fl)) {
        at(m.get("forms"), path("forms"), null, Rule.NOT_A_LIST.format(": [oxide], [metal] or [oxide, metal]"), null);
        return null;
      }
      for (Node f : fl.items()) {
        String v = f instanceof Node.Scalar s ? s.text() : null;
        if (v == null || !FORMS.contains(v)) {
          at(f, path("forms"), v, Rule.UNKNOWN_CHOICE.format("form"), "oxide or metal");
          return null;
        }
        forms.add(v);
      }
    }
    List<Integer> out = new ArrayList<>();
    for (Node item : list.items()) {
      String v = item instanceof Node.Scalar s ? s.text() : null;
      if (v == null || !PRODUCTS.contains(v)) {
        at(item, path("products"), v, Rule.UNKNOWN_CHOICE.format("product"), hint(v, PRODUCTS));
        return null;
      }
      for (TradedProduct tp : TradedProduct.values()) {
        boolean element = tp.element() != null;
        if (tp.product().equals(v) && (!element || forms.contains(tp.form()))) {
          out.add(tp.ordinal());
        }
      }
    }
    return out;
  }

  /** The stripped text under {@code key}, or null when absent or not a text. */
  String text(String key) {
    return m.get(key) instanceof Node.Scalar s && s.text() != null ? s.text().strip() : null;
  }

  /** "did you mean" for {@code v} among {@code choices}, else the choices when few; null-safe. */
  static String hint(String v, List<String> choices) {
    String best = v == null ? null : Suggest.closest(v, choices);
    if (best != null) {
      return "did you mean `" + best + "`?";
    }
    return choices.size() <= 16 ? "one of " + String.join(", ", choices) : null;
  }

  void at(Node n, String path, String value, String rule, String hint) {
    ctx.problems().accept(n == null ? new Problem(null, 0, 0, path, value, rule, hint)
        : new Problem(n.file(), n.line(), n.column(), path, value, rule, hint));
  }
}
