package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * The {@code market:} block of the element-price market ({@code model: elements}; docs/SCENARIO-FORMAT.md,
 * "Element-price market"). Read while compiling (numbers cited like every model number), applied to
 * the compiled chain: nameplate factors scale producers' capacity paths, each production cap may add
 * an off-quota tranche as producers {@code <member>-offquota} outside the cap, and the chain gets the
 * {@link ElementMarket} parameters.
 *
 * <pre>
 * market:
 *   model: elements
 *   supplyCurve: {mining: 0.05, separation: 0.05, metal: 0.05, magnet: 0.05}
 *   gradeElasticity: {Dy: -0.3, Tb: -0.3}
 *   otherOxideValue: 1.1 USD/kg
 *   nameplate: [{producers: [a, b], factor: {2015: 2.5, 2020: 1.5}}]
 *   caps: [{id: ..., producers: [...], values: {2017: 105000 t REO, ...},
 *           offQuota: {share: 20 %, costFactor: 3, enabled: true}}]
 *   storage: [{element: NdPr, capacity: 20000 t, initial: 5000 t, interestRate: 8 %,
 *              carryingCost: 2 %, width: 30 %, trailingYears: 3, anchor: 50 %}]
 *   sticky: {share: 15 %, premium: 20 USD/kg}
 * </pre>
 */
final class MarketBlock {
  private static final List<String> KEYS = List.of("model", "supplyCurve", "gradeElasticity", "otherOxideValue",
      "nameplate", "caps", "storage", "sticky", "note");
  private static final List<String> STAGES = List.of("mining", "separation", "metal", "magnet");

  /** A cap; {@code offShare} by year index (a scalar in the file is the same share every year). */
  private record Cap(String id, List<String> members, double[] values, double[] offShare, double costFactor,
      boolean enabled) {
  }

  private record Nameplate(List<String> members, double[] factor) {
  }

  private final ElementMarket base;
  private final List<Cap> caps = new ArrayList<>();
  private final List<Nameplate> nameplates = new ArrayList<>();

  private MarketBlock(ElementMarket base) {
    this.base = base;
  }

  /** Whether a mapping is one cited number ({@code {value: ..., source: ...}}) rather than a path by year. */
  private static boolean isCited(Node.MapNode m) {
    return m.get("value") != null;
  }

  /** Whether a {@code market:} node asks for the element-price model. */
  static boolean isElements(Node n) {
    return n instanceof Node.MapNode m && m.get("model") instanceof Node.Scalar s && "elements".equals(s.text());
  }

