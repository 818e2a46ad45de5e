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
 * {@link ElementMarket} parameters. Its numbers may be distributions (except the paths by year and
 * {@code trailingYears}): the block keeps each number's recipe ({@link Num}) and the {@link Tail}
 * rebuilds the parameters and the off-quota tranches with every draw's values, so Monte Carlo,
 * sensitivity and {@code calibrate:} vary them through the one route.
 *
 * <pre>
 * market:
 *   model: elements
 *   supplyCurve: {mining: 0.05, separation: 0.05, metal: 0.05, magnet: 0.05}
 *   gradeElasticity: {form: power, Dy: -0.3, Tb: -0.3}   # form: exponential (default) or power
 *   otherOxideValue: 1.1 USD/kg
 *   nameplate: [{producers: [a, b], factor: {2015: 2.5, 2020: 1.5}}]
 *   caps: [{id: ..., producers: [...], values: {2017: 105000 t REO, ...},
 *           offQuota: {share: 20 %, costFactor: 3, enabled: true}}]
 *   storage: [{element: NdPr, capacity: 20000 t, initial: 5000 t, interestRate: 8 %,
 *              carryingCost: 2 %, width: 30 %, trailingYears: 3, anchor: 50 %}]
 *   sticky: {share: 15 %, premium: 20 USD/kg}
 *   tradeCost: {concentrate: 0.2 USD/kg, oxide: 1 USD/kg, metal: 1 USD/kg, magnet: 2 USD/kg}
 *   assembledInChina: 50 %
 *   routes: [{id: ..., rule: offtake, origins: [...], regions: [...]}]
 *   oxideUses: [{id: tb-phosphors, element: Tb, region: CN, demand: {2015: 100 t, 2021: 44 t},
 *                elasticity: -0.1}]
 * </pre>
 * With {@code tradeCost} the same market clears by region, linked by trade (read by {@link TradeBlock}).
 * {@code assembledInChina} routes the demand outside China that arrives in products assembled in China
 * to China's market by region; on one market it only places the magnets bought for the implied
 * {@code net_exports}.
 */
final class MarketBlock {
  private static final List<String> KEYS = List.of("model", "supplyCurve", "gradeElasticity", "otherOxideValue",
      "nameplate", "caps", "storage", "sticky", "tradeCost", "assembledInChina", "routes", "oxideUses", "note");
  private static final List<String> STAGES = List.of("mining", "separation", "metal", "magnet");
  private static final List<String> FORMS = java.util.Arrays.stream(ElementMarket.GradeForm.values())
      .map(ElementMarket.GradeForm::code).toList();

  /** A production cap; {@code tranche}: whether it has an off-quota tranche in some run (share above 0). */
  private record Cap(String id, List<String> members, double[] values, Num offShare, Num costFactor,
      boolean tranche) {
  }

  /** A storage's numbers as read: each may be a distribution, replayed with every draw's values. */
  private record StorageSpec(int element, Num capacity, Num initial, Num interestRate, Num carryingCost, Num width,
      int trailingYears, Num anchor) {
    ElementMarket.Storage at(double[] v) {
      return new ElementMarket.Storage(element, capacity.at(v), initial.at(v), interestRate.at(v),
          carryingCost.at(v), width.at(v), trailingYears, anchor.at(v));
    }
  }

  private record Nameplate(List<String> members, double[] factor) {
  }

  /** An oxide use outside magnets as read: its elasticity may be a distribution (or a calibrate: entry). */
  private record UseSpec(String id, int element, int region, double[] demand, Num elasticity) {
    ElementMarket.OxideUse at(double[] v) {
      return new ElementMarket.OxideUse(id, element, region, demand, elasticity.at(v));
    }
  }

  private final Num[] curvature;
  private final Num[] grade;
  /** The grade choice's form ({@code gradeElasticity.form}), the same in every draw. */
  private final ElementMarket.GradeForm form;
  private final Num other;
  private final Num stickyShare;
  private final Num premium;
  private final List<StorageSpec> storage;
  private final List<UseSpec> uses;
  /** The parameters at their nominal values (what a run without draws uses). */
  private final ElementMarket base;
  private final List<Cap> caps = new ArrayList<>();
  private final List<Nameplate> nameplates = new ArrayList<>();
  /** {@code assembledInChina} (read by {@link TradeBlock}), the same in every draw; 0 when not given. */
  private double assembledInChina;

