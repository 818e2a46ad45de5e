package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * The shipped replay of China's 2010-11 export quota cut ({@code quota-crisis-2010}) against the same
 * 2009-2016 markets without the quota ({@code quota-crisis-2010-free-trade}): the qualitative outcomes
 * that docs/DATASET.md ("The 2010-11 quota crisis") documents. The quota applies to NdPr, Dy and Tb
 * oxides and metals from China, 2010-2014: 64 % of 2009's exports in 2010 (H2 cut 72 %), 99.75 % of
 * 2010's in 2011 (30,184 / 30,259 t), held in 2012-2014, abolished from 2015.
 */
class QuotaCrisis2010Test {
  /** Solver tolerance on prices and flows. */
  private static final double TOL = 1e-6;
  /** Oxide and metal trade cost in the scenario, USD/kg. */
  private static final double TRADE_COST = 1.0;
  private static final int NDPR_OXIDE = TradedProduct.oxide(Element.NDPR.ordinal()).ordinal();
  private static final int NDPR_METAL = TradedProduct.metal(Element.NDPR.ordinal()).ordinal();

  private static SupplyChain quota;
  private static SupplyChain free;
  private static RunResult withQuota;
  private static RunResult withoutQuota;

  @BeforeAll
  static void run() {
    Scenario q = ScenarioLoader.load("quota-crisis-2010");
    quota = q.chain();
    free = ScenarioLoader.load("quota-crisis-2010-free-trade").chain();
    withQuota = AnnualEngine.run(quota);
    withoutQuota = AnnualEngine.run(free);
  }

  private static double premium(SupplyChain c, RunResult r, int product, int year) {
    int t = c.axis().index(year);
    int cn = c.regionCodes().indexOf("CN");
    int jp = c.regionCodes().indexOf("JP");
    return r.regionalPrice(t, product, jp) - r.regionalPrice(t, product, cn);
  }

  @Test
  void replaysTheEraOnRegionalMarkets() {
    assertThat(quota.axis().firstYear()).isEqualTo(2009);
    assertThat(quota.axis().lastYear()).isEqualTo(2016);
    assertThat(withQuota.isRegional()).isTrue();
    // every figure of the self-contained dataset has a source or a stated method
    for (Figure f : ScenarioLoader.load("quota-crisis-2010").figures()) {
      assertThat(!f.source().isEmpty() || !f.method().isEmpty()).as(f.path()).isTrue();
    }
  }

  @Test
  void theQuotaOpensAnExChinaPremiumAboveTheTradeCostIn2011() {
    // NdPr oxide and metal cost more in Japan than in China by more than the trade cost
    assertThat(premium(quota, withQuota, NDPR_OXIDE, 2011)).isGreaterThan(TRADE_COST + 5);
    assertThat(premium(quota, withQuota, NDPR_METAL, 2011)).isGreaterThan(TRADE_COST + 5);
    // without the quota the gap is at most the trade cost
    assertThat(premium(free, withoutQuota, NDPR_OXIDE, 2011)).isLessThanOrEqualTo(TRADE_COST + TOL);
    assertThat(premium(free, withoutQuota, NDPR_METAL, 2011)).isLessThanOrEqualTo(TRADE_COST + TOL);
  }

  @Test
  void chinasMetalExportsAreCutTo64PercentIn2010() {
    int cn = quota.regionCodes().indexOf("CN");
    double exports2009 = 0;
    double exports2010 = 0;
    for (int to = 0; to < quota.regionCodes().size(); to++) {
      exports2009 += withQuota.trade(quota.axis().index(2009), NDPR_METAL, cn, to);
      exports2010 += withQuota.trade(quota.axis().index(2010), NDPR_METAL, cn, to);
    }
    assertThat(exports2009).isPositive();
    assertThat(exports2010).isCloseTo(0.64 * exports2009, within(1e-3 * exports2009));
  }

  @Test
  void thePremiumClosesWhenTheQuotaEnds() {
    double p2011 = premium(quota, withQuota, NDPR_OXIDE, 2011);
    for (int year : new int[] {2015, 2016}) {
      double p = premium(quota, withQuota, NDPR_OXIDE, year);
      assertThat(p).as("%d", year).isLessThanOrEqualTo(TRADE_COST + TOL);
      assertThat(p).as("%d", year).isLessThan(p2011);
      assertThat(premium(quota, withQuota, NDPR_METAL, year)).as("%d", year)
          .isLessThanOrEqualTo(TRADE_COST + TOL);
    }
  }
}