  /**
   * Reads the block; {@code null} when the node does not ask for {@code model: elements}. Problems go to
   * {@code report}; producer ids are checked against {@code producers}.
   */
  static MarketBlock read(Node n, Events.Numbers numbers, Consumer<Problem> report, TimeAxis axis,
      List<Producer> producers) {
    if (!isElements(n)) {
      return null;
    }
    Reader r = new Reader(numbers, report, axis, producers);
    Node.MapNode m = (Node.MapNode) n;
    r.keys(m, "market", KEYS);
    double[] curvature = {0.05, 0.05, 0.05, 0.05};
    if (m.get("supplyCurve") != null) {
      Node.MapNode sc = r.map(m.get("supplyCurve"), "market.supplyCurve");
      if (sc != null) {
        List<String> allowed = new ArrayList<>(STAGES);
        allowed.add("note");
        r.keys(sc, "market.supplyCurve", allowed);
        for (int k = 0; k < STAGES.size(); k++) {
          if (sc.get(STAGES.get(k)) != null) {
            curvature[k] = r.number(sc.get(STAGES.get(k)), "market.supplyCurve." + STAGES.get(k),
                Units.Kind.NUMBER, 0, 100, curvature[k]);
          }
        }
      }
    }
    double[] grade = new double[Element.COUNT];
    if (m.get("gradeElasticity") != null) {
      Node.MapNode ge = r.map(m.get("gradeElasticity"), "market.gradeElasticity");
      if (ge != null) {
        r.keys(ge, "market.gradeElasticity", List.of("NdPr", "Dy", "Tb", "note"));
        for (Element el : Element.values()) {
          if (ge.get(el.code()) != null) {
            grade[el.ordinal()] = r.number(ge.get(el.code()), "market.gradeElasticity." + el.code(),
                Units.Kind.NUMBER, -10, 0, 0);
          }
        }
      }
    }
    double other = m.get("otherOxideValue") == null ? 0
        : r.number(m.get("otherOxideValue"), "market.otherOxideValue", Units.Kind.PRICE, 0, 1e6, 0);
    double stickyShare = 0;
    double premium = 0;
    if (m.get("sticky") != null) {
      Node.MapNode st = r.map(m.get("sticky"), "market.sticky");
      if (st != null) {
        r.keys(st, "market.sticky", List.of("share", "premium", "note"));
        stickyShare = r.required(st, "share", "market.sticky", Units.Kind.FRACTION, 0, 1);
        premium = r.required(st, "premium", "market.sticky", Units.Kind.PRICE, 0, 1e6);
      }
    }
    // a number with a problem reads as NaN: the problem is reported, the block is built with 0
    stickyShare = Double.isNaN(stickyShare) ? 0 : stickyShare;
    premium = Double.isNaN(premium) ? 0 : premium;
    List<ElementMarket.Storage> storage = new ArrayList<>();
    if (m.get("storage") != null) {
      List<Node> items = r.list(m.get("storage"), "market.storage");
      boolean[] seen = new boolean[Element.COUNT];
      for (int i = 0; i < items.size(); i++) {
        String p = "market.storage[" + i + "]";
        Node.MapNode s = r.map(items.get(i), p);
        if (s == null) {
          continue;
        }
        r.keys(s, p, List.of("element", "capacity", "initial", "interestRate", "carryingCost", "width",
            "trailingYears", "anchor", "note"));
        Element el = r.element(s, "element", p);
        double capT = r.required(s, "capacity", p, Units.Kind.MASS, 1e-9, 1e12);
        double init = r.required(s, "initial", p, Units.Kind.MASS, 0, 1e12);
        double rate = r.required(s, "interestRate", p, Units.Kind.FRACTION, 0, 0.999);
        double carry = r.required(s, "carryingCost", p, Units.Kind.FRACTION, 0, 0.999);
        double width = r.required(s, "width", p, Units.Kind.FRACTION, 1e-6, 1);
        double years = s.get("trailingYears") == null ? 3
            : r.number(s.get("trailingYears"), p + ".trailingYears", Units.Kind.NUMBER, 1, 50, 3);
        double anchor = s.get("anchor") == null ? 0
            : r.number(s.get("anchor"), p + ".anchor", Units.Kind.FRACTION, 0, 1, 0);
        if (el == null || Double.isNaN(capT + init + rate + carry + width + years + anchor)) {
          continue;
        }
        if (seen[el.ordinal()]) {
          r.at(s.get("element"), p + ".element", el.code(), "a second storage of this element", null);
          continue;
        }
        if (init > capT) {
          r.at(s.get("initial"), p + ".initial", null, "must not exceed the capacity", null);
          continue;
        }
        seen[el.ordinal()] = true;
        storage.add(new ElementMarket.Storage(el.ordinal(), capT, init, rate, carry, width, (int) Math.round(years),
            anchor));
      }
    }
    MarketBlock block = new MarketBlock(new ElementMarket(curvature, grade, other, List.of(), storage,
        stickyShare, premium));
    if (m.get("nameplate") != null) {
      List<Node> items = r.list(m.get("nameplate"), "market.nameplate");
      for (int i = 0; i < items.size(); i++) {
        String p = "market.nameplate[" + i + "]";
        Node.MapNode s = r.map(items.get(i), p);
        if (s == null) {
          continue;
        }
        r.keys(s, p, List.of("producers", "factor", "note"));
        List<String> members = r.producers(s, p, null);
        double[] factor = r.path(s, "factor", p, Units.Kind.NUMBER, 0, 1000);
        if (members != null && factor != null) {
          block.nameplates.add(new Nameplate(members, factor));
        }
      }
    }
    if (m.get("caps") != null) {
      List<Node> items = r.list(m.get("caps"), "market.caps");
      java.util.Set<String> capped = new java.util.HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String p = "market.caps[" + i + "]";
        Node.MapNode s = r.map(items.get(i), p);
        if (s == null) {
          continue;
        }
        r.keys(s, p, List.of("id", "producers", "values", "offQuota", "note"));
        String id = s.get("id") instanceof Node.Scalar sc && sc.text() != null ? sc.text().strip() : null;
        if (id == null || id.isEmpty()) {
          r.at(s, p + ".id", null, "missing", null);
        }
        List<String> members = r.producers(s, p, capped);
        double[] values = r.path(s, "values", p, Units.Kind.MASS_REO, 0, 1e12);
        double[] share = null;
        double factor = 1;
        boolean enabled = false;
        if (s.get("offQuota") != null) {
          Node.MapNode oq = r.map(s.get("offQuota"), p + ".offQuota");
          if (oq != null) {
            r.keys(oq, p + ".offQuota", List.of("share", "costFactor", "enabled", "note"));
            // a share, or a path of shares by year (the tranche's size changes with enforcement)
            if (oq.get("share") instanceof Node.MapNode sm && !isCited(sm)) {
              share = r.path(oq, "share", p + ".offQuota", Units.Kind.FRACTION, 0, 1);
            } else {
              double v = r.required(oq, "share", p + ".offQuota", Units.Kind.FRACTION, 0, 1);
              share = new double[axis.size()];
              java.util.Arrays.fill(share, v);
            }
            factor = r.required(oq, "costFactor", p + ".offQuota", Units.Kind.NUMBER, 0, 1000);
            enabled = true;
            if (oq.get("enabled") instanceof Node.Scalar en) {
              if ("false".equals(en.text())) {
                enabled = false;
              } else if (!"true".equals(en.text())) {
                r.at(en, p + ".offQuota.enabled", en.text(), "must be true or false", null);
              }
            }
          }
        }
        if (share == null) {
          share = new double[axis.size()];
        }
        if (id != null && members != null && values != null) {
          block.caps.add(new Cap(id, members, values, share, factor, enabled));
        }
      }
    }
    return block;
  }

  /** The compiled chain on the element-price market: nameplates, off-quota tranches, caps. */
  SupplyChain applyTo(SupplyChain chain) {
    List<Producer> producers = new ArrayList<>(chain.producers());
    Map<String, Integer> index = new HashMap<>();
    for (int p = 0; p < producers.size(); p++) {
      index.put(producers.get(p).id(), p);
    }
    int n = chain.axis().size();
    for (Nameplate np : nameplates) {
      for (String id : np.members()) {
        int p = index.get(id);
        double[] c = producers.get(p).capacityT();
        for (int t = 0; t < n; t++) {
          c[t] *= np.factor()[t];
        }
        producers.set(p, producers.get(p).withCapacityT(c));
      }
    }
    List<ElementMarket.ProductionCap> out = new ArrayList<>();
    List<Producer> added = new ArrayList<>();
    for (Cap cap : caps) {
      int[] members = new int[cap.members().size()];
      for (int k = 0; k < members.length; k++) {
        members[k] = index.get(cap.members().get(k));
      }
      out.add(new ElementMarket.ProductionCap(cap.id(), members, cap.values()));
      if (!cap.enabled() || java.util.Arrays.stream(cap.offShare()).allMatch(v -> !(v > 0))) {
        continue;
      }
      // the off-quota tranche: share × cap, split over the members by capacity, at costFactor × cost
      for (int member : members) {
        Producer pr = producers.get(member);
        double[] capacity = new double[n];
        double[] offer = new double[n];
        for (int t = 0; t < n; t++) {
          double total = 0;
          for (int k : members) {
            total += producers.get(k).capacityT(t);
          }
          double w = total > 0 ? pr.capacityT(t) / total : 1.0 / members.length;
          capacity[t] = cap.offShare()[t] * cap.values()[t] * w;
          offer[t] = pr.offerCostT(t) * cap.costFactor();
        }
        added.add(new Producer(pr.id() + "-offquota", pr.name() + " (off-quota)", pr.stage(), pr.region(),
            pr.owner(), ProducerStatus.OPERATING, pr.deposit(), pr.costUsdPerKg() * cap.costFactor(), capacity,
            offer));
      }
    }
    producers.addAll(added);
    return chain.withProducers(producers).withElementMarket(base.withCaps(out));
  }

  /** Number reading with positions, on the compiler's numbers. */
  private static final class Reader {
    private final Events.Numbers numbers;
    private final Consumer<Problem> report;
    private final TimeAxis axis;
    private final List<Producer> producers;

    Reader(Events.Numbers numbers, Consumer<Problem> report, TimeAxis axis, List<Producer> producers) {
      this.numbers = numbers;
      this.report = report;
      this.axis = axis;
      this.producers = producers;
    }

    void at(Node n, String p, String value, String rule, String hint) {
      report.accept(n == null ? new Problem(null, 0, 0, p, value, rule, hint)
          : new Problem(n.file(), n.line(), n.column(), p, value, rule, hint));
    }

    void keys(Node.MapNode m, String p, List<String> allowed) {
      for (Node.Entry e : m.entries().values()) {
        if (!allowed.contains(e.key())) {
          String best = Suggest.closest(e.key(), allowed);
          report.accept(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), null,
              "unknown key `" + e.key() + "`",
              best != null ? "did you mean `" + best + "`?" : "expected one of " + String.join(", ", allowed)));
        }
      }
    }

    Node.MapNode map(Node n, String p) {
      if (n instanceof Node.MapNode m) {
        return m;
      }
      at(n, p, null, "must be a mapping of keys", null);
      return null;
    }

    List<Node> list(Node n, String p) {
      if (n instanceof Node.ListNode l) {
        return l.items();
      }
      at(n, p, null, "must be a list", null);
      return List.of();
    }

    double number(Node n, String p, Units.Kind kind, double min, double max, double fallback) {
      double v = numbers.read(n, p, kind, min, max).value();
      if (Double.isNaN(v)) {
        return fallback;
      }
      if (!(v >= min && v <= max)) {
        at(n, p, String.valueOf(v), "must be in [" + min + ", " + max + "]", null);
        return fallback;
      }
      return v;
    }

    double required(Node.MapNode m, String key, String parent, Units.Kind kind, double min, double max) {
      Node n = m.get(key);
      if (n == null) {
        at(m, parent + "." + key, null, "missing", null);
        return Double.NaN;
      }
      return number(n, parent + "." + key, kind, min, max, Double.NaN);
    }

    Element element(Node.MapNode m, String key, String parent) {
      Node n = m.get(key);
      String code = n instanceof Node.Scalar s ? s.text() : null;
      for (Element el : Element.values()) {
        if (el.code().equals(code)) {
          return el;
        }
      }
      at(n == null ? m : n, parent + "." + key, code, "unknown element", "expected one of NdPr, Dy, Tb");
      return null;
    }

    /** Producer ids of one stage; {@code capped}, when given, refuses a producer under two caps. */
    List<String> producers(Node.MapNode m, String parent, java.util.Set<String> capped) {
      Node n = m.get("producers");
      if (!(n instanceof Node.ListNode l) || l.items().isEmpty()) {
        at(n == null ? m : n, parent + ".producers", null, "must be a non-empty list of producer ids", null);
        return null;
      }
      List<String> out = new ArrayList<>();
      Stage stage = null;
      boolean ok = true;
      for (int i = 0; i < l.items().size(); i++) {
        Node item = l.items().get(i);
        String id = item instanceof Node.Scalar s ? s.text() : null;
        Producer found = null;
        for (Producer pr : producers) {
          if (pr.id().equals(id)) {
            found = pr;
          }
        }
        String p = parent + ".producers[" + i + "]";
        if (found == null) {
          List<String> ids = producers.stream().map(Producer::id).toList();
          String best = Suggest.closest(id == null ? "" : id, ids);
          at(item, p, id, "unknown producer", best != null ? "did you mean `" + best + "`?" : null);
          ok = false;
          continue;
        }
        if (stage != null && found.stage() != stage) {
          at(item, p, id, "is of another stage than the first producer", null);
          ok = false;
        }
        stage = found.stage();
        if (capped != null && !capped.add(id)) {
          at(item, p, id, "is already under another cap", null);
          ok = false;
        }
        out.add(id);
      }
      return ok ? out : null;
    }

    /** A path {year: value}: linear between points, held before the first and after the last. */
    double[] path(Node.MapNode m, String key, String parent, Units.Kind kind, double min, double max) {
      String p = parent + "." + key;
      Node.MapNode pm = m.get(key) == null ? null : map(m.get(key), p);
      if (pm == null) {
        if (m.get(key) == null) {
          at(m, p, null, "missing", "give values by year, e.g. {2017: 105000}");
        }
        return null;
      }
      java.util.TreeMap<Integer, Double> points = new java.util.TreeMap<>();
      for (Node.Entry e : pm.entries().values()) {
        if (e.key().equals("note") || e.key().equals("unit")) {
          continue;
        }
        int year;
        try {
          year = Integer.parseInt(e.key());
        } catch (NumberFormatException ex) {
          report.accept(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), e.key(),
              "must be a year", null));
          continue;
        }
        double v = number(e.value(), p + "." + e.key(), kind, min, max, Double.NaN);
        if (!Double.isNaN(v)) {
          points.put(year, v);
        }
      }
      if (points.isEmpty()) {
        at(pm, p, null, "needs at least one year", null);
        return null;
      }
      double[] out = new double[axis.size()];
      for (int t = 0; t < out.length; t++) {
        int y = axis.year(t);
        Map.Entry<Integer, Double> a = points.floorEntry(y);
        Map.Entry<Integer, Double> b = points.ceilingEntry(y);
        if (a == null) {
          out[t] = b.getValue();
        } else if (b == null || a.getKey().equals(b.getKey())) {
          out[t] = a.getValue();
        } else {
          double f = (y - a.getKey()) / (double) (b.getKey() - a.getKey());
          out[t] = a.getValue() + f * (b.getValue() - a.getValue());
        }
      }
      return out;
    }
  }
}
