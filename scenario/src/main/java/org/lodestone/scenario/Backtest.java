package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.results.ResultRow;

/**
 * Compares a run with the observed series of its scenario: for every history series whose metric,
 * stage, product and region the results carry, the model value in each observed year and the error.
 * Prices observed in a region compare with that region's price on regional markets; on one global
 * market, prices observed in China or for the world compare with the market price and ex-China
 * quotes have no counterpart. Trade (exports, imports) exists only on regional markets.
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
    java.util.Set<String> metrics = new java.util.HashSet<>();
    for (HistorySeries h : scenario.history()) {
      metrics.add(h.metric());
    }
    for (ResultRow r : rows) {
      if (!metrics.contains(r.metric())) {
        continue; // only rows some series can match (calibration compares thousands of runs)
      }
      index.put(r.key(), r.value());
    }
    List<Comparison> out = new ArrayList<>();
    for (HistorySeries h : scenario.history()) {
      String region = h.region().equals("WORLD") ? "" : h.region();
      String metric = h.metric();
      String stage = h.stage();
      String product = h.product();
      // prices: a region's quote compares with that region's price where the run has regional
      // markets; on one global market China's domestic and world prices compare with the market
      // price and ex-China quotes (EU, US) have no counterpart
      boolean worldPriceFallback = false;
      if (metric.equals("price")) {
        if (stage.isEmpty()) {
          stage = product.equals("magnet") ? "magnet" : "separation";
        }
        worldPriceFallback = h.region().equals("CN") || h.region().equals("WORLD") || h.region().isEmpty();
        if (h.region().equals("WORLD")) {
          region = "";
        }
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
        if (m == null && worldPriceFallback) {
          m = index.get(new ResultRow.Key(years[i], metric, stage, product, "", h.sector()));
        }
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

  /** Number of the scenario's observed trade series ({@code exports}, {@code imports}). */
  public static long tradeSeries(Scenario scenario) {
    return scenario.history().stream()
        .filter(h -> h.metric().equals("exports") || h.metric().equals("imports")).count();
  }
}
