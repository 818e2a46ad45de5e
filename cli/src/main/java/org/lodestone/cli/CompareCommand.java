package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lodestone compare A B}: what changes from scenario A to scenario B. */
@Command(name = "compare",
    description = "Run two scenarios and show how B differs from A: key metrics for key years (table), "
        + "or every row side by side (csv: year,metric,stage,product,region,sector,a,b,difference,unit).")
final class CompareCommand extends CommandBase {
  enum OutputFormat { table, csv }

  @Parameters(index = "0", paramLabel = "A", description = "The reference scenario (name or file).")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "The scenario compared with it.")
  String b;

  @Option(names = "--format", defaultValue = "table", description = "table or csv. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    Scenario sa = ScenarioLoader.load(a);
    Scenario sb = ScenarioLoader.load(b);
    int from = Math.max(sa.chain().axis().firstYear(), sb.chain().axis().firstYear());
    int to = Math.min(sa.chain().axis().lastYear(), sb.chain().axis().lastYear());
    Map<ResultRow.Key, ResultRow> ra = index(TidyResults.rows(AnnualEngine.run(sa.chain()), from, to));
    Map<ResultRow.Key, ResultRow> rb = index(TidyResults.rows(AnnualEngine.run(sb.chain()), from, to));
    PrintWriter out = out();
    if (format == OutputFormat.csv) {
      out.println("year,metric,stage,product,region,sector,a,b,difference,unit");
      List<ResultRow.Key> keys = new ArrayList<>(ra.keySet());
      for (ResultRow.Key k : rb.keySet()) {
        if (!ra.containsKey(k)) {
          keys.add(k);
        }
      }
      for (ResultRow.Key k : keys) {
        ResultRow x = ra.get(k);
        ResultRow y = rb.get(k);
        ResultRow any = x != null ? x : y;
        out.printf("%s,%s,%s,%s,%s%n", ResultsWriter.csvKey(any), x == null ? "" : ResultsWriter.number(x.value()),
            y == null ? "" : ResultsWriter.number(y.value()),
            x == null || y == null ? "" : ResultsWriter.number(y.value() - x.value()), ResultsWriter.csvText(any.unit()));
      }
      out.flush();
      return 0;
    }
    out.printf("Compare %s (A) with %s (B), %d-%d: B, and B - A in brackets%n%n", sa.name(), sb.name(), from, to);
    List<Integer> years = new ArrayList<>();
    for (int y : SummaryTable.KEY_YEARS) {
      if (y >= from && y <= to) {
        years.add(y);
      }
    }
    if (years.size() < 3) { // a short or early range (e.g. 2009-2016): every other year, and the last
      years.clear();
      for (int y = from; y <= to; y += to - from > 8 ? 2 : 1) {
        years.add(y);
      }
      if (years.get(years.size() - 1) != to) {
        years.add(to);
      }
    }
    StringBuilder head = new StringBuilder(String.format("%-28s", ""));
    for (int y : years) {
      head.append(String.format("%19d", y));
    }
    out.println(head);
    String[][] lines = {
        {"magnet capacity (kt)", "capacity", "magnet", "", "kt"},
        {"magnet production (kt)", "production", "magnet", "", "kt"},
        {"China share, magnets", "share_china", "magnet", "", "pct"},
        {"China share, separation", "share_china", "separation", "", "pct"},
        {"mining production (kt REO)", "production", "mining", "", "kt"},
        {"demand (kt)", "demand", "", "magnet", "kt"},
        {"unserved (kt)", "unserved", "", "magnet", "kt"},
        {"NdPr oxide (USD/kg)", "price", "separation", "NdPr", "usd"},
        {"Dy oxide (USD/kg)", "price", "separation", "Dy", "usd"},
        {"Tb oxide (USD/kg)", "price", "separation", "Tb", "usd"},
        {"NdFeB magnet (USD/kg)", "price", "magnet", "magnet", "usd"},
    };
    for (String[] line : lines) {
      StringBuilder b2 = new StringBuilder(String.format("%-28s", line[0]));
      for (int y : years) {
        ResultRow.Key k = new ResultRow.Key(y, line[1], line[2], line[3], "", "");
        ResultRow x = ra.get(k);
        ResultRow z = rb.get(k);
        b2.append(String.format("%19s", cell(x, z, line[4])));
      }
      out.println(b2.toString().stripTrailing());
    }
    out.println();
    out.println("Every row side by side: --format csv.");
    out.flush();
    return 0;
  }

  private static String cell(ResultRow x, ResultRow z, String kind) {
    if (z == null) {
      return "-";
    }
    double vb = Noise.clean(z.value());
    double d = x == null ? Double.NaN : Noise.clean(z.value() - x.value());
    return switch (kind) {
      case "kt" -> String.format(Locale.ROOT, "%.1f (%+.1f)", vb / 1000, d / 1000);
      case "pct" -> String.format(Locale.ROOT, "%.0f%% (%+.0f)", 100 * vb, 100 * d);
      default -> String.format(Locale.ROOT, "%s (%s%s)", Format.price(vb), d >= 0 ? "+" : "-", Format.price(Math.abs(d)));
    };
  }

  private static Map<ResultRow.Key, ResultRow> index(List<ResultRow> rows) {
    Map<ResultRow.Key, ResultRow> m = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      m.put(r.key(), r);
    }
    return m;
  }
}
