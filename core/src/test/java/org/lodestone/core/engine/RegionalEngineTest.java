package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;

/**
 * Spatial equilibria solved by hand (two regions, CN = 0 and US = 1), and the equilibrium
 * conditions on seeded random regional chains. Trade costs: concentrate 0.5, oxides 1, metals 1,
 * magnets 2 USD/kg.
 */
class RegionalEngineTest {
  private static final double TOL = 1e-6;
  private static final double[] COSTS = {0.5, 1, 1, 1, 1, 1, 1, 2};
  private static final int MAG = TradedProduct.MAGNET.ordinal();

  /**
   * Upstream only in CN: mine 10, separation 5 (NdPr 30 % of REO), metal 20 USD/kg; magnet makers
   * A in CN (10 USD/kg, 100 t) and B in the US (20 USD/kg, {@code capB} t); demand 150 t, all in
   * the US, inelastic.
   */
  private static SupplyChain twoRegions(double capB, Trade.Builder caps) {
    SupplyChain c = RiskRowsTest.toy(1, capB); // the same toy as the risk metrics'
    Trade trade = caps == null ? Trade.free(1, 2, COSTS) : caps.build();
    return c.withTrade(trade);
  }

  @Test
  void exportsCloseThePriceGapToTheTradeCost() {
    // NdPr oxide in CN: (10 + 5) / 0.3 = 50; metal in CN 50 + 20 = 70, in the US 71 (imported).
    // A in CN: 10 + 0.3 × 70 = 31, delivered to the US 33. B in the US: 20 + 0.3 × 71 = 41.3.
    // The US needs 150 t: A's 100 t and 50 t from B, which is marginal: US price 41.3; A exports,
    // so the CN price is 41.3 − 2 = 39.3 (A earns the difference as rent).
    RunResult r = AnnualEngine.run(twoRegions(100, null));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(41.3, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 0)).isCloseTo(39.3, within(TOL));
    assertThat(r.regionalPrice(0, TradedProduct.NDPR_OXIDE.ordinal(), 0)).isCloseTo(50, within(TOL));
    assertThat(r.regionalPrice(0, TradedProduct.NDPR_METAL.ordinal(), 0)).isCloseTo(70, within(TOL));
    assertThat(r.regionalPrice(0, TradedProduct.NDPR_METAL.ordinal(), 1)).isCloseTo(71, within(TOL));
    assertThat(r.trade(0, MAG, 0, 1)).isCloseTo(100, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(50, within(TOL));
    assertThat(r.served(0, 0)).isCloseTo(150, within(TOL));
  }

