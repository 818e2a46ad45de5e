package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.lodestone.scenario.ConsistencyCheck;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lodestone check SCENARIO}: flags capacity paths that contradict observed production. Exit 0
 * when consistent, 3 when contradictions are found (2 for bad input, as everywhere).
 */
@Command(name = "check",
    description = "Check a scenario's capacity paths against observed production in the dataset.",
    footer = "%nExit status: 0 consistent, 3 contradictions found, 2 bad input.")
final class CheckCommand implements Callable<Integer> {
  /** Exit code when the check finds contradictions. */
  static final int CONTRADICTIONS = 3;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = "base",
      description = "Shipped scenario name or file (default: base).")
  String scenario;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Scenario s = ScenarioLoader.load(scenario);
    List<ConsistencyCheck.Finding> findings = ConsistencyCheck.run(s);
    if (findings.isEmpty()) {
      out.printf("%s: consistent: no capacity path falls below observed production.%n", scenario);
      out.flush();
      return 0;
    }
    out.printf("%s: %d contradiction%s with observed production:%n", scenario, findings.size(),
        findings.size() == 1 ? "" : "s");
    for (ConsistencyCheck.Finding f : findings) {
      String what = f.kind().equals("below-history")
          ? String.format("capacity %s is below observed production %s in that year",
              Format.tonnes(f.capacity(), f.unit()), Format.tonnes(f.observed(), f.unit()))
          : String.format("capacity %s is below production %s already observed in %d",
              Format.tonnes(f.capacity(), f.unit()), Format.tonnes(f.observed(), f.unit()), f.observedYear());
      out.printf("  %d %-10s %-5s %s: short by %s [%s]%n", f.year(), f.stage(), f.region(), what,
          Format.tonnes(f.shortfall(), f.unit()), f.series());
    }
    out.flush();
    return CONTRADICTIONS;
  }
}
