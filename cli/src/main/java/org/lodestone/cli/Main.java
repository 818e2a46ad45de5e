package org.lodestone.cli;

import java.io.PrintWriter;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lodestone} command. Exit codes: 0 ok, 2 bad usage or input, 1 internal error.
 */
@Command(
    name = "lodestone",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Simulates the rare-earth permanent-magnet supply chain: mine, separation, metal, "
        + "magnet, products in use, end of life, recycling.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      CheckCommand.class,
      ScenariosCommand.class,
      DataCommand.class,
      BacktestCommand.class,
      ReconcileCommand.class,
      CalibrateCommand.class,
      CompareCommand.class,
      ViabilityCommand.class,
      StockCommand.class,
      ServeCommand.class,
      RunsCommand.class,
      ExportCommand.class,
      McCommand.class,
      ExposureCommand.class,
      SensitivityCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main {

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean verbose;

  /** Builds the command line with Lodestone's error handling; tests drive this in process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("lodestone: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    return cl;
  }

  private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
    PrintWriter err = cl.getErr();
    if (ex instanceof InvalidInputException iie) {
      for (Problem p : iie.problems()) {
        err.println(p.format());
      }
      int n = iie.problems().size();
      err.println("lodestone: " + n + (n == 1 ? " problem" : " problems") + " found; nothing was run.");
      return 2;
    }
    boolean verbose = pr.matchedOption("--verbose") != null
        || (pr.commandSpec().root().userObject() instanceof Main m && m.verbose);
    err.println("lodestone: internal error: " + ex);
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with --verbose for the stack trace.");
    }
    return 1;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lodestone " + (v == null ? "dev" : v)};
    }
  }
}
