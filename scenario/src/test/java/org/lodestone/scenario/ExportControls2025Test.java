package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * The shipped {@code export-controls-2025} against {@code regional-markets} (the same markets without
 * trade policy): what issue #11 asks of 2025 and what the scenario reproduces (README, "Markets by
 * region: measured"). NdPr within 25 % and the magnet premium outside China 10-30 USD/kg: reproduced.
 * Dy and Tb oxide in Europe 2-5x China's: Tb reproduced (2.47x), Dy not (1.96x) on the caps from China
 * Customs' full-year 2025 shortfalls (Dy -35 %, Tb -38 %); both annual averages, where the observed 3x was a
 * May 2025 spot gap. The gap needs
 * the concentrate routes of {@code regional-markets} ({@code market.routes}): with every route open,
 * Lynas Malaysia separates Myanmar's heavy-rich ore and no gap opens.
 */
class ExportControls2025Test {
  private static final int NDPR = TradedProduct.oxide(Element.NDPR.ordinal()).ordinal();
  private static final int DY = TradedProduct.oxide(Element.DY.ordinal()).ordinal();
  private static final int TB = TradedProduct.oxide(Element.TB.ordinal()).ordinal();
  private static final int MAGNET = TradedProduct.MAGNET.ordinal();
  private static final int CONC = TradedProduct.CONCENTRATE.ordinal();
  /** Tonnes below which a buyer's supply at risk is the clearing's residue, not a shortfall. */
  private static final double CLEARING_T = 1e-6;

  private static SupplyChain controls;
  private static RunResult withControls;
  private static RunResult without;
  private static int cn;
  private static int eu;
  private static int t2024;
  private static int t2025;

  @BeforeAll
  static void run() {
    controls = ScenarioLoader.load("export-controls-2025").chain();
    SupplyChain free = ScenarioLoader.load("regional-markets").chain();
    withControls = AnnualEngine.run(controls);
    without = AnnualEngine.run(free);
    cn = controls.regionCodes().indexOf("CN");
    eu = controls.regionCodes().indexOf("EU");
    t2024 = controls.axis().index(2024);
    t2025 = controls.axis().index(2025);
  }

  private static double ratio(RunResult r, int product) {
    return r.regionalPrice(t2025, product, eu) / r.regionalPrice(t2025, product, cn);
  }

  @Test
  void theControlsSplitHeavyRareEarthAndMagnetPricesIn2025() {
    // #11's target is 2-5x for Dy and Tb: MET on the merged main of 2026-12-03 (evening), measured with
    // `lodestone run export-controls-2025`: Dy 546.7 / 229.3 = 2.38x, Tb 1,398.1 / 547.7 = 2.55x. Two changes
    // make it: the caps cut by China Customs' full-year 2025 shortfalls (Dy -35 %, Tb -38 % y/y,
    // rawmaterials-dy-tb-2025; licensing delays 4.2 and 4.56 months; alone, with the exponential grade form:
    // Dy 1.96x, Tb 2.47x) and base's power-form grade choice (AUDIT.md Part A s.5; alone, with the Jan-Oct
    // caps: Dy 1.71x, Tb 1.35x). Before both: Dy 1.59x, Tb 1.49x. China's own prices barely move (China
    // uses ~93 % of the world's Dy, and the oxide storage, held in China's market, buys the withheld Dy);
    // outside China every region clears at one price, rationed by the grade choice. The observed 3x is a
    // May 2025 spot gap (Rotterdam 700-1,000 against China's 224 average); see the README.
    assertThat(ratio(withControls, TB)).isBetween(2.0, 5.0);
    assertThat(ratio(withControls, DY)).isBetween(2.0, 5.0);
    assertThat(ratio(withControls, NDPR)).isBetween(1 / 1.25, 1.25);
    double premium = withControls.regionalPrice(t2025, MAGNET, eu) - withControls.regionalPrice(t2025, MAGNET, cn);
    // target 10-30 USD/kg: 27.5 on the shipped data (the ceiling is the held buyers' 20 USD/kg premium
    // plus the scarcity the magnet cap adds)
    assertThat(premium).isBetween(10.0, 30.0);
    // without the controls the same markets price Dy and Tb alike (the trade cost and congestion)
    assertThat(ratio(without, DY)).isBetween(0.99, 1.02);
    assertThat(ratio(without, TB)).isBetween(0.99, 1.05);
  }

