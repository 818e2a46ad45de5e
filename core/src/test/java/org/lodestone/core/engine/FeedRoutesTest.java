package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.FeedRoutes;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.results.TidyResults;

/**
 * Concentrate routes ({@link FeedRoutes}) on the element market by region: known answers by hand.
 *
 * <p>The toy: regions CN (0) and US (1). A heavy mine in CN (NdPr 20 %, Dy 5 % of its REO, 1,000 t REO) and
 * a light mine in the US (NdPr 20 %, no Dy, 50 t REO), both at 1 USD/kg; separation in CN at 5 USD/kg and in
 * the US at 2 USD/kg (2,000 t each); metal and magnet making only in the US; 100 t of magnets demanded
 * in the US at the 40 USD/kg reference price, elasticity −0.5; a magnet holds 30 % NdPr and 2 % Dy (all
 * yields 1, so a kg of magnet needs 0.02 kg of Dy oxide, and no grade response). Trade costs: concentrate
 * 0.5, oxide 1, metal 1, magnet 2 USD/kg. NdPr is what the heavy mine is run for (the light mine's 10 t
 * of NdPr are short of the magnets' ~30 t); its Dy is a by-product in surplus (5 t of Dy in the ~100 t
 * REO mined for NdPr, 2 t needed), so where it is separated it is free (free disposal).
 */
class FeedRoutesTest {
  private static final int CN = 0;
  private static final int US = 1;
  private static final int DY = TradedProduct.DY_OXIDE.ordinal();
  private static final int CONC = TradedProduct.CONCENTRATE.ordinal();
  private static final double[] COSTS = {0.5, 1, 1, 1, 1, 1, 1, 2};

  private static SupplyChain toy(FeedRoutes routes, double dyExportCapT) {
    ChainBuilder b = new ChainBuilder()
        .deposit("heavy", 0.2, 0.05, 0)
        .deposit("light", 0.2, 0, 0)
        .producer("mine-heavy", Stage.MINING, CN, "heavy", 1, 1_000)
        .producer("mine-light", Stage.MINING, US, "light", 1, 50)
        .producer("sep-cn", Stage.SEPARATION, CN, null, 5, 2_000)
        .producer("sep-us", Stage.SEPARATION, US, null, 2, 2_000)
        .producer("metal-us", Stage.METAL, US, null, 1, 10_000)
        .producer("magnet-us", Stage.MAGNET, US, null, 5, 10_000)
        .sector("motors", 100, 0.3, 0.02, 0, -0.5);
    Trade.Builder tb = Trade.free(1, 2, COSTS).toBuilder();
    if (!Double.isNaN(dyExportCapT)) {
      tb.capTonnes(0, DY, CN, dyExportCapT);
    }
    Trade trade = tb.build().withRoutes(routes);
    ElementMarket em = new ElementMarket(new double[] {0.05, 0.05, 0.05, 0.05}, new double[3], 0, List.of(),
        List.of(), 0, 0);
    return b.build().withTrade(trade).withElementMarket(em);
  }

  /** The US separates only the light mine's concentrate (a plant feed list). */
  private static FeedRoutes usFeedsOnLightOre() {
    return new FeedRoutes(List.of(new FeedRoutes.Rule("us-feed", FeedRoutes.Kind.FEED, List.of("mine-light"),
        new boolean[2], new boolean[] {false, true}, new boolean[] {true})));
  }

  private static double separatedDy(RunResult r, SupplyChain chain, int region) {
    // Dy separated in a region = Dy content of the concentrate separated there (the heavy mine's is
    // the only Dy): heavy ore kept in CN, or shipped CN -> US
    double heavy = r.production(0, 0);
    double toUs = r.trade(0, CONC, CN, US);
    return 0.05 * (region == US ? toUs : heavy - toUs);
  }

  @Test
  void openRoutesSendTheHeavyOreToTheCheaperSeparatorAndDyIsFreeThere() {
    // separation costs 2 + 0.5 freight in the US against 5 in CN: the heavy ore goes to the US, its Dy
    // is in surplus there (~5 t against 2 t needed), so the US Dy price is 0 (free disposal)
    SupplyChain chain = toy(FeedRoutes.OPEN, Double.NaN);
    RunResult r = ElementMarketEngine.run(chain);
    double heavy = r.production(0, 0);
    assertThat(heavy).isGreaterThan(90);
    assertThat(r.trade(0, CONC, CN, US)).isCloseTo(heavy, within(1e-6 * heavy));
    assertThat(separatedDy(r, chain, US)).isGreaterThan(0.02 * r.stageProduction(0, Stage.MAGNET));
    assertThat(r.regionalPrice(0, DY, US)).isCloseTo(0, within(1e-6));
  }

