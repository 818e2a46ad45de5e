package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
    FileSystemException fse = fileSystemCause(ex);
    if (fse != null) {
      // a path the user gave that cannot be read or written (--out onto a file, a missing or read-only
      // folder): bad input, not a bug
      ex = new InvalidInputException(fileProblem(fse));
    }
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

  /** The file-system failure behind {@code ex} (itself or a cause), or {@code null}. */
  static FileSystemException fileSystemCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException f) {
        return f;
      }
    }
    return null;
  }

  /** A file-system failure as a problem: the path, what went wrong, what to do. */
  static Problem fileProblem(FileSystemException e) {
    String file = e.getFile() == null ? null : e.getFile();
    String rule;
    if (e instanceof NoSuchFileException) {
      rule = "no such file or directory";
    } else if (e instanceof FileAlreadyExistsException) {
      rule = "already exists and is not a directory";
    } else if (e instanceof AccessDeniedException) {
      rule = "permission denied";
    } else if (e instanceof NotDirectoryException) {
      rule = "not a directory";
    } else {
      rule = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
    if (e.getOtherFile() != null) {
      rule += " (with " + e.getOtherFile() + ")";
    }
    return new Problem(file, 0, 0, null, null, "cannot read or write: " + rule,
        "check the path (a folder or file to write must be one that can be created or replaced)");
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
