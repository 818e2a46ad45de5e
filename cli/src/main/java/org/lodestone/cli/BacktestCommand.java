package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Backtest;
import org.lodestone.scenario.HistorySeries;
import org.lodestone.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lodestone backtest [SCENARIO]}: model against the dataset's observed series. */
@Command(name = "backtest",
    description = "Run a scenario over the historical years and compare it with every observed series "
        + "in its dataset: MAPE for tonnages and prices, mean absolute error in points for shares.")
final class BacktestCommand extends ScenarioCommand {
  /** The observed window compared by default (the dataset's history), cut to the scenario's axis. */
  static final int FIRST_OBSERVED = 2015;
  static final int LAST_OBSERVED = 2024;

  @Option(names = "--from", paramLabel = "YEAR", description = "First year compared (default: 2015, or the scenario's first year).")
  Integer fromYear;

  @Option(names = "--to", paramLabel = "YEAR", description = "Last year compared (default: 2024, or the scenario's last year).")
  Integer toYear;

  @Override
  Integer run(Scenario s) {
    var axis = s.chain().axis();
    int[] window = Years.resolve(axis, fromYear != null ? fromYear : Math.max(FIRST_OBSERVED, axis.firstYear()),
        toYear != null ? toYear : Math.min(LAST_OBSERVED, axis.lastYear()));
    int from = window[0];
    int to = window[1];
    RunResult r = AnnualEngine.run(s.chain());
    List<ResultRow> rows = TidyResults.rows(r, from, to);
    List<Backtest.Comparison> all = Backtest.compare(s, rows, from, to);
    PrintWriter out = out();
    out.printf("Backtest of %s, %d-%d: %d observed series with model counterparts%n%n", s.name(), from, to, all.size());
    out.printf("%-52s %6s  %-28s %s%n", "series (source label)", "error", "years", "observed -> model");
    for (Backtest.Comparison c : all) {
      boolean share = c.errorUnit().equals("pts");
      StringBuilder pairs = new StringBuilder();
      int[] ys = c.years();
      for (int i = 0; i < ys.length && i < 4; i++) {
        if (i > 0) {
          pairs.append("; ");
        }
        pairs.append(ys[i]).append(": ").append(fmt(c.observed()[i], share)).append(" -> ").append(fmt(c.modelled()[i], share));
      }
      if (ys.length > 4) {
        pairs.append("; ...");
      }
      if (c.otherBasis()) {
        pairs.append("  [basis: observed ").append(c.series().metric()).append(" vs model ").append(c.modelMetric())
            .append(", see below]");
      }
      String years = ys.length == 1 ? String.valueOf(ys[0]) : ys[0] + "-" + ys[ys.length - 1] + " (" + ys.length + ")";
      out.printf(Locale.ROOT, "%-52s %5.0f%s  %-28s %s%n", trim(c.series().describe(), 52), c.error(),
          share ? "p" : "%", years, pairs);
    }
    out.println();
    out.println("error: MAPE (%) for tonnages and prices; mean absolute error in percentage points (p) for shares.");
    List<Backtest.Comparison> otherBasis = all.stream().filter(Backtest.Comparison::otherBasis).toList();
    if (!otherBasis.isEmpty()) {
      double assembled = s.chain().elementMarket() == null ? 0 : s.chain().elementMarket().assembledInChinaShare();
      out.printf(Locale.ROOT, "trade on one market (no trade flows): observed exports are compared with the model's"
          + " implied net exports (net_exports: the region's finished magnet output less the magnets bought in its"
          + " market; China's market buys its own sectors' use and %.1f %% of the use elsewhere, market.assembledInChina)."
          + " Observed series' basis:%n", 100 * assembled);
      for (Backtest.Comparison c : otherBasis) {
        String note = c.series().note();
        out.printf("  %s: %s%n", c.series().describe(), note.isEmpty() ? "gross exports (no note on imports)" : note);
      }
    }
    java.util.Set<HistorySeries> compared = new java.util.HashSet<>();
    for (Backtest.Comparison c : all) {
      compared.add(c.series());
    }
    List<HistorySeries> uncompared = s.history().stream()
        .filter(h -> Backtest.isTrade(h) && !compared.contains(h) && inWindow(h, from, to)).toList();
    if (!r.isRegional() && !uncompared.isEmpty()) {
      out.printf("trade: %d observed trade series not compared (%s): one global market has no trade flows and"
          + " implies net exports of magnets only; backtest a regional scenario (e.g. regional-markets) to compare"
          + " them.%n", uncompared.size(),
          String.join(", ", uncompared.stream().map(HistorySeries::describe).toList()));
    }
    out.flush();
    return 0;
  }

  private static boolean inWindow(HistorySeries h, int from, int to) {
    for (int y : h.years()) {
      if (y >= from && y <= to) {
        return true;
      }
    }
    return false;
  }

  private static String fmt(double v, boolean share) {
    if (share) {
      return Format.percent(v);
    }
    return Math.abs(v) >= 1000 ? Format.kt(v) + "k" : Format.price(v);
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
