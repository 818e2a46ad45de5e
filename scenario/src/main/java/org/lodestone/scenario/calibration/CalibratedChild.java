package org.lodestone.scenario.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The child scenario that {@code lodestone calibrate --out} writes: {@code parent:} the calibrated
 * scenario, and each calibrated number at its path as
 * {@code {value: V, confidence: E, method: "calibrated: ..."}} with the windows, the objective and the
 * bounds. Values are written in base units (t, USD/kg, fractions), which a bare number means.
 */
public final class CalibratedChild {
  private CalibratedChild() {
  }

  /**
   * The YAML text.
   *
   * @param name      the child's name
   * @param parentRef the parent as the child must name it (a shipped name or a path relative to the
   *                  child's folder)
   * @param method    the common part of every value's method (windows, objective, optimiser)
   */
  public static String yaml(String name, String parentRef, List<Calibration.Parameter> params, double[] values,
      String method) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int k = 0; k < params.size(); k++) {
      Calibration.Parameter p = params.get(k);
      String[] seg = p.path().split("\\.");
      Map<String, Object> at = tree;
      for (int i = 0; i < seg.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(seg[i], x -> new LinkedHashMap<String, Object>());
        at = next;
      }
      String bounds = "bounds [" + num(p.min()) + ", " + num(p.max()) + "]"
          + (p.source().isEmpty() ? "" : " from " + p.source());
      at.put(seg[seg.length - 1], "{value: " + num(values[k]) + ", confidence: E, method: "
          + quote("calibrated: " + method + "; " + bounds + "; written value " + num(p.start())) + "}");
    }
    StringBuilder b = new StringBuilder();
    b.append("# Written by `lodestone calibrate`: the calibrated values of ").append(parentRef).append('\n');
    b.append("name: ").append(name).append('\n');
    b.append("parent: ").append(parentRef).append('\n');
    write(b, tree, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Map<String, Object> m, int indent) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      b.append("  ".repeat(indent)).append(e.getKey()).append(':');
      if (e.getValue() instanceof Map<?, ?> child) {
        b.append('\n');
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) child;
        write(b, c, indent + 1);
      } else {
        b.append(' ').append(e.getValue()).append('\n');
      }
    }
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
