package org.lodestone.cli;

import java.io.PrintWriter;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;

/** {@code lodestone scenarios}: lists the shipped scenarios. */
@Command(name = "scenarios", description = "List the shipped scenarios.")
final class ScenariosCommand extends CommandBase {
  @Override
  public Integer call() {
    PrintWriter out = out();
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
