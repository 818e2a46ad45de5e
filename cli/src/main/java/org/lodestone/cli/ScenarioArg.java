package org.lodestone.cli;

import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Parameters;

/** The optional {@code [SCENARIO]} argument (default {@code base}) of the commands that read one scenario. */
final class ScenarioArg {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = "base",
      description = "Shipped scenario name or file (default: ${DEFAULT-VALUE}).")
  String name;

  /** Loads and validates it (a positioned {@code InvalidInputException} for a bad file). */
  Scenario load() {
    return ScenarioLoader.load(name);
  }
}
