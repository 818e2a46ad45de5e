package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.Problem;

/**
 * Events on the tiny fixture (magnet makers A: 10 USD/kg, 100 t in CN; B: 15 USD/kg, 100 t in ROW;
 * inelastic demand 150 t, 60 % in CN). Without events the magnet price is 36 USD/kg (B marginal:
 * 15 + 0.3 × 20 + 0.3 × 50), see AnnualEngineTest.
 */
class EventsTest extends OnTinyFixture {
  SupplyChain load(String body) throws IOException {
    return fixture.load("e", body).chain();
  }

  Problem reject(String body) throws IOException {
    return fixture.problems("e", body).get(0);
  }

  @Test
  void anOutageRemovesAFractionOfCapacityInItsWindow() throws IOException {
    SupplyChain c = load("events:\n  - {type: outage, producer: magnet-a, from: 2021, to: 2022, fraction: 50 %}\n");
    assertThat(c.producers().get(3).capacityT()).containsExactly(100, 50, 50, 100, 100);
  }

  @Test
  void anOutageByStageAndRegionHitsEveryProducerThere() throws IOException {
    SupplyChain c = load("events:\n  - {type: outage, stage: magnet, region: ROW, from: 2024, fraction: 100 %}\n");
    assertThat(c.producers().get(4).capacityT(4)).isZero();
    assertThat(c.producers().get(3).capacityT(4)).isEqualTo(100);
    // 2024: only A's 100 t for 150 t of inelastic demand → 50 t unserved at the choke price
    RunResult r = AnnualEngine.run(c);
    assertThat(r.unserved(4, 0)).isCloseTo(50, within(1e-6));
    assertThat(r.magnetPrice(4)).isEqualTo(500);
  }

  @Test
  void aCapacityDelayMovesThePathLater() throws IOException {
    SupplyChain c = load("""
        producers:
          magnet-b: {capacity: {2020: 0, 2022: 100}}
        events:
          - {type: capacity_delay, producer: magnet-b, years: 2}
        """);
    assertThat(c.producers().get(4).capacityT()).containsExactly(0, 0, 0, 50, 100);
  }

  @Test
  void aDemandShockInOneRegionScalesByThatRegionsShare() throws IOException {
    SupplyChain c = load("events:\n  - {type: demand_shock, sector: ev, region: CN, from: 2023, fraction: -20 %}\n");
    // 150 t × (1 − 0.2 × 0.6) = 132 t in 2023 only
    assertThat(c.sectors().get(0).referenceDemandT(3)).isCloseTo(132, within(1e-9));
    assertThat(c.sectors().get(0).referenceDemandT(4)).isCloseTo(150, within(1e-9));
  }

  @Test
  void aSubsidyLowersTheOfferCostAndThePrice() throws IOException {
    // B offers at 15 − 5 = 10: the marginal cost at 150 t is 10 + 6 + 15 = 31
    RunResult r = AnnualEngine.run(load("events:\n  - {type: subsidy, producer: magnet-b, from: 2020, amount: 5 USD/kg}\n"));
    assertThat(r.magnetPrice(0)).isCloseTo(31, within(1e-9));
    assertThat(r.magnetPrice(1)).isCloseTo(36, within(1e-9));
  }

  @Test
  void aPriceFloorMakesItsProducersRunFirst() throws IOException {
    // B (cost 15 <= floor 20) runs at its full 100 t whatever the price; A supplies the other 50 t
    // and is marginal: price 10 + 6 + 15 = 31
    RunResult r = AnnualEngine.run(load(
        "events:\n  - {type: price_floor, producers: [magnet-b], from: 2020, to: 2021, floor: 20 USD/kg}\n"));
    assertThat(r.production(0, 4)).isCloseTo(100, within(1e-9));
    assertThat(r.production(0, 3)).isCloseTo(50, within(1e-9));
    assertThat(r.magnetPrice(0)).isCloseTo(31, within(1e-9));
    assertThat(r.production(2, 4)).isCloseTo(50, within(1e-9));
  }

