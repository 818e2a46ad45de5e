package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lodestone.core.model.FeedRoutes;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code market.routes}: which separating regions may take which mines' concentrate on the markets by
 * region (docs/SCENARIO-FORMAT.md, "Concentrate routes"). Each rule is cited like a figure:
 *
 * <pre>
 * routes:
 *   - id: mt-weld-offtake
 *     rule: offtake            # offtake | feed | closed
 *     origins: [lynas-mt-weld] # mine ids or region codes (every mine there)
 *     regions: [MY]            # separating regions
 *     from: 2015               # optional window (default: open at both ends); a window outside the
 *     to: 2040                 # scenario's years leaves the rule inactive there (inherited rules)
 *     source: lynas-sep-2024   # or confidence: E with method
 * </pre>
 * {@code offtake}: the origins' concentrate goes only to the regions; {@code feed}: the regions separate
 * only the origins' concentrate; {@code closed}: none of the origins' concentrate goes to the regions;
 * {@code elements}: a share ({@code share:}, default 100 %) of the listed elements ({@code elements:
 * [Dy, Tb]}) in the origins' concentrate is separated in the rule's one region, wherever the rest is
 * (a mixed intermediate sold there, e.g. Lynas's heavy rare-earth compound before its heavy circuit ran).
 */
final class RoutesBlock {
  private static final List<String> KEYS = List.of("id", "rule", "origins", "regions", "elements", "share",
      "from", "to", "source", "confidence", "method", "note");
  private static final List<String> RULES = List.of("offtake", "feed", "closed", "elements");

  private RoutesBlock() {
  }

  /** The rules of {@code market.routes}, or null after a problem (reported). */
  static FeedRoutes read(Node n, Compilation c) {
    Reader r = c.read;
    int before = r.problems().size();
    Node.ListNode list = r.list(n, "market.routes", " of route rules",
        "- {id: mt-weld-offtake, rule: offtake, origins: [lynas-mt-weld], regions: [MY], source: ...}");
    if (list == null) {
      return null;
    }
    int nR = c.regions.size();
    boolean[] separates = new boolean[nR];
    for (Producer pr : c.producers) {
      if (pr.stage() == Stage.SEPARATION) {
        separates[pr.region()] = true;
      }
    }
    List<String> mines = c.producers.stream().filter(pr -> pr.stage() == Stage.MINING).map(Producer::id).toList();
    List<String> names = new ArrayList<>(mines);
    names.addAll(c.regions);
    Set<String> ids = new HashSet<>();
    List<FeedRoutes.Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String p = "market.routes[" + i + "]";
      Node.MapNode m = r.map(list.items().get(i), p);
      if (m == null) {
        continue;
      }
      r.checkKeys(m, p, KEYS);
      String id = r.requiredText(m, "id", p);
      if (id != null && !ids.add(id)) {
        r.at(m.get("id"), p + ".id", id, "a second route rule with this id", null);
      }
      String rule = r.requiredChoice(m, "rule", p, RULES);
      // origins: mines (by id) or regions (every mine there)
      List<String> mineIds = new ArrayList<>();
      boolean[] originRegions = new boolean[nR];
      List<String> origins = texts(r, m, "origins", p);
      for (int k = 0; origins != null && k < origins.size(); k++) {
        String o = origins.get(k);
        Node at = ((Node.ListNode) m.get("origins")).items().get(k);
        int q = c.regions.indexOf(o);
        if (q >= 0) {
          originRegions[q] = true;
        } else if (mines.contains(o)) {
          mineIds.add(o);
        } else if (c.producers.stream().anyMatch(pr -> pr.id().equals(o))) {
          r.at(at, p + ".origins[" + k + "]", o, "is not a mine: routes carry mines' concentrate",
              "name a mine or a region");
        } else {
          r.at(at, p + ".origins[" + k + "]", o, Rule.UNKNOWN_CHOICE.format("mine or region"),
              Reader.suggestion(o, names));
        }
      }
      boolean[] regions = new boolean[nR];
      List<String> dest = texts(r, m, "regions", p);
      for (int k = 0; dest != null && k < dest.size(); k++) {
        String d = dest.get(k);
        Node at = ((Node.ListNode) m.get("regions")).items().get(k);
        int q = c.regions.indexOf(d);
        if (q < 0) {
          r.at(at, p + ".regions[" + k + "]", d, Rule.UNKNOWN_CHOICE.format("region"),
              Reader.suggestion(d, c.regions));
        } else if (!separates[q]) {
          r.at(at, p + ".regions[" + k + "]", d, "has no separation: no concentrate route goes there",
              "name a region with a separation producer");
        } else {
          regions[q] = true;
        }
      }
      boolean[] elements = new boolean[0];
      double share = 1;
      boolean elementRule = "elements".equals(rule);
      if (elementRule) {
        elements = new boolean[org.lodestone.core.model.Element.COUNT];
        List<String> els = texts(r, m, "elements", p);
        for (int k = 0; els != null && k < els.size(); k++) {
          org.lodestone.core.model.Element el = org.lodestone.core.model.Element.ofCode(els.get(k));
          if (el == null) {
            r.at(((Node.ListNode) m.get("elements")).items().get(k), p + ".elements[" + k + "]", els.get(k),
                Rule.UNKNOWN_CHOICE.format("element"), "NdPr, Dy or Tb");
          } else {
            elements[el.ordinal()] = true;
          }
        }
        if (els == null) {
          rule = null;
        }
        int named = 0;
        for (boolean b : regions) {
          named += b ? 1 : 0;
        }
        if (dest != null && dest.size() != 1) {
          r.at(m.get("regions"), p + ".regions", null, "an elements rule names one region (where the elements"
              + " are separated)", "e.g. regions: [CN]");
          rule = null;
        } else if (named != 1) {
          rule = null;
        }
        Node sh = m.get("share");
        if (sh != null) {
          Double v = fraction(sh);
          if (v == null || !(v > 0 && v <= 1)) {
            r.at(sh, p + ".share", Reader.written(sh), "must be a share in (0, 100 %]", "e.g. share: 33 %");
            rule = null;
          } else {
            share = v;
          }
        }
      } else {
        for (String key : List.of("elements", "share")) {
          if (m.get(key) != null) {
            r.at(m.get(key), p + "." + key, null, "only an `elements` rule takes " + key,
                "remove it or write rule: elements");
          }
        }
      }
      // an open end is unbounded: a rule inherited from a parent with another axis (e.g. `to: 2025` in a
      // child whose years start in 2030) is simply inactive there, not an error
      Integer from = m.get("from") == null ? Integer.valueOf(Integer.MIN_VALUE) : r.yearValue(m.get("from"), p + ".from");
      Integer to = m.get("to") == null ? Integer.valueOf(Integer.MAX_VALUE) : r.yearValue(m.get("to"), p + ".to");
      if (m.get("from") != null && m.get("to") != null && from != null && to != null && to < from) {
        r.at(m.get("to"), p + ".to", String.valueOf(to), Rule.YEAR_BEFORE.format("from (" + from + ")"), null);
        to = null;
      }
      Reader.Prov prov = r.provOf(m, p);
      if (prov.source().isEmpty() && prov.method().isEmpty()) {
        r.at(m, p + ".source", null, Rule.MISSING_BECAUSE.format("a route rule is a fact: cite it"),
            "give `source:` (an id of `sources:`) or `confidence: E` with `method:`");
      } else if (!prov.source().isEmpty() && !c.sources.containsKey(prov.source())) {
        r.at(m.get("source"), p + ".source", prov.source(), Rule.UNKNOWN_CHOICE.format("source"),
            Reader.suggestion(prov.source(), new ArrayList<>(c.sources.keySet())));
      }
      if (id == null || rule == null || origins == null || dest == null || from == null || to == null) {
        continue;
      }
      boolean[] active = new boolean[c.axis().size()];
      for (int t = 0; t < active.length; t++) {
        int y = c.axis().year(t);
        active[t] = y >= from && y <= to;
      }
      rules.add(new FeedRoutes.Rule(id, FeedRoutes.Kind.valueOf(rule.toUpperCase(java.util.Locale.ROOT)), mineIds,
          originRegions, regions, active, elements, share));
    }
    return r.problems().size() > before ? null : new FeedRoutes(rules);
  }

  /** A share written {@code 33 %} or {@code 0.33}, or null when it is neither. */
  private static Double fraction(Node n) {
    if (!(n instanceof Node.Scalar sc) || sc.text() == null) {
      return null;
    }
    String t = sc.text().strip();
    boolean pct = t.endsWith("%");
    try {
      double v = Double.parseDouble(pct ? t.substring(0, t.length() - 1).strip() : t);
      return pct ? v / 100 : v;
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  /** A non-empty list of texts under {@code key}, or null after a problem (reported). */
  private static List<String> texts(Reader r, Node.MapNode m, String key, String p) {
    Node n = m.get(key);
    if (!(n instanceof Node.ListNode l) || l.items().isEmpty()) {
      r.at(n == null ? m : n, p + "." + key, null, "must be a non-empty list", "e.g. " + key + ": [MY]");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < l.items().size(); k++) {
      Node item = l.items().get(k);
      String s = item instanceof Node.Scalar sc && sc.text() != null ? sc.text().strip() : null;
      if (s == null || s.isEmpty()) {
        r.at(item, p + "." + key + "[" + k + "]", null, Rule.NOT_A_NON_EMPTY_TEXT.format(), null);
        return null;
      }
      out.add(s);
    }
    return out;
  }
}
