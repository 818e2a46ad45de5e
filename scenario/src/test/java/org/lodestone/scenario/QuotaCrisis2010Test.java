package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * The shipped replay of China's 2010-11 export quota cut ({@code quota-crisis-2010}) against the same
 * 2009-2016 markets without the quota ({@code quota-crisis-2010-free-trade}), both on the element
 * market by region: NdPr, Dy and Tb oxide each have their own price in each region, China's ionic-clay
 * mining quota is a production cap beside the mines' nameplate, with the illegal output outside it
 * as the cap's off-quota tranche (which the 2011 crackdown, an {@code off_quota} event, shrinks). The outcomes that docs/DATASET.md ("The 2010-11 quota crisis") and the
 * README document, against the observed prices in the scenario's history (FOB China = the price
 * outside China, compared with Japan's): what is reproduced is pinned here; what is not (Dy's 2011
 * spike to 1,410 USD/kg, Tb after 2011) is documented there and measured in
 * {@link #dysprosiumRisesWithDemandAgainstTheHeavyQuotaButDoesNotSpikeIn2011()}.
 */
class QuotaCrisis2010Test {
  /** Solver tolerance on prices and flows (the element market polishes balances to ~1e-9). */
  private static final double TOL = 1e-6;
  /** Oxide and metal trade cost in the scenario, USD/kg. */
  private static final double TRADE_COST = 1.0;
  /**
   * Where goods flow freely the price gap is the trade cost plus the link's congestion, which adds at
   * most 0.1 % of the price at the good's whole world flow (README, "Element market by region").
   */
  private static final double CONGESTION_SHARE = 1e-3;
  private static final int NDPR_OXIDE = TradedProduct.oxide(Element.NDPR.ordinal()).ordinal();
  private static final int DY_OXIDE = TradedProduct.oxide(Element.DY.ordinal()).ordinal();
  /** NdPr oxide reference price: the 2009 average FOB China (Lynas: Nd 19.12, Pr 18.03 at 75:25), USD/kg. */
  private static final double NDPR_REFERENCE = 18.85;
  /** Dy oxide, 2009 average FOB China (Lynas table via RareMetalBlog), USD/kg. */
  private static final double DY_2009_OBSERVED = 115.67;
  /** Dy oxide, USGS annual averages FOB China 2015 and 2016 (MCS 2019, 2021), USD/kg. */
  private static final double DY_2015_OBSERVED = 279;
  private static final double DY_2016_OBSERVED = 198;

  private static SupplyChain quota;
  private static SupplyChain free;
  private static RunResult withQuota;
  private static RunResult withoutQuota;

  @BeforeAll
  static void run() {
    quota = ScenarioLoader.load("quota-crisis-2010").chain();
    free = ScenarioLoader.load("quota-crisis-2010-free-trade").chain();
    withQuota = AnnualEngine.run(quota);
    withoutQuota = AnnualEngine.run(free);
  }

  private static double price(SupplyChain c, RunResult r, int product, String region, int year) {
    return r.regionalPrice(c.axis().index(year), product, c.regionCodes().indexOf(region));
  }

  private static double premium(SupplyChain c, RunResult r, int product, int year) {
    return price(c, r, product, "JP", year) - price(c, r, product, "CN", year);
  }

  /** The largest gap between Japan and China where the good flows freely: trade cost plus congestion. */
  private static double freeGap(SupplyChain c, RunResult r, int product, int year) {
    return TRADE_COST + CONGESTION_SHARE * price(c, r, product, "JP", year) + TOL;
  }

  private static int producer(SupplyChain c, String id) {
    for (int p = 0; p < c.producers().size(); p++) {
      if (c.producers().get(p).id().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no producer " + id);
  }

  /**
   * Tb oxide is free in 2015-16 (world price solver dust, ~1e-15 USD/kg, printed 0): no price_change row
   * where either year's world price prints 0, one wherever both are prices (README, metric table).
   */
  @Test
  void aPriceChangeRowNeedsTwoPricesThatAreNotZero() {
    java.util.List<org.lodestone.core.results.ResultRow> rows =
        org.lodestone.core.results.TidyResults.rows(withQuota, quota.axis().firstYear(), quota.axis().lastYear());
    java.util.Map<String, Double> world = new java.util.HashMap<>();
    java.util.Set<String> changes = new java.util.HashSet<>();
    for (var row : rows) {
      if (row.region().isEmpty() && row.sector().isEmpty() && row.metric().equals("price")) {
        world.put(row.year() + " " + row.stage() + " " + row.product(), row.value());
      } else if (row.metric().equals("price_change")) {
        changes.add(row.year() + " " + row.stage() + " " + row.product());
        assertThat(Double.isFinite(row.value())).as(row.toString()).isTrue();
      }
    }
    assertThat(changes).doesNotContain("2015 separation Tb", "2016 separation Tb");
    int both = 0;
    for (var e : world.entrySet()) {
      String[] k = e.getKey().split(" ");
      Double prev = world.get((Integer.parseInt(k[0]) - 1) + " " + k[1] + " " + k[2]);
      if (prev == null) {
        continue;
      }
      boolean priced = prev > org.lodestone.core.results.Noise.ZERO_BELOW
          && e.getValue() > org.lodestone.core.results.Noise.ZERO_BELOW;
      both += priced ? 1 : 0;
      assertThat(changes.contains(e.getKey())).as("price_change %s", e.getKey()).isEqualTo(priced);
    }
    assertThat(both).isGreaterThan(40); // 7 price series x 7 changes (2010-2016) = 49, less the free ones
  }

  @Test
  void replaysTheEraOnTheElementMarketByRegion() {
    assertThat(quota.axis().firstYear()).isEqualTo(2009);
    assertThat(quota.axis().lastYear()).isEqualTo(2016);
    assertThat(withQuota.isRegional()).isTrue();
    assertThat(quota.elementMarket()).isNotNull();
    assertThat(free.elementMarket()).isNotNull();
    // every figure of the self-contained dataset has a source or a stated method
    for (Figure f : ScenarioLoader.load("quota-crisis-2010").figures()) {
      assertThat(!f.source().isEmpty() || !f.method().isEmpty()).as(f.path()).isTrue();
    }
  }

  @Test
  void theIonicClayQuotaCapsTheLegalMinesAndTheCrackdownCutsTheIllegalOutput() {
    int legal = producer(quota, "cn-ionic-clays");
    int illegal = producer(quota, "cn-ionic-clays-offquota");
    // the sourced medium/heavy mining quota: 13,400 t in 2011 (MLR via SMM), 17,900 t from 2012
    double[] cap = {12743, 12743, 13400, 17900, 17900, 17900, 17900, 17900};
    for (int year = 2009; year <= 2016; year++) {
      int t = quota.axis().index(year);
      assertThat(withQuota.production(t, legal)).as("%d", year).isLessThanOrEqualTo(cap[year - 2009] * (1 + TOL));
    }
    // the tranche: 43 % of the quota (Adamas's ~30 % of total output, 0.30 / 0.70), by hand 0.43 x 13,400 =
    // 5,762 t in 2011; the crackdown (off_quota, 42 % = August-December) leaves 0.58 x 5,762 = 3,342 t
    int t11 = quota.axis().index(2011);
    assertThat(withQuota.production(t11, legal)).isCloseTo(13400, within(13400 * 1e-6));
    assertThat(withQuota.capacity(t11, illegal)).isCloseTo(0.58 * 0.43 * 13400, within(1e-6));
    assertThat(withQuota.production(t11, illegal)).isLessThanOrEqualTo(0.58 * 0.43 * 13400 * (1 + TOL));
    // outside the crackdown's window, and without it (free trade), the tranche keeps its whole size
    assertThat(withQuota.capacity(quota.axis().index(2012), illegal)).isCloseTo(0.43 * 17900, within(1e-6));
    assertThat(withoutQuota.capacity(free.axis().index(2011), producer(free, "cn-ionic-clays-offquota")))
        .isCloseTo(0.43 * 13400, within(1e-6));
  }

  @Test
  void dysprosiumStartsAtItsObservedPreCrisisLevelAndEndsNearTheObservedAverages() {
    // 2009, before the quota cut: Dy oxide in Japan (outside China) within 25 % of the observed
    // 115.67 USD/kg FOB China average; NdPr within 25 % of the observed 18.85
    assertThat(price(quota, withQuota, DY_OXIDE, "JP", 2009)).isCloseTo(DY_2009_OBSERVED, within(0.25 * DY_2009_OBSERVED));
    assertThat(price(quota, withQuota, NDPR_OXIDE, "JP", 2009)).isCloseTo(NDPR_REFERENCE, within(0.25 * NDPR_REFERENCE));
    // after the quota's end: within 25 % of the USGS annual averages (279 in 2015, 198 in 2016)
    assertThat(price(quota, withQuota, DY_OXIDE, "JP", 2015)).isCloseTo(DY_2015_OBSERVED, within(0.25 * DY_2015_OBSERVED));
    assertThat(price(quota, withQuota, DY_OXIDE, "JP", 2016)).isCloseTo(DY_2016_OBSERVED, within(0.25 * DY_2016_OBSERVED));
  }

  @Test
  void dysprosiumRisesWithDemandAgainstTheHeavyQuotaButDoesNotSpikeIn2011() {
    // Dy is priced by its own balance: magnet demand grows 36 % from 2009 to 2010 against a heavy
    // quota that does not, so Dy oxide rises ~1.9x in China and outside it, with or without the export
    // quota (observed FOB China: 115.67 in 2009, 156.5 in Q1 2010, 280 on 26 Jul 2010)
    for (String region : new String[] {"CN", "JP"}) {
      double p09 = price(quota, withQuota, DY_OXIDE, region, 2009);
      assertThat(price(quota, withQuota, DY_OXIDE, region, 2010)).as(region).isGreaterThan(1.5 * p09);
      assertThat(price(free, withoutQuota, DY_OXIDE, region, 2010)).as(region).isGreaterThan(1.5 * p09);
    }
    // MISS: issue #11's target (at least 3x from 2009 to 2011, falling back by 2015) is NOT reproduced.
    // The in-year grade choice (power form, content x (p / p_ref)^-0.35, as base), the heavy-free
    // substitute and the off-quota ionic tranche (cut by the sourced 42 % crackdown) hold the 2011 price
    // near 2010's: Dy in Japan 103.9 / 206.4 / 208.3 in 2009 / 2010 / 2011, 2.005x (1.876x with the
    // exponential form, 103.8 / 195.1 / 194.8; observed: 1,400-1,420 at year-end 2011), and Dy is dearer in
    // 2015 than in 2011 (242.4; 230.4 with the exponential form): no fall-back. This pins the miss, so
    // that a change that reproduces it shows here and in the README.
    double rise = price(quota, withQuota, DY_OXIDE, "JP", 2011) / price(quota, withQuota, DY_OXIDE, "JP", 2009);
    assertThat(rise).isBetween(1.5, 3.0);
    assertThat(price(quota, withQuota, DY_OXIDE, "JP", 2015)).isGreaterThan(price(quota, withQuota, DY_OXIDE, "JP", 2011));
    // the export quota adds a Dy premium outside China while it binds (2011, 2013-2014)
    for (int year : new int[] {2011, 2013, 2014}) {
      assertThat(premium(quota, withQuota, DY_OXIDE, year)).as("%d", year).isGreaterThan(TRADE_COST + 5);
      assertThat(premium(free, withoutQuota, DY_OXIDE, year)).as("%d", year).isLessThanOrEqualTo(freeGap(free, withoutQuota, DY_OXIDE, year));
    }
  }

  @Test
  void onlyAWholeYearsCrackdownOnTheIonicTrancheTakesDyTo3xIn2011(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws java.io.IOException {
    // MISS, bounded: the target needs more than the sourced crackdown. Switching the ionic off-quota
    // tranche off for all of 2011 (an upper bound on the sourced August-December campaign, 42 %, which
    // the shipped scenario keeps) lifts Dy in Japan to 317.0 in 2011, 3.05x its 2009 price, and it falls
    // to 152.3 in 2012 (244.1 in 2015, still above 2011's shipped 208.3). Before the power form this
    // bound was 2.3x (the test then asserted below 3x: the exponential grade choice absorbed the rest)
    java.nio.file.Path child = dir.resolve("crackdown-2011.yaml");
    java.nio.file.Files.writeString(child, "name: crackdown-2011\nparent: quota-crisis-2010\nevents:\n"
        + "  - {type: off_quota, cap: china-ionic-mining-quota, from: 2011, fraction: 100 %}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    RunResult r = AnnualEngine.run(c);
    assertThat(r.capacity(c.axis().index(2011), producer(c, "cn-ionic-clays-offquota"))).isZero();
    double rise = price(c, r, DY_OXIDE, "JP", 2011) / price(c, r, DY_OXIDE, "JP", 2009);
    assertThat(rise).isGreaterThan(price(quota, withQuota, DY_OXIDE, "JP", 2011) / price(quota, withQuota, DY_OXIDE, "JP", 2009))
        .isBetween(3.0, 3.1);
    assertThat(price(c, r, DY_OXIDE, "JP", 2012)).isLessThan(0.5 * price(c, r, DY_OXIDE, "JP", 2011));
  }

  @Test
  void theQuotaOpensATwoTierNdPrPriceThatClosesWhenItEnds() {
    // while the quota binds and China is not in its 2011 squeeze (2010, 2012-2014), NdPr oxide costs
    // more in Japan than in China by more than the trade cost
    for (int year : new int[] {2010, 2012, 2013, 2014}) {
      assertThat(premium(quota, withQuota, NDPR_OXIDE, year)).as("%d", year).isGreaterThan(TRADE_COST + 5);
    }
    // without the quota the gap is at most the trade cost
    for (int year = 2010; year <= 2014; year++) {
      assertThat(premium(free, withoutQuota, NDPR_OXIDE, year)).as("%d", year).isLessThanOrEqualTo(freeGap(free, withoutQuota, NDPR_OXIDE, year));
    }
    // and it closes when the quota is abolished (2015)
    double p2014 = premium(quota, withQuota, NDPR_OXIDE, 2014);
    for (int year : new int[] {2015, 2016}) {
      double p = premium(quota, withQuota, NDPR_OXIDE, year);
      assertThat(p).as("%d", year).isLessThanOrEqualTo(freeGap(quota, withQuota, NDPR_OXIDE, year)).isLessThan(p2014);
    }
  }

  @Test
  void chinasDomesticMeasuresMakeNdPrSpikeIn2011InsideAndOutsideChina() {
    // the stockpile and the crackdown take China past its supply margin: NdPr oxide at more than 3x
    // its 2009 level in China and in Japan (observed: 190-200 USD/kg FOB China at year-end 2011;
    // China's domestic PrNd oxide ~145 USD/kg in September 2011)
    for (String region : new String[] {"CN", "JP"}) {
      assertThat(price(quota, withQuota, NDPR_OXIDE, region, 2011)).as(region)
          .isGreaterThan(3 * price(quota, withQuota, NDPR_OXIDE, region, 2009));
    }
    // without China's policies the 2011 price stays below 2x the reference
    for (String region : new String[] {"CN", "JP"}) {
      assertThat(price(free, withoutQuota, NDPR_OXIDE, region, 2011)).as(region).isLessThan(2 * NDPR_REFERENCE);
    }
    // and the spike does not last: by 2013 China's price is back below 2x the reference
    assertThat(price(quota, withQuota, NDPR_OXIDE, "CN", 2013)).isLessThan(2 * NDPR_REFERENCE);
    // the stockpile holds what it bought (800 t of NdPr oxide a year in 2010 and 2011)
    int cn = quota.regionCodes().indexOf("CN");
    double bought = 0;
    for (int year = 2009; year <= 2016; year++) {
      bought -= withQuota.stockpileFlow(quota.axis().index(year), NDPR_OXIDE, cn);
    }
    assertThat(bought).isCloseTo(1600, within(1e-3));
  }

  @Test
  void chinasNdPrOxideExportsAreCutTo64PercentIn2010() {
    int cn = quota.regionCodes().indexOf("CN");
    double exports2009 = 0;
    double exports2010 = 0;
    for (int to = 0; to < quota.regionCodes().size(); to++) {
      exports2009 += withQuota.trade(quota.axis().index(2009), NDPR_OXIDE, cn, to);
      exports2010 += withQuota.trade(quota.axis().index(2010), NDPR_OXIDE, cn, to);
    }
    assertThat(exports2009).isPositive();
    assertThat(exports2010).isCloseTo(0.64 * exports2009, within(1e-6 * exports2009));
  }

  @Test
  void magnetFreeDesignsAndMinesOutsideChinaRespondOnlyWithChinasPolicies() {
    // heavy-free grades respond in both runs (Dy rises with demand in both); magnet-free designs and
    // mines outside China only to the 2011 NdPr spike
    double withPolicies = 0;
    double without = 0;
    for (int k = 0; k < quota.dynamics().substitutes().size(); k++) {
      if (quota.dynamics().substitutes().get(k).kind() == Substitute.Kind.MAGNET_FREE) {
        withPolicies += withQuota.substituteShare(quota.axis().index(2012), k);
        without += withoutQuota.substituteShare(free.axis().index(2012), k);
      }
    }
    assertThat(withPolicies).isPositive();
    assertThat(without).isZero();
    assertThat(startedOutsideChina(quota, withQuota, Stage.MINING)).isGreaterThan(10 * startedOutsideChina(free, withoutQuota, Stage.MINING));
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
}
