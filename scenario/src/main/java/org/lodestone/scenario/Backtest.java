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

  /**
   * One observed series beside the model over a window: the model's value of the same quantity in
   * every year (NaN where the results have no counterpart), and the comparison of the observed years
   * (null when no observed year has a model value).
   *
   * @param series     the observed series
   * @param years      every year of the window
   * @param model      the model's value by year of {@code years}, NaN where there is none
   * @param comparison the observed years compared, as {@link #compare} gives them, or null
   */
  public record Line(HistorySeries series, int[] years, double[] model, Comparison comparison) {
  }

  /**
   * Every history series of the scenario beside the model's values in years {@code from..to} (the
   * matching and the errors of {@link #compare}), in the order of the scenario's {@code history:}.
   */
  public static List<Line> lines(Scenario scenario, List<ResultRow> rows, int from, int to) {
    Matcher match = new Matcher(scenario, rows);
    List<Line> out = new ArrayList<>();
    int[] years = new int[Math.max(0, to - from + 1)];
    for (int i = 0; i < years.length; i++) {
      years[i] = from + i;
    }
    for (HistorySeries h : scenario.history()) {
      double[] model = new double[years.length];
      for (int i = 0; i < years.length; i++) {
        Double m = match.model(h, years[i]);
        model[i] = m == null ? Double.NaN : m;
      }
      out.add(new Line(h, years, model, compare(h, match, from, to)));
    }
    return out;
  }

  /** Compares every history series with matching results rows in years {@code from..to}. */
  public static List<Comparison> compare(Scenario scenario, List<ResultRow> rows, int from, int to) {
    Matcher match = new Matcher(scenario, rows);
    List<Comparison> out = new ArrayList<>();
    for (HistorySeries h : scenario.history()) {
      Comparison c = compare(h, match, from, to);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The model's counterpart of an observed quantity. Prices observed in a region compare with that
   * region's price; on one global market China's domestic and world prices compare with the market
   * price and ex-China quotes (EU, US) have no counterpart.
   */
  private static final class Matcher {
    private final Map<ResultRow.Key, Double> index = new HashMap<>();

    Matcher(Scenario scenario, List<ResultRow> rows) {
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
    }

    /** The model value of {@code h}'s quantity in {@code year}, or null. */
    Double model(HistorySeries h, int year) {
      String region = h.region().equals("WORLD") ? "" : h.region();
      String metric = h.metric();
      String stage = h.stage();
      String product = h.product();
      boolean worldPriceFallback = false;
      if (metric.equals("price")) {
        if (stage.isEmpty()) {
          stage = product.equals("magnet") ? "magnet" : "separation";
        }
        worldPriceFallback = h.region().equals("CN") || h.region().equals("WORLD") || h.region().isEmpty();
      }
      if (metric.equals("demand")) {
        product = "magnet";
      }
      Double m = index.get(new ResultRow.Key(year, metric, stage, product, region, h.sector()));
      if (m == null && worldPriceFallback) {
        m = index.get(new ResultRow.Key(year, metric, stage, product, "", h.sector()));
      }
      return m;
    }
  }

  private static Comparison compare(HistorySeries h, Matcher match, int from, int to) {
    List<Integer> ys = new ArrayList<>();
    List<Double> obs = new ArrayList<>();
    List<Double> mod = new ArrayList<>();
    int[] years = h.years();
    double[] values = h.values();
    for (int i = 0; i < years.length; i++) {
      if (years[i] < from || years[i] > to) {
        continue;
      }
      Double m = match.model(h, years[i]);
      if (m == null) {
        continue;
      }
      ys.add(years[i]);
      obs.add(values[i]);
      mod.add(m);
    }
    if (ys.isEmpty()) {
      return null;
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
    return new Comparison(h, ys.stream().mapToInt(Integer::intValue).toArray(),
        obs.stream().mapToDouble(Double::doubleValue).toArray(),
        mod.stream().mapToDouble(Double::doubleValue).toArray(), n == 0 ? Double.NaN : err / n,
        share ? "pts" : "%");
  }

  /** Number of the scenario's observed trade series ({@code exports}, {@code imports}). */
  public static long tradeSeries(Scenario scenario) {
    return scenario.history().stream()
        .filter(h -> h.metric().equals("exports") || h.metric().equals("imports")).count();
  }
}
