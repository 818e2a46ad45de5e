package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.store.ExportFormat;
import org.lodestone.store.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lodestone export RUN}: writes a saved run's results as CSV, JSON, Parquet or xlsx. */
@Command(name = "export", description = "Export a saved run's results (csv, json, parquet or xlsx).")
final class ExportCommand extends CommandBase {
  @Mixin
  DbOption db;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id (see `lodestone runs`).")
  String run;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv, json, parquet or xlsx (default: ${DEFAULT-VALUE}).")
  ExportFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: RUN.FORMAT).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (!java.nio.file.Files.exists(db.db)) {
      throw new InvalidInputException(new Problem(db.db.toString(), 0, 0, "--db", null, "no such results store",
          "`lodestone run --save` creates it"));
    }
    try (ResultsStore store = ResultsStore.open(db.db)) {
      if (store.run(run).isEmpty()) {
        throw new InvalidInputException(new Problem(null, 0, 0, "RUN", run, "no such run in " + db.db,
            "`lodestone runs` lists them"));
      }
      Path target = out != null ? out : Path.of(run + "." + format.extension());
      store.export(run, format, target);
      PrintWriter err = err();
      err.printf("wrote %s%n", target);
      err.flush();
    }
    return 0;
  }
}
