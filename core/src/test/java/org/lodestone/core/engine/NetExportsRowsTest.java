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
import org.lodestone.core.model.Governance;
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
    return toy(90, 60, 100);
  }

  /** The toy with {@code cnUse} t sold in CN, {@code usUse} t sold in the US and B's capacity {@code capB} t. */
  private static SupplyChain toy(double cnUse, double usUse, double capB) {
    ChainBuilder b = new ChainBuilder()
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 20, capB);
    b.sectors.add(new Sector("cn-use", "cn-use", new double[] {cnUse}, new double[] {0.3, 0, 0}, 0, new double[] {1, 0}));
    b.sectors.add(new Sector("us-use", "us-use", new double[] {usUse}, new double[] {0.3, 0, 0}, 0, new double[] {0, 1}));
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

  /**
   * One market with {@code assembledInChina} = 0.5: magnet makers A in CN (10 USD/kg, 100 t) and B in
   * the US (20 USD/kg, 10 t); inelastic demand of 50 t sold in CN and 60 t sold in the US, which takes
   * both makers' full capacity.
   */
  private static SupplyChain assembledToy() {
    // CN scaled WGI 6 with an export-restriction t of 1.1, US scaled WGI 2; EoL-RIR 10 %, SI 0.9
    // magnet curvature 0: the makers' supply curves run flat to capacity, so both run exactly full
    ElementMarket market = ElementMarket.plain().withCurvature(new double[] {0.05, 0.05, 0.05, 0});
    return toy(50, 60, 10).withElementMarket(market.withAssembledInChina(0.5))
        .withGovernance(new Governance(new double[] {6, 2}, new double[] {1.1, 1}, 0.1, 0.9));
  }

  @Test
  void importRelianceAndSupplyRiskOnOneMarketPlaceDemandAsNetExportsDo() {
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(assembledToy()), 2020, 2020);
    // both makers run full: A 100 t, B 10 t, all 110 t served
    assertThat(row(rows, "production", "magnet", "", "CN", "")).isCloseTo(100, within(1e-6));
    assertThat(row(rows, "production", "magnet", "", "US", "")).isCloseTo(10, within(1e-6));
    assertThat(row(rows, "unserved", "", "magnet", "", "")).isCloseTo(0, within(1e-6));
    // China's market buys its 50 t and half of the US's 60 t = 80 t of its 100 t: net exports +20, IR 0.
    // The US market buys the other 30 t, its maker makes 10 t: net imports 20, IR 20/30 (not 50/60)
    assertThat(row(rows, "net_exports", "magnet", "magnet", "CN", "")).isCloseTo(20, within(1e-6));
    assertThat(row(rows, "net_exports", "magnet", "magnet", "US", "")).isCloseTo(-20, within(1e-6));
    assertThat(row(rows, "import_reliance", "magnet", "magnet", "CN", "")).isCloseTo(0, within(1e-9));
    assertThat(row(rows, "import_reliance", "magnet", "magnet", "US", "")).isCloseTo(2.0 / 3, within(1e-7));
    // supply risk of the US: global supply CN 100, US 10 of 110 -> HHI_WGI,t(GS) = (10/11)^2 x 6 x 1.1
    // + (1/11)^2 x 2 = 5.45455 + 0.01653 = 5.47107; sourcing its own 10 t and its 20 t of imports
    // from CN, the only net exporter (20 t) -> (1/3)^2 x 2 + (2/3)^2 x 6.6 = 3.15556;
    // SR = [5.47107 x 1/3 + 3.15556 x 2/3] x 0.9 x 0.9 = 3.92739 x 0.81 = 3.18119.
    // CN: IR 0, sourcing its own output only -> SR = 6.6 x 0.81 = 5.346
    double gs = 100.0 / 121 * 6.6 + 1.0 / 121 * 2;
    assertThat(gs).isCloseTo(5.47107, within(1e-5));
    assertThat(row(rows, "supply_risk", "magnet", "magnet", "US", "")).isCloseTo(3.18119, within(1e-5));
    assertThat(row(rows, "supply_risk", "magnet", "magnet", "CN", "")).isCloseTo(5.346, within(1e-9));
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
