package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.Stage;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ProducerResults;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.scenario.Scenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lodestone viability [SCENARIO]}: who earns its cash cost at the scenario's prices. */
@Command(name = "viability",
    description = "List producers with their margins (price received − inputs − cash cost, USD/kg) and "
        + "utilisation, and flag those that run below cash cost for two years or more.")
final class ViabilityCommand extends ScenarioCommand {
  /** Consecutive years of producing at a negative margin that make a producer "not viable". */
  static final int LOSS_YEARS = 2;

  @Mixin
  Years range;

  @Option(names = "--stage", paramLabel = "STAGE", description = "Only this stage (mining, separation, metal, magnet).")
  String stage;

  @Override
  Integer run(Scenario s) {
    if (stage != null && Stage.ofCode(stage) == null) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--stage", stage, "unknown stage",
          "one of mining, separation, metal, magnet"));
    }
    int[] years = range.resolve(s.chain().axis());
    List<ProducerRow> rows = ProducerResults.rows(AnnualEngine.run(s.chain()), years[0], years[1]);
    Map<String, List<ProducerRow>> byProducer = new LinkedHashMap<>();
    for (ProducerRow r : rows) {
      if (stage == null || r.stage().equals(stage)) {
        byProducer.computeIfAbsent(r.producer(), k -> new ArrayList<>()).add(r);
      }
    }
    PrintWriter out = out();
    out.printf("Viability in %s, %d-%d: margin = price received − inputs at market prices − cash cost (USD/kg)%n%n",
        s.name(), years[0], years[1]);
    out.printf("%-30s %-10s %-4s %10s %10s %10s %10s  %s%n", "producer", "stage", "reg", "avg util",
        "min margin", "max margin", "loss yrs", "verdict");
    int notViable = 0;
    for (Map.Entry<String, List<ProducerRow>> e : byProducer.entrySet()) {
      List<ProducerRow> list = e.getValue();
      double util = 0;
      int utilYears = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int run = 0;
      int worstRun = 0;
      int active = 0;
      for (ProducerRow r : list) {
        if (r.capacity() <= 0) {
          run = 0;
          continue;
        }
        active++;
        util += r.utilisation();
        utilYears++;
        min = Math.min(min, r.margin());
        max = Math.max(max, r.margin());
        if (r.production() > 0 && r.margin() < -1e-9) {
          run++;
          worstRun = Math.max(worstRun, run);
        } else {
          run = 0;
        }
      }
      if (active == 0) {
        continue;
      }
      String verdict = worstRun >= LOSS_YEARS ? "NOT VIABLE: below cash cost " + worstRun + " years running"
          : util / utilYears < 0.05 ? "idle: (almost) no output" : "viable";
      if (worstRun >= LOSS_YEARS) {
        notViable++;
      }
      ProducerRow any = list.get(0);
      out.printf(Locale.ROOT, "%-30s %-10s %-4s %9.0f%% %10.1f %10.1f %10d  %s%n", trim(e.getKey()), any.stage(),
          any.region(), 100 * util / utilYears, Noise.clean(min), Noise.clean(max), worstRun, verdict);
    }
    out.printf("%n%d producer%s below cash cost for %d or more years in a row. Every year and producer: run "
        + "--out DIR (producers.csv).%n", notViable, notViable == 1 ? "" : "s", LOSS_YEARS);
    out.flush();
    return 0;
  }

  private static String trim(String s) {
    return s.length() <= 30 ? s : s.substring(0, 29) + "…";
  }
}
