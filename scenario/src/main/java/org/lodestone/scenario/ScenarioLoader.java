package org.lodestone.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;
import org.lodestone.scenario.yaml.YamlReader;

/**
 * Finds, reads and merges scenarios with their parents, then hands the merged tree to
 * {@link ScenarioCompiler}.
 *
 * <p>A reference is a shipped scenario's name ({@code base}, {@code claim-total-120kt}) or a path to a
 * {@code .yaml} file. A file's {@code parent:} may name a shipped scenario or another file, relative
 * to the file's folder. Cycles are reported with the chain of files.
 */
public final class ScenarioLoader {
  /** Folder of the shipped scenarios on the class path. */
  public static final String SHIPPED = "lodestone/scenarios/";
  /** Prefix of shipped files in messages: {@code shipped:base.yaml:41 ...}. */
  public static final String SHIPPED_PREFIX = "shipped:";
  private static final int MAX_DEPTH = 32;

  private ScenarioLoader() {
  }

  /** A shipped scenario's name, title and description. */
  public record Shipped(String name, String title, String description, String parent) {
  }

  /** The names of the shipped scenarios, from the index on the class path. */
  public static List<String> shippedNames() {
    try (InputStream in = resource("index.txt")) {
      if (in == null) {
        throw new IllegalStateException("shipped scenario index is missing from the class path");
      }
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          names.add(s);
        }
      }
      return names;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shipped scenarios with their titles. */
  public static List<Shipped> shipped() {
    List<Shipped> out = new ArrayList<>();
    for (String name : shippedNames()) {
      Node.MapNode root = (Node.MapNode) readShipped(name);
      out.add(new Shipped(name, text(root.get("title")), text(root.get("description")),
          text(root.get("parent"))));
    }
    return out;
  }

  private static String text(Node n) {
    return n instanceof Node.Scalar s && s.text() != null ? s.text().strip() : "";
  }

  /** Whether {@code ref} names a shipped scenario. */
  public static boolean isShipped(String ref) {
    return shippedNames().contains(ref);
  }

  /**
   * Loads and validates a scenario.
   *
   * @param ref shipped name or file path
   * @throws InvalidInputException listing every problem found
   */
  public static Scenario load(String ref) {
    return load(ref, Path.of(""));
  }

  /**
   * Loads a scenario with its uncertain parameters: numbers written as distributions
   * ({@code {dist: normal, mean: ..., sd: ...}}) become coordinates of
   * {@link UncertainScenario#chainAt}; the nominal scenario holds their means.
   *
   * @throws InvalidInputException listing every problem found
   */
  public static UncertainScenario loadUncertain(String ref) {
    Resolved r = resolveAll(ref, Path.of(""));
    return ScenarioCompiler.compileUncertain(r.tree, r.origin, r.lineage);
  }

  /** Loads a scenario, resolving relative file references against {@code base}. */
  public static Scenario load(String ref, Path base) {
    Resolved r = resolveAll(ref, base);
    return ScenarioCompiler.compile(r.tree, r.origin, r.lineage);
  }

  /**
   * The merged YAML tree of a scenario (its parents merged in), before compiling: for readers of
   * sections the compiler does not turn into model input ({@code calibrate:}, {@code reconcile:}).
   *
   * @throws InvalidInputException when the scenario or a parent cannot be read
   */
  public static Tree tree(String ref) {
    Resolved r = resolveAll(ref, Path.of(""));
    return new Tree(r.tree, r.origin, List.copyOf(r.lineage));
  }

  /** Compiles a merged tree (for instance one edited from {@link #tree}). */
  public static Scenario compile(Tree tree) {
    return ScenarioCompiler.compile(tree.root(), tree.origin(), tree.lineage());
  }

  /** Compiles a merged tree with its uncertain parameters. */
  public static UncertainScenario compileUncertain(Tree tree) {
    return ScenarioCompiler.compileUncertain(tree.root(), tree.origin(), tree.lineage());
  }

  /**
   * A merged scenario tree.
   *
   * @param root    the merged root mapping
   * @param origin  {@code shipped:NAME} or the file path
   * @param lineage the scenario and its ancestors, nearest first
   */
  public record Tree(Node.MapNode root, String origin, List<String> lineage) {
  }

