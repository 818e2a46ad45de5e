package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.results.ResultRow;

/**
 * Compares a run with the observed series of its scenario: for every history series whose metric,
 * stage, product and region the results carry, the model value in each observed year and the error.
 * Prices observed in China or for the world are compared with the (single, global) market price.
 * Masses and prices are compared in relative terms (MAPE, mean absolute percentage error); shares in
 * percentage points (mean absolute error).
 */
public final class Backtest {
  private Backtest() {
  }

  /**
   * One series compared.
   *
   * @param series   the observed series
   * @param years    the years compared
   * @param observed observed values (fractions for shares)
   * @param modelled model values
   * @param error    MAPE in % for masses and prices, mean absolute error in points for shares
   * @param errorUnit {@code %} or {@code pts}
   */
  public record Comparison(HistorySeries series, int[] years, double[] observed, double[] modelled,
      double error, String errorUnit) {
  }

  /** Compares every history series with matching results rows in years {@code from..to}. */
  public static List<Comparison> compare(Scenario scenario, List<ResultRow> rows, int from, int to) {
    Map<ResultRow.Key, Double> index = new HashMap<>();
    for (ResultRow r : rows) {
      index.put(r.key(), r.value());
    }
    List<Comparison> out = new ArrayList<>();
    for (HistorySeries h : scenario.history()) {
      String region = h.region().equals("WORLD") ? "" : h.region();
      String metric = h.metric();
      String stage = h.stage();
      String product = h.product();
      if (metric.equals("price")) {
        if (stage.isEmpty()) {
          stage = product.equals("magnet") ? "magnet" : "separation";
        }
        // one global market: China's domestic and world prices compare with the market price;
        // ex-China quotes (EU, US) wait for the regional markets
        if (!(h.region().equals("CN") || h.region().equals("WORLD") || h.region().isEmpty())) {
          continue;
        }
        region = "";
      }
      if (metric.equals("demand")) {
        product = "magnet";
      }
      List<Integer> ys = new ArrayList<>();
      List<Double> obs = new ArrayList<>();
      List<Double> mod = new ArrayList<>();
      int[] years = h.years();
      double[] values = h.values();
      for (int i = 0; i < years.length; i++) {
        if (years[i] < from || years[i] > to) {
          continue;
        }
        Double m = index.get(new ResultRow.Key(years[i], metric, stage, product, region, h.sector()));
        if (m == null) {
          continue;
        }
        ys.add(years[i]);
        obs.add(values[i]);
        mod.add(m);
      }
      if (ys.isEmpty()) {
        continue;
      }
      boolean share = h.unit().equals("share");
      double err = 0;
      int n = 0;
      for (int i = 0; i < ys.size(); i++) {
        if (share) {
          err += 100 * Math.abs(mod.get(i) - obs.get(i));
          n++;
        } else if (obs.get(i) > 0) {
          err += 100 * Math.abs(mod.get(i) - obs.get(i)) / obs.get(i);
          n++;
        }
      }
      out.add(new Comparison(h, ys.stream().mapToInt(Integer::intValue).toArray(),
          obs.stream().mapToDouble(Double::doubleValue).toArray(),
          mod.stream().mapToDouble(Double::doubleValue).toArray(), n == 0 ? Double.NaN : err / n,
          share ? "pts" : "%"));
    }
    return out;
  }

}
