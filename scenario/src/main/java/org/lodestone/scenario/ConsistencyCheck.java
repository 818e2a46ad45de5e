package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.TidyResults;

/**
 * Checks a scenario's capacity paths against the production the dataset has observed: capacity can
 * never be below what was actually produced. Two kinds of contradiction are flagged, per stage and
 * region (or world):
 * <ul>
 *   <li>{@code below-history}: in a year with an observed production figure, the capacity path is
 *       below it;</li>
 *   <li>{@code below-peak}: in a later year, capacity falls below the highest production observed up
 *       to then — it would take closures the scenario does not state.</li>
 * </ul>
 * A small relative tolerance ({@link #TOLERANCE}) absorbs rounding in the sources. Magnet output
 * observed as blanks ({@code product: magnet-blank}) is compared as blanks × manufacturing yield,
 * the finished basis of magnet capacity.
 */
public final class ConsistencyCheck {
  /** Relative tolerance before a gap counts: 0.5 %. */
  public static final double TOLERANCE = 0.005;

  private ConsistencyCheck() {
  }

  /**
   * One contradiction.
   *
   * @param kind       {@code below-history} or {@code below-peak}
   * @param stage      stage code
   * @param region     region code, or {@code WORLD}
   * @param year       the year of the capacity
   * @param capacity   capacity in that year, in {@code unit}
   * @param observed   the observed production it contradicts
   * @param observedYear the year of that observation
   * @param shortfall  observed − capacity
   * @param unit       unit of the amounts
   * @param series     the observed series (its label or source)
   */
  public record Finding(String kind, String stage, String region, int year, double capacity,
      double observed, int observedYear, double shortfall, String unit, String series) {
  }

  /** Runs the check. */
  public static List<Finding> run(Scenario scenario) {
    SupplyChain chain = scenario.chain();
    List<Finding> out = new ArrayList<>();
    for (HistorySeries h : scenario.history()) {
      // magnets observed as blanks count as blanks x manufacturing yield of finished capacity
      boolean blank = h.stage().equals("magnet") && h.product().equals(TidyResults.BLANK);
      if (!h.metric().equals("production") || h.stage().isEmpty() || !(h.product().isEmpty() || blank)
          || !h.sector().isEmpty()) {
        continue;
      }
      double basis = blank ? chain.market().manufacturingYield() : 1;
      Stage stage = Stage.ofCode(h.stage());
      String region = h.region().isEmpty() ? "WORLD" : h.region();
      int r = region.equals("WORLD") ? -1 : chain.regionCodes().indexOf(region);
      if (stage == null || (r < 0 && !region.equals("WORLD"))) {
        continue;
      }
      String label = (h.label().isEmpty() ? h.source() : h.label()) + (blank ? ", blanks x yield" : "");
      int[] years = h.years();
      double[] values = h.values();
      for (int i = 0; i < values.length; i++) {
        values[i] *= basis;
      }
      double peak = 0;
      int peakYear = 0;
      int nextObs = 0;
      for (int t = 0; t < chain.axis().size(); t++) {
        int year = chain.axis().year(t);
        while (nextObs < years.length && years[nextObs] <= year) {
          if (values[nextObs] > peak) {
            peak = values[nextObs];
            peakYear = years[nextObs];
          }
          nextObs++;
        }
        double cap = capacity(chain, stage, r, t);
        double observedNow = h.value(year) * basis;
        if (!Double.isNaN(observedNow) && cap < observedNow * (1 - TOLERANCE)) {
          out.add(new Finding("below-history", stage.code(), region, year, cap, observedNow, year,
              observedNow - cap, stage.unit(), label));
        } else if (Double.isNaN(observedNow) && peakYear > 0 && cap < peak * (1 - TOLERANCE)) {
          out.add(new Finding("below-peak", stage.code(), region, year, cap, peak, peakYear,
              peak - cap, stage.unit(), label));
        }
      }
    }
    return out;
  }

  private static double capacity(SupplyChain chain, Stage stage, int region, int t) {
    double s = 0;
    for (Producer p : chain.producers()) {
      if (p.stage() == stage && (region < 0 || p.region() == region)) {
        s += p.capacityT(t);
      }
    }
    return s;
  }
}
