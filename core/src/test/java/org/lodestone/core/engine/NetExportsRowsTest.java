package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * The implied net exports of one market ({@link TidyResults#impliedNetExports}, metric
 * {@code net_exports}) by hand, on a two-region toy: magnet makers A in CN (10 USD/kg, 100 t) and B in
 * the US (20 USD/kg, 100 t); inelastic demand of 90 t sold in CN and 60 t sold in the US. On one
 * cost-dispatched market A runs full and B makes 50 t.
 */
class NetExportsRowsTest {
  private static final double TOL = 1e-9;

  private static SupplyChain toy() {
    ChainBuilder b = new ChainBuilder()
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 20, 100);
    b.sectors.add(new Sector("cn-use", "cn-use", new double[] {90}, new double[] {0.3, 0, 0}, 0, new double[] {1, 0}));
    b.sectors.add(new Sector("us-use", "us-use", new double[] {60}, new double[] {0.3, 0, 0}, 0, new double[] {0, 1}));
    return b.build();
  }

  private static double row(List<ResultRow> rows, String metric, String stage, String product, String region,
      String sector) {
    return rows.stream().filter(r -> r.metric().equals(metric) && r.stage().equals(stage)
        && r.product().equals(product) && r.region().equals(region) && r.sector().equals(sector))
        .mapToDouble(ResultRow::value).findFirst().orElseThrow();
  }

  @Test
  void twoRegionsByHand() {
    // a = 0.5: China's market buys its 90 t and half of the US's 60 t = 120 t; A makes 100 -> -20.
    // The US market buys the other 30 t; B makes 50 -> +20. Without a China region each buys its own.
    double[] made = {100, 50};
    double[] use = {90, 60};
    assertThat(TidyResults.impliedNetExports(made, use, 0, 0.5)).containsExactly(new double[] {-20, 20}, within(TOL));
    assertThat(TidyResults.impliedNetExports(made, use, 0, 0)).containsExactly(new double[] {10, -10}, within(TOL));
    assertThat(TidyResults.impliedNetExports(made, use, -1, 0.5)).containsExactly(new double[] {10, -10}, within(TOL));
    // three regions, China second, a = 0.4: CN buys 40 + 0.4 x (60 + 50) = 84 of its 120 -> +36;
    // R0 buys 0.6 x 60 = 36 of its 30 -> -6; R2 buys 0.6 x 50 = 30 of its 0 -> -30
    assertThat(TidyResults.impliedNetExports(new double[] {30, 120, 0}, new double[] {60, 40, 50}, 1, 0.4))
        .containsExactly(new double[] {-6, 36, -30}, within(TOL));
  }

  @RepeatedTest(20)
  void theRegionsNetExportsSumToOutputLessUse(RepetitionInfo rep) {
    SplittableRandom rnd = new SplittableRandom(8_100 + rep.getCurrentRepetition());
    int nR = 1 + rnd.nextInt(6);
    double[] made = new double[nR];
    double[] use = new double[nR];
    for (int g = 0; g < nR; g++) {
      made[g] = rnd.nextDouble() < 0.3 ? 0 : 1000 * rnd.nextDouble();
      use[g] = 1000 * rnd.nextDouble();
    }
    int china = rnd.nextInt(nR + 1) - 1;
    double a = rnd.nextDouble();
    double[] net = TidyResults.impliedNetExports(made, use, china, a);
    double expected = Arrays.stream(made).sum() - Arrays.stream(use).sum();
    assertThat(Arrays.stream(net).sum()).isCloseTo(expected, within(1e-9 * 1000 * nR));
    // a region other than China buys a share (1 - a) of its own use, never more
    for (int g = 0; g < nR; g++) {
      if (g != china) {
        assertThat(net[g]).isCloseTo(made[g] - (china >= 0 ? 1 - a : 1) * use[g], within(1e-9));
      }
    }
  }

  @Test
  void oneCostDispatchedMarketByHand() {
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy()), 2020, 2020);
    // A makes 100 t, China's sectors use 90 t -> +10; B makes 50 t, the US uses 60 t -> -10
    assertThat(row(rows, "net_exports", "magnet", "magnet", "CN", "")).isCloseTo(10, within(1e-6));
    assertThat(row(rows, "net_exports", "magnet", "magnet", "US", "")).isCloseTo(-10, within(1e-6));
  }

  @Test
  void onTheElementMarketTheShareMovesOnlyTheImpliedNetExports() {
    SupplyChain plain = toy().withElementMarket(ElementMarket.plain());
    SupplyChain assembled = toy().withElementMarket(ElementMarket.plain().withAssembledInChina(0.5));
    RunResult r0 = AnnualEngine.run(plain);
    RunResult r1 = AnnualEngine.run(assembled);
    // the share does not act on clearing: the same output and prices, bit for bit
    assertThat(r1.magnetPrice(0)).isEqualTo(r0.magnetPrice(0));
    List<ResultRow> rows0 = TidyResults.rows(r0, 2020, 2020);
    List<ResultRow> rows1 = TidyResults.rows(r1, 2020, 2020);
    double madeCn = row(rows1, "production", "magnet", "", "CN", "");
    double madeUs = row(rows1, "production", "magnet", "", "US", "");
    assertThat(madeCn).isEqualTo(row(rows0, "production", "magnet", "", "CN", ""));
    double usedCn = row(rows1, "served", "", "magnet", "", "cn-use");
    double usedUs = row(rows1, "served", "", "magnet", "", "us-use");
    // China's market buys its sectors' use and half of the US's: net = made - 90 - 0.5 x 60
    assertThat(row(rows1, "net_exports", "magnet", "magnet", "CN", ""))
        .isCloseTo(madeCn - usedCn - 0.5 * usedUs, within(1e-6));
    assertThat(row(rows1, "net_exports", "magnet", "magnet", "US", "")).isCloseTo(madeUs - 0.5 * usedUs, within(1e-6));
    assertThat(row(rows0, "net_exports", "magnet", "magnet", "CN", "")).isCloseTo(madeCn - usedCn, within(1e-6));
    // world output = world use: the two rows cancel
    assertThat(row(rows1, "net_exports", "magnet", "magnet", "CN", "") + row(rows1, "net_exports", "magnet",
        "magnet", "US", "")).isCloseTo(0, within(1e-6));
  }

  @Test
  void onRegionalMarketsNetExportsAreExportsLessImports() {
    double[] costs = {0.5, 1, 1, 1, 1, 1, 1, 2};
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy().withTrade(Trade.free(1, 2, costs))), 2020, 2020);
    for (String region : List.of("CN", "US")) {
      assertThat(row(rows, "net_exports", "magnet", "magnet", region, ""))
          .isCloseTo(row(rows, "exports", "magnet", "magnet", region, "")
              - row(rows, "imports", "magnet", "magnet", region, ""), within(1e-9));
    }
    // A runs full and ships its 10 t beyond China's 90 t to the US
    assertThat(row(rows, "net_exports", "magnet", "magnet", "CN", "")).isCloseTo(10, within(1e-6));
  }
}
