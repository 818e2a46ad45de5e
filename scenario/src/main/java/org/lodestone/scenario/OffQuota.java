package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code off_quota} (element-price market): the off-quota tranche of production cap {@code cap}
 * ({@code market.caps[].offQuota}, the illegal output beside a quota) loses {@code fraction} of its
 * size and/or costs {@code costFactor} times more in each year of the window: tranche capacity
 * {@code share × cap[t] × (1 − fraction)}, offer cost {@code costFactor_cap × cost[t] × costFactor}.
 * {@code fraction: 100 %} switches the tranche off (a crackdown on illegal mining); several events on
 * one tranche multiply, as outages do. The cap id is checked against the market block once both are
 * read ({@link #check}), because the block is compiled after the producers events are read against.
 */
record OffQuota(EventWindow window, String cap, Node where, String path, Num fraction, Num costFactor) implements Event {
  static final List<String> KEYS = List.of("cap", "fraction", "costFactor");

  static OffQuota read(EventReader r) {
    EventWindow w = r.window();
    String cap = r.text("cap");
    if (cap == null) {
      r.at(r.node("cap") == null ? r.map() : r.node("cap"), r.path("cap"), null,
          r.node("cap") == null ? Rule.MISSING.format() : Rule.NOT_A_CODE.format("cap id"),
          "the id of a `market.caps` entry with an `offQuota` tranche");
    }
    if (r.node("fraction") == null && r.node("costFactor") == null) {
      r.at(r.map(), r.path("fraction"), null, Rule.MISSING_BECAUSE.format("give `fraction`, `costFactor` or both"),
          "e.g. `fraction: 100 %` switches the tranche off");
      return null;
    }
    Num f = r.node("fraction") == null ? Num.of(0) : r.number("fraction", Units.Kind.FRACTION, 0, 1);
    Num k = r.node("costFactor") == null ? Num.of(1) : r.number("costFactor", Units.Kind.NUMBER, 0, 1000);
    return w == null || cap == null || f.isNaN() || k.isNaN() ? null
        : new OffQuota(w, cap, r.node("cap"), r.path("cap"), f, k);
  }

  /** Reports a cap id that names no cap with an off-quota tranche ({@code tranches}: those that have one). */
  void check(List<String> tranches, java.util.function.Consumer<org.lodestone.core.problem.Problem> report) {
    if (!tranches.contains(cap)) {
      report.accept(new org.lodestone.core.problem.Problem(where.file(), where.line(), where.column(), path, cap,
          Rule.UNKNOWN_CHOICE.format("cap with an off-quota tranche"), tranches.isEmpty()
              ? "the scenario's market has no `caps` entry with `offQuota` (market: {model: elements, caps: [...]})"
              : EventReader.hint(cap, tranches)));
    }
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double f = fraction.at(values);
    double k = costFactor.at(values);
    double[] size = d.offQuotaSize.computeIfAbsent(cap, c -> ones(d.years));
    double[] cost = d.offQuotaCost.computeIfAbsent(cap, c -> ones(d.years));
    for (int t = window.t0(); t <= window.t1(); t++) {
      if (on[t]) {
        size[t] *= 1 - f;
        cost[t] *= k;
      }
    }
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }
}
