package org.lodestone.cli;

import java.nio.file.Path;
import org.lodestone.store.ResultsStore;
import picocli.CommandLine.Option;

/** The {@code --db FILE} option shared by commands that use the results store. */
final class DbOption {
  @Option(names = "--db", paramLabel = "FILE", defaultValue = ResultsStore.DEFAULT_FILE,
      description = "Results store (DuckDB file; default: ${DEFAULT-VALUE}).")
  Path db;
}
