package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ResultVector;
import org.lodestone.ensemble.Probabilities;
import org.lodestone.ensemble.Summary;

/** The short stdout summary of an ensemble: bands of key metrics in key years, then probabilities. */
final class EnsembleTable {
  private EnsembleTable() {
  }

  /** Metric, stage, product, label, scale (divide by), unit label. */
  private record Line(String metric, String stage, String product, String label, double scale) {
  }

  private static final List<Line> LINES = List.of(
      new Line("production", "magnet", "", "magnet production (kt)", 1000),
      new Line("demand", "", "magnet", "magnet demand (kt)", 1000),
      new Line("unserved", "", "magnet", "unserved demand (kt)", 1000),
      new Line("price", "magnet", "magnet", "NdFeB magnet (USD/kg)", 1),
      new Line("price", "separation", "NdPr", "NdPr oxide (USD/kg)", 1),
      new Line("share_china", "magnet", "", "China share, magnets", 0.01));

  static void print(Summary s, List<Probabilities.Row> probabilities, PrintWriter out) {
    ResultVector layout = s.layout();
    List<Integer> years = new ArrayList<>();
    for (int y : SummaryTable.KEY_YEARS) {
      if (y >= layout.firstYear() && y <= layout.lastYear()) {
        years.add(y);
      }
    }
    if (years.isEmpty()) {
      years.add(layout.firstYear());
      if (layout.lastYear() != layout.firstYear()) {
        years.add(layout.lastYear());
      }
    }
    out.printf(Locale.ROOT, "%-26s %5s %10s %10s %10s %10s %10s%n", "", "year", "p05", "p50", "p95", "mean", "draws");
    for (Line line : LINES) {
      boolean first = true;
      for (int y : years) {
        int k = find(layout, y, line);
        if (k < 0) {
          continue;
        }
        out.printf(Locale.ROOT, "%-26s %5d %10s %10s %10s %10s %10d%n", first ? line.label() : "", y,
            fmt(s.stat(k, 0) / line.scale()), fmt(s.stat(k, 2) / line.scale()), fmt(s.stat(k, 4) / line.scale()),
            fmt(s.stat(k, 5) / line.scale()), s.defined(k));
        first = false;
      }
    }
    String last = null;
    for (Probabilities.Row r : probabilities) {
      if (!r.event().equals(last)) {
        out.println("P(" + r.event() + ")");
        last = r.event();
      }
      out.printf(Locale.ROOT, "  %d  %s%s%n", r.year(), Double.isNaN(r.probability()) ? "undefined"
          : String.format(Locale.ROOT, "%.3f ± %.3f", r.probability(), r.stdError()),
          r.defined() < s.runs() ? "  (defined in " + r.defined() + " of " + s.runs() + " draws)" : "");
    }
  }

  private static int find(ResultVector layout, int year, Line line) {
    List<ResultVector.Key> keys = layout.keys();
    for (int k = 0; k < keys.size(); k++) {
      ResultVector.Key key = keys.get(k);
      if (key.year() == year && key.metric().equals(line.metric()) && key.stage().equals(line.stage())
          && key.product().equals(line.product()) && key.region().isEmpty() && key.sector().isEmpty()) {
        return k;
      }
    }
    return -1;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    v = Noise.clean(v);
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
