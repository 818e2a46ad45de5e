package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.results.ResultRow;
import org.lodestone.scenario.Scenario;

/** The readable summary of a run for key years, built from the same rows that are exported. */
final class SummaryTable {
  /** Years shown when they fall in the run's range. */
  static final int[] KEY_YEARS = {2015, 2020, 2024, 2028, 2030, 2035, 2040};

  private final Map<ResultRow.Key, Double> values = new HashMap<>();
  private final List<Integer> years = new ArrayList<>();
  private final PrintWriter out;
  private static final int LABEL = 30;
  private static final int COL = 10;

  private SummaryTable(List<ResultRow> rows, int from, int to, PrintWriter out) {
    this.out = out;
    for (ResultRow r : rows) {
      values.put(r.key(), r.value());
    }
    if (to - from < 8) {
      for (int y = from; y <= to; y++) {
        years.add(y); // a short range: every year
      }
    } else {
      for (int y : KEY_YEARS) {
        if (y >= from && y <= to) {
          years.add(y);
        }
      }
    }
    if (years.isEmpty()) {
      years.add(from);
      if (to != from) {
        years.add(to);
      }
    }
  }

  static void print(Scenario s, RunResult r, List<ResultRow> rows, int from, int to, PrintWriter out) {
    new SummaryTable(rows, from, to, out).print(s, r);
  }

  private static ResultRow.Key key(int year, String metric, String stage, String product, String region, String sector) {
    return new ResultRow.Key(year, metric, stage, product, region, sector);
  }

  private double v(int year, String metric, String stage, String product, String sector) {
    Double d = values.get(key(year, metric, stage, product, "", sector));
    return d == null ? Double.NaN : d;
  }

