package org.lodestone.scenario.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.TriangularDistribution;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.uncertainty.UncertainParameter;
import org.lodestone.scenario.UncertainScenario;
import org.lodestone.scenario.yaml.Node;

/**
 * A scenario's {@code calibrate:} block: the parameters to estimate, by their path in the scenario,
 * with bounds and where the bounds come from, and a fast map from parameter values to model input.
 *
 * <pre>
 * calibrate:
 *   - path: sectors.ev-traction.elasticity
 *     min: -0.3
 *     max: -0.005
 *     source: some-source          # or confidence: E with a method: how the bounds were set
 *     method: "..."
 *   - {path: market.caps.china-mining-quota.offQuota.share, min: 0, max: 50 %, source: ...}
 * </pre>
 *
 * <p>Under a list, a path segment names the item by its {@code id:} or {@code element:} (or its
 * index): {@code market.caps.<id>...}, {@code market.storage.<element>...}.
 *
 * <p>Each named number is read by the scenario compiler as a triangular distribution over
 * [min, max] with its written value as the mode, so units, ranges and the model binding are exactly
 * those of an uncertain number ({@link UncertainScenario}): the bounds and the start value come back
 * in base units, and {@link #chain} rebuilds the model input for any values without recompiling.
 * Other distributions of the scenario stay at their nominal values. A path the model cannot vary (a
 * number outside the compiler's uncertain-number support) is reported at the {@code calibrate:}
 * entry. Immutable and thread-safe.
 */
public final class Calibration {
  private static final List<String> KEYS = List.of("path", "min", "max", "source", "confidence", "method", "note");

  /**
   * One calibrated parameter.
   *
   * @param path   dotted path of the number in the scenario
   * @param start  its written value, base units
   * @param min    lower bound, base units
   * @param max    upper bound, base units
   * @param source source id of the bounds, or ""
   * @param method how the bounds were set, or ""
   * @param file   file of the {@code calibrate:} entry
   * @param line   line of the entry
   */
  public record Parameter(String path, double start, double min, double max, String source, String method,
      String file, int line) {
  }

  private final Scenario scenario;
  private final UncertainScenario uncertain;
  private final List<Parameter> parameters;
  private final int[] coordinate;
  private final double[] nominal;
  private final ScenarioLoader.Tree tree;

  private Calibration(Scenario scenario, UncertainScenario uncertain, List<Parameter> parameters,
      int[] coordinate, ScenarioLoader.Tree tree) {
    this.scenario = scenario;
    this.uncertain = uncertain;
    this.parameters = List.copyOf(parameters);
    this.coordinate = coordinate.clone();
    this.tree = tree;
    this.nominal = uncertain.parameters().stream().mapToDouble(UncertainParameter::nominal).toArray();
  }

  /** The scenario as written (calibrated numbers at their written values). */
  public Scenario scenario() {
    return scenario;
  }

  /** The merged tree it was read from. */
  public ScenarioLoader.Tree tree() {
    return tree;
  }

  /** The parameters, in the order of {@code calibrate:}. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Number of parameters. */
  public int dimension() {
    return parameters.size();
  }

  /** Written values, base units. */
  public double[] start() {
    return parameters.stream().mapToDouble(Parameter::start).toArray();
  }

  /** The model input with parameter values {@code theta} (base units, entry order). */
  public SupplyChain chain(double[] theta) {
    if (theta.length != parameters.size()) {
      throw new IllegalArgumentException("got " + theta.length + " values, expected " + parameters.size());
    }
    double[] v = nominal.clone();
    for (int k = 0; k < theta.length; k++) {
      v[coordinate[k]] = theta[k];
    }
    return uncertain.chainWith(v);
  }

  /**
   * Reads the {@code calibrate:} block of a scenario.
   *
   * @throws InvalidInputException naming every problem, with the entry's file and line
   */
  public static Calibration load(String ref) {
    return read(ScenarioLoader.tree(ref));
  }

