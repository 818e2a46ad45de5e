package org.lodestone.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.Exposure;
import org.lodestone.core.exposure.ExposureResult;
import org.lodestone.core.model.Element;
import org.lodestone.scenario.UncertainScenario;

/**
 * A buyer's exposure to one scenario as rows, for the CLI and the server (which only format them):
 * the nominal run's needs, supply at risk, shortfall and costs per year; with draws, the p50/p95 of
 * cost and shortfall and the probability of a shortfall; and the stockpile that covers the p95 supply
 * at risk. No I/O; deterministic for a given scenario, buyer, draws and seed, on any thread count.
 *
 * <p>Metrics ({@code unit}): {@code magnets_needed} (t), {@code element_needed} by {@code product}
 * NdPr/Dy/Tb (t metal), {@code supply_at_risk} (t magnet: the buyer's pro-rata share of the demand
 * not served, against a reference run's demand when one is given), {@code stock_on_hand} (t), {@code shortfall} (t: at risk less stock on hand),
 * {@code cost_market} (USD: all at market prices), {@code cost} (USD: with the fixed-price
 * contracts), {@code market_price} (USD/kg, sourcing-weighted), {@code cost_p50}, {@code cost_p95},
 * {@code shortfall_p50}, {@code shortfall_p95}, {@code supply_at_risk_p95} (with draws),
 * {@code shortfall_probability} (share of draws with a shortfall), {@code stockpile_months}
 * (months of use that cover the p95 supply at risk of the run of consecutive years at risk up to that
 * year, a stock being drawn down until a year with nothing at risk: 12 × Σ p95 / the need in the
 * run's first year; the nominal values without draws) and {@code stockpile_holding_cost} (USD/yr: holding the largest of those months
 * all along, valued at the market price, times the buyer's carrying-cost rate).
 */
public final class ExposureReport {
  /**
   * One row: year, metric, product ("" or an element), value, unit.
   */
  public record Row(int year, String metric, String product, double value, String unit) {
  }

  /**
   * The stockpile that covers the p95 supply at risk in every reported year.
   *
   * @param months          months of use to hold
   * @param worstYear       the year that needs the most months (the first reported year when no year needs any)
   * @param meanHoldingCost mean yearly cost of holding it over the reported years, USD/yr
   */
  public record Stockpile(double months, int worstYear, double meanHoldingCost) {
  }

  private final List<Row> rows;
  private final Stockpile stockpile;
  private final int draws;
  private final double anyShortfallProbability;

  private ExposureReport(List<Row> rows, Stockpile stockpile, int draws, double anyShortfallProbability) {
    this.rows = List.copyOf(rows);
    this.stockpile = stockpile;
    this.draws = draws;
    this.anyShortfallProbability = anyShortfallProbability;
  }

  /**
   * Builds the report for years {@code fromYear..toYear} (within the scenario's axis).
   *
   * @param spec    draws, seed and years, or {@code null} for the nominal run only
   * @param threads worker threads for the draws
   */
  public static ExposureReport of(UncertainScenario scenario, Buyer buyer, EnsembleSpec spec, int fromYear,
      int toYear, int threads, ProgressListener progress) {
    return of(scenario, null, buyer, spec, fromYear, toYear, threads, progress);
  }

