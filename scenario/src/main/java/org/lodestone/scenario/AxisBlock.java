package org.lodestone.scenario;

import java.util.List;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/** {@code years:}, {@code sources:} and {@code regions:}: the axis and the names everything else uses. */
final class AxisBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("years", "sources", "regions");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    c.axis(years(root.get("years"), c.read));
    readSources(root.get("sources"), c);
    c.regions = readRegions(root.get("regions"), c.read);
  }

  private static TimeAxis years(Node n, Reader r) {
    int from = Compilation.DEFAULT_FIRST_YEAR;
    int to = Compilation.DEFAULT_LAST_YEAR;
    if (n != null) {
      Node.MapNode m = r.map(n, "years");
      if (m != null) {
        r.checkKeys(m, "years", List.of("from", "to"));
        Integer f = r.yearValue(m.get("from"), "years.from");
        Integer t = r.yearValue(m.get("to"), "years.to");
        if (f != null) {
          from = f;
        }
        if (t != null) {
          to = t;
        }
        if (f != null && t != null && t < f) {
          r.at(m.get("to"), "years.to", String.valueOf(t), Rule.YEAR_BEFORE.format("years.from (" + f + ")"), null);
          to = from;
        }
      }
    }
    return new TimeAxis(from, to);
  }

  private static void readSources(Node n, Compilation c) {
    Reader r = c.read;
    Node.MapNode m = n == null ? null : r.map(n, "sources");
    if (m == null) {
      return;
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "sources." + e.key();
      Node.MapNode s = r.map(e.value(), p);
      if (s == null) {
        continue;
      }
      r.checkKeys(s, p, List.of("title", "publisher", "year", "url", "via", "note", "accessed"));
      String title = r.requiredText(s, "title", p);
      Integer year = s.get("year") == null ? null : r.yearValue(s.get("year"), p + ".year");
      c.sources.put(e.key(), new Source(e.key(), title == null ? "" : title,
          r.optionalText(s, "publisher"), year == null ? 0 : year, r.optionalText(s, "url"),
          r.optionalText(s, "via")));
    }
  }

  private static List<String> readRegions(Node n, Reader r) {
    List<String> codes = new java.util.ArrayList<>();
    if (n == null) {
      r.report(new Problem(null, 0, 0, "regions", null, Rule.MISSING_BECAUSE.format("a scenario needs regions"),
          "start from `parent: base`"));
      return codes;
    }
    Node.MapNode m = r.map(n, "regions");
    if (m == null) {
      return codes;
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "regions." + e.key();
      if (!e.key().matches("[A-Z]{2,5}")) {
        r.atKey(e, p, "a region code is 2 to 5 capital letters", "use ISO 3166 codes such as CN, US, AU");
      }
      Node.MapNode rm = r.map(e.value(), p);
      if (rm != null) {
        r.checkKeys(rm, p, List.of("name", "note"));
        r.requiredText(rm, "name", p);
      }
      codes.add(e.key());
    }
    return codes;
  }
}
