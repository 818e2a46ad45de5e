package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;
import org.lodestone.scenario.yaml.YamlReader;

/**
 * Seeded mutation fuzz of every shipped scenario, in process: each case mutates one node of the
 * scenario's own tree (a bad value, a wrong type, a null list entry, a deleted or misspelt key, an
 * extreme number, deep nesting), merges it onto its parents as the loader does, and compiles it.
 * Every case must either compile or fail with {@link InvalidInputException} whose problems each
 * carry a rule and a position (a file and line, or at least a path); any other exception is a bug.
 * Seeds are fixed (seed 14 + scenario), so a failure names its case and reproduces.
 *
 * <p>For a longer search: {@code -Dlodestone.fuzz.scale=10} (ten times the cases) and
 * {@code -Dlodestone.fuzz.seed=N} (other seeds); surefire passes system properties through.
 */
class MutationFuzzTest {
  /** Cases per scenario; base (the whole dataset) gets three times as many. */
  static final int CASES = 250;

  static List<String> scenarios() {
    return ScenarioLoader.shippedNames();
  }

  private static final String[] BAD_SCALARS = {"abc", "-1", "-0", "1e400", "-1e400", "NaN", "Infinity", "", " ",
      null, "1e308", "-1e308", "1e-320", "0", "99999999999999999999", "12 kt", "50 %", "300 %", "-50 %", "true",
      "2 USD/kg", "1,200", "3 months", "2024", "1899", "2201", "0x10", "1/0", "t", "%", "ROW", "CN", "magnet",
      "mining", "none", "~", "[", "{a: 1}", "\u0000", "🧲"};

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyMutantCompilesOrGetsPositionedProblems(String name) {
    Node.MapNode own = read(name);
    Node.MapNode parent = parentTree(own);
    int cases = (name.equals("base") ? 3 * CASES : CASES) * Integer.getInteger("lodestone.fuzz.scale", 1);
    SplittableRandom rnd = new SplittableRandom(14L * 1_000_003 + name.hashCode() + Long.getLong("lodestone.fuzz.seed", 0));
    int rejected = 0;
    List<List<Object>> all = new ArrayList<>();
    collect(own, new ArrayList<>(), all);
    for (int i = 0; i < cases; i++) {
      List<Object> address = new ArrayList<>();
      String what = describeAndMutate(own, all, rnd, address);
      Node.MapNode mutant = lastMutant;
      String label = name + " case " + i + ": " + what + " at " + address;
      List<Problem> merge = new ArrayList<>();
      try {
        Node.MapNode tree = parent == null ? mutant : ScenarioLoader.merge(parent, mutant, merge);
        ScenarioCompiler.compileUncertain(tree, "shipped:" + name, List.of(name));
      } catch (InvalidInputException e) {
        rejected++;
        for (Problem p : e.problems()) {
          assertThat(p.rule()).as(label).isNotBlank();
          assertThat(p.path() != null || (p.file() != null && p.line() > 0)).as(label + ": " + p.format()).isTrue();
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(label + ": internal error " + e, e);
      }
    }
    // the mutations really break things: most cases are rejected (else the fuzz tests little)
    assertThat(rejected).as(name).isGreaterThan(cases / 3);
  }

  private Node.MapNode lastMutant;

  /** Mutates one random node of {@code root}; keeps the result in {@link #lastMutant}. */
  private String describeAndMutate(Node.MapNode root, List<List<Object>> all, SplittableRandom rnd,
      List<Object> address) {
    List<Object> target = all.get(rnd.nextInt(all.size()));
    address.addAll(target);
    int op = rnd.nextInt(9);
    String[] what = {""};
    lastMutant = (Node.MapNode) edit(root, target, 0, n -> {
      switch (op) {
        case 0, 1 -> {
          String v = BAD_SCALARS[rnd.nextInt(BAD_SCALARS.length)];
          what[0] = "scalar " + v;
          return new Node.Scalar(v, n.file(), n.line(), n.column());
        }
        case 2 -> {
          what[0] = "wrong type";
          return n instanceof Node.Scalar ? (rnd.nextBoolean() ? list(n, List.of(n)) : map(n, Map.of("value", n, "x", n)))
              : new Node.Scalar("7", n.file(), n.line(), n.column());
        }
        case 3 -> {
          what[0] = "null entry";
          if (n instanceof Node.ListNode l) {
            List<Node> items = new ArrayList<>(l.items());
            items.add(rnd.nextInt(items.size() + 1), new Node.Scalar(null, n.file(), n.line(), n.column()));
            return list(n, items);
          }
          return list(n, List.of(new Node.Scalar(null, n.file(), n.line(), n.column()), n));
        }
        case 4 -> {
          what[0] = "delete";
          return null;
        }
        case 5 -> {
          what[0] = "extreme";
          double x = switch (rnd.nextInt(5)) {
            case 0 -> Double.MAX_VALUE;
            case 1 -> -Double.MAX_VALUE;
            case 2 -> Double.MIN_VALUE;
            case 3 -> 1e15 * rnd.nextDouble();
            default -> -rnd.nextDouble();
          };
          return new Node.Scalar(String.valueOf(x), n.file(), n.line(), n.column());
        }
        case 6 -> {
          what[0] = "deep nesting";
          Node deep = n;
          for (int d = 0; d < 40; d++) {
            deep = rnd.nextBoolean() ? list(n, List.of(deep)) : map(n, Map.of("value", deep));
          }
          return deep;
        }
        case 7 -> {
          what[0] = "scale";
          if (n instanceof Node.Scalar s && s.text() != null) {
            return new Node.Scalar(s.text().replaceFirst("[0-9.]+", String.valueOf(rnd.nextDouble() * 1e6)),
                n.file(), n.line(), n.column());
          }
          return new Node.Scalar(null, n.file(), n.line(), n.column());
        }
        default -> {
          what[0] = "misspell key";
          return n; // handled by the key edit below
        }
      }
    }, op == 8 ? rnd : null);
    return what[0];
  }

  private static Node list(Node at, List<Node> items) {
    return new Node.ListNode(items, at.file(), at.line(), at.column());
  }

  private static Node map(Node at, Map<String, Node> values) {
    Map<String, Node.Entry> e = new LinkedHashMap<>();
    values.forEach((k, v) -> e.put(k, new Node.Entry(k, at.line(), at.column(), v)));
    return new Node.MapNode(e, at.file(), at.line(), at.column());
  }

  /** Every address (keys and indices from the root) of a node below the root. */
  private static void collect(Node n, List<Object> at, List<List<Object>> out) {
    walk(n, at, (address, node) -> out.add(address));
  }

  /** Calls {@code visit} with the address and node of every node below {@code n}. */
  static void walk(Node n, List<Object> at, java.util.function.BiConsumer<List<Object>, Node> visit) {
    if (!at.isEmpty()) {
      visit.accept(List.copyOf(at), n);
    }
    if (n instanceof Node.MapNode m) {
      for (String k : m.entries().keySet()) {
        at.add(k);
        walk(m.get(k), at, visit);
        at.remove(at.size() - 1);
      }
    } else if (n instanceof Node.ListNode l) {
      for (int i = 0; i < l.items().size(); i++) {
        at.add(i);
        walk(l.items().get(i), at, visit);
        at.remove(at.size() - 1);
      }
    }
  }

  /**
   * A copy of {@code n} with the node at {@code address} replaced by {@code f} (deleted when f gives
   * null); with {@code misspell}, the key at the address is misspelt instead.
   */
  private static Node edit(Node n, List<Object> address, int depth, java.util.function.UnaryOperator<Node> f,
      SplittableRandom misspell) {
    Object step = address.get(depth);
    boolean last = depth == address.size() - 1;
    if (n instanceof Node.MapNode m) {
      Map<String, Node.Entry> out = new LinkedHashMap<>();
      for (Node.Entry e : m.entries().values()) {
        if (!e.key().equals(step)) {
          out.put(e.key(), e);
        } else if (!last) {
          out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), edit(e.value(), address, depth + 1, f, misspell)));
        } else if (misspell != null) {
          String k = misspelt(e.key(), misspell);
          out.put(k, new Node.Entry(k, e.line(), e.column(), e.value()));
        } else {
          Node v = f.apply(e.value());
          if (v != null) {
            out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), v));
          }
        }
      }
      return new Node.MapNode(out, m.file(), m.line(), m.column());
    }
    Node.ListNode l = (Node.ListNode) n;
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < l.items().size(); i++) {
      if (i != (Integer) step) {
        items.add(l.items().get(i));
      } else if (!last) {
        items.add(edit(l.items().get(i), address, depth + 1, f, misspell));
      } else {
        Node v = misspell != null ? new Node.Scalar(null, l.file(), l.line(), l.column()) : f.apply(l.items().get(i));
        if (v != null) {
          items.add(v);
        }
      }
    }
    return new Node.ListNode(items, l.file(), l.line(), l.column());
  }

  private static String misspelt(String key, SplittableRandom rnd) {
    if (key.length() < 2) {
      return key + "x";
    }
    int i = rnd.nextInt(key.length() - 1);
    return switch (rnd.nextInt(3)) {
      case 0 -> key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
      case 1 -> key.substring(0, i) + key.substring(i + 1);
      default -> key + "s";
    };
  }

  static Node.MapNode read(String name) {
    try (InputStream in = MutationFuzzTest.class.getClassLoader()
        .getResourceAsStream(ScenarioLoader.SHIPPED + name + ".yaml")) {
      return (Node.MapNode) YamlReader.read(ScenarioLoader.SHIPPED_PREFIX + name + ".yaml",
          new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The merged tree of a scenario's parents (null for `parent: none`), as the loader builds it. */
  static Node.MapNode parentTree(Node.MapNode own) {
    String parent = ((Node.Scalar) own.get("parent")).text().strip();
    if (parent.equals("none")) {
      return null;
    }
    Node.MapNode p = read(parent);
    Node.MapNode above = parentTree(p);
    List<Problem> problems = new ArrayList<>();
    Node.MapNode merged = above == null ? p : ScenarioLoader.merge(above, p, problems);
    assertThat(problems).isEmpty();
    return merged;
  }
}
