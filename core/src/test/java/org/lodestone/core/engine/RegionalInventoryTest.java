package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Commercial inventories on a one-region market solved by hand. Everything is in the US (region 1;
 * CN has no market): mine 10 USD/kg REO (NdPr 30 %), separation 5, metal 20, so NdPr oxide costs
 * (10 + 5) / 0.3 = 50 USD/kg, metal 50 + 20 = 70 and a magnet 10 + 0.3 × 70 = 31 USD/kg from the
 * maker; inelastic demand of 150 t of magnets a year. Reference magnet price of the dataset: 40 USD/kg.
 */
class RegionalInventoryTest {
  private static final double TOL = 1e-6;
  private static final int MAG = TradedProduct.MAGNET.ordinal();
  private static final double[] COSTS = {0.5, 1, 1, 1, 1, 1, 1, 2};

  /** The chain over {@code makerCapacity.length} years, with the magnet maker's capacity path. */
  private static SupplyChain oneRegion(double[] makerCapacity, Inventory... inventories) {
    ChainBuilder b = new ChainBuilder(makerCapacity.length)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 1, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 1, null, 5, 1000)
        .producer("metal", Stage.METAL, 1, null, 20, 1000)
        .sector("ev", 150, 0.3, 0, 0, 0);
    b.producers.add(new Producer("magnet", "magnet", Stage.MAGNET, 1, "m", ProducerStatus.OPERATING, -1, 10,
        makerCapacity));
    Trade trade = Trade.free(makerCapacity.length, 2, COSTS).withInventories(List.of(inventories));
    return b.build().withTrade(trade);
  }

  @Test
  void anInventoryBuysInACheapYearAndSellsInACappedOne() {
    // capacity 100 t, empty, band 10 %, at most 60 t a year.
    // Year 1: reference 40 (dataset), buy below 0.9 × 40 = 36. The maker (200 t at 31) serves the
    // 150 t and offers 50 t more, which the inventory takes at up to 36 > 31: it buys 50 t (< 60 t,
    // < 100 t of room), the maker is at capacity and the inventory's bid is marginal: price 36.
    // Year 2: reference = mean of year 1's price = 36; sell at or above 1.1 × 36 = 39.6. The maker
    // has only 120 t, the inventory sells the missing 30 t of its 50 t (not all: marginal), so the
    // price falls from the choke price (500, 30 t unserved without the inventory) to 39.6. Level 20 t.
    Inventory inv = new Inventory(MAG, 1, 100, 0, 0.10, 60, 3);
    RunResult r = AnnualEngine.run(oneRegion(new double[] {200, 120}, inv));
    assertThat(r.production(0, 3)).isCloseTo(200, within(TOL));
    assertThat(r.inventoryFlow(0, 0)).isCloseTo(-50, within(TOL));
    assertThat(r.inventoryLevel(0, 0)).isCloseTo(50, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(36, within(TOL));
    assertThat(r.inventoryFlow(1, 0)).isCloseTo(30, within(TOL));
    assertThat(r.inventoryLevel(1, 0)).isCloseTo(20, within(TOL));
    assertThat(r.regionalPrice(1, MAG, 1)).isCloseTo(39.6, within(TOL));
    assertThat(r.unserved(1, 0)).isCloseTo(0, within(TOL));
    assertThat(r.served(0, 0)).isCloseTo(150, within(TOL));

    RunResult without = AnnualEngine.run(oneRegion(new double[] {200, 120}));
    assertThat(without.regionalPrice(1, MAG, 1)).isCloseTo(500, within(TOL));
    assertThat(without.unserved(1, 0)).isCloseTo(30, within(TOL));
    assertThat(without.regionalPrice(0, MAG, 1)).isCloseTo(31, within(TOL));
  }

  @Test
  void theMaximumFlowAndTheRoomBoundWhatItBuys() {
    // the maker has 250 t: after the 150 t of demand, 100 t at 31 < 36. The inventory takes its 60 t
    // a year, the maker stays marginal below capacity (210 t): price 31. Next year it has room for
    // only 80 − 60 = 20 t and the reference is 31: buy below 27.9 < 31, so it buys nothing.
    Inventory inv = new Inventory(MAG, 1, 80, 0, 0.10, 60, 3);
    RunResult r = AnnualEngine.run(oneRegion(new double[] {250, 250}, inv));
    assertThat(r.inventoryFlow(0, 0)).isCloseTo(-60, within(TOL));
    assertThat(r.production(0, 3)).isCloseTo(210, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(31, within(TOL));
    assertThat(r.inventoryFlow(1, 0)).isCloseTo(0, within(TOL));
    assertThat(r.inventoryLevel(1, 0)).isCloseTo(60, within(TOL));
    // and with an initial level of 70 t there is room for 10 t only
    RunResult full = AnnualEngine.run(oneRegion(new double[] {250}, new Inventory(MAG, 1, 80, 70, 0.10, 60, 3)));
    assertThat(full.inventoryFlow(0, 0)).isCloseTo(-10, within(TOL));
    assertThat(full.inventoryLevel(0, 0)).isCloseTo(80, within(TOL));
  }

  @Test
  void insideTheBandItNeitherBuysNorSells() {
    // band 25 %: buy below 30 < 31 (the maker's price), sell above 50: a 40 t stock stays put
    RunResult r = AnnualEngine.run(oneRegion(new double[] {200}, new Inventory(MAG, 1, 100, 40, 0.25, 60, 3)));
    assertThat(r.inventoryFlow(0, 0)).isCloseTo(0, within(TOL));
    assertThat(r.inventoryLevel(0, 0)).isCloseTo(40, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(31, within(TOL));
  }

  @Test
  void aMetalInventoryDrawsOxideThroughMetalMaking() {
    // an NdPr metal inventory with a reference price of 100 USD/kg (oxide reference 100, factors 1):
    // buy below 90 > 70, so it buys its maximum 20 t of metal, made from 20 t more oxide. Oxide used:
    // 150 × 0.3 + 20 = 65 t, all separated (no surplus); metal made 65 t. The tidy rows report the
    // level and balance.
    ChainBuilder b = new ChainBuilder(1)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 1, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 1, null, 5, 1000)
        .producer("metal", Stage.METAL, 1, null, 20, 1000)
        .producer("magnet", Stage.MAGNET, 1, null, 10, 200)
        .sector("ev", 150, 0.3, 0, 0, 0);
    b.oxideRef = new double[] {100, 500, 1000};
    int ndprMetal = TradedProduct.NDPR_METAL.ordinal();
    Trade trade = Trade.free(1, 2, COSTS).withInventories(List.of(new Inventory(ndprMetal, 1, 100, 0, 0.1, 20, 3)));
    RunResult r = AnnualEngine.run(b.build().withTrade(trade));
    assertThat(r.inventoryFlow(0, 0)).isCloseTo(-20, within(TOL));
    assertThat(r.regionalPrice(0, ndprMetal, 1)).isCloseTo(70, within(TOL));
    assertThat(r.elementUsed(0, 0)).isCloseTo(65, within(TOL));
    assertThat(r.elementSeparated(0, 0)).isCloseTo(65, within(TOL));
    assertThat(r.elementSurplus(0, 0)).isCloseTo(0, within(TOL));
    List<ResultRow> rows = TidyResults.rows(r, 2020, 2020);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("inventory");
      assertThat(row.stage()).isEqualTo("metal");
      assertThat(row.product()).isEqualTo("NdPr");
      assertThat(row.region()).isEqualTo("US");
      assertThat(row.value()).isCloseTo(20, within(TOL));
    });
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("production");
      assertThat(row.stage()).isEqualTo("metal");
      assertThat(row.product()).isEqualTo("NdPr");
      assertThat(row.region()).isEmpty();
      assertThat(row.value()).isCloseTo(65, within(TOL));
    });
  }

  @Test
  void inventoriesAreValidatedAtConstruction() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Inventory(MAG, 0, -1, 0, 0.1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Inventory(MAG, 0, 10, 0, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Inventory(MAG, 0, 10, 11, 0.1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Inventory(0, 0, 10, 0, 0.1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not product");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trade.free(1, 2, COSTS).withInventories(
        List.of(new Inventory(MAG, 0, 10, 0, 0.1, 1, 3), new Inventory(MAG, 0, 5, 0, 0.1, 1, 3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two inventories");
  }
}
