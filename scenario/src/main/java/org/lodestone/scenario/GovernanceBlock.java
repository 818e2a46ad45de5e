package org.lodestone.scenario;

import java.util.Arrays;
import java.util.List;
import org.lodestone.core.metrics.SupplyRisk;
import org.lodestone.core.model.Governance;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code governance:}: the inputs of the EU supply-risk indicator that the chain does not produce
 * (Blengini et al. 2017, §4.2; {@link SupplyRisk}), read into {@link Governance}:
 * <pre>
 * governance:
 *   wgi:                    # World Bank WGI: mean of the six dimensions' estimates, -2.5..2.5 (higher = better)
 *     CN: {value: -0.33, source: ..., note: "2022"}
 *   trade:                  # optional trade-related variable t by region, > 0 (default 1)
 *     CN: {value: 1.1, source: ...}
 *   eolRecyclingInputRate: {value: 1 %, source: ...}
 *   substitutionIndex: {value: 0.99, source: ...}
 * </pre>
 * Regions without a WGI are NaN: a supply-risk index whose suppliers include one is undefined and
 * left out of the results. Numbers are fixed (no distributions): the index is a report, not an input.
 * A child scenario's {@code wgi:} or {@code trade:} replaces its parent's whole mapping.
 */
final class GovernanceBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("governance");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    Node n = root.get("governance");
    if (n == null) {
      return;
    }
    Node.MapNode g = r.map(n, "governance");
    if (g == null) {
      return;
    }
    r.checkKeys(g, "governance", List.of("wgi", "trade", "eolRecyclingInputRate", "substitutionIndex", "note"));
    int nR = c.regions.size();
    double[] wgi = new double[nR];
    Arrays.fill(wgi, Double.NaN);
    double[] trade = new double[nR];
    Arrays.fill(trade, 1);
    boolean ok = true;
    Node w = g.get("wgi");
    if (w == null) {
      r.at(g, "governance.wgi", null, Rule.MISSING.format(), "the WGI estimate of each supplier region, -2.5 to 2.5");
      ok = false;
    } else {
      ok &= readByRegion(w, "governance.wgi", c, -2.5, 2.5, true, wgi, true);
    }
    Node t = g.get("trade");
    if (t != null) {
      ok &= readByRegion(t, "governance.trade", c, 0, Double.MAX_VALUE, false, trade, false);
    }
    double eol = fixed(c, g, "eolRecyclingInputRate", Kind.FRACTION, 0, 1);
    double si = fixed(c, g, "substitutionIndex", Kind.FRACTION, 0, 1);
    if (!ok || Double.isNaN(eol) || Double.isNaN(si)) {
      return;
    }
    c.governance = new Governance(wgi, trade, eol, si);
  }

  private static double fixed(Compilation c, Node.MapNode m, String key, Kind kind, double min, double max) {
    Num v = c.num().required(m, key, "governance", kind, null, min, max, true);
    c.num().forbid(v, "governance figures");
    return v.value();
  }

  /** Reads {@code REGION: number} pairs into {@code out} (WGI values rescaled); false after a problem. */
  private static boolean readByRegion(Node n, String p, Compilation c, double min, double max, boolean minInclusive,
      double[] out, boolean scale) {
    Reader r = c.read;
    Node.MapNode m = r.map(n, p);
    if (m == null) {
      return false;
    }
    boolean ok = true;
    for (Node.Entry e : m.entries().values()) {
      int q = c.regions.indexOf(e.key());
      if (q < 0) {
        r.at(e.value(), p + "." + e.key(), e.key(), Rule.UNKNOWN_CHOICE.format("region"),
            Reader.suggestion(e.key(), c.regions));
        ok = false;
        continue;
      }
      Num v = c.num().required(m, e.key(), p, Kind.NUMBER, null, min, max, minInclusive);
      c.num().forbid(v, "governance figures");
      if (v.isNaN()) {
        ok = false;
        continue;
      }
      out[q] = scale ? SupplyRisk.scaleWgi(v.value()) : v.value();
    }
    return ok;
  }
}