  private static Resolved resolveAll(String ref, Path base) {
    List<Problem> problems = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<String> lineage = new ArrayList<>();
    Resolved r = resolve(ref, base, null, seen, lineage, problems);
    if (!problems.isEmpty() || r == null) {
      throw new InvalidInputException(problems.isEmpty()
          ? List.of(Problem.of(ref, "cannot load scenario")) : problems);
    }
    return new Resolved(r.tree, r.origin, lineage);
  }

  private record Resolved(Node.MapNode tree, String origin, List<String> lineage) {
    Resolved(Node.MapNode tree, String origin) {
      this(tree, origin, List.of());
    }
  }

  private static Resolved resolve(String ref, Path base, Node.Scalar from, LinkedHashSet<String> seen,
      List<String> lineage, List<Problem> problems) {
    String key;
    Node root;
    boolean shipped = !looksLikePath(ref) && isShipped(ref);
    if (shipped) {
      key = "shipped:" + ref;
    } else if (!looksLikePath(ref) && from != null) {
      problems.add(new Problem(from.file(), from.line(), from.column(), "parent", ref,
          "no shipped scenario has that name", hintShipped(ref)));
      return null;
    } else {
      Path p = base.resolve(ref).normalize();
      key = p.toAbsolutePath().toString();
    }
    if (seen.contains(key)) {
      List<String> chain = new ArrayList<>(seen);
      chain.add(key);
      problems.add(new Problem(from.file(), from.line(), from.column(), "parent", ref,
          "cyclic parent: " + String.join(" -> ", chain), "a scenario cannot descend from itself"));
      return null;
    }
    if (seen.size() >= MAX_DEPTH) {
      problems.add(new Problem(from.file(), from.line(), from.column(), "parent", ref,
          "more than " + MAX_DEPTH + " levels of parents", null));
      return null;
    }
    seen.add(key);
    Path dir;
    if (shipped) {
      root = readShipped(ref);
      dir = null;
    } else {
      Path p = base.resolve(ref).normalize();
      if (!looksLikePath(ref) && !Files.exists(p)) {
        problems.add(new Problem(ref, 0, 0, null, null, "no such file or shipped scenario",
            hintShipped(ref)));
        return null;
      }
      if (Files.isDirectory(p)) {
        problems.add(from == null ? new Problem(ref, 0, 0, null, null, "is a directory, not a scenario file", null)
            : new Problem(from.file(), from.line(), from.column(), "parent", ref, "is a directory, not a scenario file", null));
        return null;
      }
      try (Reader reader = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        root = YamlReader.read(from == null ? ref : p.toString(), reader);
      } catch (NoSuchFileException e) {
        problems.add(from == null ? Problem.of(ref, "no such file")
            : new Problem(from.file(), from.line(), from.column(), "parent", ref, "no such file", null));
        return null;
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
        return null;
      } catch (IOException e) {
        problems.add(Problem.of(ref, "cannot read: " + e.getMessage()));
        return null;
      }
      dir = p.toAbsolutePath().getParent();
    }
    if (!(root instanceof Node.MapNode map)) {
      problems.add(new Problem(root.file(), root.line(), root.column(), null, null,
          "a scenario must be a mapping of keys", "start with `name:` and `parent:`"));
      return null;
    }
    String name = text(map.get("name"));
    lineage.add(name.isEmpty() ? ref : name);
    Node parentNode = map.get("parent");
    if (parentNode == null) {
      problems.add(new Problem(map.file(), 1, 1, "parent", null, "missing",
          "write `parent: base` to start from the shipped dataset"));
      return null;
    }
    if (!(parentNode instanceof Node.Scalar ps) || ps.text() == null || ps.text().isBlank()) {
      problems.add(new Problem(parentNode.file(), parentNode.line(), parentNode.column(), "parent",
          null, "must be `none`, a shipped scenario name or a file path", null));
      return null;
    }
    String parentRef = ps.text().strip();
    String origin = shipped ? "shipped:" + ref : ref;
    if (parentRef.equals("none")) {
      return new Resolved(map, origin);
    }
    if (dir == null && looksLikePath(parentRef)) {
      problems.add(new Problem(ps.file(), ps.line(), ps.column(), "parent", parentRef,
          "a shipped scenario can only descend from shipped scenarios", null));
      return null;
    }
    Resolved parent = resolve(parentRef, dir == null ? Path.of("") : dir, ps, seen, lineage, problems);
    if (parent == null) {
      return null;
    }
    return new Resolved(merge(parent.tree, map, problems), origin);
  }

