package org.lodestone.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.ExposureReport;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.BuyerLoader;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lodestone exposure BUYER.yaml}: what a scenario means for one buyer's magnets. */
@Command(name = "exposure", description = {
    "A buyer's exposure to a scenario: magnets and NdPr/Dy/Tb needed, supply at risk (its pro-rata share "
        + "of its sector's demand that the scenario does not serve in the markets it buys in; with --against R, "
        + "of R's demand), cost at market vs contract prices, and the stockpile that covers the p95 supply at risk.",
    "With --runs: p50/p95 of cost and shortfall and the probability of a shortfall over a Monte Carlo "
        + "ensemble (draw i depends on (seed, i) only)."})
final class ExposureCommand implements Callable<Integer> {
  /** Years shown in the table when present on the axis. */
  private static final int[] KEY_YEARS = {2024, 2025, 2026, 2027, 2028, 2030, 2035, 2040};

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUYER.yaml", description = "Buyer file (docs/BUYER-FORMAT.md).")
  Path buyerFile;

  @Option(names = "--scenario", defaultValue = "base", paramLabel = "S",
      description = "Shipped scenario name or file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--against", paramLabel = "R",
      description = "Measure supply at risk against scenario R's demand (e.g. the same markets without the "
          + "disruption): the buyer's share of what the scenario serves less than R's demand. Default: "
          + "the scenario itself (only demand unserved even at the choke price).")
  String against;

