package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * The risk rows of the tidy results on a two-region toy, by hand, on both market models: upstream
 * only in CN; magnet makers A in CN (10 USD/kg, 100 t) and B in the US (20 USD/kg, 100 t); 150 t of
 * inelastic demand, all in the US. A runs full (cheaper), B makes 50 t.
 */
class RiskRowsTest {
  private static final double[] COSTS = {0.5, 1, 1, 1, 1, 1, 1, 2};

  private static SupplyChain toy(int years) {
    return toy(years, 100);
  }

  /** The toy with maker B's capacity {@code capB} t. */
  static SupplyChain toy(int years, double capB) {
    return new ChainBuilder(years)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 20, capB)
        .sector("ev", 150, 0.3, 0, 0, 0)
        .build();
  }

  private static Optional<Double> value(List<ResultRow> rows, String metric, String stage, String product,
      String region) {
    return rows.stream().filter(r -> r.metric().equals(metric) && r.stage().equals(stage)
        && r.product().equals(product) && r.region().equals(region)).map(ResultRow::value).findFirst();
  }

  @Test
  void importRelianceAndTopSharesOnRegionalMarkets() {
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy(1).withTrade(Trade.free(1, 2, COSTS))), 2020, 2020);
    // US: makes 50 t, imports 100 t from CN, exports none: 100 / 150
    assertThat(value(rows, "import_reliance", "magnet", "magnet", "US")).get().satisfies(
        v -> assertThat(v).isCloseTo(2.0 / 3, within(1e-6)));
    // CN exports all it makes: no apparent consumption, undefined and left out
    assertThat(value(rows, "import_reliance", "magnet", "magnet", "CN")).isEmpty();
    // magnets by country 100 / 50: top1 = 2/3, top3 = 1; by company the same two holders
    assertThat(value(rows, "share_top1", "magnet", "country", "").get()).isCloseTo(2.0 / 3, within(1e-6));
    assertThat(value(rows, "share_top3", "magnet", "country", "").get()).isCloseTo(1, within(1e-9));
    assertThat(value(rows, "share_top1", "magnet", "company", "").get()).isCloseTo(2.0 / 3, within(1e-6));
    // all mining in one country and one company
    assertThat(value(rows, "share_top1", "mining", "country", "").get()).isEqualTo(1.0);
  }

  @Test
  void importRelianceOnTheGlobalMarket() {
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy(1)), 2020, 2020);
    // one pool: the US uses 150 t and its maker B makes 50 t -> net imports 100, IR 2/3
    assertThat(value(rows, "import_reliance", "magnet", "magnet", "US").get()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(value(rows, "import_reliance", "magnet", "magnet", "CN")).isEmpty();
  }

  /** CN scaled WGI 6 with an export-restriction t of 1.1, US scaled WGI 2; EoL-RIR 10 %, SI 0.9. */
  private static org.lodestone.core.model.Governance governance() {
    return new org.lodestone.core.model.Governance(new double[] {6, 2}, new double[] {1.1, 1}, 0.1, 0.9);
  }

  @Test
  void supplyRiskRowsOnRegionalMarketsByHand() {
    // magnets: CN 100 t, US 50 t of 150 -> HHI_WGI,t(GS) = (2/3)^2 x 6 x 1.1 + (1/3)^2 x 2
    // = 2.93333 + 0.22222 = 3.15556; the US sources its own 50 t and 100 t from CN, the same mix, and
    // relies on imports for 2/3: SR(US) = [3.15556 x 1/3 + 3.15556 x 2/3] x 0.9 x 0.9 = 2.55600.
    // Mining all in CN: 6 x 1.1 x 0.81 = 5.346 (world, global supply only)
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(
        toy(1).withTrade(Trade.free(1, 2, COSTS)).withGovernance(governance())), 2020, 2020);
    double gs = 4.0 / 9 * 6 * 1.1 + 1.0 / 9 * 2;
    assertThat(gs).isCloseTo(3.155556, within(1e-6));
    assertThat(value(rows, "supply_risk", "magnet", "", "").get()).isCloseTo(gs * 0.81, within(1e-6));
    assertThat(value(rows, "supply_risk", "magnet", "magnet", "US").get()).isCloseTo(2.556, within(1e-5));
    assertThat(value(rows, "supply_risk", "mining", "", "").get()).isCloseTo(5.346, within(1e-9));
    // CN has no apparent consumption of magnets: no import reliance, no supply risk
    assertThat(value(rows, "supply_risk", "magnet", "magnet", "CN")).isEmpty();
    // without governance data there are no supply_risk rows
    assertThat(TidyResults.rows(AnnualEngine.run(toy(1).withTrade(Trade.free(1, 2, COSTS))), 2020, 2020))
        .noneMatch(x -> x.metric().equals("supply_risk"));
  }

  @Test
  void supplyRiskOnTheGlobalMarketDrawsImportsFromTheNetExporters() {
    // one pool: the US uses 150 t and makes 50 t; CN, the only net exporter (100 t), supplies its
    // 100 t of imports: the same mix as world supply, SR(US) = 3.15556 x 0.81 = 2.556. A region
    // without a WGI among the suppliers makes the index undefined: no row
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy(1).withGovernance(governance())), 2020, 2020);
    assertThat(value(rows, "supply_risk", "magnet", "magnet", "US").get()).isCloseTo(2.556, within(1e-5));
    org.lodestone.core.model.Governance noUs = new org.lodestone.core.model.Governance(
        new double[] {6, Double.NaN}, new double[] {1.1, 1}, 0.1, 0.9);
    List<ResultRow> partial = TidyResults.rows(AnnualEngine.run(toy(1).withGovernance(noUs)), 2020, 2020);
    assertThat(value(partial, "supply_risk", "magnet", "magnet", "US")).isEmpty();
    assertThat(value(partial, "supply_risk", "mining", "", "").get()).isCloseTo(5.346, within(1e-9));
  }

  @Test
  void daysOfCoverOfTheElementMarketsStorage() {
    // the toy on the element-price market with a NdPr oxide storage of 20 t (initially 10 t), no
    // interest or carrying cost and expectations anchored on a reference price of 200 USD/kg: the
    // oxide trades near its cost (~50 USD/kg), far below the hold value 200, so the holder fills up
    // (Storage: S = clamp(K (b - p) / (w p^), 0, K) = K) and ends the year at 20 t. The world's use
    // of NdPr oxide is the oxide in the year's magnets, 150 t x 0.3 (design content; yields and the
    // oxide-to-metal factor are 1 in the toy) = 45 t a year, so the storage covers
    // 20 / (45 / 365) = 162.2 days; Dy and Tb have no storage and no row
    ChainBuilder b = new ChainBuilder(1)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 20, 100)
        .sector("ev", 150, 0.3, 0, 0, 0);
    b.oxideRef = new double[] {200, 500, 1000};
    org.lodestone.core.model.ElementMarket em = org.lodestone.core.model.ElementMarket.plain().withStorage(List.of(
        new org.lodestone.core.model.ElementMarket.Storage(0, 20, 10, 0, 0, 0.5, 1, 1)));
    RunResult r = AnnualEngine.run(b.build().withElementMarket(em));
    assertThat(MarketModel.of(r.chain())).isEqualTo(MarketModel.ELEMENTS);
    List<ResultRow> rows = TidyResults.rows(r, 2020, 2020);
    assertThat(rows.stream().filter(x -> x.metric().equals("inventory") && x.product().equals("NdPr"))
        .findFirst().get().value()).isCloseTo(20, within(1e-6));
    assertThat(r.stageProduction(0, Stage.MAGNET)).isCloseTo(150, within(1e-6));
    assertThat(rows.stream().filter(x -> x.metric().equals("days_of_cover") && x.product().equals("NdPr")
        && x.sector().equals("inventory") && x.region().isEmpty()).findFirst().get().value())
        .isCloseTo(20 * 365 / 45.0, within(1e-6));
    assertThat(rows).noneMatch(x -> x.metric().equals("days_of_cover") && !x.product().equals("NdPr"));
  }

  @Test
  void constantPricesHaveNoVolatility() {
    // the same toy for 7 years: the same price every year, log change 0 and volatility 0 from the
    // sixth year (five changes)
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(toy(7)), 2020, 2026);
    assertThat(rows).noneMatch(r -> r.metric().equals("price_change") && r.year() == 2020);
    assertThat(rows).noneMatch(r -> r.metric().equals("volatility") && r.year() < 2025);
    assertThat(rows.stream().filter(r -> r.metric().equals("volatility") && r.stage().equals("magnet")
        && r.year() == 2025).findFirst().get().value()).isEqualTo(0.0);
    assertThat(rows.stream().filter(r -> r.metric().equals("price_change") && r.stage().equals("magnet")
        && r.year() == 2021).findFirst().get().value()).isEqualTo(0.0);
  }
}