  /**
   * Reads the {@code calibrate:} block of a merged tree.
   *
   * @throws InvalidInputException naming every problem
   */
  public static Calibration read(ScenarioLoader.Tree tree) {
    Scenario written = ScenarioLoader.compile(tree);
    List<Problem> problems = new ArrayList<>();
    Node block = tree.root().get("calibrate");
    List<Node.MapNode> entries = new ArrayList<>();
    if (block == null) {
      problems.add(new Problem(tree.root().file(), 0, 0, "calibrate", null,
          "the scenario has no `calibrate:` block",
          "list the parameters to estimate: `calibrate: [{path: sectors.ev.elasticity, min: -0.3, max: -0.01, source: ...}]`"));
    } else if (!(block instanceof Node.ListNode list)) {
      problems.add(new Problem(block.file(), block.line(), block.column(), "calibrate", null,
          "must be a list of parameters", "start each entry with `- path: ...`"));
    } else {
      for (int i = 0; i < list.items().size(); i++) {
        Node item = list.items().get(i);
        String p = "calibrate[" + i + "]";
        if (!(item instanceof Node.MapNode m)) {
          problems.add(new Problem(item.file(), item.line(), item.column(), p, null, "must be a mapping", null));
          continue;
        }
        for (Node.Entry e : m.entries().values()) {
          if (!KEYS.contains(e.key())) {
            problems.add(new Problem(m.file(), e.line(), e.column(), p + "." + e.key(), null, "unknown key",
                "one of " + String.join(", ", KEYS)));
          }
        }
        for (String k : List.of("path", "min", "max")) {
          if (!(m.get(k) instanceof Node.Scalar s) || s.text() == null || s.text().isBlank()) {
            problems.add(new Problem(m.file(), m.line(), m.column(), p + "." + k, null, "missing", null));
          }
        }
        String source = text(m.get("source"));
        String method = text(m.get("method"));
        if (source.isEmpty() && method.isEmpty()) {
          problems.add(new Problem(m.file(), m.line(), m.column(), p + ".source", null,
              "bounds need a `source` (an id of `sources:`) or a `method` saying how they were set", null));
        }
        if (!source.isEmpty() && !written.sources().containsKey(source)) {
          Node sn = m.get("source");
          problems.add(new Problem(sn.file(), sn.line(), sn.column(), p + ".source", source,
              "no such source in `sources:`", null));
        }
        entries.add(m);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    // each calibrated number becomes a triangular distribution (min, written value, max)
    Node.MapNode root = tree.root();
    List<String> paths = new ArrayList<>();
    String[] canonical = new String[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Node.MapNode m = entries.get(i);
      String path = text(m.get("path"));
      if (paths.contains(path)) {
        problems.add(new Problem(m.file(), m.line(), m.column(), "calibrate[" + i + "].path", path,
            "named twice", null));
        continue;
      }
      paths.add(path);
      try {
        StringBuilder at = new StringBuilder();
        root = replace(root, path.split("\\."), 0, original -> triangular(original, m), at);
        canonical[i] = at.toString();
      } catch (IllegalArgumentException ex) {
        Node pn = m.get("path");
        problems.add(new Problem(pn.file(), pn.line(), pn.column(), "calibrate[" + i + "].path", path,
            ex.getMessage(), "a dotted path to a number, e.g. sectors.ev-traction.elasticity; list items by id or"
                + " element, e.g. market.caps.china-mining-quota.offQuota.share, market.storage.Dy.capacity"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UncertainScenario us;
    try {
      us = ScenarioLoader.compileUncertain(new ScenarioLoader.Tree(root, tree.origin(), tree.lineage()));
    } catch (InvalidInputException ex) {
      // problems raised at the distributions we wrote point at the calibrate entries (their positions)
      List<Problem> out = new ArrayList<>();
      for (Problem pr : ex.problems()) {
        Problem q = pr;
        for (int i = 0; i < entries.size(); i++) {
          Node.MapNode m = entries.get(i);
          if (pr.line() == m.line() && m.file().equals(pr.file()) && pr.path() != null && pr.path().endsWith(".mode")) {
            q = new Problem(pr.file(), pr.line(), pr.column(), "calibrate[" + i + "]", pr.value(),
                "the written value of " + text(m.get("path")) + " must lie within [min, max]", null);
          }
        }
        out.add(q);
      }
      throw new InvalidInputException(out);
    }
    List<Parameter> params = new ArrayList<>();
    int[] coordinate = new int[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Node.MapNode m = entries.get(i);
      String path = text(m.get("path"));
      int found = -1;
      for (int k = 0; k < us.parameters().size(); k++) {
        UncertainParameter u = us.parameters().get(k);
        boolean named = u.path().equals(path) || u.path().equals(canonical[i]);
        if (named && u.line() == m.line() && u.file().equals(m.file())) {
          found = k;
        }
      }
      if (found < 0 || !(us.parameters().get(found).distribution() instanceof TriangularDistribution tri)) {
        Node pn = m.get("path");
        problems.add(new Problem(pn.file(), pn.line(), pn.column(), "calibrate[" + i + "].path", path,
            "the model does not read this number as one parameter", "name a scalar number of the scenario"));
        continue;
      }
      coordinate[i] = found;
      params.add(new Parameter(path, tri.getMode(), tri.getSupportLowerBound(), tri.getSupportUpperBound(),
          text(m.get("source")), text(m.get("method")), m.file(), m.line()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Calibration(written, us, params, coordinate, tree);
  }

  private static Node triangular(Node original, Node.MapNode entry) {
    String unit = null;
    Node valueNode = original;
    if (original instanceof Node.MapNode om) {
      if (om.get("dist") != null) {
        throw new IllegalArgumentException("names a distribution; calibrate a number");
      }
      valueNode = om.get("value");
      unit = text(om.get("unit"));
    }
    if (!(valueNode instanceof Node.Scalar vs) || vs.text() == null) {
      throw new IllegalArgumentException("does not name a number");
    }
    Map<String, Node.Entry> m = new LinkedHashMap<>();
    String f = entry.file();
    int l = entry.line();
    int c = entry.column();
    put(m, "dist", "triangular", f, l, c);
    put(m, "min", text(entry.get("min")), f, l, c);
    put(m, "mode", vs.text(), f, l, c);
    put(m, "max", text(entry.get("max")), f, l, c);
    if (unit != null && !unit.isEmpty()) {
      put(m, "unit", unit, f, l, c);
    }
    put(m, "confidence", "E", f, l, c);
    put(m, "method", "calibrated between the bounds of calibrate:", f, l, c);
    return new Node.MapNode(m, f, l, c);
  }

  private static void put(Map<String, Node.Entry> m, String key, String value, String file, int line, int col) {
    m.put(key, new Node.Entry(key, line, col, new Node.Scalar(value, file, line, col)));
  }

  /**
   * Rebuilds the tree with the node at {@code path} replaced. A segment under a list names its item
   * by the item's {@code id:} or {@code element:} (e.g. {@code market.caps.china-mining-quota} or
   * {@code market.storage.Dy}) or by its index; {@code canonical} gets the path as the compiler
   * names the number ({@code market.caps[0].offQuota.share}).
   */
  private static Node.MapNode replace(Node.MapNode at, String[] path, int k,
      java.util.function.UnaryOperator<Node> with, StringBuilder canonical) {
    Node.Entry e = at.entries().get(path[k]);
    if (e == null) {
      throw new IllegalArgumentException("no `" + path[k] + "` under `"
          + (k == 0 ? "(top)" : String.join(".", java.util.Arrays.copyOf(path, k))) + "`");
    }
    canonical.append(k == 0 ? "" : ".").append(path[k]);
    Node value;
    if (k == path.length - 1) {
      value = with.apply(e.value());
    } else if (e.value() instanceof Node.MapNode child) {
      value = replace(child, path, k + 1, with, canonical);
    } else if (e.value() instanceof Node.ListNode list && k + 1 < path.length - 1) {
      value = replaceItem(list, path, k + 1, with, canonical);
    } else {
      throw new IllegalArgumentException("`" + String.join(".", java.util.Arrays.copyOf(path, k + 1))
          + "` is not a mapping");
    }
    Map<String, Node.Entry> out = new LinkedHashMap<>(at.entries());
    out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), value));
    return new Node.MapNode(out, at.file(), at.line(), at.column());
  }

  /** The list with its item named {@code path[k]} (by id, element or index) rebuilt. */
  private static Node.ListNode replaceItem(Node.ListNode list, String[] path, int k,
      java.util.function.UnaryOperator<Node> with, StringBuilder canonical) {
    List<String> names = new ArrayList<>();
    int found = -1;
    for (int i = 0; i < list.items().size(); i++) {
      String name = list.items().get(i) instanceof Node.MapNode m
          ? !text(m.get("id")).isEmpty() ? text(m.get("id")) : text(m.get("element")) : "";
      names.add(name.isEmpty() ? String.valueOf(i) : name);
      if (path[k].equals(name) || path[k].equals(String.valueOf(i)) && found < 0) {
        found = i;
      }
    }
    String where = String.join(".", java.util.Arrays.copyOf(path, k));
    if (found < 0) {
      throw new IllegalArgumentException("no item `" + path[k] + "` in the list `" + where + "` (its items: "
          + String.join(", ", names) + ")");
    }
    if (!(list.items().get(found) instanceof Node.MapNode item)) {
      throw new IllegalArgumentException("`" + where + "." + path[k] + "` is not a mapping");
    }
    canonical.append('[').append(found).append(']');
    Node.MapNode rebuilt = replace(item, path, k + 1, with, canonical);
    List<Node> items = new ArrayList<>(list.items());
    items.set(found, rebuilt);
    return new Node.ListNode(items, list.file(), list.line(), list.column());
  }

  private static String text(Node n) {
    return n instanceof Node.Scalar s && s.text() != null ? s.text().strip() : "";
  }
}
