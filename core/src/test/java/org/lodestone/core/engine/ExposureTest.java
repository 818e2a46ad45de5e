package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.BuyerProduct;
import org.lodestone.core.exposure.Exposure;
import org.lodestone.core.exposure.ExposureResult;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;

/**
 * A buyer's exposure by hand. Regional toy: upstream in CN; magnet makers A in CN (100 t) and B in
 * the US (25 t); 150 t of inelastic EV demand, all in the US; CN may export 50 t of magnets. The US
 * market gets 50 + 25 = 75 t of 150: half its demand is unserved.
 */
class ExposureTest {
  private static final double[] COSTS = {0.5, 1, 1, 1, 1, 1, 1, 2};
  private static final double TOL = 1e-6;

  private static SupplyChain cappedByHalf() {
    SupplyChain c = RiskRowsTest.toy(1, 25);
    return c.withTrade(Trade.free(1, 2, COSTS).toBuilder().capTonnes(0, TradedProduct.MAGNET.ordinal(), 0, 50).build());
  }

  /** 1,000 units a year of 10 kg of magnet: 10 t a year. */
  private static BuyerProduct product(double[] sourcing, double stockMonths) {
    return new BuyerProduct("motor", 0, new double[] {1000}, 10, null, sourcing, 0.5, 50, stockMonths);
  }

  @Test
  void aBuyerWhoseOnlySupplierRegionIsCappedByHalfGetsHalfItsNeedShort() {
    RunResult r = AnnualEngine.run(cappedByHalf());
    assertThat(r.unserved(0, 0)).isCloseTo(75, within(TOL));
    assertThat(r.unservedShare(0, 0, 1)).isCloseTo(0.5, within(TOL));
    // sourcing all in the US market: 10 t needed, half at risk; 3 months on hand = 2.5 t
    ExposureResult x = Exposure.compute(r, new Buyer("b", List.of(product(new double[] {0, 1}, 3)), 0.1));
    assertThat(x.magnetsT(0)).isCloseTo(10, within(1e-12));
    assertThat(x.elementT(0, 0)).isCloseTo(3, within(1e-9)); // the sector's grade, 30 % NdPr
    assertThat(x.atRiskT(0)).isCloseTo(5, within(TOL));
    assertThat(x.stockT(0)).isCloseTo(2.5, within(1e-12));
    assertThat(x.shortfallT(0)).isCloseTo(2.5, within(TOL));
    // cost: 10 t at the US price, half of it on contract at 50 USD/kg
    double us = r.magnetPrice(0, 1);
    assertThat(x.costMarketUsd(0)).isCloseTo(10_000 * us, within(1e-6));
    assertThat(x.costUsd(0)).isCloseTo(5_000 * 50 + 5_000 * us, within(1e-6));
  }