  @Test
  void badEventsArePositioned() throws IOException {
    Problem p = reject("events:\n  - {type: outage, producer: magnet-z, from: 2021, fraction: 10 %}\n");
    assertThat(p.path()).isEqualTo("events[0].producer");
    assertThat(p.format()).contains("unknown producer").contains("did you mean `magnet-a`?");
    assertThat(p.line()).isEqualTo(4);
    p = reject("events:\n  - {type: outage, producer: magnet-a, from: 2031, fraction: 10 %}\n");
    assertThat(p.rule()).contains("outside the scenario's axis");
    p = reject("events:\n  - {type: outage, producer: magnet-a, from: 2021, fraction: 120 %}\n");
    assertThat(p.rule()).contains("[0, 100 %]");
    p = reject("events:\n  - {type: outage, producer: magnet-a, from: 2022, to: 2021, fraction: 10 %}\n");
    assertThat(p.rule()).contains("must not be before from");
    p = reject("events:\n  - {type: outgae, producer: magnet-a, from: 2021, fraction: 10 %}\n");
    assertThat(p.format()).contains("did you mean `outage`?");
    p = reject("events:\n  - {type: demand_shock, sector: ev, from: 2021, fraction: -100 %}\n");
    assertThat(p.rule()).contains("above -100 %");
    p = reject("events:\n  - {type: subsidy, producer: magnet-a, from: 2021, amount: -3}\n");
    assertThat(p.path()).isEqualTo("events[0].amount");
  }

  @Test
  void tightExportControlsOnTheBaseDataSolveEveryYear() throws IOException {
    // regression: ojAlgo's sparse simplex called the 2026 programme infeasible at a 10 % cap
    for (String cap : new String[] {"0 %", "10 %", "75 %"}) {
      Path p = dir.resolve("ec.yaml");
      Files.writeString(p, "name: ec\nparent: regional-markets\nyears: {from: 2025, to: 2026}\nevents:\n"
          + "  - {type: export_control, exporter: CN, products: [Dy, Tb, magnet], from: 2026, cap: " + cap + "}\n");
      SupplyChain c = ScenarioLoader.load(p.toString()).chain();
      RunResult r = AnnualEngine.run(c);
      assertThat(r.isRegional()).isTrue();
      int mag = org.lodestone.core.model.TradedProduct.MAGNET.ordinal();
      int cn = c.regionCodes().indexOf("CN");
      int eu = c.regionCodes().indexOf("EU");
      int t = c.axis().index(2026);
      assertThat(r.regionalPrice(t, mag, eu) - r.regionalPrice(t, mag, cn)).as(cap).isGreaterThan(2.0);
    }
  }

  @Test
  void stockpileEventsActOnRegionalMarkets() throws IOException {
    // 2021: a ROW stockpile releases 30 t of magnets; 2022: a CN stockpile buys 20 t
    SupplyChain c = load("market: {model: regional, tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}}\n"
        + "events:\n  - {type: stockpile_release, region: ROW, products: [magnet], from: 2021, amount: 30 t}\n"
        + "  - {type: stockpile_build, region: CN, products: [magnet], from: 2022, amount: 20 t}\n");
    RunResult r = AnnualEngine.run(c);
    java.util.List<org.lodestone.core.results.ResultRow> rows = org.lodestone.core.results.TidyResults.rows(r, 2020, 2024);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.year()).isEqualTo(2021);
      assertThat(row.metric()).isEqualTo("stockpile");
      assertThat(row.region()).isEqualTo("ROW");
      assertThat(row.value()).isCloseTo(-30, within(1e-6));
    });
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.year()).isEqualTo(2023);
      assertThat(row.metric()).isEqualTo("stockpile");
      assertThat(row.region()).isEqualTo("CN");
      assertThat(row.value()).isCloseTo(20, within(1e-6));
    });
    Problem p = reject("events:\n  - {type: stockpile_release, region: ROW, products: [magnet], from: 2021, amount: 30 t}\n");
    assertThat(p.rule()).contains("acts between regions");
  }

  @Test
  void exportControlsNeedTheRegionalMarkets() throws IOException {
    Problem p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021, cap: 30 %}\n");
    assertThat(p.rule()).contains("acts between regions");
    assertThat(p.hint()).contains("market: {model: regional");
  }
}