  @Test
  void aRegionBarredFromAFeedDoesNotGetItAndPaysTheTradeCostForItsDy() {
    // the feed list bars the heavy ore from the US: it is all separated in CN (the route carries 0 t),
    // Dy is in surplus in CN (free there: 0) and the US imports the 2 t its magnets need at the oxide
    // trade cost: p_Dy,US = p_Dy,CN + 1 + w f = 1 + w f (w f, the link's congestion, below 0.1 % of the
    // Dy price scale)
    SupplyChain chain = toy(usFeedsOnLightOre(), Double.NaN);
    RunResult r = ElementMarketEngine.run(chain);
    assertThat(r.trade(0, CONC, CN, US)).isEqualTo(0);
    assertThat(separatedDy(r, chain, US)).isEqualTo(0);
    double magnets = r.stageProduction(0, Stage.MAGNET);
    assertThat(r.trade(0, DY, CN, US)).isCloseTo(0.02 * magnets, within(1e-6 * magnets));
    assertThat(r.regionalPrice(0, DY, CN)).isCloseTo(0, within(1e-6));
    double gap = r.regionalPrice(0, DY, US) - r.regionalPrice(0, DY, CN);
    assertThat(gap).isBetween(1.0, 1 + ElementEquilibrium.CONGESTION * 500 + 1e-9);
  }

  @Test
  void barredFromTheFeedAndUnderAnExportCapTheImporterPaysTheCapsRent() {
    // with China's Dy exports capped at 1 t, the US makes 1 / 0.02 = 50 t of magnets; demand
    // 100 (p / 40)^-0.5 = 50 gives the magnet price p = 40 x 2^2 = 160 USD/kg, and the US Dy price
    // carries the cap's rent far above CN's 0 + 1 USD/kg trade cost
    SupplyChain chain = toy(usFeedsOnLightOre(), 1);
    RunResult r = ElementMarketEngine.run(chain);
    assertThat(r.trade(0, CONC, CN, US)).isEqualTo(0);
    assertThat(r.trade(0, DY, CN, US)).isCloseTo(1, within(1e-6));
    assertThat(r.stageProduction(0, Stage.MAGNET)).isCloseTo(50, within(1e-5));
    assertThat(r.regionalPrice(0, TradedProduct.MAGNET.ordinal(), US)).isCloseTo(160, within(1e-4));
    assertThat(r.regionalPrice(0, DY, CN)).isCloseTo(0, within(1e-6));
    assertThat(r.regionalPrice(0, DY, US)).isGreaterThan(100);
    // the same cap with the routes open binds nothing: the US separates its own Dy, which is free
    RunResult open = ElementMarketEngine.run(toy(FeedRoutes.OPEN, 1));
    assertThat(open.regionalPrice(0, DY, US)).isCloseTo(0, within(1e-6));
    assertThat(open.stageProduction(0, Stage.MAGNET)).isGreaterThan(99);
  }

  @Test
  void theWorldDyPriceWeightedBySeparationIsTheSeparatorsAndWeightedByUseTheMakers() {
    // the case above: all Dy is separated in CN (the light mine has none) and all magnets are made in
    // the US, so the world price weighted by separation is CN's (0, free disposal) and the one weighted
    // by use (what magnet makers paid) is the US price with the cap's rent
    RunResult r = ElementMarketEngine.run(toy(usFeedsOnLightOre(), 1));
    int dy = org.lodestone.core.model.Element.DY.ordinal();
    assertThat(r.oxidePrice(0, dy)).isCloseTo(r.regionalPrice(0, DY, CN), within(1e-9));
    assertThat(r.oxidePriceUseWeighted(0, dy)).isCloseTo(r.regionalPrice(0, DY, US), within(1e-9));
    assertThat(r.oxidePriceUseWeighted(0, dy)).isGreaterThan(100);
  }

  /** The heavy mine's Dy (a share of it) is separated in CN wherever its ore goes (an elements rule). */
  private static FeedRoutes heavyDyToChina(double share) {
    return new FeedRoutes(List.of(new FeedRoutes.Rule("dy-to-cn", FeedRoutes.Kind.ELEMENTS, List.of("mine-heavy"),
        new boolean[2], new boolean[] {true, false}, new boolean[] {true}, new boolean[] {false, true, false},
        share)));
  }