  @Option(names = "--runs", paramLabel = "N", description = "Monte Carlo draws over the scenario's distributions.")
  Integer runs;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--from", paramLabel = "YEAR", description = "First year (default: the scenario's).")
  Integer from;

  @Option(names = "--to", paramLabel = "YEAR", description = "Last year (default: the scenario's).")
  Integer to;

  @Option(names = "--out", paramLabel = "DIR", description = "Write exposure.csv (year,metric,product,value,unit).")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<Problem> problems = new ArrayList<>();
    if (runs != null && runs <= 0) {
      problems.add(new Problem(null, 0, 0, "--runs", String.valueOf(runs), "must be > 0", null));
    }
    if (threads != null && threads <= 0) {
      problems.add(new Problem(null, 0, 0, "--threads", String.valueOf(threads), "must be > 0", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UncertainScenario u = ScenarioLoader.loadUncertain(scenario);
    Buyer buyer = BuyerLoader.load(buyerFile, u.nominal().chain());
    UncertainScenario ref = against == null ? null : ScenarioLoader.loadUncertain(against);
    if (ref != null && !(ref.nominal().chain().axis().equals(u.nominal().chain().axis())
        && ref.nominal().chain().regionCodes().equals(u.nominal().chain().regionCodes())
        && ref.nominal().chain().sectors().size() == u.nominal().chain().sectors().size())) {
      throw new InvalidInputException(List.of(new Problem(null, 0, 0, "--against", against,
          "must have the same years, regions and sectors as " + scenario, null)));
    }
    int[] years = Years.resolve(u.nominal().chain().axis(), from, to);
    int k = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    EnsembleSpec es = runs == null ? null : new EnsembleSpec(runs, seed, years[0], years[1]);
    if (es != null && u.dimension() == 0) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("lodestone: warning: " + scenario + " has no distributions; every draw is the nominal run");
      err.flush();
    }
    ExposureReport report;
    try (EnsembleProgress progress = EnsembleProgress.start("exposure", runs == null ? 0 : runs)) {
      report = ExposureReport.of(u, ref, buyer, es, years[0], years[1], k, progress.listener());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    print(report, buyer, u.nominal().name() + (ref == null ? "" : " against " + ref.nominal().name()), years, stdout);
    stdout.flush();
    if (out != null) {
      Files.createDirectories(out);
      ResultsWriter.atomicWrite(out.resolve("exposure.csv"),
          o -> writeCsv(report, new OutputStreamWriter(o, StandardCharsets.UTF_8)));
      PrintWriter err = spec.commandLine().getErr();
      err.printf("wrote %s (%d rows)%n", out.resolve("exposure.csv"), report.rows().size());
      err.flush();
    }
    return 0;
  }

  /** exposure.csv: one row per year, metric and product. */
  static void writeCsv(ExposureReport report, Writer w) throws IOException {
    w.write("year,metric,product,value,unit\n");
    for (ExposureReport.Row r : report.rows()) {
      w.write(r.year() + "," + r.metric() + "," + r.product() + ","
          + (Double.isNaN(r.value()) ? "" : ResultsWriter.number(r.value())) + "," + r.unit() + "\n");
    }
    w.flush();
  }

  private static void print(ExposureReport report, Buyer buyer, String scenarioName, int[] years, PrintWriter o) {
    List<Integer> shown = new ArrayList<>();
    for (int y : KEY_YEARS) {
      if (y >= years[0] && y <= years[1]) {
        shown.add(y);
      }
    }
    if (shown.isEmpty()) {
      for (int y = years[0]; y <= years[1] && shown.size() < 8; y++) {
        shown.add(y);
      }
    }
    o.printf(Locale.ROOT, "Exposure of %s to %s%s%n", buyer.name(), scenarioName,
        report.draws() > 0 ? " (" + report.draws() + " draws)" : " (nominal run)");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-34s", ""));
    for (int y : shown) {
      head.append(String.format(Locale.ROOT, "%10d", y));
    }
    o.println(head);
    row(o, report, shown, "magnets needed (t)", "magnets_needed", "", 1);
    row(o, report, shown, "  NdPr in them (t metal)", "element_needed", "NdPr", 1);
    row(o, report, shown, "  Dy in them (t metal)", "element_needed", "Dy", 1);
    row(o, report, shown, "  Tb in them (t metal)", "element_needed", "Tb", 1);
    row(o, report, shown, "supply at risk (t)", "supply_at_risk", "", 1);
    row(o, report, shown, "shortfall after stock on hand (t)", "shortfall", "", 1);
    row(o, report, shown, "magnet price paid (USD/kg)", "market_price", "magnet", 1);
    row(o, report, shown, "cost at market prices (USD m)", "cost_market", "", 1e6);
    row(o, report, shown, "cost with contracts (USD m)", "cost", "", 1e6);
    if (report.draws() > 0) {
      row(o, report, shown, "cost p50 (USD m)", "cost_p50", "", 1e6);
      row(o, report, shown, "cost p95 (USD m)", "cost_p95", "", 1e6);
      row(o, report, shown, "shortfall p50 (t)", "shortfall_p50", "", 1);
      row(o, report, shown, "shortfall p95 (t)", "shortfall_p95", "", 1);
      row(o, report, shown, "P(shortfall)", "shortfall_probability", "", 0);
    }
    ExposureReport.Stockpile sp = report.stockpile();
    if (!(sp.months() > 0)) {
      o.printf(Locale.ROOT, "Stockpile: none needed, no %s supply at risk in any year %d-%d.%n",
          report.draws() > 0 ? "p95" : "nominal", years[0], years[1]);
    } else {
      o.printf(Locale.ROOT, "Stockpile: %.1f months of use cover the %s supply at risk in every year %d-%d, "
          + "drawn down over consecutive years at risk (most needed by %d); holding it costs %.2f USD m/yr on "
          + "average at %.0f %%/yr.%n",
          sp.months(), report.draws() > 0 ? "p95" : "nominal", years[0], years[1], sp.worstYear(),
          sp.meanHoldingCost() / 1e6, 100 * buyer.carryingCostRate());
    }
    if (report.draws() > 0) {
      o.printf(Locale.ROOT, "Probability of a shortfall in any year %d-%d: %.1f %%%n", years[0], years[1],
          100 * report.anyShortfallProbability());
    }
  }

  private static void row(PrintWriter o, ExposureReport report, List<Integer> shown, String label, String metric,
      String product, double scale) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-34s", label));
    for (int y : shown) {
      String cell;
      {
        double v = report.value(y, metric, product);
        cell = scale == 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * v)
            : String.format(Locale.ROOT, Math.abs(v / scale) >= 100 ? "%.0f" : "%.1f", v / scale);
      }
      b.append(String.format(Locale.ROOT, "%10s", cell));
    }
    o.println(b);
  }
}
