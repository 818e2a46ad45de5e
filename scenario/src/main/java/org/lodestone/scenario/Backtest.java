package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Compares a run with the observed series of its scenario: for every history series whose metric,
 * stage, product and region the results carry, the model value in each observed year and the error.
 * Prices observed in a region compare with that region's price on regional markets, and a world price
 * observed over the year's consumption (region {@code WORLD}) with the world price weighted by use
 * ({@code TidyResults.USE_WEIGHTED}) there; on one global
 * market, prices observed in China or for the world compare with the market price and ex-China
 * quotes have no counterpart. Trade flows (exports, imports) exist only on regional markets; on one
 * market an observed magnet {@code exports} series meets the model's implied {@code net_exports}
 * (output less the magnets bought in the region's market, {@code TidyResults.impliedNetExports}), and
 * the comparison names that basis ({@link Comparison#modelMetric}).
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
   * @param modelMetric the model metric compared: the series' own metric, or {@code net_exports} where
   *                 observed gross exports meet the implied net exports of one market
   */
  public record Comparison(HistorySeries series, int[] years, double[] observed, double[] modelled,
      double error, String errorUnit, String modelMetric) {
    /** Whether the model's counterpart is on another basis than the observed metric. */
    public boolean otherBasis() {
      return !modelMetric.equals(series.metric());
    }
  }

  /** The model metric that observed gross exports meet on one market (no trade flows). */
  public static final String NET_EXPORTS = "net_exports";

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
        if (h.metric().equals("exports")) {
          metrics.add(NET_EXPORTS);
        }
      }
      for (ResultRow r : rows) {
        if (!metrics.contains(r.metric())) {
          continue; // only rows some series can match (calibration compares thousands of runs)
        }
        index.put(r.key(), r.value());
      }
    }

    /**
     * The model value of {@code h}'s quantity in {@code year}, or null. Observed exports without a
     * model {@code exports} row (one market: no trade flows) meet the implied {@code net_exports}.
     */
    Double model(HistorySeries h, int year) {
      Double m = model(h, year, h.metric());
      if (m == null && h.metric().equals("exports")) {
        m = model(h, year, NET_EXPORTS);
      }
      return m;
    }

    /** The model metric {@link #model(HistorySeries, int)} compares with in {@code year}. */
    String modelMetric(HistorySeries h, int year) {
      return h.metric().equals("exports") && model(h, year, h.metric()) == null
          && model(h, year, NET_EXPORTS) != null ? NET_EXPORTS : h.metric();
    }

    private Double model(HistorySeries h, int year, String asMetric) {
      String region = h.region().equals("WORLD") ? "" : h.region();
      String metric = asMetric;
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
      Double m = null;
      if (metric.equals("price") && h.region().equals("WORLD") && h.sector().isEmpty()) {
        // a world price observed over the year's consumption (Adamas's volume-weighted Dy) compares with
        // the price the magnet makers paid, weighted by use, where the market has regions
        m = index.get(new ResultRow.Key(year, metric, stage, product, "", TidyResults.USE_WEIGHTED));
      }
      if (m == null) {
        m = index.get(new ResultRow.Key(year, metric, stage, product, region, h.sector()));
      }
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
    String modelMetric = h.metric();
    for (int i = 0; i < years.length; i++) {
      if (years[i] < from || years[i] > to) {
        continue;
      }
      Double m = match.model(h, years[i]);
      if (m == null) {
        continue;
      }
      modelMetric = match.modelMetric(h, years[i]); // the same in every year: rows are structural
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
        share ? "pts" : "%", modelMetric);
  }

  /** Whether the series is a trade series ({@code exports}, {@code imports}, {@code net_exports}). */
  public static boolean isTrade(HistorySeries h) {
    return h.metric().equals("exports") || h.metric().equals("imports") || h.metric().equals(NET_EXPORTS);
  }

  /** Number of the scenario's observed trade series ({@code exports}, {@code imports}, {@code net_exports}). */
  public static long tradeSeries(Scenario scenario) {
    return scenario.history().stream().filter(Backtest::isTrade).count();
  }
}
