package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: picocli injects its spec, whose output streams the command writes to (so
 * tests capture them in process). The exit code is the call's value (0 ok; bad input surfaces as an
 * {@code InvalidInputException}, which {@link Main} turns into exit 2).
 */
@Command // the processor checks that @Spec sits in a command; subclasses give the attributes
abstract class CommandBase implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** The command's standard output. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The command's standard error (messages, progress). */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
