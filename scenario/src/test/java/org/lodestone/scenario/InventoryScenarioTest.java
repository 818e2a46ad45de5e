package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Commercial inventories ({@code market.inventory}) on the tiny fixture's regional markets: magnet
 * makers A (CN, 10 USD/kg, 100 t) and B (ROW, 15 USD/kg, 100 t), metal made only in CN, inelastic
 * demand of 90 t in CN and 60 t in ROW; magnets cost 2 USD/kg to move, metal 1. Free trade: A serves
 * CN and sends 10 t to ROW, B (15 + 0.3 × 71 = 36.3) is marginal in ROW, CN = 36.3 − 2 = 34.3.
 */
class InventoryScenarioTest extends OnTinyFixture {
  static final String MARKET = "market:\n  model: regional\n"
      + "  tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}\n";

  SupplyChain load(String body) throws IOException {
    return fixture.load("inv", body).chain();
  }

  List<Problem> reject(String body) throws IOException {
    return fixture.problems("inv", body);
  }

  /**
   * A ROW magnet inventory (100 t, empty, band 5 %, at most 30 t a year) and a 70 % outage of B in
   * 2022. 2020: reference 40 (dataset), buy up to 38 > 36.3: it buys 30 t from B, which stays marginal
   * (80 t): ROW 36.3. 2021: reference 36.3, buy up to 34.485, sell from 38.115: idle. 2022: B has 30 t,
   * ROW gets 10 t from A and 30 t from B for 60 t; the inventory sells the missing 20 t of its 30 t,
   * so ROW's price is its ask, 1.05 × 36.3 = 38.115 (the choke price 500 without it), CN 36.115.
   * 2023-24: reference 36.905, thresholds 35.06 and 38.75 around 36.3: idle at 10 t.
   */
  @Test
  void anInventoryFromTheScenarioBuysThenCoversAnOutage() throws IOException {
    SupplyChain c = load(MARKET
        + "  inventory:\n    - {product: magnet, region: ROW, capacity: 100 t, band: 5 %, maxFlow: 30 t}\n"
        + "events:\n  - {type: outage, producer: magnet-b, from: 2022, to: 2022, fraction: 70 %}\n");
    assertThat(c.trade().inventories()).containsExactly(
        new Inventory(TradedProduct.MAGNET.ordinal(), 1, 100, 0, 0.05, 30, Inventory.DEFAULT_TRAILING_YEARS));
    RunResult r = AnnualEngine.run(c);
    int mag = TradedProduct.MAGNET.ordinal();
    assertThat(r.regionalPrice(0, mag, 1)).isCloseTo(36.3, within(1e-6));
    assertThat(r.regionalPrice(2, mag, 1)).isCloseTo(38.115, within(1e-6));
    assertThat(r.regionalPrice(2, mag, 0)).isCloseTo(36.115, within(1e-6));
    assertThat(r.unserved(2, 0)).isCloseTo(0, within(1e-6));
    double[] level = {30, 30, 10, 10, 10};
    List<ResultRow> rows = TidyResults.rows(r, 2020, 2024);
    for (int t = 0; t < 5; t++) {
      int year = 2020 + t;
      assertThat(rows.stream().filter(row -> row.metric().equals("inventory") && row.year() == year).toList())
          .singleElement().satisfies(row -> {
            assertThat(row.stage()).isEqualTo("magnet");
            assertThat(row.product()).isEqualTo("magnet");
            assertThat(row.region()).isEqualTo("ROW");
            assertThat(row.unit()).isEqualTo("t");
            assertThat(row.value()).as("level in %d", year).isCloseTo(level[year - 2020], within(1e-6));
          });
    }
    // the inventory's purchase is magnet made but not served: production = served + bought
    double made = rows.stream().filter(row -> row.year() == 2020 && row.metric().equals("production")
        && row.stage().equals("magnet") && row.region().isEmpty() && row.product().isEmpty())
        .mapToDouble(ResultRow::value).sum();
    assertThat(made).isCloseTo(180, within(1e-6));
  }

  @Test
  void elementProductsAreOxidesUnlessTheFormSaysMetal() throws IOException {
    SupplyChain c = load(MARKET + "  inventory:\n"
        + "    - {product: Dy, region: CN, capacity: 5 kt, initial: 1 kt, band: 0.2, trailingYears: 1}\n"
        + "    - {product: NdPr, form: metal, region: ROW, capacity: 10 t, band: 0 %, maxFlow: 2 t}\n");
    assertThat(c.trade().inventories()).containsExactly(
        new Inventory(TradedProduct.DY_OXIDE.ordinal(), 0, 5000, 1000, 0.2, 5000, 1),
        new Inventory(TradedProduct.NDPR_METAL.ordinal(), 1, 10, 0, 0, 2, 3));
    AnnualEngine.run(c); // every balance holds
  }

  @Test
  void badInventoriesGivePositionedProblems() throws IOException {
    Problem p = reject(MARKET + "  inventory:\n    - {product: magnet, region: ROW, capacity: -5 t, band: 5 %}\n").get(0);
    assertThat(p.file()).endsWith("inv.yaml");
    assertThat(p.line()).isEqualTo(7);
    assertThat(p.path()).isEqualTo("market.inventory[0].capacity");
    assertThat(p.rule()).contains("must be >= 0");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: ROW, capacity: 5 t, band: 100 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].band");
    assertThat(p.rule()).contains("< 100 %");
    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: ROW, capacity: 5 t, band: -1 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].band");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: EU, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].region");
    assertThat(p.rule()).contains("unknown region");

    p = reject(MARKET + "  inventory:\n    - {product: NdFe, region: CN, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].product");
    assertThat(p.rule()).contains("unknown product");
    p = reject(MARKET + "  inventory:\n    - {product: concentrate, region: CN, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.rule()).contains("oxides, metals or magnets");
    p = reject(MARKET + "  inventory:\n    - {product: Dy, form: alloy, region: CN, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].form");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: CN, capacity: 5 t, initial: 6 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].initial");
    assertThat(p.rule()).contains("must not exceed the capacity");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: CN, capacity: 5 t, band: 5 %, trailingYears: 0}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[0].trailingYears");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: CN, capacity: 5 t, band: 5 %}\n"
        + "    - {product: magnet, region: CN, capacity: 9 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory[1]");
    assertThat(p.rule()).contains("a second inventory");

    p = reject("regions:\n  US: {name: United States}\n" + MARKET
        + "  inventory:\n    - {product: magnet, region: US, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.rule()).contains("has no market for magnet");

    p = reject(MARKET + "  inventory:\n    - {product: magnet, region: CN, capacity: {dist: uniform, min: 1 t, max: 2 t}, band: 5 %}\n").get(0);
    assertThat(p.rule()).contains("distribution");

    p = reject("market:\n  model: global\n  inventory:\n    - {product: magnet, region: CN, capacity: 5 t, band: 5 %}\n").get(0);
    assertThat(p.path()).isEqualTo("market.inventory");
    assertThat(p.rule()).contains("only on `model: regional`");

    // every problem at once
    List<Problem> all = reject(MARKET + "  inventory:\n"
        + "    - {product: magnet, region: EU, capacity: -5 t, band: 5 %}\n"
        + "    - {product: magnet, region: CN, capacity: 5 t, band: 1.5}\n");
    assertThat(all).extracting(Problem::path)
        .contains("market.inventory[0].region", "market.inventory[0].capacity", "market.inventory[1].band");
  }
}
