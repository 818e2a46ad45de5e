package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lodestone validate FILE...}: checks scenario files and reports every problem. */
@Command(name = "validate", description = "Check scenario files (or shipped scenarios) and report every problem.")
final class ValidateCommand extends CommandBase {
  @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files or shipped scenario names.")
  List<String> scenarios;

  @Override
  public Integer call() {
    PrintWriter out = out();
    List<Problem> all = new ArrayList<>();
    for (String ref : scenarios) {
      try {
        Scenario s = ScenarioLoader.load(ref);
        out.printf("ok: %s (%s): years %d-%d, %d regions, %d producers, %d sectors, %d sources, %d figures%n",
            ref, String.join(" <- ", s.lineage()), s.chain().axis().firstYear(), s.chain().axis().lastYear(),
            s.chain().regionCodes().size(), s.chain().producers().size(), s.chain().sectors().size(),
            s.sources().size(), s.figures().size());
        for (String note : s.notes()) {
          out.printf("  note: %s%n", note);
        }
      } catch (InvalidInputException e) {
        all.addAll(e.problems());
      }
    }
    out.flush();
    if (!all.isEmpty()) {
      throw new InvalidInputException(all);
    }
    return 0;
  }
}
