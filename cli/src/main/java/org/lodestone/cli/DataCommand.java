package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lodestone.scenario.Figure;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.Source;
import picocli.CommandLine.Command;

/** {@code lodestone data ...}: what the dataset is made of. */
@Command(name = "data", description = "Inspect the dataset behind a scenario.",
    subcommands = {DataCommand.Sources.class, DataCommand.Estimates.class})
final class DataCommand extends CommandBase {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }

  /** {@code lodestone data sources [SCENARIO]}. */
  @Command(name = "sources", description = "List the sources of a scenario's figures, with how many figures cite each.")
  static final class Sources extends ScenarioCommand {
    @Override
    Integer run(Scenario s) {
      PrintWriter out = out();
      Map<String, Integer> cites = new LinkedHashMap<>();
      Map<String, Integer> byConfidence = new TreeMap<>();
      for (Figure f : s.figures()) {
        cites.merge(f.source(), 1, Integer::sum);
        byConfidence.merge(!f.confidence().isEmpty() ? f.confidence()
            : f.source().isEmpty() ? "(uncited input)" : "(sourced, ungraded)", 1, Integer::sum);
      }
      out.printf("%d sources, %d figures in %s%n%n", s.sources().size(), s.figures().size(), scenario.name);
      for (Source src : s.sources().values()) {
        out.printf("%-28s %4d figures  %s%s%s%s%n", src.id(), cites.getOrDefault(src.id(), 0), src.title(),
            src.publisher().isEmpty() ? "" : ", " + src.publisher(),
            src.year() == 0 ? "" : " (" + src.year() + ")",
            src.via().isEmpty() ? "" : " [" + src.via() + "]");
        if (!src.url().isEmpty()) {
          out.printf("%-28s               %s%n", "", src.url());
        }
      }
      int unsourced = cites.getOrDefault("", 0);
      out.printf("%n%d figures carry no source: estimates (E) or derivations (D) with a stated method,"
          + " or uncited scenario inputs (`lodestone data estimates` lists them).%n", unsourced);
      out.println("Figures by confidence (H official, M reputable secondary, L low, D derived, E estimate;"
          + " 'sourced, ungraded' figures cite a source without a grade):");
      byConfidence.forEach((k, v) -> out.printf("  %-16s %d%n", k, v));
      out.flush();
      return 0;
    }
  }

  /** {@code lodestone data estimates [SCENARIO]}. */
  @Command(name = "estimates", description = "List the figures that are estimates (E) or derived (D), with their methods.")
  static final class Estimates extends ScenarioCommand {
    @Override
    Integer run(Scenario s) {
      PrintWriter out = out();
      int calibrated = 0;
      for (Figure f : s.figures()) {
        if (f.confidence().equals("E") || f.confidence().equals("D")
            || (f.confidence().isEmpty() && f.source().isEmpty())) {
          out.printf("%s:%d %s = %s [%s]%s%n", f.file(), f.line(), f.path(), f.value(),
              f.confidence().isEmpty() ? "uncited input" : f.confidence(),
              f.method().isEmpty() ? "" : " " + f.method());
          calibrated += f.method().startsWith("calibrated") ? 1 : 0;
        }
      }
      if (calibrated > 0) {
        out.printf("%d of them calibrated (method `calibrated: ...`, by `lodestone calibrate`): "
            + "`lodestone data estimates | grep calibrated` lists them.%n", calibrated);
      }
      out.flush();
      return 0;
    }
  }
}