  private MarketBlock(Num[] curvature, Num[] grade, ElementMarket.GradeForm form, Num other, Num stickyShare,
      Num premium, List<StorageSpec> storage, List<UseSpec> uses) {
    this.curvature = curvature;
    this.grade = grade;
    this.form = form;
    this.other = other;
    this.stickyShare = stickyShare;
    this.premium = premium;
    this.storage = List.copyOf(storage);
    this.uses = List.copyOf(uses);
    this.base = market(null);
  }

  /**
   * The element market's parameters in a run: every number at its drawn value ({@code values}, in
   * the compiler's parameter order) or, with {@code values} null, at its nominal value.
   */
  private ElementMarket market(double[] values) {
    double[] c = new double[curvature.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = curvature[k].at(values);
    }
    double[] g = new double[grade.length];
    for (int k = 0; k < g.length; k++) {
      g[k] = grade[k].at(values);
    }
    List<ElementMarket.Storage> st = new ArrayList<>(storage.size());
    for (StorageSpec s : storage) {
      st.add(s.at(values));
    }
    List<ElementMarket.OxideUse> ou = new ArrayList<>(uses.size());
    for (UseSpec u : uses) {
      ou.add(u.at(values));
    }
    return new ElementMarket(c, g, other.at(values), List.of(), st, stickyShare.at(values), premium.at(values), 0,
        form, ou);
  }

