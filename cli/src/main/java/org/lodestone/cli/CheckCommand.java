package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;
import org.lodestone.scenario.ConsistencyCheck;
import org.lodestone.scenario.Scenario;
import picocli.CommandLine.Command;

/**
 * {@code lodestone check SCENARIO}: flags capacity paths that contradict observed production. Exit 0
 * when consistent, 3 when contradictions are found (2 for bad input, as everywhere).
 */
@Command(name = "check",
    description = "Check a scenario's capacity paths against observed production in the dataset.",
    footer = "%nExit status: 0 consistent, 3 contradictions found, 2 bad input.")
final class CheckCommand extends ScenarioCommand {
  /** Exit code when the check finds contradictions. */
  static final int CONTRADICTIONS = 3;

  @Override
  Integer run(Scenario s) {
    PrintWriter out = out();
    List<ConsistencyCheck.Finding> findings = ConsistencyCheck.run(s);
    if (findings.isEmpty()) {
      out.printf("%s: consistent: no capacity path falls below observed production.%n", scenario.name);
      out.flush();
      return 0;
    }
    // one line per contradicted observation: the years it covers and the largest gap
    java.util.Map<List<Object>, List<ConsistencyCheck.Finding>> groups = new java.util.LinkedHashMap<>();
    for (ConsistencyCheck.Finding f : findings) {
      groups.computeIfAbsent(java.util.Arrays.asList(f.kind(), f.stage(), f.region(), f.series(), f.observedYear()),
          k -> new java.util.ArrayList<>()).add(f);
    }
    out.printf("%s: capacity contradicts observed production in %d places (%d year-checks):%n", scenario.name,
        groups.size(), findings.size());
    for (List<ConsistencyCheck.Finding> g : groups.values()) {
      ConsistencyCheck.Finding first = g.get(0);
      ConsistencyCheck.Finding worst = g.stream()
          .max(java.util.Comparator.comparingDouble(ConsistencyCheck.Finding::shortfall)).orElseThrow();
      String years = g.size() == 1 ? String.valueOf(first.year())
          : first.year() + "-" + g.get(g.size() - 1).year();
      String observed = Format.tonnes(first.observed(), first.unit()) + " produced in " + first.observedYear()
          + " [" + first.series() + "]";
      if (first.kind().equals("below-history")) {
        out.printf("  %-10s %-5s %s: capacity below the production observed that year, %s; worst %d: capacity %s, short by %s%n",
            first.stage(), first.region(), years, observed, worst.year(),
            Format.tonnes(worst.capacity(), worst.unit()), Format.tonnes(worst.shortfall(), worst.unit()));
      } else {
        out.printf("  %-10s %-5s %s: capacity below %s; worst %d: capacity %s, short by %s%n",
            first.stage(), first.region(), years, observed, worst.year(),
            Format.tonnes(worst.capacity(), worst.unit()), Format.tonnes(worst.shortfall(), worst.unit()));
      }
    }
    out.flush();
    return CONTRADICTIONS;
  }
}
