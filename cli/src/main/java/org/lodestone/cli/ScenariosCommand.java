package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lodestone scenarios}: lists the shipped scenarios. */
@Command(name = "scenarios", description = "List the shipped scenarios.")
final class ScenariosCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var all = ScenarioLoader.shipped();
    int w = all.stream().mapToInt(s -> s.name().length()).max().orElse(4);
    out.printf("%-" + w + "s  %-" + 10 + "s  %s%n", "name", "parent", "title");
    for (var s : all) {
      out.printf("%-" + w + "s  %-10s  %s%n", s.name(), s.parent(), s.title());
    }
    out.println();
    out.println("Run one with `lodestone run NAME`; any scenario file can name one as its `parent:`.");
    out.flush();
    return 0;
  }
}