  @Test
  void anElementsRuleSeparatesTheElementWhereItSaysWhileTheOreGoesWhereItPays() {
    // the heavy ore still goes to the cheaper US separator (the rule closes no route), but all its Dy is
    // separated in CN: free there (surplus), and the US imports the 2 t its magnets need at the oxide trade
    // cost, p_Dy,US = 0 + 1 + w f, as when the feed list bars the ore from the US
    RunResult r = ElementMarketEngine.run(toy(heavyDyToChina(1), Double.NaN));
    double heavy = r.production(0, 0);
    assertThat(r.trade(0, CONC, CN, US)).isCloseTo(heavy, within(1e-6 * heavy));
    double magnets = r.stageProduction(0, Stage.MAGNET);
    assertThat(r.trade(0, DY, CN, US)).isCloseTo(0.02 * magnets, within(1e-6 * magnets));
    assertThat(r.regionalPrice(0, DY, CN)).isCloseTo(0, within(1e-6));
    double gap = r.regionalPrice(0, DY, US) - r.regionalPrice(0, DY, CN);
    assertThat(gap).isBetween(1.0, 1 + ElementEquilibrium.CONGESTION * 500 + 1e-9);
    // under a 1 t cap on China's Dy exports the US is as short as when barred from the ore: 50 t of magnets
    RunResult capped = ElementMarketEngine.run(toy(heavyDyToChina(1), 1));
    assertThat(capped.stageProduction(0, Stage.MAGNET)).isCloseTo(50, within(1e-5));
    // half of it sent to CN leaves the US 0.5 x 5 % = 2.5 % of the ore (~2.5 t of Dy) against 2 % of the
    // magnets (~2 t): a surplus, so Dy is free in the US and nothing is imported
    RunResult half = ElementMarketEngine.run(toy(heavyDyToChina(0.5), Double.NaN));
    assertThat(half.trade(0, CONC, CN, US)).isCloseTo(half.production(0, 0), within(1e-6 * heavy));
    assertThat(half.trade(0, DY, CN, US)).isCloseTo(0, within(1e-6));
    assertThat(half.regionalPrice(0, DY, US)).isCloseTo(0, within(1e-6));
  }

