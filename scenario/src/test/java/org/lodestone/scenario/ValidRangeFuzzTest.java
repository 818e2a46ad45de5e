package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.yaml.Node;

/**
 * Seeded fuzz over valid ranges: in each case a few numbers of a shipped scenario (capacities, costs,
 * prices, intensities, grades, shares, rates, ...) are scaled by a factor drawn uniformly in
 * [0, 10]. A case either compiles and runs, the engine checking the mass balance of every process
 * and year ({@code MassBalance}: it throws on any imbalance or negative flow) and every tidy result
 * being finite; or it is refused at compile time with positioned problems (a share scaled above
 * 100 %, a cap below its reference price). Nothing else may happen: no exception from the engine.
 *
 * <p>For a longer search: {@code -Dlodestone.fuzz.scale=10} (ten times the cases) and
 * {@code -Dlodestone.fuzz.seed=N} (other seeds); surefire passes system properties through.
 */
class ValidRangeFuzzTest {
  private static final Pattern NUMBER = Pattern.compile("^([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(.*)$");
  /** Keys whose numbers are years or counts of years: scaling them tests nothing about balances. */
  private static final Set<String> YEARS = Set.of("from", "to", "year", "leadTime", "rampUp", "life", "lag",
      "signalYears", "trailingYears", "years", "rampYears");
  /** Keys whose values are texts that may start with a digit. */
  private static final Set<String> TEXTS = Set.of("method", "note", "source", "name", "title", "description",
      "label", "url", "via", "owner", "publisher", "accessed", "confidence", "unit");

  static List<Object[]> cases() {
    // regional scenarios solve a linear programme per year (~0.2 s a run): fewer cases
    return List.of(new Object[] {"base", 60}, new Object[] {"claim-total-120kt", 20},
        new Object[] {"claim-increment-120kt", 20}, new Object[] {"us-price-floor-2025", 20},
        new Object[] {"announced-haircut", 20}, new Object[] {"quota-crisis-2010-free-trade", 20},
        new Object[] {"regional-markets", 6}, new Object[] {"export-controls-2025", 6},
        new Object[] {"quota-crisis-2010", 6});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scaledNumbersRunWithEveryBalanceOrAreRefusedWithPositions(String name, int cases) {
    Node.MapNode own = MutationFuzzTest.read(name);
    Node.MapNode parent = MutationFuzzTest.parentTree(own);
    Node.MapNode merged = parent == null ? own : ScenarioLoader.merge(parent, own, new ArrayList<>());
    List<List<Object>> numeric = new ArrayList<>();
    collect(merged, new ArrayList<>(), numeric);
    assertThat(numeric).isNotEmpty();
    cases *= Integer.getInteger("lodestone.fuzz.scale", 1);
    SplittableRandom rnd = new SplittableRandom(14L * 31 + name.hashCode() + Long.getLong("lodestone.fuzz.seed", 0));
    int ran = 0;
    for (int i = 0; i < cases; i++) {
      Node.MapNode tree = merged;
      StringBuilder what = new StringBuilder();
      int k = 1 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        List<Object> at = numeric.get(rnd.nextInt(numeric.size()));
        double f = 10 * rnd.nextDouble();
        what.append(at).append(" x ").append(String.format("%.3f", f)).append("; ");
        tree = (Node.MapNode) scale(tree, at, 0, f);
      }
      String label = name + " case " + i + ": " + what;
      SupplyChain chain;
      try {
        chain = ScenarioCompiler.compileUncertain(tree, "shipped:" + name, List.of(name)).nominal().chain();
      } catch (InvalidInputException e) {
        for (Problem p : e.problems()) {
          assertThat(p.path() != null || (p.file() != null && p.line() > 0)).as(label + ": " + p.format()).isTrue();
        }
        continue;
      }
      try {
        RunResult r = AnnualEngine.run(chain);
        for (ResultRow row : TidyResults.rows(r, chain.axis().firstYear(), chain.axis().lastYear())) {
          assertThat(Double.isFinite(row.value())).as(label + ": " + row).isTrue();
        }
        ran++;
      } catch (RuntimeException e) {
        throw new AssertionError(label + ": the engine failed: " + e, e);
      }
    }
    assertThat(ran).as(name + ": cases that ran").isGreaterThan(cases / 3);
  }

  /** Addresses of scalars that are numbers (with or without a unit), except years and texts. */
  private static void collect(Node root, List<Object> start, List<List<Object>> out) {
    MutationFuzzTest.walk(root, start, (at, n) -> {
      Object key = at.get(at.size() - 1);
      if (n instanceof Node.Scalar s && s.text() != null && NUMBER.matcher(s.text().strip()).matches()
          && !YEARS.contains(key) && !TEXTS.contains(key) && !at.contains("years")
          && !(key.equals("value") && at.size() > 1 && YEARS.contains(at.get(at.size() - 2)))) {
        out.add(at);
      }
    });
  }

  private static Node scale(Node n, List<Object> address, int depth, double f) {
    if (depth == address.size()) {
      Node.Scalar s = (Node.Scalar) n;
      Matcher m = NUMBER.matcher(s.text().strip());
      m.matches();
      return new Node.Scalar(Double.parseDouble(m.group(1)) * f + m.group(2), s.file(), s.line(), s.column());
    }
    Object step = address.get(depth);
    if (n instanceof Node.MapNode m) {
      Map<String, Node.Entry> out = new LinkedHashMap<>(m.entries());
      Node.Entry e = out.get(step);
      out.put(e.key(), new Node.Entry(e.key(), e.line(), e.column(), scale(e.value(), address, depth + 1, f)));
      return new Node.MapNode(out, m.file(), m.line(), m.column());
    }
    Node.ListNode l = (Node.ListNode) n;
    List<Node> items = new ArrayList<>(l.items());
    items.set((Integer) step, scale(items.get((Integer) step), address, depth + 1, f));
    return new Node.ListNode(items, l.file(), l.line(), l.column());
  }
}