  private static String hintShipped(String ref) {
    String best = Suggest.closest(ref, shippedNames());
    return best != null ? "did you mean `" + best + "`? (`lodestone scenarios` lists them)"
        : "`lodestone scenarios` lists the shipped scenarios; a file path ends in .yaml";
  }

  static boolean looksLikePath(String ref) {
    return ref.contains("/") || ref.contains("\\") || ref.endsWith(".yaml") || ref.endsWith(".yml");
  }

  private static Node readShipped(String name) {
    try (InputStream in = resource(name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("shipped scenario " + name + " is missing");
      }
      return YamlReader.read(SHIPPED_PREFIX + name + ".yaml", new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String name) {
    return ScenarioLoader.class.getClassLoader().getResourceAsStream(SHIPPED + name);
  }

  // ---- merging -------------------------------------------------------------------------------

  private static final List<String> OWN_KEYS = List.of("name", "title", "description", "parent");
  private static final List<String> FIELD_MERGED = List.of("years", "magnet", "market", "reconcile", "governance");
  private static final List<String> ENTRY_MERGED =
      List.of("sources", "regions", "elements", "deposits", "producers", "sectors", "projects",
          "investment");
  private static final List<String> APPENDED = List.of("history", "capacityTargets", "events", "calibrate");

  /** Merges a child scenario tree onto its (already merged) parent tree. */
  static Node.MapNode merge(Node.MapNode parent, Node.MapNode child, List<Problem> problems) {
    Map<String, Node.Entry> out = new LinkedHashMap<>();
    for (Node.Entry e : parent.entries().values()) {
      if (!OWN_KEYS.contains(e.key())) {
        out.put(e.key(), e);
      }
    }
    for (Node.Entry e : child.entries().values()) {
      Node.Entry prev = out.get(e.key());
      if (prev == null || OWN_KEYS.contains(e.key()) || otherMarketModel(e.key(), prev.value(), e.value())) {
        out.put(e.key(), e);
      } else if (e.key().equals("market") && prev.value() instanceof Node.MapNode pm
          && e.value() instanceof Node.MapNode cm) {
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), deep("market", pm, cm, problems)));
      } else if (FIELD_MERGED.contains(e.key()) && prev.value() instanceof Node.MapNode pm
          && e.value() instanceof Node.MapNode cm) {
        Node.MapNode merged = fields(pm, cm);
        if (e.key().equals("magnet")) {
          merged = scrapRecoveryByElement(pm, cm, merged, problems);
        }
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), merged));
      } else if (ENTRY_MERGED.contains(e.key()) && prev.value() instanceof Node.MapNode pm
          && e.value() instanceof Node.MapNode cm) {
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), entries(e.key(), pm, cm, problems)));
      } else if (APPENDED.contains(e.key()) && prev.value() instanceof Node.ListNode pl
          && e.value() instanceof Node.ListNode cl) {
        List<Node> items = new ArrayList<>(pl.items());
        items.addAll(cl.items());
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(),
            new Node.ListNode(items, cl.file(), cl.line(), cl.column())));
      } else {
        out.put(e.key(), e); // type mismatch or unknown key: the compiler reports it
      }
    }
    return new Node.MapNode(out, child.file(), child.line(), child.column());
  }

  /**
   * A child's {@code market:} that names another model than its parent's replaces the parent's block
   * instead of merging into it: the keys of one model mean nothing to another (base's element-market
   * keys under a child's {@code model: regional}).
   */
  private static boolean otherMarketModel(String key, Node parent, Node child) {
    if (!key.equals("market") || !(parent instanceof Node.MapNode pm) || !(child instanceof Node.MapNode cm)) {
      return false;
    }
    String a = pm.get("model") instanceof Node.Scalar s ? s.text() : null;
    String b = cm.get("model") instanceof Node.Scalar s ? s.text() : null;
    return b != null && !b.equals(a);
  }

  /**
   * A child's {@code market:} (same model) merges into its parent's at every depth: a nested mapping
   * merges key by key ({@code supplyCurve: {separation: 0.1}} keeps the other stages); a number
   * ({@code {value: ...}}, {@code {dist: ...}}), a path by year and a list replace the parent's; a
   * mapping written where the parent has a list edits that list's items by their {@code id:} or
   * {@code element:} ({@code caps: {china-mining-quota: {offQuota: {share: 25 %}}}},
   * {@code storage: {Dy: {capacity: 3000 t}}}), as the paths of {@code calibrate:} name them.
   */
  private static Node.MapNode deep(String at, Node.MapNode parent, Node.MapNode child, List<Problem> problems) {
    Map<String, Node.Entry> out = new LinkedHashMap<>(parent.entries());
    for (Node.Entry e : child.entries().values()) {
      Node.Entry prev = out.get(e.key());
      String p = at + "." + e.key();
      if (prev != null && prev.value() instanceof Node.MapNode pm && e.value() instanceof Node.MapNode cm
          && !wholeValue(pm) && !wholeValue(cm)) {
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), deep(p, pm, cm, problems)));
      } else if (prev != null && prev.value() instanceof Node.ListNode pl && e.value() instanceof Node.MapNode cm) {
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), items(p, pl, cm, problems)));
      } else {
        out.put(e.key(), e);
      }
    }
    return new Node.MapNode(out, child.file(), child.line(), child.column());
  }

  /** A mapping that stands for one value: a cited number, a distribution or a path by year. */
  private static boolean wholeValue(Node.MapNode m) {
    return m.get("value") != null || m.get("dist") != null
        || m.entries().keySet().stream().anyMatch(k -> k.matches("\\d{4}"));
  }

  /** A parent's list with the items a child names (by id or element) merged with the child's fields. */
  private static Node.ListNode items(String at, Node.ListNode parent, Node.MapNode child, List<Problem> problems) {
    List<Node> out = new ArrayList<>(parent.items());
    List<String> names = new ArrayList<>();
    for (Node item : parent.items()) {
      names.add(item instanceof Node.MapNode m ? itemName(m) : "");
    }
    for (Node.Entry e : child.entries().values()) {
      int i = names.indexOf(e.key());
      if (i < 0 || !(e.value() instanceof Node.MapNode cm) || !(out.get(i) instanceof Node.MapNode pm)) {
        String best = Suggest.closest(e.key(), names.stream().filter(n -> !n.isEmpty()).toList());
        problems.add(new Problem(e.value().file(), e.line(), e.column(), at + "." + e.key(), null,
            i < 0 ? "the parent's `" + at + "` has no item with id or element `" + e.key() + "`"
                : "must be a mapping of the item's fields to change",
            best != null && i < 0 ? "did you mean `" + best + "`?" : "write a list to replace the parent's whole list"));
        continue;
      }
      out.set(i, deep(at + "." + e.key(), pm, cm, problems));
    }
    return new Node.ListNode(out, parent.file(), parent.line(), parent.column());
  }

  private static String itemName(Node.MapNode m) {
    for (String k : List.of("id", "element")) {
      if (m.get(k) instanceof Node.Scalar s && s.text() != null && !s.text().isBlank()) {
        return s.text().strip();
      }
    }
    return "";
  }

  /**
   * {@code magnet.scrapRecovery} by element merges by element: a child's {@code {Dy: 50 %}} over a
   * parent's {@code {NdPr: 95 %, Dy: 77 %, Tb: 77 %}} changes Dy and keeps NdPr and Tb, as the paths
   * {@code magnet.scrapRecovery.Dy} of {@code calibrate:} name them. Over a parent's single rate (one
   * number or one distribution, drawn once for every element) a map by element has nothing to merge
   * into, so it must name every element; naming fewer is a problem at the child's mapping whose hint
   * spells out the full map with the parent's rate for the others. A child's single rate replaces the
   * parent's rates by element (see {@code ScrapRecoveryTest}).
   */
  private static Node.MapNode scrapRecoveryByElement(Node.MapNode parent, Node.MapNode child,
      Node.MapNode merged, List<Problem> problems) {
    Node.Entry ce = child.entries().get("scrapRecovery");
    Node pn = parent.get("scrapRecovery");
    if (ce == null || pn == null || !(ce.value() instanceof Node.MapNode cm) || !byElement(cm)) {
      return merged;
    }
    if (pn instanceof Node.MapNode pm && byElement(pm)) {
      Map<String, Node.Entry> out = new LinkedHashMap<>(merged.entries());
      out.put(ce.key(), new Node.Entry(ce.key(), ce.line(), ce.column(), fields(pm, cm)));
      return new Node.MapNode(out, merged.file(), merged.line(), merged.column());
    }
    List<String> missing = new ArrayList<>();
    StringBuilder full = new StringBuilder();
    for (org.lodestone.core.model.Element el : org.lodestone.core.model.Element.values()) {
      Node own = cm.get(el.code());
      if (own == null) {
        missing.add(el.code());
      }
      full.append(full.length() == 0 ? "" : ", ").append(el.code()).append(": ")
          .append(rateText(own != null ? own : pn));
    }
    if (!missing.isEmpty()) {
      String at = pn.file() == null ? "the parent" : Path.of(pn.file()).getFileName() + ":" + pn.line();
      problems.add(new Problem(cm.file(), ce.line(), ce.column(), "magnet.scrapRecovery", null,
          "gives no rate for " + String.join(", ", missing) + ": the parent's scrapRecovery is one rate for"
              + " every element (" + at + "), and rates by element do not merge into one rate",
          "name every element, `scrapRecovery: {" + full + "}`, or write one rate"));
    }
    return merged;
  }

  /** A {@code scrapRecovery} mapping by element code (not a cited number or a distribution). */
  private static boolean byElement(Node.MapNode m) {
    return m.get("value") == null && m.get("dist") == null && m.entries().keySet().stream()
        .anyMatch(k -> java.util.Arrays.stream(org.lodestone.core.model.Element.values())
            .anyMatch(el -> el.code().equals(k)));
  }

  /** A rate as written, for a hint: its text, a cited number's value, or a placeholder. */
  private static String rateText(Node n) {
    if (n instanceof Node.Scalar s) {
      return s.text();
    }
    return n instanceof Node.MapNode m && m.get("value") instanceof Node.Scalar v ? v.text() : "<rate>";
  }

  private static Node.MapNode fields(Node.MapNode parent, Node.MapNode child) {
    Map<String, Node.Entry> out = new LinkedHashMap<>(parent.entries());
    out.putAll(child.entries());
    return new Node.MapNode(out, child.file(), child.line(), child.column());
  }

  private static Node.MapNode entries(String section, Node.MapNode parent, Node.MapNode child,
      List<Problem> problems) {
    Map<String, Node.Entry> out = new LinkedHashMap<>(parent.entries());
    for (Node.Entry e : child.entries().values()) {
      Node.Entry prev = out.get(e.key());
      boolean remove = e.value() instanceof Node.MapNode m && m.get("remove") instanceof Node.Scalar r
          && "true".equals(r.text());
      if (remove) {
        if (prev == null) {
          problems.add(new Problem(e.value().file(), e.line(), e.column(), section + "." + e.key(),
              null, "`remove: true` names an entry the parent does not have",
              hintClosest(e.key(), parent)));
        }
        out.remove(e.key());
      } else if (prev != null && prev.value() instanceof Node.MapNode pm
          && e.value() instanceof Node.MapNode cm) {
        Node.MapNode merged = fields(pm, cm);
        // a sector's substitutes merge by id too: a child changes or removes one of them
        if (section.equals("sectors") && cm.get("substitution") instanceof Node.MapNode cs
            && (pm.get("substitution") == null || pm.get("substitution") instanceof Node.MapNode)) {
          Node.MapNode ps = pm.get("substitution") instanceof Node.MapNode m ? m
              : new Node.MapNode(new LinkedHashMap<>(), cs.file(), cs.line(), cs.column());
          Map<String, Node.Entry> fieldsOut = new LinkedHashMap<>(merged.entries());
          Node.Entry sub = cm.entries().get("substitution");
          fieldsOut.put("substitution", new Node.Entry("substitution", sub.line(), sub.column(),
              entries(section + "." + e.key() + ".substitution", ps, cs, problems)));
          merged = new Node.MapNode(fieldsOut, merged.file(), merged.line(), merged.column());
        }
        out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), merged));
      } else {
        out.put(e.key(), e);
      }
    }
    return new Node.MapNode(out, child.file(), child.line(), child.column());
  }

  private static String hintClosest(String key, Node.MapNode parent) {
    String best = Suggest.closest(key, new ArrayList<>(parent.entries().keySet()));
    return best == null ? null : "did you mean `" + best + "`?";
  }
}
