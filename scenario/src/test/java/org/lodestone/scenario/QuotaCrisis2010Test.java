package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * The shipped replay of China's 2010-11 export quota cut ({@code quota-crisis-2010}) against the same
 * 2009-2016 markets without the quota ({@code quota-crisis-2010-free-trade}): the qualitative outcomes
 * that docs/DATASET.md ("The 2010-11 quota crisis") documents. The quota applies to NdPr, Dy and Tb
 * oxides and metals from China, 2010-2014: 64 % of 2009's exports in 2010 (H2 cut 72 %), 99.75 % of
 * 2010's in 2011 (30,184 / 30,259 t), held in 2012-2014, abolished from 2015. With it come two of
 * China's domestic measures: a stockpile of NdPr oxide in 2010-2011 and the 2011 crackdown on output
 * beyond the production cap (12.5 % of China's mine capacity in 2011), which push China past its
 * supply margin in 2011: NdPr oxide spikes inside and outside China, substitution and ex-China
 * separation respond, and the export quota's two-tier price shows in 2010 and 2012-2014.
 */
class QuotaCrisis2010Test {
  /** Solver tolerance on prices and flows. */
  private static final double TOL = 1e-6;
  /** Oxide and metal trade cost in the scenario, USD/kg. */
  private static final double TRADE_COST = 1.0;
  private static final int NDPR_OXIDE = TradedProduct.oxide(Element.NDPR.ordinal()).ordinal();
  private static final int NDPR_METAL = TradedProduct.metal(Element.NDPR.ordinal()).ordinal();
  /** NdPr oxide reference price of the scenario (pre-spike), USD/kg. */
  private static final double NDPR_REFERENCE = 23.0;

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

  private static double price(SupplyChain c, RunResult r, int product, String region, int year) {
    return r.regionalPrice(c.axis().index(year), product, c.regionCodes().indexOf(region));
  }

  @Test
  void theQuotaOpensAnExChinaPremiumAboveTheTradeCost() {
    // while the quota binds and China is not in its 2011 squeeze (2010, 2012-2014), NdPr oxide and
    // metal cost more in Japan than in China by more than the trade cost
    for (int year : new int[] {2010, 2012, 2013, 2014}) {
      assertThat(premium(quota, withQuota, NDPR_OXIDE, year)).as("%d", year).isGreaterThan(TRADE_COST + 5);
      assertThat(premium(quota, withQuota, NDPR_METAL, year)).as("%d", year).isGreaterThan(TRADE_COST + 5);
    }
    // without the quota the gap is at most the trade cost
    for (int year = 2010; year <= 2014; year++) {
      assertThat(premium(free, withoutQuota, NDPR_OXIDE, year)).as("%d", year)
          .isLessThanOrEqualTo(TRADE_COST + TOL);
      assertThat(premium(free, withoutQuota, NDPR_METAL, year)).as("%d", year)
          .isLessThanOrEqualTo(TRADE_COST + TOL);
    }
  }

  @Test
  void chinasDomesticMeasuresMakeNdPrSpikeIn2011InsideAndOutsideChina() {
    // the stockpile and the crackdown take China past its supply margin: NdPr oxide at more than 3x
    // its reference in China and in Japan (observed: 190-200 USD/kg FOB China at year-end 2011, ~8x;
    // China's domestic PrNd oxide ~145 USD/kg in September 2011)
    for (String region : new String[] {"CN", "JP"}) {
      assertThat(price(quota, withQuota, NDPR_OXIDE, region, 2011)).as(region)
          .isGreaterThan(3 * NDPR_REFERENCE)
          .isGreaterThan(2 * price(quota, withQuota, NDPR_OXIDE, region, 2010));
    }
    // without China's policies the 2011 price stays below the substitution trigger (1.5x)
    for (String region : new String[] {"CN", "JP"}) {
      assertThat(price(free, withoutQuota, NDPR_OXIDE, region, 2011)).as(region)
          .isLessThan(1.5 * NDPR_REFERENCE);
    }
    // and the spike does not last: by 2013 China's price is back below 1.5x the reference
    assertThat(price(quota, withQuota, NDPR_OXIDE, "CN", 2013)).isLessThan(1.5 * NDPR_REFERENCE);
    // the stockpile holds what it bought (800 t of NdPr oxide a year in 2010 and 2011)
    int cn = quota.regionCodes().indexOf("CN");
    double bought = 0;
    for (int year = 2009; year <= 2016; year++) {
      bought -= withQuota.stockpileFlow(quota.axis().index(year), NDPR_OXIDE, cn);
    }
    assertThat(bought).isCloseTo(1600, within(1e-3));
  }

  @Test
  void substitutionRespondsToTheSpikeOnlyWithChinasPolicies() {
    int subs = quota.dynamics().substitutes().size();
    double withPolicies = 0;
    double without = 0;
    for (int k = 0; k < subs; k++) {
      withPolicies += withQuota.substituteShare(quota.axis().index(2012), k);
      without += withoutQuota.substituteShare(free.axis().index(2012), k);
    }
    assertThat(subs).isPositive();
    assertThat(withPolicies).isPositive();
    assertThat(without).isZero();
  }

  @Test
  void separationOutsideChinaIsBuiltOnlyWithChinasPolicies() {
    assertThat(startedOutsideChina(quota, withQuota, Stage.SEPARATION)).isGreaterThan(1000);
    assertThat(startedOutsideChina(free, withoutQuota, Stage.SEPARATION)).isZero();
  }

  private static double startedOutsideChina(SupplyChain c, RunResult r, Stage stage) {
    double started = 0;
    int cn = c.regionCodes().indexOf("CN");
    for (int i = 0; i < c.dynamics().investments().size(); i++) {
      var inv = c.dynamics().investments().get(i);
      if (inv.stage() != stage || inv.region() == cn) {
        continue;
      }
      for (int t = 0; t < c.axis().size(); t++) {
        started += r.investmentStarted(t, i);
      }
    }
    return started;
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
    double p2014 = premium(quota, withQuota, NDPR_OXIDE, 2014);
    for (int year : new int[] {2015, 2016}) {
      double p = premium(quota, withQuota, NDPR_OXIDE, year);
      assertThat(p).as("%d", year).isLessThanOrEqualTo(TRADE_COST + TOL);
      assertThat(p).as("%d", year).isLessThan(p2014);
      assertThat(premium(quota, withQuota, NDPR_METAL, year)).as("%d", year)
          .isLessThanOrEqualTo(TRADE_COST + TOL);
    }
  }
}
