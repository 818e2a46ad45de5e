package org.lodestone.cli;

import org.lodestone.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A command over one scenario, {@code [SCENARIO]} (default {@code base}): loads it, then runs on it. */
@Command // the processor checks that @Mixin sits in a command; subclasses give the attributes
abstract class ScenarioCommand extends CommandBase {
  @Mixin
  ScenarioArg scenario;

  @Override
  public final Integer call() throws Exception {
    return run(scenario.load());
  }

  /** The command on the loaded, validated scenario; returns the exit code. */
  abstract Integer run(Scenario s) throws Exception;
}