  /**
   * Builds the report with the supply at risk measured against {@code reference}'s demand
   * ({@link Exposure#compute(RunResult, RunResult, Buyer)}; {@code null}: the scenario is its own
   * reference, so only demand unserved even at the choke price counts). With draws, draw i of the
   * reference is its chain at the same point (seed, i) as the scenario's.
   */
  public static ExposureReport of(UncertainScenario scenario, UncertainScenario reference, Buyer buyer,
      EnsembleSpec spec, int fromYear, int toYear, int threads, ProgressListener progress) {
    RunResult nominal = AnnualEngine.run(scenario.nominal().chain());
    ExposureResult x = reference == null ? Exposure.compute(nominal, buyer)
        : Exposure.compute(nominal, AnnualEngine.run(reference.nominal().chain()), buyer);
    ExposureEnsemble ens = spec == null ? null
        : ExposureEnsemble.run(scenario, reference, buyer, spec, threads, progress);
    int first = x.firstYear();
    int fromT = Math.max(0, fromYear - first);
    int toT = Math.min(x.years() - 1, toYear - first);
    double[] monthsByYear = new double[x.years()];
    double months = 0;
    int worst = fromT;
    // a stock drawn down over consecutive years at risk (Exposure) must hold the whole episode's
    // supply at risk: months of the need in the episode's first year
    double episode = 0;
    double episodeNeed = 0;
    for (int t = fromT; t <= toT; t++) {
      double risk = ens == null ? x.atRiskT(t) : ens.percentile(ExposureEnsemble.AT_RISK, t, 0.95);
      if (risk > 0) {
        if (episode == 0) {
          episodeNeed = x.magnetsT(t);
        }
        episode += risk;
      } else {
        episode = 0;
      }
      monthsByYear[t] = Exposure.monthsToCover(episode, risk > 0 ? episodeNeed : x.magnetsT(t));
      if (monthsByYear[t] > months) {
        months = monthsByYear[t];
        worst = t;
      }
    }
    List<Row> rows = new ArrayList<>();
    double holdingSum = 0;
    for (int t = fromT; t <= toT; t++) {
      int y = first + t;
      double m = x.magnetsT(t);
      double price = m > 0 ? x.costMarketUsd(t) / (m * 1000) : Double.NaN;
      rows.add(new Row(y, "magnets_needed", "", m, "t"));
      for (Element e : Element.values()) {
        rows.add(new Row(y, "element_needed", e.code(), x.elementT(t, e.ordinal()), "t"));
      }
      rows.add(new Row(y, "supply_at_risk", "", x.atRiskT(t), "t"));
      rows.add(new Row(y, "stock_on_hand", "", x.stockT(t), "t"));
      rows.add(new Row(y, "shortfall", "", x.shortfallT(t), "t"));
      rows.add(new Row(y, "market_price", "magnet", price, "USD/kg"));
      rows.add(new Row(y, "cost_market", "", x.costMarketUsd(t), "USD"));
      rows.add(new Row(y, "cost", "", x.costUsd(t), "USD"));
      if (ens != null) {
        rows.add(new Row(y, "cost_p50", "", ens.percentile(ExposureEnsemble.COST, t, 0.50), "USD"));
        rows.add(new Row(y, "cost_p95", "", ens.percentile(ExposureEnsemble.COST, t, 0.95), "USD"));
        rows.add(new Row(y, "supply_at_risk_p95", "", ens.percentile(ExposureEnsemble.AT_RISK, t, 0.95), "t"));
        rows.add(new Row(y, "shortfall_p50", "", ens.percentile(ExposureEnsemble.SHORTFALL, t, 0.50), "t"));
        rows.add(new Row(y, "shortfall_p95", "", ens.percentile(ExposureEnsemble.SHORTFALL, t, 0.95), "t"));
        rows.add(new Row(y, "shortfall_probability", "", ens.probabilityOfShortfall(t), "share"));
      }
      rows.add(new Row(y, "stockpile_months", "", monthsByYear[t], "months"));
      double holding = Double.isNaN(price) ? 0 : months / 12 * m * 1000 * price * buyer.carryingCostRate();
      holdingSum += holding;
      rows.add(new Row(y, "stockpile_holding_cost", "", holding, "USD/yr"));
    }
    int n = toT - fromT + 1;
    Stockpile sp = new Stockpile(months, first + worst, n > 0 ? holdingSum / n : 0);
    double any = ens == null ? Double.NaN : ens.probabilityOfAnyShortfall(fromT, toT);
    return new ExposureReport(rows, sp, spec == null ? 0 : spec.runs(), any);
  }

  public List<Row> rows() {
    return rows;
  }

  public Stockpile stockpile() {
    return stockpile;
  }

  /** Number of draws (0: nominal run only). */
  public int draws() {
    return draws;
  }

  /** Share of draws with a shortfall in any reported year; NaN without draws. */
  public double anyShortfallProbability() {
    return anyShortfallProbability;
  }

  /** The value of a metric in a year, or NaN. */
  public double value(int year, String metric, String product) {
    for (Row r : rows) {
      if (r.year() == year && r.metric().equals(metric) && r.product().equals(product)) {
        return r.value();
      }
    }
    return Double.NaN;
  }
}
