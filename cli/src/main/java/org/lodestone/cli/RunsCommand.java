package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lodestone runs}: lists the runs in the results store. */
@Command(name = "runs", description = "List the runs saved in the results store (newest first).")
final class RunsCommand extends CommandBase {
  @Mixin
  DbOption db;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (!java.nio.file.Files.exists(db.db)) {
      out.println("no runs: " + db.db + " does not exist yet (`lodestone run --save` creates it)");
      out.flush();
      return 0;
    }
    try (ResultsStore store = ResultsStore.open(db.db)) {
      List<RunRecord> runs = store.runs();
      out.printf("%-36s  %-24s  %-20s  %9s  %8s  %s%n", "id", "scenario", "created", "years", "rows", "ms");
      for (RunRecord r : runs) {
        out.printf("%-36s  %-24s  %-20s  %4d-%4d  %8d  %d%n", r.id(), r.scenarioName(),
            r.created().toString().replaceFirst("\\.\\d+Z$", "Z"), r.fromYear(), r.toYear(), r.rows(), r.durationMs());
      }
      out.printf("%d run%s in %s%n", runs.size(), runs.size() == 1 ? "" : "s", db.db);
    }
    out.flush();
    return 0;
  }
}
