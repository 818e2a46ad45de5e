package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * The structure reader every block compiler shares: mappings, keys, texts, choices and years, each
 * problem collected with its position (file, line, column, path, value, rule, hint). Methods return
 * null (or "" for an absent optional text) after reporting a problem; nothing is ignored silently.
 * One per compilation; not thread-safe.
 */
final class Reader {
  static final int MIN_YEAR = 1900;
  static final int MAX_YEAR = 2200;
  private static final Set<String> CONFIDENCE = Set.of("H", "M", "L", "D", "E");

  /** Provenance of a figure, inherited from its path or mapping (source, confidence, method). */
  record Prov(String source, String confidence, String method) {
    static final Prov NONE = new Prov("", "", "");
  }

  private final List<Problem> problems = new ArrayList<>();

  /** The problems found so far (live). */
  List<Problem> problems() {
    return problems;
  }

  void report(Problem p) {
    problems.add(p);
  }

  /** The element codes (NdPr, Dy, Tb), in element order. */
  static List<String> codes() {
    return Arrays.stream(Element.values()).map(Element::code).toList();
  }

  /** The mapping under {@code key} of {@code root}: null when the key is absent, or after a problem. */
  Node.MapNode optionalMap(Node.MapNode root, String key) {
    Node n = root.get(key);
    return n == null ? null : map(n, key);
  }

  Node.MapNode map(Node n, String p) {
    if (n instanceof Node.MapNode m) {
      return m;
    }
    at(n, p, written(n), Rule.NOT_A_MAPPING.format(), null);
    return null;
  }

  /** A list, or null after a problem ({@code what} and {@code hint} say what it should hold). */
  Node.ListNode list(Node n, String p, String what, String hint) {
    if (n instanceof Node.ListNode l) {
      return l;
    }
    at(n, p, null, Rule.NOT_A_LIST.format(" of " + what), hint);
    return null;
  }

  void checkKeys(Node.MapNode m, String p, List<String> allowed) {
    for (Node.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        String best = Suggest.closest(e.key(), allowed);
        problems.add(new Problem(e.value().file(), e.line(), e.column(),
            p.isEmpty() ? e.key() : p + "." + e.key(), null, Rule.UNKNOWN_KEY.format(e.key()),
            best != null ? "did you mean `" + best + "`?" : "expected one of " + String.join(", ", allowed)));
      }
    }
  }

  String requiredText(Node.MapNode m, String key, String parent) {
    String p = parent.isEmpty() ? key : parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      at(m, p, null, Rule.MISSING.format(), null);
      return null;
    }
    if (n instanceof Node.Scalar s && s.text() != null && !s.text().isBlank()) {
      return s.text().strip();
    }
    at(n, p, null, Rule.NOT_A_NON_EMPTY_TEXT.format(), null);
    return null;
  }

  String optionalText(Node.MapNode m, String key) {
    Node n = m.get(key);
    if (n instanceof Node.Scalar s && s.text() != null) {
      return s.text().strip();
    }
    if (n != null) {
      at(n, key, null, Rule.NOT_A_TEXT.format(), null);
    }
    return "";
  }

  String requiredChoice(Node.MapNode m, String key, String parent, List<String> choices) {
    String v = requiredText(m, key, parent);
    if (v == null) {
      return null;
    }
    if (!choices.contains(v)) {
      at(m.get(key), parent + "." + key, v, Rule.UNKNOWN_CHOICE.format(key), suggestion(v, choices));
      return null;
    }
    return v;
  }

  static String suggestion(String v, List<String> choices) {
    String best = Suggest.closest(v, choices);
    if (best != null) {
      return "did you mean `" + best + "`?";
    }
    return choices.size() <= 16 ? "expected one of " + String.join(", ", choices) : null;
  }

  void at(Node n, String p, String value, String rule, String hint) {
    if (n == null) {
      problems.add(new Problem(null, 0, 0, p, value, rule, hint));
    } else {
      problems.add(new Problem(n.file(), n.line(), n.column(), p, value, rule, hint));
    }
  }

  /** A problem at a mapping entry's key. */
  void atKey(Node.Entry e, String p, String rule, String hint) {
    problems.add(new Problem(e.value().file(), e.line(), e.column(), p, null, rule, hint));
  }

  static String written(Node n) {
    return n instanceof Node.Scalar s ? s.text() : null;
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  Prov provOf(Node.MapNode m, String p) {
    String source = optionalText(m, "source");
    String confidence = optionalText(m, "confidence");
    String method = optionalText(m, "method");
    if (!confidence.isEmpty() && !CONFIDENCE.contains(confidence)) {
      at(m.get("confidence"), p + ".confidence", confidence, "must be one of H, M, L, D, E", null);
    }
    if ((confidence.equals("D") || confidence.equals("E")) && method.isEmpty()) {
      at(m, p + ".method", null, Rule.MISSING_BECAUSE.format("a " + confidence + " figure must say how it was made"),
          null);
    }
    return new Prov(source, confidence, method);
  }

  /** A year key of a mapping of values by year ({@code meta} are the other keys it may have). */
  Integer yearKey(Node.Entry e, String p, List<String> meta) {
    try {
      int y = Integer.parseInt(e.key().strip());
      if (y < MIN_YEAR || y > MAX_YEAR) {
        atKey(e, p + "." + e.key(), "year out of range " + MIN_YEAR + ".." + MAX_YEAR, null);
        return null;
      }
      return y;
    } catch (NumberFormatException ex) {
      String hint = Suggest.closest(e.key(), meta);
      atKey(e, p + "." + e.key(), "unknown key `" + e.key() + "`: expected a year or one of " + String.join(", ", meta),
          hint == null ? null : "did you mean `" + hint + "`?");
      return null;
    }
  }

  Integer yearValue(Node n, String p) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.Scalar s && s.text() != null && s.text().strip().matches("\\d{4}")) {
      int y = Integer.parseInt(s.text().strip());
      if (y >= MIN_YEAR && y <= MAX_YEAR) {
        return y;
      }
    }
    at(n, p, written(n), Rule.YEAR_NOT_IN_RANGE.format(MIN_YEAR, MAX_YEAR), null);
    return null;
  }

  Integer axisYear(Node n, String p, TimeAxis axis) {
    Integer y = yearValue(n, p);
    if (y != null && !axis.contains(y)) {
      at(n, p, String.valueOf(y), Rule.YEAR_OFF_AXIS.format(axis.firstYear(), axis.lastYear()),
          "change `years:` or the year");
      return null;
    }
    return y;
  }
}