  @Test
  void eachRegionSeparatesTheElementsOfTheOreItReceives() {
    // production/separation/<element>/<region>: open routes send the heavy ore to the US, so its Dy is
    // separated there; barred from the US it stays in CN; an elements rule sending half the heavy Dy to
    // CN splits it 50/50 while the ore itself goes to the US. NdPr (20 % of both ores) follows the ore.
    int dy = org.lodestone.core.model.Element.DY.ordinal();
    int ndpr = org.lodestone.core.model.Element.NDPR.ordinal();
    RunResult open = ElementMarketEngine.run(toy(FeedRoutes.OPEN, Double.NaN));
    double heavy = open.production(0, 0);
    double light = open.production(0, 1);
    assertThat(open.elementSeparatedByRegion()).isTrue();
    assertThat(open.elementSeparatedIn(0, dy, US)).isCloseTo(0.05 * heavy, within(1e-6 * heavy));
    assertThat(open.elementSeparatedIn(0, dy, CN)).isCloseTo(0, within(1e-6 * heavy));
    assertThat(open.elementSeparatedIn(0, ndpr, US)).isCloseTo(0.2 * (heavy + light), within(1e-6 * heavy));

    RunResult barred = ElementMarketEngine.run(toy(usFeedsOnLightOre(), Double.NaN));
    double heavyB = barred.production(0, 0);
    assertThat(barred.elementSeparatedIn(0, dy, CN)).isCloseTo(0.05 * heavyB, within(1e-6 * heavyB));
    assertThat(barred.elementSeparatedIn(0, dy, US)).isZero();
    assertThat(barred.elementSeparatedIn(0, ndpr, CN)).isCloseTo(0.2 * heavyB, within(1e-6 * heavyB));
    assertThat(barred.elementSeparatedIn(0, ndpr, US)).isCloseTo(0.2 * barred.production(0, 1), within(1e-6 * heavyB));

    RunResult half = ElementMarketEngine.run(toy(heavyDyToChina(0.5), Double.NaN));
    double heavyH = half.production(0, 0);
    assertThat(half.elementSeparatedIn(0, dy, CN)).isCloseTo(0.025 * heavyH, within(1e-6 * heavyH));
    assertThat(half.elementSeparatedIn(0, dy, US)).isCloseTo(0.025 * heavyH, within(1e-6 * heavyH));
    for (RunResult r : List.of(open, barred, half)) {
      for (int e = 0; e < 3; e++) {
        assertThat(r.elementSeparatedIn(0, e, CN) + r.elementSeparatedIn(0, e, US))
            .isCloseTo(r.elementSeparated(0, e), within(1e-6 * (1 + r.elementSeparated(0, e))));
      }
    }
    // and the tidy rows carry them by region
    assertThat(TidyResults.rows(half, 2020, 2020)).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("production");
      assertThat(row.stage()).isEqualTo("separation");
      assertThat(row.product()).isEqualTo("Dy");
      assertThat(row.region()).isEqualTo("CN");
      assertThat(row.value()).isCloseTo(0.025 * heavyH, within(1e-6 * heavyH));
    });
  }

  @Test
  void anElementsRuleNamesOneRegionAndAShareAndItsFirstActiveRuleApplies() {
    FeedRoutes.Rule dy = new FeedRoutes.Rule("dy", FeedRoutes.Kind.ELEMENTS, List.of("m"), new boolean[2],
        new boolean[] {true, false}, new boolean[] {true, false}, new boolean[] {false, true, false}, 0.25);
    FeedRoutes routes = new FeedRoutes(List.of(dy));
    int[] to = new int[1];
    assertThat(routes.elementShare(0, "m", 1, 1, to)).isEqualTo(0.25);
    assertThat(to[0]).isEqualTo(0);
    assertThat(routes.elementShare(0, "m", 1, 0, to)).isZero(); // NdPr: not listed
    assertThat(to[0]).isEqualTo(-1);
    assertThat(routes.elementShare(1, "m", 1, 1, to)).isZero(); // outside the window
    assertThat(routes.elementShare(0, "other", 1, 1, to)).isZero();
    assertThat(routes.open(0, "m", 1, 1)).isTrue(); // it closes no route
    assertThatThrownBy(() -> new FeedRoutes.Rule("two", FeedRoutes.Kind.ELEMENTS, List.of("m"), new boolean[2],
        new boolean[] {true, true}, new boolean[] {true}, new boolean[] {false, true, false}, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeedRoutes.Rule("zero", FeedRoutes.Kind.ELEMENTS, List.of("m"), new boolean[2],
        new boolean[] {true, false}, new boolean[] {true}, new boolean[] {false, true, false}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRegionalLinearProgrammeClosesTheSameRoutes() {
    // model regional-lp: the same chain without element-market parameters; the LP ships the heavy ore
    // to the cheaper US separator when the route is open, and keeps it in CN when the feed list bars it
    SupplyChain open = toy(FeedRoutes.OPEN, Double.NaN);
    SupplyChain barred = toy(usFeedsOnLightOre(), Double.NaN);
    RunResult o = AnnualEngine.run(open.withElementMarket(null).withTrade(open.trade()));
    RunResult b = AnnualEngine.run(barred.withElementMarket(null).withTrade(barred.trade()));
    assertThat(MarketModel.of(barred.withElementMarket(null).withTrade(barred.trade()))).isEqualTo(MarketModel.REGIONAL);
    assertThat(o.trade(0, CONC, CN, US)).isGreaterThan(0);
    assertThat(b.trade(0, CONC, CN, US)).isEqualTo(0);
    assertThat(b.production(0, 0)).isGreaterThan(0);
  }

  @Test
  void rulesMatchOriginsByMineTheirOffQuotaTrancheOrRegionInTheirYears() {
    FeedRoutes.Rule offtake = new FeedRoutes.Rule("o", FeedRoutes.Kind.OFFTAKE, List.of("m"), new boolean[2],
        new boolean[] {true, false}, new boolean[] {true, false});
    FeedRoutes routes = new FeedRoutes(List.of(offtake));
    assertThat(routes.open(0, "m", 1, 0)).isTrue(); // to the offtaker
    assertThat(routes.open(0, "m", 1, 1)).isFalse(); // anywhere else
    assertThat(routes.open(0, "m" + ElementMarket.OFF_QUOTA_SUFFIX, 1, 1)).isFalse();
    assertThat(routes.open(0, "other", 1, 1)).isTrue();
    assertThat(routes.open(1, "m", 1, 1)).isTrue(); // the rule's window has ended
    assertThat(routes.everOpen(2, "m", 1, 1)).isTrue();
    FeedRoutes closed = new FeedRoutes(List.of(new FeedRoutes.Rule("c", FeedRoutes.Kind.CLOSED, List.of(),
        new boolean[] {true, false}, new boolean[] {false, true}, new boolean[] {true, true})));
    assertThat(closed.open(0, "any-cn-mine", 0, 1)).isFalse();
    assertThat(closed.open(0, "any-cn-mine", 0, 0)).isTrue();
    assertThat(closed.everOpen(2, "any-cn-mine", 0, 1)).isFalse();
    // a rule sized to other regions or years is refused
    assertThatThrownBy(() -> Trade.free(3, 2, COSTS).withRoutes(routes)).isInstanceOf(IllegalArgumentException.class);
  }
}
