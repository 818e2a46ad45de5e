package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * The {@code events:} of a scenario: changes over a time window, applied to the compiled producers
 * and sectors before a run (after capacity targets), in the order written.
 *
 * <ul>
 *   <li>{@code outage}: a producer, or every producer of a stage in a region, loses {@code fraction}
 *       of its capacity from {@code from} to {@code to};</li>
 *   <li>{@code capacity_delay}: a producer's capacity path moves {@code years} later (from
 *       {@code from}, default the first year): capacity in year t becomes the path's value in t − years;</li>
 *   <li>{@code demand_shock}: a sector's demand (in one region, or everywhere) is multiplied by
 *       1 + {@code fraction} from {@code from} to {@code to};</li>
 *   <li>{@code subsidy}: producers' offer cost falls by {@code amount} (not below zero);</li>
 *   <li>{@code price_floor}: an offtake agreement at {@code floor}: producers whose cost is at or below
 *       the floor run whatever the market price (they offer at zero; the difference is paid by the
 *       government, as in the July 2025 US agreement for NdPr at 110 USD/kg).</li>
 * </ul>
 * Export controls, tariffs and strategic stockpiles ({@code stockpile_release}, {@code stockpile_build}:
 * {@code region}, {@code products} — elements as oxide unless {@code forms} says otherwise — and an
 * {@code amount} in t per year and product) act on the regional markets and are refused with that
 * explanation on one global market. An export control may carry a {@code licensingDelay} in months:
 * while licences are pending nothing ships, so the first year's cap shrinks by the share of the year
 * lost ({@link #licensingLoss}).
 */
final class Events {
  /** The producers and sectors after the events, and whether any event changed anything. */
  record Applied(List<Producer> producers, List<Sector> sectors, Trade trade, boolean changedAnything) {
  }

  private static final List<String> TYPES = List.of("outage", "capacity_delay", "demand_shock",
      "subsidy", "price_floor", "export_control", "tariff", "stockpile_release", "stockpile_build");
  private static final List<String> TRADE_TYPES = List.of("export_control", "tariff", "stockpile_release",
      "stockpile_build");
  private static final List<String> KEYS = List.of("type", "producer", "producers", "stage", "region",
      "sector", "from", "to", "fraction", "years", "amount", "floor", "note", "source", "confidence",
      "method", "products", "forms", "cap", "exporter", "importer", "probability", "licensingDelay");
  private static final List<String> PRODUCTS = List.of("NdPr", "Dy", "Tb", "magnet", "concentrate");
  private static final List<String> FORMS = List.of("oxide", "metal");
  private Trade.Builder tradeEdits;

  /** A number read from the file: its nominal value and, when it is a distribution, its parameter. */
  record Num(double value, int param) {
  }

  /** Reads numbers for the events and registers their uncertain parameters with the compiler. */
  interface Numbers {
    /** A number (plain, with unit, cited, or a distribution checked against [min, max]); NaN after a problem. */
    Num read(Node n, String path, Units.Kind kind, double min, double max);

    /** Registers "happens with probability p" (0 or 1) as an uncertain parameter; returns its index. */
    int bernoulli(String path, double p, String file, int line);
  }

  private final Consumer<Problem> problems;
  private final Numbers numbers;
  private final TimeAxis axis;
  private final List<String> regions;
  private boolean changed;
  /** Numbers read in order while compiling, as {value, parameter index or -1}; replays read them back. */
  private final List<double[]> recorded;
  /** Drawn parameter values during a replay, {@code null} while compiling. */
  private final double[] values;
  private int cursor;

  Events(Consumer<Problem> problems, Numbers numbers, TimeAxis axis, List<String> regions) {
    this(problems, numbers, axis, regions, new ArrayList<>(), null);
  }

  private Events(Consumer<Problem> problems, Numbers numbers, TimeAxis axis, List<String> regions,
      List<double[]> recorded, double[] values) {
    this.problems = problems;
    this.numbers = numbers;
    this.axis = axis;
    this.regions = regions;
    this.recorded = recorded;
    this.values = values;
  }

  /**
   * The same events again, with drawn parameter values: reads the numbers recorded when compiling
   * (or the drawn value where a number is uncertain). A new instance per call, so replays may run in
   * parallel.
   */
  Events replay(double[] drawn) {
    return new Events(p -> { }, numbers, axis, regions, recorded, drawn);
  }

  /** Whether any event has an uncertain number or probability. */
  boolean uncertain() {
    for (double[] r : recorded) {
      if (r[1] >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * For each producer a capacity delay touched in the last {@link #apply}: the year index whose
   * capacity each year now shows ({@code moved[t] = cap[source[t]]}).
   */
  private final java.util.Map<Integer, int[]> yearSources = new java.util.HashMap<>();

  /** The year each year's capacity of producer k comes from after the last apply's delays, or null. */
  int[] yearSource(int k) {
    int[] s = yearSources.get(k);
    return s == null ? null : s.clone();
  }

  Applied apply(Node node, List<Producer> producersIn, List<Sector> sectorsIn, Trade trade) {
    yearSources.clear();
    List<Producer> producers = new ArrayList<>(producersIn);
    List<Sector> sectors = new ArrayList<>(sectorsIn);
    tradeEdits = trade == null ? null : trade.toBuilder();
    if (node == null) {
      return new Applied(producers, sectors, trade, false);
    }
    if (!(node instanceof Node.ListNode list)) {
      at(node, "events", null, "must be a list of events", "start each event with `- type: ...`");
      return new Applied(producers, sectors, trade, false);
    }
    for (int i = 0; i < list.items().size(); i++) {
      String p = "events[" + i + "]";
      if (!(list.items().get(i) instanceof Node.MapNode m)) {
        at(list.items().get(i), p, null, "must be a mapping", null);
        continue;
      }
      event(m, p, producers, sectors);
    }
    return new Applied(producers, sectors, tradeEdits == null ? null : tradeEdits.build(), changed);
  }

  private void event(Node.MapNode m, String p, List<Producer> producers, List<Sector> sectors) {
    for (Node.Entry e : m.entries().values()) {
      if (!KEYS.contains(e.key())) {
        String best = Suggest.closest(e.key(), KEYS);
        problems.accept(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), null,
            "unknown key `" + e.key() + "`", best == null ? null : "did you mean `" + best + "`?"));
      }
    }
    String type = text(m, "type");
    if (type == null) {
      at(m, p + ".type", null, "missing", "one of " + String.join(", ", TYPES));
      return;
    }
    if (TRADE_TYPES.contains(type) && tradeEdits == null) {
      at(m.get("type"), p + ".type", type, "acts between regions, and this scenario clears one global market",
          "add `market: {model: regional, tradeCost: {...}}` (docs/SCENARIO-FORMAT.md)");
      return;
    }
    if (!TYPES.contains(type)) {
      String best = Suggest.closest(type, TYPES);
      at(m.get("type"), p + ".type", type, "unknown event type",
          best != null ? "did you mean `" + best + "`?" : "one of " + String.join(", ", TYPES));
      return;
    }
    Integer from = year(m, "from", p, type.equals("capacity_delay") ? axis.firstYear() : null);
    Integer to = year(m, "to", p, from);
    if (from == null || to == null) {
      return;
    }
    if (to < from) {
      at(m.get("to"), p + ".to", String.valueOf(to), "must not be before from (" + from + ")", null);
      return;
    }
    int t0 = axis.index(from);
    int t1 = axis.index(to);
    boolean[] on = occurs(m, p, t0, t1, type.equals("capacity_delay"));
    if (on == null) {
      return;
    }
    switch (type) {
      case "outage" -> {
        double f = number(m, "fraction", p, Units.Kind.FRACTION, 0, 1);
        int[] targets = targets(m, p, producers);
        if (Double.isNaN(f) || targets == null) {
          return;
        }
        for (int k : targets) {
          double[] cap = producers.get(k).capacityT();
          for (int t = t0; t <= t1; t++) {
            if (on[t]) {
              cap[t] *= 1 - f;
            }
          }
          producers.set(k, producers.get(k).withCapacityT(cap));
        }
        changed |= f > 0;
      }
      case "capacity_delay" -> {
        double years = number(m, "years", p, Units.Kind.NUMBER, 0, axis.size());
        int[] targets = targets(m, p, producers);
        if (Double.isNaN(years) || targets == null) {
          return;
        }
        if (years != Math.rint(years)) {
          at(m.get("years"), p + ".years", text(m, "years"), "must be a whole number of years", null);
          return;
        }
        int n = on[t0] ? (int) years : 0;
        for (int k : targets) {
          double[] cap = producers.get(k).capacityT();
          double[] moved = cap.clone();
          int[] source = yearSources.get(k);
          if (source == null) {
            source = new int[cap.length];
            for (int t = 0; t < cap.length; t++) {
              source[t] = t;
            }
          }
          int[] movedSource = source.clone();
          for (int t = t0; t < cap.length; t++) {
            moved[t] = cap[Math.max(t - n, t0)];
            movedSource[t] = source[Math.max(t - n, t0)];
          }
          yearSources.put(k, movedSource);
          producers.set(k, producers.get(k).withCapacityT(moved));
        }
        changed |= n > 0;
      }
      case "demand_shock" -> {
        double f = number(m, "fraction", p, Units.Kind.FRACTION, -1, Double.MAX_VALUE);
        String sectorId = text(m, "sector");
        if (sectorId == null) {
          at(m, p + ".sector", null, "missing", null);
          return;
        }
        int s = -1;
        for (int k = 0; k < sectors.size(); k++) {
          if (sectors.get(k).id().equals(sectorId)) {
            s = k;
          }
        }
        if (s < 0) {
          at(m.get("sector"), p + ".sector", sectorId, "unknown sector",
              hint(sectorId, sectors.stream().map(Sector::id).toList()));
          return;
        }
        int r = -1;
        if (m.get("region") != null) {
          r = region(m, p);
          if (r < 0) {
            return;
          }
        }
        if (Double.isNaN(f)) {
          return;
        }
        Sector sec = sectors.get(s);
        double[] d = sec.referenceDemandT();
        double weight = r < 0 ? 1 : sec.regionShare(r);
        for (int t = t0; t <= t1; t++) {
          if (on[t]) {
            d[t] *= 1 + f * weight;
          }
        }
        sectors.set(s, sec.withReferenceDemandT(d));
        changed |= f != 0;
      }
      case "subsidy" -> {
        double amount = number(m, "amount", p, Units.Kind.PRICE, 0, Double.MAX_VALUE);
        int[] targets = targets(m, p, producers);
        if (Double.isNaN(amount) || targets == null) {
          return;
        }
        for (int k : targets) {
          double[] offer = producers.get(k).offerCostT();
          for (int t = t0; t <= t1; t++) {
            if (on[t]) {
              offer[t] = Math.max(0, offer[t] - amount);
            }
          }
          producers.set(k, producers.get(k).withOfferCostT(offer));
        }
        changed |= amount > 0;
      }
      case "export_control", "tariff", "stockpile_release", "stockpile_build" -> trade(m, p, type, t0, t1, on);
      default -> { // price_floor
        double floor = number(m, "floor", p, Units.Kind.PRICE, 0, Double.MAX_VALUE);
        int[] targets = targets(m, p, producers);
        if (Double.isNaN(floor) || targets == null) {
          return;
        }
        for (int k : targets) {
          Producer pr = producers.get(k);
          double[] offer = pr.offerCostT();
          for (int t = t0; t <= t1; t++) {
            if (on[t] && pr.costUsdPerKg() <= floor) {
              offer[t] = 0;
              changed = true;
            }
          }
          producers.set(k, pr.withOfferCostT(offer));
        }
      }
    }
  }

  /**
   * {@code export_control}: {@code exporter} region, {@code products} (NdPr, Dy, Tb as oxide and metal
   * unless {@code forms} says which; magnet; concentrate) and {@code cap}, a tonnage per product or a
   * share of the previous year's exports, with an optional {@code licensingDelay} (months, see
   * {@link #licensingLoss}). {@code tariff}: {@code importer}, optional {@code exporter},
   * {@code products}, {@code amount} in USD/kg.
   */
  private void trade(Node.MapNode m, String p, String type, int t0, int t1, boolean[] on) {
    boolean stockpile = type.startsWith("stockpile");
    List<Integer> products = tradedProducts(m, p, stockpile);
    if (products == null) {
      return;
    }
    if (stockpile) {
      int region = regionKey(m, "region", p, true);
      if (region < 0) {
        return;
      }
      if (products.contains(TradedProduct.CONCENTRATE.ordinal())) {
        at(m.get("products"), p + ".products", "concentrate", "stockpiles hold oxides, metals or magnets", null);
        return;
      }
      double amount = number(m, "amount", p, Units.Kind.MASS, 0, Double.MAX_VALUE);
      if (Double.isNaN(amount)) {
        return;
      }
      for (int t = t0; t <= t1; t++) {
        if (!on[t]) {
          continue;
        }
        for (int tp : products) {
          if (type.equals("stockpile_release")) {
            tradeEdits.release(t, tp, region, amount);
          } else {
            tradeEdits.purchase(t, tp, region, amount);
          }
        }
      }
      changed |= amount > 0;
      return;
    }
    if (type.equals("export_control")) {
      int exporter = regionKey(m, "exporter", p, true);
      Node capNode = m.get("cap");
      if (exporter < 0) {
        return;
      }
      if (capNode == null) {
        at(m, p + ".cap", null, "missing", "a tonnage (5000 t) or a share of last year's exports (30 %)");
        return;
      }
      Node capValue = capNode instanceof Node.MapNode cm ? cm.get("value") : capNode;
      String text = capValue instanceof Node.Scalar s ? s.text() : null;
      boolean share = text != null && text.strip().endsWith("%");
      double cap = number(m, "cap", p, share ? Units.Kind.FRACTION : Units.Kind.MASS, 0,
          share ? 1 : Double.MAX_VALUE);
      if (Double.isNaN(cap)) {
        return;
      }
      double delayMonths = 0;
      if (m.get("licensingDelay") != null) {
        int windowMonths = 12 * (t1 - t0 + 1);
        delayMonths = number(m, "licensingDelay", p, Units.Kind.MONTHS, 0, windowMonths,
            "must not be longer than the event's window (" + windowMonths + " months)");
        if (Double.isNaN(delayMonths)) {
          return;
        }
      }
      int spellYear = 0;
      for (int t = t0; t <= t1; t++) {
        if (!on[t]) {
          spellYear = 0;
          continue;
        }
        double allowed = cap * (1 - licensingLoss(delayMonths, spellYear++));
        for (int tp : products) {
          if (share) {
            tradeEdits.capShare(t, tp, exporter, allowed);
          } else {
            tradeEdits.capTonnes(t, tp, exporter, allowed);
          }
        }
      }
      changed = true;
    } else {
      int importer = regionKey(m, "importer", p, true);
      int exporter = m.get("exporter") == null ? -1 : regionKey(m, "exporter", p, true);
      if (importer < 0 || (m.get("exporter") != null && exporter < 0)) {
        return;
      }
      double amount = number(m, "amount", p, Units.Kind.PRICE, 0, Double.MAX_VALUE);
      if (Double.isNaN(amount)) {
        return;
      }
      for (int t = t0; t <= t1; t++) {
        if (!on[t]) {
          continue;
        }
        for (int tp : products) {
          tradeEdits.addTariff(t, tp, exporter, importer, amount);
        }
      }
      changed |= amount > 0;
    }
  }

  /**
   * The share of a year's cap lost to pending licences: while licences are pending nothing ships, so
   * a licensing delay of D months takes {@code min(12, max(0, D − 12k)) / 12} of the cap in year k of
   * a spell of the control (k = 0 its first year; a spell starts at the window's first year, and again
   * after a year in which a probabilistic control did not happen). A delay of up to 12 months only
   * touches the first year: 3 months leave 75 % of the cap. Windows are whole calendar years, so the
   * months are counted within the year (a control from April with 3 months of pending licences loses
   * the same quarter of that year's exports).
   *
   * @param delayMonths licensing delay, months, {@code >= 0}
   * @param spellYear   years since the control (re)started, {@code >= 0}
   * @return lost share of the year, in [0, 1]
   */
  static double licensingLoss(double delayMonths, int spellYear) {
    return Math.min(12, Math.max(0, delayMonths - 12.0 * spellYear)) / 12;
  }

  private List<Integer> tradedProducts(Node.MapNode m, String p, boolean oxideByDefault) {
    if (!(m.get("products") instanceof Node.ListNode list) || list.items().isEmpty()) {
      at(m, p + ".products", null, "missing: a list of " + String.join(", ", PRODUCTS), null);
      return null;
    }
    List<String> forms = new ArrayList<>(oxideByDefault ? List.of("oxide") : FORMS);
    if (m.get("forms") != null) {
      forms.clear();
      if (!(m.get("forms") instanceof Node.ListNode fl)) {
        at(m.get("forms"), p + ".forms", null, "must be a list: [oxide], [metal] or [oxide, metal]", null);
        return null;
      }
      for (Node f : fl.items()) {
        String v = f instanceof Node.Scalar s ? s.text() : null;
        if (!FORMS.contains(v)) {
          at(f, p + ".forms", v, "unknown form", "oxide or metal");
          return null;
        }
        forms.add(v);
      }
    }
    List<Integer> out = new ArrayList<>();
    for (Node item : list.items()) {
      String v = item instanceof Node.Scalar s ? s.text() : null;
      if (!PRODUCTS.contains(v)) {
        at(item, p + ".products", v, "unknown product", v == null ? null : hint(v, PRODUCTS));
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

  private int regionKey(Node.MapNode m, String key, String p, boolean required) {
    String code = text(m, key);
    if (code == null) {
      if (required) {
        at(m, p + "." + key, null, "missing", "a region code such as CN");
      }
      return -1;
    }
    int r = regions.indexOf(code);
    if (r < 0) {
      at(m.get(key), p + "." + key, code, "unknown region", hint(code, regions));
    }
    return r;
  }

  /** The producers an event names: {@code producer}, {@code producers: [...]}, or stage + region. */
  private int[] targets(Node.MapNode m, String p, List<Producer> producers) {
    List<String> ids = new ArrayList<>();
    List<String> all = producers.stream().map(Producer::id).toList();
    if (m.get("producer") != null) {
      ids.add(text(m, "producer"));
    } else if (m.get("producers") instanceof Node.ListNode l) {
      for (Node n : l.items()) {
        ids.add(n instanceof Node.Scalar s ? s.text() : null);
      }
    } else if (m.get("stage") != null && m.get("region") != null) {
      Stage stage = Stage.ofCode(text(m, "stage"));
      if (stage == null) {
        at(m.get("stage"), p + ".stage", text(m, "stage"), "unknown stage",
            hint(text(m, "stage"), Arrays.stream(Stage.values()).map(Stage::code).toList()));
        return null;
      }
      int r = region(m, p);
      if (r < 0) {
        return null;
      }
      int[] out = java.util.stream.IntStream.range(0, producers.size())
          .filter(k -> producers.get(k).stage() == stage && producers.get(k).region() == r).toArray();
      if (out.length == 0) {
        at(m, p, null, "no " + stage.code() + " producer in " + regions.get(r), null);
        return null;
      }
      return out;
    } else {
      at(m, p + ".producer", null, "missing: name a `producer`, `producers: [...]`, or a `stage` and `region`", null);
      return null;
    }
    int[] out = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      out[i] = ids.get(i) == null ? -1 : all.indexOf(ids.get(i));
      if (out[i] < 0) {
        Node where = m.get("producer") != null ? m.get("producer") : m.get("producers");
        at(where, p + (m.get("producer") != null ? ".producer" : ".producers"), ids.get(i), "unknown producer",
            ids.get(i) == null ? null : hint(ids.get(i), all));
        return null;
      }
    }
    return out;
  }

  private int region(Node.MapNode m, String p) {
    String code = text(m, "region");
    int r = code == null ? -1 : regions.indexOf(code);
    if (r < 0) {
      at(m.get("region"), p + ".region", code, "unknown region", code == null ? null : hint(code, regions));
    }
    return r;
  }

  private Integer year(Node.MapNode m, String key, String p, Integer fallback) {
    Node n = m.get(key);
    if (n == null) {
      if (fallback == null) {
        at(m, p + "." + key, null, "missing", "the first year of the event's window");
      }
      return fallback;
    }
    String t = n instanceof Node.Scalar s ? s.text() : null;
    if (t == null || !t.strip().matches("\\d{4}")) {
      at(n, p + "." + key, t, "must be a year", null);
      return null;
    }
    int y = Integer.parseInt(t.strip());
    if (!axis.contains(y)) {
      at(n, p + "." + key, t, "year outside the scenario's axis " + axis.firstYear() + ".." + axis.lastYear(),
          "change `years:` or the event's window");
      return null;
    }
    return y;
  }

  private double number(Node.MapNode m, String key, String p, Units.Kind kind, double min, double max) {
    return number(m, key, p, kind, min, max, null);
  }

  /** As {@link #number(Node.MapNode, String, String, Units.Kind, double, double)}, with the rule given above max. */
  private double number(Node.MapNode m, String key, String p, Units.Kind kind, double min, double max,
      String aboveMaxRule) {
    if (values != null) {
      double[] rec = recorded.get(cursor++);
      return rec[1] >= 0 ? values[(int) rec[1]] : rec[0];
    }
    Node n = m.get(key);
    if (n == null) {
      at(m, p + "." + key, null, "missing", "expected " + kind.accepted());
      return Double.NaN;
    }
    Num v = numbers.read(n, p + "." + key, kind, kind == Units.Kind.FRACTION && min < 0 ? -1 + 1e-12 : min, max);
    if (Double.isNaN(v.value())) {
      return v.value();
    }
    if (aboveMaxRule != null && v.value() > max) {
      at(n, p + "." + key, n instanceof Node.Scalar s ? s.text() : null, aboveMaxRule, null);
      return Double.NaN;
    }
    if (v.value() < min || v.value() > max || (kind == Units.Kind.FRACTION && min == -1 && v.value() <= -1)) {
      at(n, p + "." + key, n instanceof Node.Scalar s ? s.text() : null, kind == Units.Kind.FRACTION
          ? (min < 0 ? "must be above -100 %" : "must be in [0, 100 %]")
          : "must be >= " + (long) min, null);
      return Double.NaN;
    }
    recorded.add(new double[] {v.value(), v.param()});
    return v.value();
  }

  /**
   * In which years of the window the event happens: every year, or, with {@code probability: P},
   * each year independently with probability P (one uncertain parameter per year; a deterministic
   * run takes the more likely outcome). With {@code once}, one draw decides for the whole event.
   */
  private boolean[] occurs(Node.MapNode m, String p, int t0, int t1, boolean once) {
    boolean[] on = new boolean[axis.size()];
    if (m.get("probability") == null) {
      java.util.Arrays.fill(on, t0, t1 + 1, true);
      return on;
    }
    double prob = number(m, "probability", p, Units.Kind.FRACTION, 0, 1);
    if (Double.isNaN(prob)) {
      return null;
    }
    int draws = once ? 1 : t1 - t0 + 1;
    for (int k = 0; k < draws; k++) {
      boolean happens;
      if (values != null) {
        double[] rec = recorded.get(cursor++);
        happens = (rec[1] >= 0 ? values[(int) rec[1]] : rec[0]) >= 0.5;
      } else {
        Node where = m.get("probability");
        int param = prob > 0 && prob < 1
            ? numbers.bernoulli(p + ".probability" + (once ? "" : "." + axis.year(t0 + k)), prob, where.file(), where.line())
            : -1;
        recorded.add(new double[] {prob >= 0.5 ? 1 : 0, param});
        happens = prob >= 0.5;
      }
      if (once) {
        java.util.Arrays.fill(on, t0, t1 + 1, happens);
      } else {
        on[t0 + k] = happens;
      }
    }
    return on;
  }

  private static String text(Node.MapNode m, String key) {
    return m.get(key) instanceof Node.Scalar s && s.text() != null ? s.text().strip() : null;
  }

  private static String hint(String v, List<String> choices) {
    String best = Suggest.closest(v, choices);
    return best == null ? null : "did you mean `" + best + "`?";
  }

  private void at(Node n, String p, String value, String rule, String hint) {
    problems.accept(n == null ? new Problem(null, 0, 0, p, value, rule, hint)
        : new Problem(n.file(), n.line(), n.column(), p, value, rule, hint));
  }
}
