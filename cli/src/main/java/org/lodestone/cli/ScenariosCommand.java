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
    int pw = Math.max(6, all.stream().mapToInt(s -> s.parent().length()).max().orElse(6));
    String row = "%-" + w + "s  %-" + pw + "s  %s%n";
    out.printf(row, "name", "parent", "title");
    for (var s : all) {
      out.printf(row, s.name(), s.parent(), s.title());
    }
    out.println();
    out.println("Run one with `lodestone run NAME`; any scenario file can name one as its `parent:`.");
    out.flush();
    return 0;
  }
}