  /** Sets the share of the demand outside China bought in China's market ({@code assembledInChina}). */
  void assembledInChina(double share) {
    this.assembledInChina = share;
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
      List<Producer> producers, List<String> regions) {
    if (!isElements(n)) {
      return null;
    }
    Reader r = new Reader(numbers, report, axis, producers);
    Node.MapNode m = (Node.MapNode) n;
    r.keys(m, "market", KEYS);
    Num[] curvature = new Num[STAGES.size()];
    java.util.Arrays.fill(curvature, Num.of(0.05));
    if (m.get("supplyCurve") != null) {
      Node.MapNode sc = r.map(m.get("supplyCurve"), "market.supplyCurve");
      if (sc != null) {
        List<String> allowed = new ArrayList<>(STAGES);
        allowed.add("note");
        r.keys(sc, "market.supplyCurve", allowed);
        for (int k = 0; k < STAGES.size(); k++) {
          if (sc.get(STAGES.get(k)) != null) {
            curvature[k] = r.number(sc.get(STAGES.get(k)), "market.supplyCurve." + STAGES.get(k),
                Units.Kind.NUMBER, 0, 100, curvature[k].value());
          }
        }
      }
    }
    Num[] grade = new Num[Element.COUNT];
    java.util.Arrays.fill(grade, Num.of(0));
    ElementMarket.GradeForm form = ElementMarket.GradeForm.EXPONENTIAL;
    if (m.get("gradeElasticity") != null) {
      Node.MapNode ge = r.map(m.get("gradeElasticity"), "market.gradeElasticity");
      if (ge != null) {
        r.keys(ge, "market.gradeElasticity", List.of("form", "NdPr", "Dy", "Tb", "note"));
        if (ge.get("form") != null) {
          Node f = ge.get("form");
          String code = f instanceof Node.Scalar sc && sc.text() != null ? sc.text().strip() : null;
          form = null;
          for (ElementMarket.GradeForm gf : ElementMarket.GradeForm.values()) {
            if (gf.code().equals(code)) {
              form = gf;
            }
          }
          if (form == null) {
            String best = code == null ? null : Suggest.closest(code, FORMS);
            r.at(f, "market.gradeElasticity.form", code, code == null ? "must be a name" : "unknown form",
                best != null ? "did you mean `" + best + "`?" : "expected one of " + String.join(", ", FORMS));
            form = ElementMarket.GradeForm.EXPONENTIAL;
          }
        }
        for (Element el : Element.values()) {
          if (ge.get(el.code()) != null) {
            grade[el.ordinal()] = r.number(ge.get(el.code()), "market.gradeElasticity." + el.code(),
                Units.Kind.NUMBER, -10, 0, 0);
          }
        }
      }
    }
    Num other = m.get("otherOxideValue") == null ? Num.of(0)
        : r.number(m.get("otherOxideValue"), "market.otherOxideValue", Units.Kind.PRICE, 0, 1e6, 0);
    Num stickyShare = Num.of(0);
    Num premium = Num.of(0);
    if (m.get("sticky") != null) {
      Node.MapNode st = r.map(m.get("sticky"), "market.sticky");
      if (st != null) {
        r.keys(st, "market.sticky", List.of("share", "premium", "note"));
        stickyShare = r.required(st, "share", "market.sticky", Units.Kind.FRACTION, 0, 1);
        premium = r.required(st, "premium", "market.sticky", Units.Kind.PRICE, 0, 1e6);
      }
    }
    // a number with a problem reads as NaN: the problem is reported, the block is built with 0
    stickyShare = stickyShare.isNaN() ? Num.of(0) : stickyShare;
    premium = premium.isNaN() ? Num.of(0) : premium;
    List<StorageSpec> storage = new ArrayList<>();
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
        Num capT = r.required(s, "capacity", p, Units.Kind.MASS, 1e-9, 1e12);
        Num init = r.required(s, "initial", p, Units.Kind.MASS, 0, 1e12);
        Num rate = r.required(s, "interestRate", p, Units.Kind.FRACTION, 0, 0.999);
        Num carry = r.required(s, "carryingCost", p, Units.Kind.FRACTION, 0, 0.999);
        Num width = r.required(s, "width", p, Units.Kind.FRACTION, 1e-6, 1);
        Num years = s.get("trailingYears") == null ? Num.of(3)
            : r.number(s.get("trailingYears"), p + ".trailingYears", Units.Kind.NUMBER, 1, 50, 3);
        numbers.forbid(years, "a whole number of years");
        Num anchor = s.get("anchor") == null ? Num.of(0)
            : r.number(s.get("anchor"), p + ".anchor", Units.Kind.FRACTION, 0, 1, 0);
        if (el == null || Double.isNaN(capT.value() + init.value() + rate.value() + carry.value() + width.value()
            + years.value() + anchor.value())) {
          continue;
        }
        if (seen[el.ordinal()]) {
          r.at(s.get("element"), p + ".element", el.code(), "a second storage of this element", null);
          continue;
        }
        // in every draw: the initial level at most the capacity
        if (numbers.bound(init, true) > numbers.bound(capT, false)) {
          r.at(s.get("initial"), p + ".initial", null, init.param() < 0 && capT.param() < 0
              ? "must not exceed the capacity" : "must not exceed the capacity in any draw (compare their ranges)",
              null);
          continue;
        }
        seen[el.ordinal()] = true;
        storage.add(new StorageSpec(el.ordinal(), capT, init, rate, carry, width, (int) Math.round(years.value()),
            anchor));
      }
    }
    List<UseSpec> uses = new ArrayList<>();
    if (m.get("oxideUses") != null) {
      List<Node> items = r.list(m.get("oxideUses"), "market.oxideUses");
      java.util.Set<String> seen = new java.util.HashSet<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String p = "market.oxideUses[" + i + "]";
        Node.MapNode s = r.map(items.get(i), p);
        if (s == null) {
          continue;
        }
        r.keys(s, p, List.of("id", "element", "region", "demand", "elasticity", "note"));
        String id = s.get("id") instanceof Node.Scalar sc && sc.text() != null ? sc.text().strip() : null;
        if (id == null || id.isEmpty()) {
          r.at(s.get("id") == null ? s : s.get("id"), p + ".id", null, "missing", "name the use, e.g. `tb-phosphors`");
        } else if (!ids.add(id)) {
          r.at(s.get("id"), p + ".id", id, "a second oxide use of this id", null);
          id = null;
        }
        Element el = r.element(s, "element", p);
        int region = -1;
        if (s.get("region") != null) {
          Node rn = s.get("region");
          String code = rn instanceof Node.Scalar sc && sc.text() != null ? sc.text().strip() : null;
          region = code == null ? -1 : regions.indexOf(code);
          if (region < 0) {
            String best = code == null ? null : Suggest.closest(code, regions);
            r.at(rn, p + ".region", code, "unknown region", (best != null ? "did you mean `" + best + "`? " : "")
                + "expected one of " + String.join(", ", regions));
            continue;
          }
        }
        double[] demand = r.path(s, "demand", p, Units.Kind.MASS, 0, 1e9);
        Num elasticity = s.get("elasticity") == null ? Num.of(0)
            : r.number(s.get("elasticity"), p + ".elasticity", Units.Kind.NUMBER, -10, 0, Double.NaN);
        if (id == null || el == null || demand == null || elasticity.isNaN()) {
          continue;
        }
        if (!seen.add(el.code() + "@" + region)) {
          r.at(s.get("element"), p + ".element", el.code(), region < 0
              ? "a second oxide use of this element without a region" : "a second oxide use of this element in "
              + regions.get(region), "give one use per element and market (sum their tonnages)");
          continue;
        }
        uses.add(new UseSpec(id, el.ordinal(), region, demand, elasticity));
      }
    }
    MarketBlock block = new MarketBlock(curvature, grade, form, other, stickyShare, premium, storage, uses);
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
        Num share = Num.of(0);
        Num factor = Num.of(1);
        boolean enabled = false;
        if (s.get("offQuota") != null) {
          Node.MapNode oq = r.map(s.get("offQuota"), p + ".offQuota");
          if (oq != null) {
            r.keys(oq, p + ".offQuota", List.of("share", "costFactor", "enabled", "note"));
            share = r.required(oq, "share", p + ".offQuota", Units.Kind.FRACTION, 0, 1);
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
        if (id != null && members != null && values != null && !share.isNaN() && !factor.isNaN()) {
          // the tranche exists in every run where some draw gives it a size, so runs keep one producer list
          block.caps.add(new Cap(id, members, values, share, factor, enabled && numbers.bound(share, true) > 0));
        }
      }
    }
    return block;
  }

  /** The ids of the caps that have an off-quota tranche (what {@code off_quota} events may name). */
  List<String> trancheIds() {
    return caps.stream().filter(Cap::tranche).map(Cap::id).toList();
  }

  /**
   * The compiled chain on the element-price market: nameplates, off-quota tranches, caps, and the
   * market's parameters, each number at its drawn value ({@code values}) or nominal ({@code null}).
   *
   * @param size per cap id, the tranche's size factor by year index from {@code off_quota} events
   *             (absent: 1 in every year)
   * @param cost per cap id, the factor on the tranche's offer cost by year index (absent: 1)
   */
  SupplyChain applyTo(SupplyChain chain, double[] values, Map<String, double[]> size, Map<String, double[]> cost) {
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
      if (!cap.tranche()) {
        continue;
      }
      double offShare = cap.offShare().at(values);
      double costFactor = cap.costFactor().at(values);
      double[] sizeT = size.get(cap.id());
      double[] costT = cost.get(cap.id());
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
          capacity[t] = offShare * cap.values()[t] * w * (sizeT == null ? 1 : sizeT[t]);
          offer[t] = pr.offerCostT(t) * costFactor * (costT == null ? 1 : costT[t]);
        }
        added.add(new Producer(pr.id() + ElementMarket.OFF_QUOTA_SUFFIX, pr.name() + " (off-quota)", pr.stage(),
            pr.region(), pr.owner(), ProducerStatus.OPERATING, pr.deposit(), pr.costUsdPerKg() * costFactor, capacity,
            offer));
      }
    }
    producers.addAll(added);
    return chain.withProducers(producers).withElementMarket((values == null ? base : market(values)).withCaps(out)
        .withAssembledInChina(assembledInChina));
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

    /**
     * A number in [min, max] with its recipe (a distribution's draws are checked against the range
     * by the compiler's numbers); {@code fallback} after a problem.
     */
    Num number(Node n, String p, Units.Kind kind, double min, double max, double fallback) {
      Num v = numbers.read(n, p, kind, min, max);
      if (v.isNaN()) {
        return Num.of(fallback);
      }
      if (!(v.value() >= min && v.value() <= max)) {
        at(n, p, String.valueOf(v.value()), "must be in [" + min + ", " + max + "]", null);
        return Num.of(fallback);
      }
      return v;
    }

    Num required(Node.MapNode m, String key, String parent, Units.Kind kind, double min, double max) {
      Node n = m.get(key);
      if (n == null) {
        at(m, parent + "." + key, null, "missing", null);
        return Num.of(Double.NaN);
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
        Num v = number(e.value(), p + "." + e.key(), kind, min, max, Double.NaN);
        numbers.forbid(v, "paths of the market block (write one number per year)");
        if (!v.isNaN()) {
          points.put(year, v.value());
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