  private void print(Scenario s, RunResult r) {
    out.printf("Lodestone: scenario %s%s%n", s.name(), s.title().isEmpty() ? "" : " (" + s.title() + ")");
    out.printf("Years %d-%d; %s; demand at the market price.%n%n",
        s.chain().axis().firstYear(), s.chain().axis().lastYear(), s.chain().isRegional()
            ? "regional markets linked by trade (world prices are quantity-weighted averages)"
            : s.chain().elementMarket() != null
                ? "one market with element-level prices (supply curves, quotas as caps, storage)"
                : "one global market per product");
    header("Supply by stage (kt/yr; mining and separation in kt REO)");
    for (Stage st : Stage.values()) {
      String c = st.code();
      row(c + " capacity", y -> Format.kt(v(y, "capacity", c, "", "")));
      row(c + " production", y -> Format.kt(v(y, "production", c, "", "")));
      row(c + " China share", y -> Format.percent(v(y, "share_china", c, "", "")));
      row(c + " HHI (country)", y -> Format.hhi(v(y, "hhi_country", c, "", "")));
    }
    out.println();
    header("Magnet demand by sector (kt/yr at the market price; unserved in brackets)");
    for (Sector sec : s.chain().sectors()) {
      row(sec.id(), y -> demandCell(y, sec.id()));
    }
    row("total", y -> demandCell(y, ""));
    out.println();
    if (values.keySet().stream().anyMatch(k -> k.metric().equals("stock_in_use"))) {
      int since = s.chain().axis().firstYear();
      for (Sector sec : s.chain().sectors()) {
        if (sec.lifetime() != null) {
          since = Math.min(since, s.chain().axis().firstYear() - sec.priorYears());
        }
      }
      header("Magnets in use and leaving use (kt; from magnets put in use since " + since + ")");
      row("in use, end of year", y -> Format.kt(v(y, "stock_in_use", "", "magnet", "")));
      row("  of which NdPr", y -> Format.kt(v(y, "stock_in_use", "", "NdPr", "")));
      row("  of which Dy + Tb", y -> Format.kt(v(y, "stock_in_use", "", "Dy", "") + v(y, "stock_in_use", "", "Tb", "")));
      row("end-of-life outflow", y -> Format.kt(v(y, "eol_outflow", "", "magnet", "")));
      row("scrap recycled (oxide)", y -> Format.kt(v(y, "recycled", "recycling", "NdPr", "")
          + v(y, "recycled", "recycling", "Dy", "") + v(y, "recycled", "recycling", "Tb", "")));
      if (values.keySet().stream().anyMatch(k -> k.metric().equals("recycled_eol"))) {
        row("end-of-life recycled (oxide)", y -> Format.kt(v(y, "recycled_eol", "recycling", "NdPr", "")
            + v(y, "recycled_eol", "recycling", "Dy", "") + v(y, "recycled_eol", "recycling", "Tb", "")));
      }
      out.println();
    }
    org.lodestone.core.model.Dynamics dyn = s.chain().dynamics();
    if (!dyn.isEmpty()) {
      header("Responses to prices (from substitution and endogenous investment)");
      if (values.keySet().stream().anyMatch(k -> k.metric().equals("substituted") && k.stage().isEmpty()
          && k.product().equals("magnet-free") && k.region().isEmpty())) {
        row("magnets substituted (kt)", y -> Format.kt(v(y, "substituted", "", "magnet-free", "")));
      }
      if (values.keySet().stream().anyMatch(k -> k.metric().equals("substituted") && k.stage().isEmpty()
          && k.product().equals("heavy-free") && k.region().isEmpty())) {
        row("heavy-free grades (kt magnet)", y -> Format.kt(v(y, "substituted", "", "heavy-free", "")));
      }
      for (Stage st : Stage.values()) {
        if (dyn.investments().stream().anyMatch(i -> i.stage() == st)) {
          row("new " + st.code() + " capacity", y -> {
            int t = s.chain().axis().index(y);
            double c = 0;
            for (org.lodestone.core.model.Investment i : dyn.investments()) {
              if (i.stage() == st) {
                c += r.capacity(t, i.producer());
              }
            }
            return Format.kt(c);
          });
        }
      }
      row("recycled share of NdPr", y -> Format.percent(v(y, "recycled_share", "recycling", "NdPr", "")));
      out.println();
    }
    header("Prices (USD/kg)");
    for (Element e : Element.values()) {
      row(e.code() + " oxide", y -> Format.price(v(y, "price", "separation", e.code(), "")));
    }
    for (Element e : Element.values()) {
      row(e.code() + " metal", y -> Format.price(v(y, "price", "metal", e.code(), "")));
    }
    row("NdFeB magnet", y -> Format.price(v(y, "price", "magnet", "magnet", "")));
    out.println();
    if (r.isRegional()) {
      header("Prices by region (USD/kg; magnets where used, oxides where separated or used)");
      for (String region : s.chain().regionCodes()) {
        if (years.stream().anyMatch(y -> values.containsKey(key(y, "price", "magnet", "magnet", region, "")))) {
          row("magnet " + region, y -> priceCell(y, "magnet", "magnet", region));
        }
      }
      for (String el : new String[] {"Dy", "Tb"}) {
        for (String region : s.chain().regionCodes()) {
          if (years.stream().anyMatch(y -> values.containsKey(key(y, "price", "separation", el, region, "")))) {
            row(el + " oxide " + region, y -> priceCell(y, "separation", el, region));
          }
        }
      }
      out.println();
      out.println("Exports and trade flows by route: --format csv (metrics exports, imports, trade).");
      out.flush();
      return;
    }
    header("What bounds magnet supply");
    row("binding constraint", y -> {
      int t = s.chain().axis().index(y);
      Stage b = r.binding(t);
      if (b == null) {
        return "none";
      }
      return b == Stage.MINING && r.bindingElement(t) != null ? "mine " + r.bindingElement(t).code() : b.code();
    });
    out.println();
    out.println("All metrics for every year: --format csv|json, or --out DIR.");
    out.flush();
  }

  private String priceCell(int y, String stage, String product, String region) {
    Double d = values.get(key(y, "price", stage, product, region, ""));
    return d == null ? "-" : Format.price(d);
  }

  private String demandCell(int y, String sector) {
    double d = v(y, "demand", "", "magnet", sector);
    double u = v(y, "unserved", "", "magnet", sector);
    String cell = Format.kt(d);
    if (u > 0.05 * 1000 || (u > 0 && u > 0.001 * d)) {
      cell += "(" + Format.kt(u) + ")";
    }
    return cell;
  }

  private void header(String title) {
    out.println(title);
    StringBuilder b = new StringBuilder(String.format("%-" + LABEL + "s", ""));
    for (int y : years) {
      b.append(String.format("%" + COL + "d", y));
    }
    out.println(b);
  }

  private interface Cell {
    String at(int year);
  }

  private void row(String label, Cell cell) {
    StringBuilder b = new StringBuilder(String.format("%-" + LABEL + "s", "  " + label));
    for (int y : years) {
      String c = cell.at(y);
      b.append(c.length() >= COL ? " " + c : String.format("%" + COL + "s", c));
    }
    out.println(b.toString().stripTrailing());
  }
}
