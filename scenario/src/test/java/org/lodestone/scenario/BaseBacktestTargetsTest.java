package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.TidyResults;

/**
 * The shipped base against observed history, 2015-2024, at the thresholds issue #11 sets for a
 * structural model ("Done when": NdPr oxide MAPE ≤ 30 %, Dy and Tb ≤ 45 %, magnet ≤ 30 %, China's
 * magnet share within 5 points in every observed year, China's magnet exports within 25 % of the
 * customs series), and the separation output by region within 25 % (Metalnomist's China 2024, Lynas's
 * Malaysia 2019-20, MP's US 2023-24). A change of data or model that loses one of these fails here,
 * not only in the README's numbers.
 */
class BaseBacktestTargetsTest {
  private static List<Backtest.Comparison> all;

  @BeforeAll
  static void backtestBase() {
    Scenario base = ScenarioLoader.load("base");
    all = Backtest.compare(base, TidyResults.rows(AnnualEngine.run(base.chain()), 2015, 2024), 2015, 2024);
  }

  private static List<Backtest.Comparison> of(String metric, String product, String region) {
    List<Backtest.Comparison> out = all.stream().filter(c -> c.series().metric().equals(metric)
        && c.series().product().equals(product) && c.series().region().equals(region)).toList();
    assertThat(out).as(metric + " " + product + " " + region).isNotEmpty();
    return out;
  }

  private static Backtest.Comparison one(String metric, String product, String region, String label) {
    return of(metric, product, region).stream().filter(c -> c.series().label().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " " + product + " " + region + " (" + label + ")"));
  }

  @Test
  void pricesMeetTheIssuesMapeTargets() {
    for (Backtest.Comparison c : of("price", "NdPr", "CN")) {
      assertThat(c.error()).as(c.series().describe()).isLessThanOrEqualTo(30);
    }
    for (String heavy : List.of("Dy", "Tb")) {
      for (Backtest.Comparison c : of("price", heavy, "CN")) {
        assertThat(c.error()).as(c.series().describe()).isLessThanOrEqualTo(45);
      }
    }
    assertThat(one("price", "magnet", "CN", "china-export-unit-value").error()).isLessThanOrEqualTo(30);
  }

  @Test
  void chinasMagnetShareIsWithinFivePointsInEveryObservedYear() {
    for (Backtest.Comparison c : of("share_china", "", "WORLD").stream()
        .filter(c -> c.series().stage().equals("magnet")).toList()) {
      double points = max(c.observed()) <= 1 ? 100 : 1; // shares as fractions or as percent
      for (int i = 0; i < c.years().length; i++) {
        assertThat(Math.abs(c.modelled()[i] - c.observed()[i]) * points)
            .as(c.series().describe() + " " + c.years()[i]).isLessThanOrEqualTo(5);
      }
    }
  }

  @Test
  void chinasMagnetExportsAreWithinAQuarterOfCustomsInEveryYear() {
    Backtest.Comparison c = one("exports", "magnet", "CN", "china-customs");
    assertThat(c.years()).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < c.years().length; i++) {
      assertThat(Math.abs(c.modelled()[i] / c.observed()[i] - 1)).as("exports " + c.years()[i])
          .isLessThanOrEqualTo(0.25);
    }
  }

  @Test
  void ndprSeparatedByRegionIsWithinAQuarter() {
    for (String[] s : new String[][] {{"CN", "metalnomist-all-feed"}, {"MY", "lynas"}, {"US", "mp-materials"},
        {"US", "mp-secondary"}}) {
      Backtest.Comparison c = one("production", "NdPr", s[0], s[1]);
      assertThat(c.series().stage()).isEqualTo("separation");
      assertThat(c.error()).as(c.series().describe()).isLessThanOrEqualTo(25);
    }
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
