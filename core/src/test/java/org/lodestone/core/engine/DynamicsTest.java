package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Dynamics;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Known answers for substitution and endogenous investment, each in isolation, computed by hand
 * (arithmetic in the comments). The chain: one mine (10 USD/kg REO, NdPr 30 %), separation 5, metal
 * 20, magnet maker A (10 USD/kg, 100 t/yr in CN), one inelastic sector of 150 t/yr (NdPr 30 %), so
 * magnet capacity binds and the magnet price sits at the choke price 500 (reference 40).
 */
class DynamicsTest {
  private static final double TOL = 1e-9;
  private static final int NDPR = Element.NDPR.ordinal();
  private static final int DY = Element.DY.ordinal();

  private static ChainBuilder chain(int years, double ndpr, double dy) {
    return new ChainBuilder(years)
        .deposit("mixed", 0.3, 0.05, 0)
        .producer("mine", Stage.MINING, 0, "mixed", 10, 10_000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 10_000)
        .producer("metal", Stage.METAL, 0, null, 20, 10_000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .sector("ev", 150, ndpr, dy, 0, 0);
  }

  private static Substitute ferrite(double maxReturn) {
    // lag 1; starts at 1.5 × the reference price, full response (30 %) at 3 ×; +10 %/yr at most
    // (Sprecher et al. 2017), −maxReturn per year back
    return new Substitute("ferrite", 0, Substitute.Kind.MAGNET_FREE, null, 0.3, 0.1, maxReturn, 1, 1.5, 3,
        0, 0);
  }

  @Test
  void substitutionFollowsTheLaggedBoundedPartialAdjustment() {
    // Price 500 / 40 = 12.5 ≥ 3 every year: target 30 %. Year 0 has no earlier price (held at the
    // initial 0); then +10 points a year up to the 30 % cap: 0, 0.1, 0.2, 0.3, 0.3.
    // Demand = 150 × (1 − share): 150, 135, 120, 105, 105 (all above capacity 100: price stays 500).
    SupplyChain c = chain(5, 0.3, 0).build().withDynamics(new Dynamics(List.of(ferrite(0.05)), List.of()));
    RunResult r = AnnualEngine.run(c);
    double[] share = {0, 0.1, 0.2, 0.3, 0.3};
    for (int t = 0; t < 5; t++) {
      assertThat(r.substituteShare(t, 0)).as("share %d", t).isCloseTo(share[t], within(TOL));
      assertThat(r.demand(t, 0)).isCloseTo(150 * (1 - share[t]), within(1e-6));
      assertThat(r.demandReference(t, 0)).isCloseTo(150, within(TOL));
      assertThat(r.magnetPrice(t)).isCloseTo(500, within(1e-6));
    }
    List<ResultRow> rows = TidyResults.rows(r, 2023, 2023);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("substituted");
      assertThat(row.product()).isEqualTo("ferrite");
      assertThat(row.sector()).isEqualTo("ev");
      assertThat(row.value()).isCloseTo(0.3 * 150, within(1e-9));
    });
  }

  @Test
  void substitutionReversesAtItsOwnRateWhenThePriceEases() {
    // Capacity 100 for years 0–2, then 1000: from year 3 the price is the marginal cost
    // 10 + 0.3 × 20 + 0.3 × 50 = 31 (ratio 0.775 < 1.5, target 0). Shares: 0, 0.1, 0.2 (on 500 in
    // year 1), 0.3 (on year 2's 500), then −0.05 a year on year 3's and 4's 31: 0.25, 0.20.
    ChainBuilder b = chain(6, 0.3, 0);
    Producer a = b.producers.get(3);
    b.producers.set(3, a.withCapacityT(new double[] {100, 100, 100, 1000, 1000, 1000}));
    RunResult r = AnnualEngine.run(b.build().withDynamics(new Dynamics(List.of(ferrite(0.05)), List.of())));
    double[] share = {0, 0.1, 0.2, 0.3, 0.25, 0.20};
    for (int t = 0; t < 6; t++) {
      assertThat(r.substituteShare(t, 0)).as("share %d", t).isCloseTo(share[t], within(TOL));
    }
    assertThat(r.magnetPrice(3)).isCloseTo(31, within(1e-6));
    assertThat(r.served(5, 0)).isCloseTo(150 * 0.8, within(1e-6));
  }

  @Test
  void heavyFreeGradesMoveDyToNdPrInTheAdoptedShare() {
    // Grade NdPr 25 %, Dy 5 %. A heavy-free grade adopted by 40 % of the sector (its initial share,
    // held while the price is easing: no way back) removes all Dy there: Dy 0.05 × 0.6 = 0.03, NdPr
    // 0.25 + 0.02 = 0.27; magnets made 100 t need 3 t Dy metal and 27 t NdPr metal (yields 1).
    Substitute heavyFree = new Substitute("gbd", 0, Substitute.Kind.HEAVY_FREE, Element.DY, 0.5, 0.1, 0, 1,
        1, 2, 1.0, 0.4);
    RunResult r = AnnualEngine.run(chain(3, 0.25, 0.05).build()
        .withDynamics(new Dynamics(List.of(heavyFree), List.of())));
    for (int t = 0; t < 3; t++) {
      assertThat(r.sectorGrade(t, 0, DY)).isCloseTo(0.03, within(TOL));
      assertThat(r.sectorGrade(t, 0, NDPR)).isCloseTo(0.27, within(TOL));
      assertThat(r.metalPerMagnet(t, DY)).isCloseTo(0.03, within(TOL));
      assertThat(r.elementUsed(t, DY)).isCloseTo(3, within(1e-6));
      assertThat(r.elementUsed(t, NDPR)).isCloseTo(27, within(1e-6));
      // magnets keep their mass: demand is untouched
      assertThat(r.demand(t, 0)).isCloseTo(150, within(1e-6));
    }
  }

  @Test
  void longRunMarginalCostIsTheCapitalAnnuityPlusOperatingCostLessSupport() {
    // CRF(8 %, 20 y) = 0.08 / (1 − 1.08^−20) = 0.08 / (1 − 0.214548) = 0.101852;
    // LRMC = 10 − 2 + 100 × 0.101852 = 18.1852 USD/kg.
    Investment inv = new Investment("x", Stage.MAGNET, 1, 0, 2, 1, 100, 0.08, 20, 10, 2, 0.1, 1);
    assertThat(inv.capitalRecoveryFactor()).isCloseTo(0.101852, within(1e-6));
    assertThat(inv.longRunMarginalCost()).isCloseTo(18.1852, within(1e-4));
    // cheaper capital (preferential loans) lowers it: at 2 %, CRF = 0.061157, LRMC = 14.1157
    Investment cheap = new Investment("x", Stage.MAGNET, 1, 0, 2, 1, 100, 0.02, 20, 10, 2, 0.1, 1);
    assertThat(cheap.longRunMarginalCost()).isCloseTo(14.1157, within(1e-4));
  }

  /** The chain plus an empty producer in the US that holds what investment builds. */
  private static SupplyChain withInvestor(ChainBuilder b, int lead, int ramp, boolean regional) {
    b.producers.add(new Producer("new-magnet-US", "new magnets, US", Stage.MAGNET, 1, "new entrants",
        ProducerStatus.ANNOUNCED, -1, 15, new double[b.axis.size()]));
    SupplyChain c = b.build();
    if (regional) {
      c = c.withTrade(Trade.free(b.axis.size(), 2, new double[] {0.5, 1, 1, 1, 1, 1, 1, 2}));
    }
    // LRMC = opex 15 (capex 0); full response when the margin is ≥ 100 %; 10 % of world capacity a year
    Investment inv = new Investment("new-magnet-US", Stage.MAGNET, 1, 4, lead, ramp, 0, 0.08, 20, 15, 0, 0.1, 1);
    return c.withDynamics(new Dynamics(List.of(), List.of(inv)));
  }

  @Test
  void investmentAddsCapacityAfterTheLeadTime() {
    // Value added of a magnet maker = 500 − 0.3 × metal 70 = 479 > 2 × 15: full response, 10 % of
    // world magnet capacity. Year 0: 10 t started (world 100), in from year 2 (lead 2); year 1: 10 t
    // (world still 100), in from year 3; year 2: 11 t (world 110), in from year 4.
    RunResult r = AnnualEngine.run(withInvestor(chain(6, 0.3, 0), 2, 1, false));
    assertThat(r.investmentStarted(0, 0)).isCloseTo(10, within(1e-6));
    assertThat(r.investmentStarted(1, 0)).isCloseTo(10, within(1e-6));
    assertThat(r.investmentStarted(2, 0)).isCloseTo(11, within(1e-6));
    assertThat(r.capacity(0, 4)).isZero();
    assertThat(r.capacity(1, 4)).isZero();
    assertThat(r.capacity(2, 4)).isCloseTo(10, within(1e-6));
    assertThat(r.capacity(3, 4)).isCloseTo(20, within(1e-6));
    assertThat(r.capacity(4, 4)).isCloseTo(31, within(1e-6));
    // the new capacity runs (its cost 15 is below the price) and serves more of the demand
    assertThat(r.production(2, 4)).isCloseTo(10, within(1e-6));
    assertThat(r.served(2, 0)).isCloseTo(110, within(1e-6));
  }

  @Test
  void newCapacityRampsUpToNameplate() {
    // Ramp 2 years: year 0's 10 t gives 5 in year 2 and 10 from year 3; year 1's 10 t gives 5 in
    // year 3. Capacity: year 2 = 5, year 3 = 15.
    RunResult r = AnnualEngine.run(withInvestor(chain(5, 0.3, 0), 2, 2, false));
    assertThat(r.capacity(2, 4)).isCloseTo(5, within(1e-6));
    assertThat(r.capacity(3, 4)).isCloseTo(15, within(1e-6));
  }

  @Test
  void noInvestmentBelowTheLongRunMarginalCost() {
    // Capacity 1000: price 31, value added 31 − 21 = 10 < LRMC 15: nothing is built.
    ChainBuilder b = chain(4, 0.3, 0);
    b.producers.set(3, b.producers.get(3).withCapacityT(new double[] {1000, 1000, 1000, 1000}));
    RunResult r = AnnualEngine.run(withInvestor(b, 1, 1, false));
    for (int t = 0; t < 4; t++) {
      assertThat(r.investmentStarted(t, 0)).isZero();
      assertThat(r.capacity(t, 4)).isZero();
    }
  }

  @Test
  void regionalMarketsInvestOnTheRegionsOwnPrice() {
    // Regional: all demand in the US, A exports from CN at 2 USD/kg; the US price is far above the
    // new plant's LRMC while capacity binds: capacity is started in year 0 and arrives in year 1,
    // where it runs; mass balance is checked by the engine every year.
    RunResult r = AnnualEngine.run(withInvestor(chain(3, 0.3, 0), 1, 1, true));
    assertThat(r.investmentStarted(0, 0)).isCloseTo(10, within(1e-6));
    assertThat(r.capacity(1, 4)).isCloseTo(10, within(1e-6));
    assertThat(r.production(1, 4)).isCloseTo(10, within(1e-6));
    assertThat(r.regionalPrice(1, TradedProduct.MAGNET.ordinal(), 1)).isGreaterThan(15);
  }

  @Test
  void elementStocksFollowEachCohortsGrade() {
    // Heavy-free share rises 0 → 0.5 → 1.0 (fast adoption, lag 1, Dy price far above 2 × reference is
    // not needed: initial share 0.5 and target from the Dy price). With a 2-year fixed lifetime the
    // Dy in use at the end of year 1 is the Dy put in use in years 0 and 1, each at its own grade.
    ChainBuilder b = chain(3, 0.25, 0.05);
    var sec = b.sectors.get(0);
    b.sectors.set(0, new org.lodestone.core.model.Sector(sec.id(), sec.name(), sec.referenceDemandT(),
        sec.grade(), 0, sec.regionShare(), new org.lodestone.core.stock.LifetimeModel.Fixed(2)));
    Substitute heavyFree = new Substitute("gbd", 0, Substitute.Kind.HEAVY_FREE, Element.DY, 1, 0.5, 0.5, 1,
        1e-9, 2e-9, 1.0, 0.5);
    RunResult r = AnnualEngine.run(b.build().withDynamics(new Dynamics(List.of(heavyFree), List.of())));
    // served 100 t a year; Dy grade 0.025 in year 0 (half adopted), 0 from year 1 (all adopted)
    assertThat(r.sectorGrade(0, 0, DY)).isCloseTo(0.025, within(TOL));
    assertThat(r.sectorGrade(1, 0, DY)).isCloseTo(0, within(TOL));
    assertThat(r.stockElement(0, 0, DY)).isCloseTo(2.5, within(1e-6));
    assertThat(r.stockElement(1, 0, DY)).isCloseTo(2.5, within(1e-6));
    // year 2: the year-0 cohort leaves (lifetime 2): Dy outflow 2.5 t, stock 0
    assertThat(r.eolElement(2, 0, DY)).isCloseTo(2.5, within(1e-6));
    assertThat(r.stockElement(2, 0, DY)).isCloseTo(0, within(1e-6));
  }

  @Test
  void responsesWaitForTheirFirstYear() {
    // As substitutionFollowsTheLaggedBoundedPartialAdjustment, but responding from year index 2
    // (history before): 0, 0, 0.1, 0.2, 0.3; an investment rule from year 3 starts nothing before.
    Substitute late = new Substitute("ferrite", 0, Substitute.Kind.MAGNET_FREE, null, 0.3, 0.1, 0.05, 1, 1.5,
        3, 0, 0, 2);
    RunResult r = AnnualEngine.run(chain(5, 0.3, 0).build().withDynamics(new Dynamics(List.of(late), List.of())));
    double[] share = {0, 0, 0.1, 0.2, 0.3};
    for (int t = 0; t < 5; t++) {
      assertThat(r.substituteShare(t, 0)).as("share %d", t).isCloseTo(share[t], within(TOL));
    }
    ChainBuilder b = chain(5, 0.3, 0);
    SupplyChain c = withInvestor(b, 1, 1, false);
    Investment inv = c.dynamics().investments().get(0);
    Investment from3 = new Investment(inv.id(), inv.stage(), inv.region(), inv.producer(), 1, 1, 0, 0.08, 20,
        15, 0, 0.1, 1, 3);
    RunResult ri = AnnualEngine.run(c.withDynamics(new Dynamics(List.of(), List.of(from3))));
    assertThat(ri.investmentStarted(2, 0)).isZero();
    assertThat(ri.investmentStarted(3, 0)).isCloseTo(10, within(1e-6));
    assertThat(ri.capacity(4, 4)).isCloseTo(10, within(1e-6));
  }

  @Test
  void noPlantsWhereExistingOnesStandIdle() {
    // NdPr mining binds (100 t REO → 30 t NdPr → 100 t of magnets) while magnet capacity is 1000 t:
    // utilisation 10 %. The NdPr oxide choke price (100) leaves the scarcity rent in the magnet price
    // (500), so a magnet plant's value added is 500 − 0.3 × (100 + 20) = 464, far above its LRMC 15.
    // Without a utilisation condition it builds (10 % of world capacity 1000 = 100 t); with 85 % it
    // does not.
    ChainBuilder b = chain(3, 0.3, 0);
    b.oxideCap = new double[] {100, 1e6, 1e6};
    b.producers.set(0, b.producers.get(0).withCapacityT(new double[] {100, 100, 100}));
    b.producers.set(3, b.producers.get(3).withCapacityT(new double[] {1000, 1000, 1000}));
    SupplyChain c = withInvestor(b, 1, 1, false);
    Investment any = c.dynamics().investments().get(0);
    RunResult free = AnnualEngine.run(c);
    assertThat(free.magnetPrice(0)).isCloseTo(500, within(1e-6));
    assertThat(free.investmentStarted(0, 0)).isCloseTo(100, within(1e-6));
    Investment gated = new Investment(any.id(), any.stage(), any.region(), any.producer(), 1, 1, 0, 0.08, 20, 15,
        0, 0.1, 1, 0, 0.85);
    RunResult r = AnnualEngine.run(c.withDynamics(new Dynamics(List.of(), List.of(gated))));
    for (int t = 0; t < 3; t++) {
      assertThat(r.investmentStarted(t, 0)).isZero();
    }
  }

  @Test
  void twoHeavyFreeSubstitutesNeverRemoveMoreThanThereIs() {
    // both adopted at 80 % with all Dy removed: the first takes 0.05 × 0.8 = 0.04 of Dy, the second
    // only the 0.01 left; NdPr gains exactly the 0.05 removed (grade total unchanged)
    Substitute a = new Substitute("a", 0, Substitute.Kind.HEAVY_FREE, Element.DY, 0.8, 0.1, 0, 1, 1, 2, 1.0, 0.8);
    Substitute b = new Substitute("b", 0, Substitute.Kind.HEAVY_FREE, Element.DY, 0.8, 0.1, 0, 1, 1, 2, 1.0, 0.8);
    RunResult r = AnnualEngine.run(chain(1, 0.25, 0.05).build().withDynamics(new Dynamics(List.of(a, b), List.of())));
    assertThat(r.sectorGrade(0, 0, DY)).isCloseTo(0, within(TOL));
    assertThat(r.sectorGrade(0, 0, NDPR)).isCloseTo(0.30, within(TOL));
  }

  @Test
  void theMaterialCoefficientsFollowTheMixOfTheMagnetsServed() {
    // two sectors that respond very differently to the price: "ev" (NdPr 30 %, no Dy, inelastic)
    // and "b" (NdPr 25 %, Dy 8 %, elasticity -2); magnet capacity 15 t for 150 + 150 t of reference
    // demand, so the price goes to the 500 choke price, where b wants 150 × (500/40)^-2 = 0.96 t.
    // The magnets served are then almost all ev's: the coefficients must follow that mix (Dy 0.26 %,
    // not the reference mix's 4 %), and every sector keeps its design grade within 0.1 %.
    ChainBuilder b = new ChainBuilder(3)
        .deposit("mixed", 0.3, 0.03, 0)
        .producer("mine", Stage.MINING, 0, "mixed", 10, 10_000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 10_000)
        .producer("metal", Stage.METAL, 0, null, 20, 10_000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 15)
        .sector("ev", 150, 0.3, 0, 0, 0)
        .sector("b", 150, 0.25, 0.08, 0, -2);
    RunResult r = AnnualEngine.run(b.build());
    for (int t = 0; t < 3; t++) {
      assertThat(r.magnetPrice(t)).isCloseTo(500, within(1e-6));
      double servedB = r.served(t, 1);
      double expectedDy = 0.08 * servedB / (r.served(t, 0) + servedB);
      assertThat(r.metalPerMagnet(t, DY)).isCloseTo(expectedDy, within(1e-3 * expectedDy));
      assertThat(r.sectorGrade(t, 1, DY)).isCloseTo(0.08, within(0.08e-3));
      assertThat(r.sectorGrade(t, 0, NDPR)).isCloseTo(0.30, within(0.30e-3));
    }
  }

  @Test
  void heavyFreeGradesRespondToTheCostOfDyAndTbTogether() {
    // grade NdPr 25 %, Dy 2 %, Tb 1 %; the ore has plenty of Dy but little Tb (0.1 % of REO for
    // 30 % NdPr): Tb is short, its price goes to its choke price (1e6 here) while Dy sells at the
    // separation cost. A heavy-free grade keyed on the heavy rare earths' cost (signal null) is adopted
    // from year 1 at its +20 %/yr bound; one keyed on Dy alone is not.
    ChainBuilder b = new ChainBuilder(3)
        .deposit("light", 0.3, 0.1, 0.001)
        .producer("mine", Stage.MINING, 0, "light", 10, 10_000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 10_000)
        .producer("metal", Stage.METAL, 0, null, 20, 10_000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 1000)
        .sector("ev", 150, 0.25, 0.02, 0.01, 0);
    Substitute heavy = new Substitute("gbd", 0, Substitute.Kind.HEAVY_FREE, null, 0.5, 0.2, 0, 1, 1.5, 3, 1.0, 0);
    Substitute dyOnly = new Substitute("gbd", 0, Substitute.Kind.HEAVY_FREE, Element.DY, 0.5, 0.2, 0, 1, 1.5, 3,
        1.0, 0);
    RunResult rh = AnnualEngine.run(b.build().withDynamics(new Dynamics(List.of(heavy), List.of())));
    RunResult rd = AnnualEngine.run(b.build().withDynamics(new Dynamics(List.of(dyOnly), List.of())));
    assertThat(rh.oxidePrice(0, Element.TB.ordinal())).isGreaterThan(3 * 1000);
    assertThat(rh.oxidePrice(0, DY)).isLessThan(1.5 * 500);
    assertThat(rh.substituteShare(1, 0)).isCloseTo(0.2, within(TOL));
    assertThat(rh.substituteShare(2, 0)).isCloseTo(0.4, within(TOL));
    assertThat(rd.substituteShare(1, 0)).isZero();
  }
}