  @Test
  void aBindingExportCapSplitsThePriceByMoreThanTheTradeCost() {
    // CN may export only 60 t of magnets: A makes 60 t (marginal, below capacity) so the CN price
    // falls to A's cost 31; B makes 90 t and sets the US price at 41.3. Gap 10.3 > trade cost 2.
    Trade.Builder caps = Trade.free(1, 2, COSTS).toBuilder().capTonnes(0, MAG, 0, 60);
    RunResult r = AnnualEngine.run(twoRegions(100, caps));
    assertThat(r.trade(0, MAG, 0, 1)).isCloseTo(60, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(90, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(41.3, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 0)).isCloseTo(31, within(TOL));
  }

  @Test
  void demandBeyondCappedSupplyIsUnservedAtTheChokePrice() {
    // B has only 80 t and CN may export 60 t: 140 t for 150 t of inelastic demand → 10 t unserved,
    // US price at the choke price 500
    Trade.Builder caps = Trade.free(1, 2, COSTS).toBuilder().capTonnes(0, MAG, 0, 60);
    RunResult r = AnnualEngine.run(twoRegions(80, caps));
    assertThat(r.unserved(0, 0)).isCloseTo(10, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(500, within(TOL));
  }

  @Test
  void aStockpileReleaseCoversWhatCappedSupplyCannot() {
    // as demandBeyondCappedSupply…: 140 t of supply for 150 t; a US stockpile releases 20 t, so B
    // needs only 70 of its 80 t and is marginal again: no unserved demand, US price 41.3
    Trade.Builder t = Trade.free(1, 2, COSTS).toBuilder().capTonnes(0, MAG, 0, 60).release(0, MAG, 1, 20);
    RunResult r = AnnualEngine.run(twoRegions(80, t));
    assertThat(r.unserved(0, 0)).isCloseTo(0, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(70, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(41.3, within(TOL));
    assertThat(r.stockpileFlow(0, MAG, 1)).isCloseTo(20, within(TOL));
  }

  @Test
  void aStockpilePurchaseIsDemandAtTheChokePrice() {
    // a CN stockpile buys 30 t: A serves it at home and sends 70 t to the US; B makes 80 t and is
    // marginal: US 41.3, CN 39.3 (A still exports)
    Trade.Builder t = Trade.free(1, 2, COSTS).toBuilder().purchase(0, MAG, 0, 30);
    RunResult r = AnnualEngine.run(twoRegions(100, t));
    assertThat(r.stockpileFlow(0, MAG, 0)).isCloseTo(-30, within(TOL));
    assertThat(r.trade(0, MAG, 0, 1)).isCloseTo(70, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(80, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 0)).isCloseTo(39.3, within(TOL));
  }

  @Test
  void anOxideReleaseDisplacesMining() {
    // 10 t of NdPr oxide released in the US flow to metal making in CN (+1 USD/kg): of the 45 t of
    // oxide the 150 t of magnets need, mines now supply 35 t, i.e. 35 / 0.3 = 116.67 t REO
    int ndpr = TradedProduct.NDPR_OXIDE.ordinal();
    Trade.Builder t = Trade.free(1, 2, COSTS).toBuilder().release(0, ndpr, 1, 10);
    RunResult r = AnnualEngine.run(twoRegions(100, t));
    assertThat(r.production(0, 0)).isCloseTo(35 / 0.3, within(TOL));
    assertThat(r.trade(0, ndpr, 1, 0)).isCloseTo(10, within(TOL));
    assertThat(r.elementSurplus(0, 0)).isCloseTo(0, within(TOL));
  }

  @Test
  void regionalMarginsUseTheProducersOwnMarket() {
    // exportsCloseThePriceGapToTheTradeCost: A sells at CN's 39.3 with CN metal at 70: 39.3 − 21 − 10
    // = 8.3; B is marginal in the US: 41.3 − 0.3 × 71 − 20 = 0
    RunResult r = AnnualEngine.run(twoRegions(100, null));
    java.util.Map<String, Double> margin = new java.util.HashMap<>();
    for (org.lodestone.core.results.ProducerRow row : org.lodestone.core.results.ProducerResults.rows(r, 2020, 2020)) {
      margin.put(row.producer(), row.margin());
    }
    assertThat(margin.get("magnet-a")).isCloseTo(8.3, within(TOL));
    assertThat(margin.get("magnet-b")).isCloseTo(0, within(TOL));
  }

  @Test
  void aTariffWidensTheGapByItsAmount() {
    // a 5 USD/kg tariff on magnets into the US: A delivered costs 31 + 2 + 5 = 38 < 41.3, so A still
    // exports its 100 t and B stays marginal; the CN price drops to 41.3 − 7 = 34.3
    Trade.Builder t = Trade.free(1, 2, COSTS).toBuilder().addTariff(0, MAG, -1, 1, 5);
    RunResult r = AnnualEngine.run(twoRegions(100, t));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(41.3, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 0)).isCloseTo(34.3, within(TOL));
  }

  @Test
  void threeRegionsWithARouteThatFlowsAndOneThatDoesNot() {
    // CN (0) has the whole upstream and maker A (10 USD/kg, 100 t); JP (1) has maker J (12 USD/kg,
    // 100 t) and buys its metal from CN (+1 USD/kg); demand 120 t, 20 % in JP and 80 % in the US (2).
    // Full costs: A 10 + 0.3 × 70 = 31 in CN; J 12 + 0.3 × 71 = 33.3 in JP. Delivered to the US: A 33,
    // J 35.3; to JP: A 33 < J 33.3. A (100 t) goes first where it saves most: the US (96 t), then 4 t
    // to JP; J covers the other 20 t of JP and is marginal: p_JP = 33.3. A exports to JP, so
    // p_CN = 33.3 − 2 = 31.3, and to the US, so p_US = 31.3 + 2 = 33.3. JP → US is open but does not
    // flow: the gap p_US − p_JP = 0 does not exceed its trade cost 2.
    java.util.List<String> regions = java.util.List.of("CN", "JP", "US");
    java.util.List<org.lodestone.core.model.Producer> producers = new java.util.ArrayList<>();
    org.lodestone.core.model.ProducerStatus op = org.lodestone.core.model.ProducerStatus.OPERATING;
    producers.add(new org.lodestone.core.model.Producer("mine", "mine", Stage.MINING, 0, "m", op, 0, 10, new double[] {1000}));
    producers.add(new org.lodestone.core.model.Producer("sep", "sep", Stage.SEPARATION, 0, "s", op, -1, 5, new double[] {1000}));
    producers.add(new org.lodestone.core.model.Producer("metal", "metal", Stage.METAL, 0, "x", op, -1, 20, new double[] {1000}));
    producers.add(new org.lodestone.core.model.Producer("A", "A", Stage.MAGNET, 0, "a", op, -1, 10, new double[] {100}));
    producers.add(new org.lodestone.core.model.Producer("J", "J", Stage.MAGNET, 1, "j", op, -1, 12, new double[] {100}));
    org.lodestone.core.model.Sector sector = new org.lodestone.core.model.Sector("ev", "ev", new double[] {120},
        new double[] {0.3, 0, 0}, 0, new double[] {0, 0.2, 0.8});
    SupplyChain chain = new SupplyChain(new org.lodestone.core.model.TimeAxis(2020, 2020), regions,
        java.util.List.of("bastnaesite"), new double[] {0.3, 0, 0}, producers, java.util.List.of(sector),
        new org.lodestone.core.model.MarketParameters(new double[] {1, 1, 1}, new double[] {50, 500, 1000},
            new double[] {1e6, 1e6, 1e6}, 40, 500, 1, 1, 0),
        Trade.free(1, 3, COSTS));
    RunResult r = AnnualEngine.run(chain);
    assertThat(r.trade(0, MAG, 0, 2)).isCloseTo(96, within(TOL));
    assertThat(r.trade(0, MAG, 0, 1)).isCloseTo(4, within(TOL));
    assertThat(r.trade(0, MAG, 1, 2)).isCloseTo(0, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(20, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 1)).isCloseTo(33.3, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 0)).isCloseTo(31.3, within(TOL));
    assertThat(r.regionalPrice(0, MAG, 2)).isCloseTo(33.3, within(TOL));
  }

  static java.util.stream.IntStream seeds() {
    return java.util.stream.IntStream.range(0, 40);
  }

  /**
   * A seeded random regional chain: {@link AnnualEnginePropertyTest#randomChain} (with co-products)
   * on two regions, random unit trade costs of 0.5–3.5 USD/kg and, for half the seeds, a magnet
   * export cap on CN (region 0) in the first year.
   */
  static SupplyChain randomRegionalChain(long seed) {
    SupplyChain base = AnnualEnginePropertyTest.randomChain(seed, false);
    Random rnd = new Random(seed);
    double[] costs = new double[TradedProduct.COUNT];
    for (int p = 0; p < costs.length; p++) {
      costs[p] = 0.5 + 3 * rnd.nextDouble();
    }
    Trade.Builder tb = Trade.free(base.axis().size(), 2, costs).toBuilder();
    if (rnd.nextBoolean()) {
      tb.capTonnes(0, MAG, 0, 20 * rnd.nextDouble());
    }
    return base.withTrade(tb.build());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void equilibriumConditionsHoldOnRandomRegionalChains(long seed) {
    SupplyChain chain = randomRegionalChain(seed);
    RunResult r = AnnualEngine.run(chain);
    Trade trade = chain.trade();
    for (int t = 0; t < chain.axis().size(); t++) {
      AnnualEnginePropertyTest.servedMagnetsHoldTheRareEarthsUsed(chain, r, t);
    }
    for (int t = 0; t < chain.axis().size(); t++) {
      for (int p = 0; p < chain.producers().size(); p++) {
        assertThat(r.production(t, p)).isBetween(-TOL, r.capacity(t, p) + 1e-6 * (1 + r.capacity(t, p)));
      }
      // concentrate moves from mines (not market nodes) to separation: skip it here
      for (int prod = 1; prod < TradedProduct.COUNT; prod++) {
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            if (!RegionalEngine.route(chain, t, prod, a, b)) {
              continue;
            }
            double pa = r.regionalPrice(t, prod, a);
            double pb = r.regionalPrice(t, prod, b);
            if (Double.isNaN(pa) || Double.isNaN(pb)) {
              continue;
            }
            double gap = pb - pa;
            double cost = trade.cost(t, prod, a, b);
            boolean capped = !Double.isNaN(trade.capTonnes(t, prod, a));
            double flow = r.trade(t, prod, a, b);
            // no flow: the gap does not exceed the trade cost (else arbitrage would pay)
            if (flow <= 1e-7 && !capped) {
              assertThat(gap).as("seed %d, product %d, %d→%d", seed, prod, a, b).isLessThanOrEqualTo(cost + 1e-6);
            }
            // flow: the gap equals the trade cost, or exceeds it where a cap binds
            if (flow > 1e-6) {
              if (capped) {
                assertThat(gap).isGreaterThanOrEqualTo(cost - 1e-6);
              } else {
                assertThat(gap).as("seed %d, product %d", seed, prod).isCloseTo(cost, within(1e-6));
              }
            }
          }
        }
      }
      // producers: below their region's price at capacity, above it at zero (magnet makers, net of
      // materials, are checked through the flows above; here separation and metal)
      for (int p = 0; p < chain.producers().size(); p++) {
        Producer pr = chain.producers().get(p);
        if (pr.stage() == Stage.MAGNET) {
          double price = r.regionalPrice(t, MAG, pr.region());
          if (!Double.isNaN(price) && pr.offerCostT(t) > price + 1e-6) {
            assertThat(r.production(t, p)).as("%s dearer than its market", pr.id()).isLessThanOrEqualTo(1e-6);
          }
        }
      }
    }
  }

  @Test
  void noTradeSetUpMeansTheGlobalEngine() {
    SupplyChain c = twoRegions(100, null).withTrade(null);
    assertThat(AnnualEngine.run(c).isRegional()).isFalse();
  }
}