  @Test
  void anExportCapThatClearsByPriceLeavesTheBuyerHalfItsNeedShortAgainstTheUncappedRun() {
    // reference: the toy with maker B at 100 t and free trade; inelastic demand of 150 t in the US is
    // served in full (A 100 + B 50). Scenario: B at 25 t, CN's magnet exports capped at 50 t and the
    // sector's demand elastic (-1): the US gets 50 + 25 = 75 t, and its price rises until demand is
    // 75 t, 150 x (p / 40)^-1 = 75 at p = 80 USD/kg, below the choke price (500): nothing is unserved,
    // yet the US buyers get half of what they got without the cap. The buyer, all in the US market,
    // is short 10 t x (1 - 75 / 150) = 5 t against the reference and 0 t against the run itself.
    RunResult reference = AnnualEngine.run(RiskRowsTest.toy(1, 100).withTrade(Trade.free(1, 2, COSTS)));
    assertThat(reference.servedIn(0, 0, 1)).isCloseTo(150, within(TOL));
    SupplyChain elastic = new ChainBuilder(1)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 20, 25)
        .sector("ev", 150, 0.3, 0, 0, -1)
        .build();
    RunResult r = AnnualEngine.run(elastic.withTrade(
        Trade.free(1, 2, COSTS).toBuilder().capTonnes(0, TradedProduct.MAGNET.ordinal(), 0, 50).build()));
    assertThat(r.unserved(0, 0)).isCloseTo(0, within(TOL));
    assertThat(r.servedIn(0, 0, 1)).isCloseTo(75, within(TOL));
    Buyer buyer = new Buyer("b", List.of(product(new double[] {0, 1}, 0)), 0.1);
    assertThat(Exposure.compute(r, buyer).atRiskT(0)).isCloseTo(0, within(TOL));
    ExposureResult x = Exposure.compute(r, reference, buyer);
    assertThat(x.atRiskT(0)).isCloseTo(5, within(TOL));
    assertThat(x.shortfallT(0)).isCloseTo(5, within(TOL));
    // against itself the reference has nothing short
    assertThat(Exposure.compute(reference, reference, buyer).atRiskT(0)).isCloseTo(0, within(TOL));
    // a buyer half in CN, where the sector has no demand in either run: half the risk
    assertThat(Exposure.compute(r, reference, new Buyer("b", List.of(product(new double[] {0.5, 0.5}, 0)), 0.1))
        .atRiskT(0)).isCloseTo(2.5, within(TOL));
  }

  @Test
  void stockOnHandIsDrawnDownOverAMultiYearShortfall() {
    // the toy with maker B at 50 t (A 100 + B 50 = the 150 t of demand) over four years, CN's magnet
    // exports capped at 50 t in the first two: the US gets 50 + 50 = 100 t of 150, a third short.
    // 10 t needed a year, 10/3 t at risk in 2020 and 2021, none after. Six months on hand = 5 t:
    // 2020's 3.33 t are covered (1.67 t left), the stock cannot be restocked from a market that
    // leaves the buyer short, so 2021 is 3.33 - 1.67 = 1.67 t short; 2022 (nothing at risk) starts
    // empty; the full 5 t are back in 2023
    Trade.Builder tb = Trade.free(4, 2, COSTS).toBuilder();
    tb.capTonnes(0, TradedProduct.MAGNET.ordinal(), 0, 50).capTonnes(1, TradedProduct.MAGNET.ordinal(), 0, 50);
    RunResult r = AnnualEngine.run(RiskRowsTest.toy(4, 50).withTrade(tb.build()));
    BuyerProduct line = new BuyerProduct("motor", 0, new double[] {1000, 1000, 1000, 1000}, 10, null,
        new double[] {0, 1}, 0.5, 50, 6);
    ExposureResult x = Exposure.compute(r, new Buyer("b", List.of(line), 0.1));
    double third = 10.0 / 3;
    assertThat(x.atRiskT(0)).isCloseTo(third, within(TOL));
    assertThat(x.atRiskT(1)).isCloseTo(third, within(TOL));
    assertThat(x.stockT(0)).isCloseTo(5, within(1e-12));
    assertThat(x.shortfallT(0)).isCloseTo(0, within(TOL));
    assertThat(x.stockT(1)).isCloseTo(5 - third, within(TOL));
    assertThat(x.shortfallT(1)).isCloseTo(2 * third - 5, within(TOL));
    assertThat(x.atRiskT(2)).isCloseTo(0, within(TOL));
    assertThat(x.stockT(2)).isCloseTo(0, within(TOL)); // still empty: 2021 left the buyer short
    assertThat(x.stockT(3)).isCloseTo(5, within(1e-12)); // restocked after a year with nothing at risk
  }

  @Test
  void halfTheSourcingInAMarketWithoutShortfallHalvesTheRisk() {
    RunResult r = AnnualEngine.run(cappedByHalf());
    // CN has no magnet demand, hence nothing unserved there: at risk 10 t x (0.5 x 0 + 0.5 x 0.5)
    ExposureResult x = Exposure.compute(r, new Buyer("b", List.of(product(new double[] {0.5, 0.5}, 0)), 0.1));
    assertThat(x.atRiskT(0)).isCloseTo(2.5, within(TOL));
    assertThat(x.shortfallT(0)).isCloseTo(2.5, within(TOL));
    // six months on hand cover it
    ExposureResult covered = Exposure.compute(r, new Buyer("b", List.of(product(new double[] {0.5, 0.5}, 6)), 0.1));
    assertThat(covered.shortfallT(0)).isEqualTo(0.0);
    assertThat(Exposure.monthsToCover(2.5, 10)).isCloseTo(3, within(1e-12));
  }

  @Test
  void globalMarketSharesTheSectorsWorldShortfall() {
    // one global market: 125 t of capacity for 150 t of inelastic demand -> 25 / 150 unserved,
    // whichever region the buyer names
    SupplyChain c = cappedByHalf().withTrade(null);
    RunResult r = AnnualEngine.run(c);
    assertThat(r.unserved(0, 0)).isCloseTo(25, within(1e-9));
    ExposureResult x = Exposure.compute(r, new Buyer("b", List.of(product(new double[] {1, 0}, 0)), 0.1));
    assertThat(x.atRiskT(0)).isCloseTo(10 * 25.0 / 150, within(1e-9));
    assertThat(x.costMarketUsd(0)).isCloseTo(10_000 * r.magnetPrice(0), within(1e-6));
  }
}