  @Test
  void theWorldDyPriceWeightedByUseLiesBetweenTheRegionsPricesAndAboveTheSeparators() {
    // the like-with-like counterpart of Adamas's volume-weighted 2025 Dy price (224 USD/kg, base
    // history world-volume-weighted): the oxide price magnet makers paid, weighted by the Dy their output
    // holds. Measured 2026-12-03: 243.4 USD/kg in 2025 (China 229.4, outside China 450.2; the separation-
    // weighted world price 232.9), so `lodestone backtest` reads 9 % against 224 (4 % on the separation-
    // weighted price). A weighted mean: within the regions' prices every year; above the separation-
    // weighted price in 2025, as makers outside China pay the cap's rent and separators there are few.
    int dy = Element.DY.ordinal();
    for (int t = 0; t < controls.axis().size(); t++) {
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (int q = 0; q < controls.regionCodes().size(); q++) {
        double p = withControls.regionalPrice(t, DY, q);
        if (p > 0) {
          lo = Math.min(lo, p);
          hi = Math.max(hi, p);
        }
      }
      assertThat(withControls.oxidePriceUseWeighted(t, dy)).as("year index %d", t)
          .isBetween(lo * (1 - 1e-12), hi * (1 + 1e-12));
    }
    assertThat(withControls.oxidePriceUseWeighted(t2025, dy))
        .isGreaterThan(withControls.oxidePrice(t2025, dy) + 5)
        .isLessThan(withControls.regionalPrice(t2025, DY, cn) * 1.25);
  }

  @Test
  void theCapsBindOnDyTbAndMagnets() {
    for (int product : new int[] {DY, TB, MAGNET}) {
      // 1 - delay / 12: magnets 0.51 months (China Customs' Jan-Oct 2025 shortfall), Dy 4.2 and Tb 4.56
      // (the full-year 2025 shortfalls, -35 % and -38 %): 0.9575, 0.65, 0.62 of 2024's exports
      double share = 1 - (product == MAGNET ? 0.51 : product == DY ? 4.2 : 4.56) / 12;
      double before = exports(withControls, t2024, product);
      assertThat(exports(withControls, t2025, product)).as("exports of %d", product)
          .isCloseTo(share * before, org.assertj.core.api.Assertions.within(1e-5 * before));
    }
  }

  @Test
  void theRoutesHold() {
    int my = controls.regionCodes().indexOf("MY");
    int au = controls.regionCodes().indexOf("AU");
    for (int t : new int[] {t2024, t2025}) {
      for (int q = 0; q < controls.regionCodes().size(); q++) {
        // Lynas Malaysia separates Mt Weld's concentrate only; Mt Weld's goes nowhere else; China's ore
        // and Myanmar's stay with China's separators
        if (q != au) {
          assertThat(withControls.trade(t, CONC, q, my)).as("concentrate %d -> MY", q).isEqualTo(0);
        }
        if (q != my) {
          assertThat(withControls.trade(t, CONC, au, q)).isEqualTo(0);
        }
        if (q != cn) {
          assertThat(withControls.trade(t, CONC, cn, q)).isEqualTo(0);
          assertThat(withControls.trade(t, CONC, controls.regionCodes().indexOf("MM"), q)).isEqualTo(0);
        }
      }
      assertThat(withControls.trade(t, CONC, au, my)).isGreaterThan(20_000);
    }
    // the feed list is an input, not a coincidence of costs: Lynas Malaysia's output is Mt Weld's
    int mtWeld = index("lynas-mt-weld");
    int kuantan = index("lynas-malaysia");
    assertThat(withControls.production(t2025, kuantan)).isGreaterThan(0);
    assertThat(withControls.trade(t2025, CONC, au, my)).isLessThanOrEqualTo(
        withControls.production(t2025, mtWeld) * (1 + 1e-9));
  }

