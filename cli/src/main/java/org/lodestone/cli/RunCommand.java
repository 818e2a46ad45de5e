package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.Scenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lodestone run [SCENARIO]}: runs a scenario and prints or writes its results. */
@Command(name = "run", description = "Run a scenario (default: the shipped base dataset) and show its results.")
final class RunCommand extends ScenarioCommand {
  enum OutputFormat { table, csv, json }

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write results.csv and results.json (tidy long form) into DIR.")
  Path out;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "What to print: table (summary for key years), csv or json (every row). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin
  Years range;

  @Option(names = "--save", description = "Also save the run to the results store (see --db, `lodestone runs`).")
  boolean save;

  @picocli.CommandLine.Mixin
  DbOption db;

  @Override
  Integer run(Scenario s) throws IOException {
    int[] years = range.resolve(s.chain().axis());
    int f = years[0];
    int t = years[1];
    long t0 = System.nanoTime();
    java.time.Instant created = java.time.Instant.now();
    RunResult result = AnnualEngine.run(s.chain());
    List<ResultRow> rows = TidyResults.rows(result, f, t);
    if (save) {
      SaveRun.save(db.db, s, scenario.name, rows, org.lodestone.core.results.ProducerResults.rows(result, f, t), f, t,
          created, t0, err());
    }
    PrintWriter stdout = out();
    switch (format) {
      case table -> SummaryTable.print(s, result, rows, f, t, stdout);
      case csv -> ResultsWriter.writeCsv(rows, stdout);
      case json -> ResultsWriter.writeJson(rows, stdout);
      default -> throw new IllegalStateException();
    }
    stdout.flush();
    if (out != null) {
      ResultsWriter.writeFolder(rows, out);
      ResultsWriter.writeProducersFile(org.lodestone.core.results.ProducerResults.rows(result, f, t), out);
      PrintWriter err = err();
      err.printf("wrote %s, %s (%d rows) and %s%n", out.resolve("results.csv"), out.resolve("results.json"),
          rows.size(), out.resolve("producers.csv"));
      err.flush();
    }
    return 0;
  }
}
