package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.TidyResults;

/**
 * Backtest on the tiny fixture (magnet maker A: CN, 10 USD/kg, 100 t; B: ROW, 15 USD/kg, 100 t;
 * inelastic demand 150 t, 90 t in CN and 60 t in ROW). On regional markets A runs full and ships its
 * 10 t of surplus to ROW (ExportLicensingTest), so China's magnet exports are 10 t a year.
 */
class BacktestTest extends OnTinyFixture {
  private static final String REGIONAL =
      "market: {model: regional, tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}}\n";
  private static final String HISTORY = "history:\n"
      + "  - {metric: exports, stage: magnet, product: magnet, region: CN, unit: t, source: test-source, label: customs,"
      + " values: {2020: 8, 2021: 10}}\n"
      + "  - {metric: price, product: magnet, region: CN, unit: USD/kg, source: test-source, label: cn, values: {2020: 40}}\n"
      + "  - {metric: price, product: magnet, region: ROW, unit: USD/kg, source: test-source, label: row, values: {2020: 40}}\n"
      + "  - {metric: production, stage: magnet, product: magnet-blank, region: CN, unit: t, source: test-source,"
      + " label: blanks, values: {2020: 125}}\n";

  private static List<Backtest.Comparison> backtest(Scenario s) {
    return Backtest.compare(s, TidyResults.rows(AnnualEngine.run(s.chain()), 2020, 2024), 2020, 2024);
  }

  private static Backtest.Comparison find(List<Backtest.Comparison> all, String label) {
    return all.stream().filter(c -> c.series().label().equals(label)).findFirst().orElse(null);
  }

  @Test
  void exportsMeetTradeFlowsByRegionAndImpliedNetExportsOnOneMarket() throws IOException {
    // observed 8 and 10 t against the model's 10 and 10 t: errors 25 % and 0 % -> MAPE 12.5 %
    Scenario regional = fixture.load("r", REGIONAL + HISTORY);
    Backtest.Comparison exports = find(backtest(regional), "customs");
    assertThat(exports).isNotNull();
    assertThat(exports.modelled()).containsExactly(new double[] {10, 10}, within(1e-6));
    assertThat(exports.error()).isCloseTo(12.5, within(1e-6));
    assertThat(exports.modelMetric()).isEqualTo("exports");
    assertThat(exports.otherBasis()).isFalse();
    // one global market has no flows: A makes 100 t, China's sectors use 90 t -> implied net exports
    // of 10 t a year, compared on that stated basis
    Scenario global = fixture.load("g", HISTORY);
    Backtest.Comparison net = find(backtest(global), "customs");
    assertThat(net).isNotNull();
    assertThat(net.modelled()).containsExactly(new double[] {10, 10}, within(1e-6));
    assertThat(net.error()).isCloseTo(12.5, within(1e-6));
    assertThat(net.modelMetric()).isEqualTo("net_exports");
    assertThat(net.otherBasis()).isTrue();
    assertThat(Backtest.tradeSeries(global)).isEqualTo(1);
  }

  @Test
  void anObservedNetSeriesMeetsNetExportsOnBothGeographies() throws IOException {
    String net = "history:\n  - {metric: net_exports, stage: magnet, product: magnet, region: CN, unit: t,"
        + " source: test-source, label: net, values: {2020: 10}}\n";
    for (Scenario s : List.of(fixture.load("rn", REGIONAL + net), fixture.load("gn", net))) {
      Backtest.Comparison c = find(backtest(s), "net");
      assertThat(c.modelled()).containsExactly(new double[] {10}, within(1e-6));
      assertThat(c.otherBasis()).isFalse();
    }
  }

  @Test
  void aRegionsPriceComparesWithThatRegionsPrice() throws IOException {
    // China exports to ROW, so ROW's magnet price exceeds China's by exactly the 2 USD/kg trade cost:
    // each quote met its own region's price, not the world average
    List<Backtest.Comparison> all = backtest(fixture.load("r", REGIONAL + HISTORY));
    double cn = find(all, "cn").modelled()[0];
    double row = find(all, "row").modelled()[0];
    assertThat(row - cn).isCloseTo(2, within(1e-6));
    // on one global market the ROW quote has no counterpart, China's meets the market price
    List<Backtest.Comparison> global = backtest(fixture.load("g", HISTORY));
    assertThat(find(global, "row")).isNull();
    assertThat(find(global, "cn")).isNotNull();
  }

  @Test
  void blankTonnageIsComparedOnABlankBasis() throws IOException {
    // manufacturing yield 80 %: A's 100 t of finished magnets in CN are 125 t of blanks -> error 0
    Scenario s = fixture.load("b", "magnet: {manufacturingYield: 80 %}\n" + HISTORY);
    Backtest.Comparison blanks = find(backtest(s), "blanks");
    assertThat(blanks.modelled()[0]).isCloseTo(125, within(1e-6));
    assertThat(blanks.error()).isCloseTo(0, within(1e-6));
  }
}