  @Test
  void theExampleBuyerIsShortAndPaysMoreIn2025AgainstTheSameMarketsWithoutPolicy() {
    // #13: exposure of the shipped European car maker on export-controls-2025 against regional-markets
    // (README, "lodestone exposure": 68 t of 1,265 t at risk in 2025 and 23.7 USD m more at market
    // prices on the data of 2026-12-03; held here as signs and bounds, not as those figures)
    org.lodestone.core.exposure.Buyer buyer =
        BuyerLoader.load(java.nio.file.Path.of("../docs/examples/eu-car-maker.yaml"), controls);
    org.lodestone.core.exposure.ExposureResult x =
        org.lodestone.core.exposure.Exposure.compute(withControls, without, buyer);
    org.lodestone.core.exposure.ExposureResult free = org.lodestone.core.exposure.Exposure.compute(without, buyer);
    int first = controls.axis().index(x.firstYear());
    int t = t2025 - first;
    assertThat(x.atRiskT(t)).isGreaterThan(0).isLessThan(x.magnetsT(t));
    assertThat(x.shortfallT(t)).isBetween(0.0, x.atRiskT(t));
    // the controls act from 2025: in 2024 the two runs agree to the clearing's tolerance (4e-10 t)
    assertThat(x.atRiskT(t2024 - first)).isCloseTo(0, org.assertj.core.api.Assertions.within(CLEARING_T));
    assertThat(x.magnetsT(t)).isEqualTo(free.magnetsT(t)); // same need, the buyer's own units
    assertThat(x.costMarketUsd(t)).isGreaterThan(free.costMarketUsd(t)); // the cost gap
    assertThat(x.costUsd(t)).isGreaterThan(free.costUsd(t));
    // contracts soften the gap but cannot reverse it
    assertThat(x.costUsd(t) - free.costUsd(t)).isLessThan(x.costMarketUsd(t) - free.costMarketUsd(t));
    // the markets without policy, against themselves, clear by price: nothing at risk in any year
    for (int y = 0; y < free.years(); y++) {
      assertThat(free.atRiskT(y)).as("year %d", free.firstYear() + y)
          .isCloseTo(0, org.assertj.core.api.Assertions.within(CLEARING_T)); // 2e-11 t in 2015
    }
  }

  @Test
  void mtWeldsHeavyRareEarthsAreSeparatedInChinaUntilLynasHeavyCircuitRuns() {
    // Lynas Malaysia sells no Dy or Tb while Mt Weld's heavy rare earths go to China in a mixed compound
    // (to 2024); in 2025 it separates the Dy of May-December (1 - 33.3 %) and the Tb of June-December
    // (1 - 41.7 %) of the Mt Weld concentrate it takes. Lynas Malaysia has no magnet makers, so what it
    // separates it exports.
    int my = controls.regionCodes().indexOf("MY");
    int au = controls.regionCodes().indexOf("AU");
    int deposit = controls.producers().get(index("lynas-mt-weld")).deposit();
    for (int product : new int[] {DY, TB}) {
      assertThat(exportsOf(withControls, t2024, product, my)).isZero();
      assertThat(exportsOf(without, t2024, product, my)).isZero();
    }
    double ore = withControls.trade(t2025, CONC, au, my);
    double dy = ore * controls.depositSplit(deposit, Element.DY.ordinal()) * (1 - 0.333);
    double tb = ore * controls.depositSplit(deposit, Element.TB.ordinal()) * (1 - 0.417);
    assertThat(exportsOf(withControls, t2025, DY, my)).isCloseTo(dy, org.assertj.core.api.Assertions.within(1e-6 * dy));
    assertThat(exportsOf(withControls, t2025, TB, my)).isCloseTo(tb, org.assertj.core.api.Assertions.within(1e-6 * tb));
  }

  private static double exportsOf(RunResult r, int t, int product, int from) {
    double sum = 0;
    for (int q = 0; q < controls.regionCodes().size(); q++) {
      if (q != from) {
        sum += r.trade(t, product, from, q);
      }
    }
    return sum;
  }

  private static int index(String id) {
    for (int p = 0; p < controls.producers().size(); p++) {
      Producer pr = controls.producers().get(p);
      if (pr.id().equals(id)) {
        return p;
      }
    }
    throw new AssertionError(id);
  }

  /**
   * China's exports of a product in year index t. Dy and Tb: the oxide, which is what the cap's links
   * carry; the metal-making toll China sells abroad (15.8 t of Dy metal in 2025 on the shipped data) is
   * under no element's cap (ElementMarketEngine.Geography.group), the element's content having been
   * counted where the oxide was bought.
   */
  private static double exports(RunResult r, int t, int product) {
    double sum = 0;
    int[] products = {product};
    for (int p : products) {
      for (int q = 0; q < controls.regionCodes().size(); q++) {
        if (q != cn) {
          sum += r.trade(t, p, cn, q);
        }
      }
    }
    return sum;
  }
}
