package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.lodestone.core.model.Element;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the annual engine on tiny chains, computed by hand (the arithmetic is in each
 * test's comment). Yields and oxide→metal factors are 1 unless stated, so one kg of magnet of grade
 * NdPr 30 % needs 0.3 kg of NdPr metal and 0.3 kg of NdPr oxide.
 */
class AnnualEngineTest {
  private static final double TOL = 1e-6;

  /** One mine, one separator, one metal maker, two magnet makers, one inelastic sector. */
  private static ChainBuilder twoMagnetMakers(double demand, double elasticity) {
    return new ChainBuilder()
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 100)
        .producer("magnet-b", Stage.MAGNET, 1, null, 15, 100)
        .sector("ev", demand, 0.3, 0, 0, elasticity);
  }

  @Test
  void inelasticDemandClearsAtTheMarginalProducersCost() {
    // Demand 150 t < capacity 200 t: A runs at 100, B at 50 and is marginal (15 USD/kg).
    // Metal 0.3 × 150 = 45 t at 20 USD/kg. NdPr oxide 45 t from 45 / 0.3 = 150 t REO; the oxide's
    // marginal cost is (mine 10 + separation 5) / 0.3 = 50 USD/kg.
    // Magnet price = 15 + 0.3 × 20 + 0.3 × 50 = 36 USD/kg.
    RunResult r = AnnualEngine.run(twoMagnetMakers(150, 0).build());
    assertThat(r.magnetPrice(0)).isCloseTo(36, within(TOL));
    assertThat(r.production(0, 3)).isCloseTo(100, within(TOL));
    assertThat(r.production(0, 4)).isCloseTo(50, within(TOL));
    assertThat(r.production(0, 0)).isCloseTo(150, within(TOL));
    assertThat(r.production(0, 1)).isCloseTo(150, within(TOL));
    assertThat(r.production(0, 2)).isCloseTo(45, within(TOL));
    assertThat(r.oxidePrice(0, Element.NDPR.ordinal())).isCloseTo(50, within(TOL));
    assertThat(r.metalPrice(0, Element.NDPR.ordinal())).isCloseTo(70, within(TOL));
    // no Dy is wanted: its oxide is priced at the separation cost
    assertThat(r.oxidePrice(0, Element.DY.ordinal())).isCloseTo(5, within(TOL));
    assertThat(r.served(0, 0)).isCloseTo(150, within(TOL));
    assertThat(r.unserved(0, 0)).isCloseTo(0, within(TOL));
    assertThat(r.binding(0)).isNull();
  }

  @Test
  void producersEarnTheirMeritOrderRents() {
    // as inelasticDemandClearsAtTheMarginalProducersCost: price 36, metal 70, NdPr oxide 50.
    // A: 36 − 0.3 × 70 − 10 = 5; B is marginal: 36 − 21 − 15 = 0; metal: 70 − 50 − 20 = 0;
    // separation earns the marginal separation cost less its own: 5 − 5 = 0; the mine gets its basket
    // less separation, 0.3 × 50 − 5 = 10, less its cost 10 = 0.
    RunResult r = AnnualEngine.run(twoMagnetMakers(150, 0).build());
    java.util.Map<String, org.lodestone.core.results.ProducerRow> byId = new java.util.HashMap<>();
    for (org.lodestone.core.results.ProducerRow row : org.lodestone.core.results.ProducerResults.rows(r, 2020, 2020)) {
      byId.put(row.producer(), row);
    }
    assertThat(byId.get("magnet-a").margin()).isCloseTo(5, within(TOL));
    assertThat(byId.get("magnet-a").inputCost()).isCloseTo(21, within(TOL));
    assertThat(byId.get("magnet-b").margin()).isCloseTo(0, within(TOL));
    assertThat(byId.get("magnet-b").utilisation()).isCloseTo(0.5, within(TOL));
    assertThat(byId.get("metal").margin()).isCloseTo(0, within(TOL));
    assertThat(byId.get("sep").margin()).isCloseTo(0, within(TOL));
    assertThat(byId.get("mine").priceReceived()).isCloseTo(10, within(TOL));
    assertThat(byId.get("mine").margin()).isCloseTo(0, within(TOL));
  }

  @Test
  void bindingMagnetCapacityRaisesThePriceAlongElasticDemand() {
    // Only A (100 t). D(p) = 150 × 40 / p (elasticity -1, reference price 40).
    // mc(100) = 10 + 6 + 15 = 31; D(31) = 193.5 > 100, so capacity binds and
    // the price solves 150 × 40 / p = 100: p = 60. The rent 29 is the magnet makers' margin.
    ChainBuilder b = twoMagnetMakers(150, -1);
    b.producers.remove(4);
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.magnetPrice(0)).isCloseTo(60, within(1e-6));
    assertThat(r.served(0, 0)).isCloseTo(100, within(1e-6));
    assertThat(r.demand(0, 0)).isCloseTo(100, within(1e-6));
    assertThat(r.unserved(0, 0)).isCloseTo(0, within(1e-6));
    assertThat(r.binding(0)).isEqualTo(Stage.MAGNET);
    assertThat(r.oxidePrice(0, 0)).isCloseTo(50, within(TOL));
  }

  @Test
  void demandBeyondSupplyAtTheChokePriceIsReportedUnserved() {
    // As above with a choke price of 50: D(50) = 120 > 100, so the price is 50,
    // 100 t are served and 20 t are unserved.
    ChainBuilder b = twoMagnetMakers(150, -1);
    b.producers.remove(4);
    b.magnetCap = 50;
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.magnetPrice(0)).isCloseTo(50, within(TOL));
    assertThat(r.demand(0, 0)).isCloseTo(120, within(TOL));
    assertThat(r.served(0, 0)).isCloseTo(100, within(TOL));
    assertThat(r.unserved(0, 0)).isCloseTo(20, within(TOL));
  }

  @Test
  void elasticDemandOnAFlatStepClearsWhereDemandMeetsSupply() {
    // Both makers; elasticity -1, reference price 40, reference demand 150.
    // mc(Q) = 31 for Q <= 100 (A marginal), 36 for 100 < Q <= 200 (B marginal).
    // D(36) = 150 × 40 / 36 = 166.67 lies in B's step, so Q = 166.67 and p = 36.
    RunResult r = AnnualEngine.run(twoMagnetMakers(150, -1).build());
    assertThat(r.magnetPrice(0)).isCloseTo(36, within(TOL));
    assertThat(r.served(0, 0)).isCloseTo(150 * 40 / 36.0, within(1e-6));
    assertThat(r.production(0, 4)).isCloseTo(150 * 40 / 36.0 - 100, within(1e-6));
  }

  @Test
  void elasticDemandOnAVerticalStepIsPricedByDemand() {
    // Reference demand 80 at 40, elasticity -1: D(31) = 103.2 > 100 and D(36) = 88.9 < 100, so
    // demand crosses the vertical step at A's capacity: Q = 100, p = 80 × 40 / 100 = 32.
    RunResult r = AnnualEngine.run(twoMagnetMakers(80, -1).build());
    assertThat(r.served(0, 0)).isCloseTo(100, within(1e-6));
    assertThat(r.magnetPrice(0)).isCloseTo(32, within(1e-6));
    assertThat(r.production(0, 4)).isCloseTo(0, within(1e-6));
  }

  @Test
  void dysprosiumFromIonicClaySetsTheHeavyBalance() {
    // Bastnaesite mine B (NdPr 0.2, Dy 0; 5 USD/kg, 1000 t REO) and ionic-clay mine I (NdPr 0.1,
    // Dy 0.05; 20 USD/kg, 10 t REO). Grade NdPr 0.3, Dy 0.03; inelastic demand 100 t; choke 500.
    // Dy can come only from I: at most 10 × 0.05 = 0.5 t, so Q <= 0.5 / 0.03 = 16.667 t.
    // At that Q: NdPr 5 t needs 25 t REO of B; Dy needs all 10 t of I, which also brings 1 t NdPr
    // (surplus 1 t). mc = magnet 10 + metal 0.33 × 20 + NdPr 0.3 × (5+5)/0.2 + Dy 0.03 × (20+5)/0.05
    // = 10 + 6.6 + 15 + 15 = 46.6. Demand is inelastic, so the price goes to the choke price 500:
    // unserved 83.33 t; the rent 453.4 goes to Dy oxide: 500 + 453.4 / 0.03 = 15613.33 USD/kg.
    SupplyChain chain = new ChainBuilder()
        .deposit("bastnaesite", 0.2, 0, 0)
        .deposit("ionic-clay", 0.1, 0.05, 0)
        .producer("B", Stage.MINING, 0, "bastnaesite", 5, 1000)
        .producer("I", Stage.MINING, 0, "ionic-clay", 20, 10)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 5000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet", Stage.MAGNET, 0, null, 10, 200)
        .sector("wind", 100, 0.3, 0.03, 0, 0)
        .build();
    RunResult r = AnnualEngine.run(chain);
    double q = 0.5 / 0.03;
    assertThat(r.served(0, 0)).isCloseTo(q, within(1e-6));
    assertThat(r.unserved(0, 0)).isCloseTo(100 - q, within(1e-6));
    assertThat(r.magnetPrice(0)).isCloseTo(500, within(TOL));
    assertThat(r.binding(0)).isEqualTo(Stage.MINING);
    assertThat(r.bindingElement(0)).isEqualTo(Element.DY);
    assertThat(r.production(0, 0)).isCloseTo(25, within(1e-6));
    assertThat(r.production(0, 1)).isCloseTo(10, within(1e-6));
    assertThat(r.elementSurplus(0, 0)).isCloseTo(1, within(1e-6));
    assertThat(r.oxidePrice(0, 0)).isCloseTo(50, within(1e-6));
    assertThat(r.oxidePrice(0, 1)).isCloseTo(500 + (500 - 46.6) / 0.03, within(1e-4));
  }

  @Test
  void separationCapacityCanBind() {
    // Separation 60 t REO: NdPr 0.3 × 60 = 18 t oxide → Q <= 60 t magnet.
    ChainBuilder b = twoMagnetMakers(150, 0);
    b.producers.set(1, new org.lodestone.core.model.Producer("sep", "sep", Stage.SEPARATION, 0, "o",
        org.lodestone.core.model.ProducerStatus.OPERATING, -1, 5, new double[] {60}));
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.served(0, 0)).isCloseTo(60, within(1e-6));
    assertThat(r.binding(0)).isEqualTo(Stage.SEPARATION);
    assertThat(r.unserved(0, 0)).isCloseTo(90, within(1e-6));
  }

  @Test
  void yieldsAndOxideFactorsScaleTheMaterialNeeds() {
    // Manufacturing yield 0.75, metal yield 0.8, oxide→metal 0.85: per kg magnet of NdPr grade 0.3,
    // metal 0.3 / 0.75 = 0.4 kg, oxide 0.4 / (0.85 × 0.8) = 0.588235 kg. Demand 100 t:
    // metal 40 t, oxide 58.8235 t, REO 196.078 t.
    ChainBuilder b = twoMagnetMakers(100, 0);
    b.mfgYield = 0.75;
    b.metalYield = 0.8;
    b.oxideToMetal = new double[] {0.85, 0.871, 0.85};
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.production(0, 2)).isCloseTo(40, within(1e-6));
    assertThat(r.elementUsed(0, 0)).isCloseTo(0.4 / (0.85 * 0.8) * 100, within(1e-6));
    assertThat(r.production(0, 0)).isCloseTo(0.4 / (0.85 * 0.8) * 100 / 0.3, within(1e-6));
  }

  @Test
  void machiningScrapComesBackAsOxideAndDisplacesMining() {
    // Manufacturing yield 0.75, full scrap recovery: per kg magnet the alloy holds 0.3 / 0.75 = 0.4 kg
    // NdPr metal; scrap carries 0.4 − 0.3 = 0.1 kg, returned as 0.1 kg oxide (factors 1). Demand
    // 100 t: metal 40 t from 30 t separated oxide + 10 t recycled; mined REO 30 / 0.3 = 100 t.
    ChainBuilder b = twoMagnetMakers(100, 0);
    b.mfgYield = 0.75;
    b.scrapRecovery = 1;
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.production(0, 2)).isCloseTo(40, within(1e-6));
    assertThat(r.elementRecycled(0, 0)).isCloseTo(10, within(1e-6));
    assertThat(r.elementUsed(0, 0)).isCloseTo(30, within(1e-6));
    assertThat(r.production(0, 0)).isCloseTo(100, within(1e-6));
  }

  @Test
  void scrapRecoveryIsByElement() {
    // Hand-computed: 100 t of magnet (NdPr 30 %, Dy 3 %, Tb 0.6 %), manufacturing yield 0.75, oxide
    // factors 1, metal yield 1, scrap recovery NdPr 100 %, Dy 50 %, Tb 25 %. Alloy 133.3 t, scrap 33.3 t
    // carrying NdPr 10, Dy 1, Tb 0.2 t. Recovered: 10, 0.5, 0.05 t; metal needed 40, 4, 0.8 t, so the
    // separated oxide used is 30, 3.5, 0.75 t. The ore (NdPr 30 %, Dy 5 %, Tb 1 %) is mined for NdPr:
    // 30 / 0.3 = 100 t REO (Dy needs 70, Tb 75), leaving Dy 5 - 3.5 = 1.5 t and Tb 1 - 0.75 = 0.25 t over.
    ChainBuilder b = new ChainBuilder()
        .deposit("mixed", 0.3, 0.05, 0.01)
        .producer("mine", Stage.MINING, 0, "mixed", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 200)
        .sector("ev", 100, 0.3, 0.03, 0.006, 0);
    b.mfgYield = 0.75;
    b.scrapRecoveryByElement = new double[] {1, 0.5, 0.25};
    RunResult r = AnnualEngine.run(b.build());
    int nd = Element.NDPR.ordinal();
    int dy = Element.DY.ordinal();
    int tb = Element.TB.ordinal();
    assertThat(r.elementRecycled(0, nd)).isCloseTo(10, within(1e-6));
    assertThat(r.elementRecycled(0, dy)).isCloseTo(0.5, within(1e-6));
    assertThat(r.elementRecycled(0, tb)).isCloseTo(0.05, within(1e-6));
    assertThat(r.elementUsed(0, nd)).isCloseTo(30, within(1e-6));
    assertThat(r.elementUsed(0, dy)).isCloseTo(3.5, within(1e-6));
    assertThat(r.elementUsed(0, tb)).isCloseTo(0.75, within(1e-6));
    assertThat(r.production(0, 0)).isCloseTo(100, within(1e-6));
    assertThat(r.elementSurplus(0, dy)).isCloseTo(1.5, within(1e-6));
    assertThat(r.elementSurplus(0, tb)).isCloseTo(0.25, within(1e-6));
  }

  @Test
  void oneScrapRecoveryRateAppliesToEveryElement() {
    // The scalar constructor fills every element: 0.004 x (1/0.8 - 1) x 0.8 / 0.85 = 0.000941176 kg Tb
    // oxide per kg magnet; NdPr at grade 0.3 with factor 0.857: 0.3 x 0.25 x 0.8 / 0.857 = 0.0700117
    org.lodestone.core.model.MarketParameters m = new org.lodestone.core.model.MarketParameters(
        new double[] {0.857, 0.871, 0.85}, new double[] {50, 300, 1000}, new double[] {500, 3000, 10000}, 40,
        400, 0.8, 0.95, 0.8);
    assertThat(m.scrapOxidePerMagnet(Element.TB.ordinal(), 0.004)).isCloseTo(0.000941176, within(1e-9));
    assertThat(m.scrapOxidePerMagnet(Element.NDPR.ordinal(), 0.3)).isCloseTo(0.0700117, within(1e-7));
    assertThat(m.scrapRecoveryRate()).containsExactly(0.8, 0.8, 0.8);
  }

  @Test
  void aScrapRecoveryRateOutsideZeroToOneIsRefusedNamingTheElement() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new org.lodestone.core.model.MarketParameters(
        new double[] {1, 1, 1}, new double[] {50, 300, 1000}, new double[] {500, 3000, 10000}, 40, 400, 0.8, 0.95,
        new double[] {0.95, 0.8, 1.2}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tb");
  }

  /** Four years, 150 t a year (NdPr 30 %) into a fixed 2-year lifetime, with {@code prior} put in use before. */
  private static ChainBuilder fourYearsOfFixedTwoYearLifetime(double[] prior) {
    ChainBuilder b = new ChainBuilder(4)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 200);
    b.sectors.add(new org.lodestone.core.model.Sector("ev", "ev", new double[] {150, 150, 150, 150},
        new double[] {0.3, 0, 0}, 0, new double[] {0, 1}, new org.lodestone.core.stock.LifetimeModel.Fixed(2),
        prior));
    return b;
  }

  @Test
  void servedMagnetsFillTheStockInUseAndLeaveAfterTheirLifetime() {
    // 150 t served every year into a sector with a fixed 2-year lifetime (ODYM 'end' convention:
    // a cohort is in stock at ages 0 and 1, gone at age 2): stock 150, 300, 300, 300;
    // outflow 0, 0, 150, 150 (ODYM's fixed-lifetime known answer pattern)
    RunResult r = AnnualEngine.run(fourYearsOfFixedTwoYearLifetime(new double[0]).build());
    assertThat(new double[] {r.stockInUse(0, 0), r.stockInUse(1, 0), r.stockInUse(2, 0), r.stockInUse(3, 0)})
        .containsExactly(150, 300, 300, 300);
    assertThat(new double[] {r.eolOutflow(0, 0), r.eolOutflow(1, 0), r.eolOutflow(2, 0), r.eolOutflow(3, 0)})
        .containsExactly(0, 0, 150, 150);
  }

  @Test
  void magnetsPutInUseBeforeTheRunAreInTheOpeningStockAndLeaveByTheirLifetime() {
    // As servedMagnetsFillTheStockInUse (150 t a year, fixed 2-year lifetime, END convention) with
    // 40 t put in use two years before the first year and 60 t the year before. Cohort -2 is in stock
    // in years -2 and -1 and leaves in year 0 (40 t); cohort -1 leaves in year 1 (60 t). Opening
    // stock 40 + 60 = 100. Year 0: stock 60 + 150 = 210, outflow 40 (150 = 40 + 210 - 100); year 1:
    // stock 300, outflow 60; then 300 and 150 as without the earlier cohorts. NdPr (grade 0.3):
    // stock 63 and outflow 12 in year 0.
    RunResult r = AnnualEngine.run(fourYearsOfFixedTwoYearLifetime(new double[] {40, 60}).build()); // balance checked
    assertThat(new double[] {r.stockInUse(0, 0), r.stockInUse(1, 0), r.stockInUse(2, 0), r.stockInUse(3, 0)})
        .containsExactly(new double[] {210, 300, 300, 300}, within(TOL));
    assertThat(new double[] {r.eolOutflow(0, 0), r.eolOutflow(1, 0), r.eolOutflow(2, 0), r.eolOutflow(3, 0)})
        .containsExactly(new double[] {40, 60, 150, 150}, within(TOL));
    java.util.Map<String, Double> rows = new java.util.HashMap<>();
    for (org.lodestone.core.results.ResultRow row : org.lodestone.core.results.TidyResults.rows(r, 2020, 2020)) {
      if (row.region().isEmpty() && row.sector().isEmpty()) { // element rows are world totals (one sector here)
        rows.put(row.metric() + "|" + row.product(), row.value());
      }
    }
    assertThat(rows.get("stock_in_use|NdPr")).isCloseTo(63, within(TOL));
    assertThat(rows.get("eol_outflow|NdPr")).isCloseTo(12, within(TOL));
  }

  @Test
  void endOfLifeMagnetsFromBeforeTheRunAreCollectedToo() {
    // endOfLifeChain (150 t a year, fixed 1-year lifetime) with 100 t put in use the year before the
    // first: they leave use in year 0 and, with the one-year collection lag, come back in year 1:
    // 100 x 0.5 collection x 0.3 NdPr = 15 t of the 45 t of NdPr oxide needed, so mines supply 30 t
    // (100 t REO) in year 1; year 2 recycles year 0's cohort as before (22.5 t, 75 t REO).
    ChainBuilder b = endOfLifeChain();
    b.sectors.set(0, b.sectors.get(0).withPriorInflowT(new double[] {100}));
    b.eol = new org.lodestone.core.model.EolRecycling(0.5, 1, new double[] {1000, 1000, 1000});
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.eolOutflow(0, 0)).isCloseTo(100, within(TOL));
    assertThat(r.production(0, 0)).isCloseTo(150, within(TOL));
    assertThat(r.eolCollected(1)).isCloseTo(50, within(TOL));
    assertThat(r.elementEolRecycled(1, 0)).isCloseTo(15, within(TOL));
    assertThat(r.production(1, 0)).isCloseTo(100, within(TOL));
    assertThat(r.production(2, 0)).isCloseTo(75, within(TOL));
  }

  @Test
  void inflowBeforeTheRunMustBeNonNegative() {
    assertThatThrownBy(() -> new org.lodestone.core.model.Sector("ev", "ev", new double[] {1}, new double[] {0.3, 0, 0},
        0, new double[] {0, 1}, null, new double[] {-1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the first year");
  }

  /** Three years, one inelastic sector of 150 t (NdPr 30 %) whose products last one year. */
  private static ChainBuilder endOfLifeChain() {
    ChainBuilder b = new ChainBuilder(3)
        .deposit("bastnaesite", 0.3, 0, 0)
        .producer("mine", Stage.MINING, 0, "bastnaesite", 10, 1000)
        .producer("sep", Stage.SEPARATION, 0, null, 5, 1000)
        .producer("metal", Stage.METAL, 0, null, 20, 1000)
        .producer("magnet-a", Stage.MAGNET, 0, null, 10, 200);
    b.sectors.add(new org.lodestone.core.model.Sector("ev", "ev", new double[] {150, 150, 150},
        new double[] {0.3, 0, 0}, 0, new double[] {0, 1}, new org.lodestone.core.stock.LifetimeModel.Fixed(1)));
    return b;
  }

  @Test
  void endOfLifeMagnetsComeBackAsOxideAfterTheirLifetime() {
    // 150 t served a year into a sector with a fixed 1-year lifetime: each cohort leaves use the year
    // after it was served; with a one-year collection lag, year 2 recycles what year 0 served.
    // Collection 50 %, yield 100 %, grade NdPr 0.3, factors 1: 150 × 0.5 × 0.3 = 22.5 t NdPr oxide of
    // the 45 t needed, so mines supply 22.5 t: 75 t REO (150 t REO in years 0 and 1)
    ChainBuilder b = endOfLifeChain();
    b.eol = new org.lodestone.core.model.EolRecycling(0.5, 1, new double[] {1000, 1000, 1000});
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.production(0, 0)).isCloseTo(150, within(TOL));
    assertThat(r.production(1, 0)).isCloseTo(150, within(TOL));
    assertThat(r.eolCollected(2)).isCloseTo(75, within(TOL));
    assertThat(r.elementEolRecycled(2, 0)).isCloseTo(22.5, within(TOL));
    assertThat(r.production(2, 0)).isCloseTo(75, within(TOL));
    // a capacity of 30 t of magnets a year processes 30 of the 75 t collected: 9 t oxide
    b.eol = new org.lodestone.core.model.EolRecycling(0.5, 1, new double[] {30, 30, 30});
    RunResult capped = AnnualEngine.run(b.build());
    assertThat(capped.eolProcessed(2)).isCloseTo(30, within(TOL));
    assertThat(capped.elementEolRecycled(2, 0)).isCloseTo(9, within(TOL));
  }

  @Test
  void recyclingPlantsRunInMeritOrderWhereTheOxidePaysTheirCost() {
    // As above (75 t of magnets collected in year 2, 0.3 kg NdPr each, yield 100 %). Generic capacity
    // 10 t; plant "cheap" (5 USD/kg, 20 t) and "dear" (100 USD/kg, 100 t). Year 1's NdPr oxide price
    // is (10 + 5) / 0.3 = 50, so a kg of magnet yields 0.3 × 50 = 15 USD of oxide: cheap runs (20 t),
    // dear does not. Processed 10 + 20 = 30 t → 9 t NdPr oxide; mines supply 45 − 9 = 36 t = 120 t REO.
    ChainBuilder b = endOfLifeChain();
    b.eol = new org.lodestone.core.model.EolRecycling(0.5, 1, new double[] {10, 10, 10}, java.util.List.of(
        new org.lodestone.core.model.Recycler("dear", "dear", 1, "d", new double[] {100, 100, 100}, 100),
        new org.lodestone.core.model.Recycler("cheap", "cheap", 1, "c", new double[] {20, 20, 20}, 5)));
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.oxidePrice(1, 0)).isCloseTo(50, within(TOL));
    assertThat(r.eolCollected(2)).isCloseTo(75, within(TOL));
    assertThat(r.recyclerProcessed(2, 1)).isCloseTo(20, within(TOL));
    assertThat(r.recyclerProcessed(2, 0)).isZero();
    assertThat(r.eolProcessed(2)).isCloseTo(30, within(TOL));
    assertThat(r.elementEolRecycled(2, 0)).isCloseTo(9, within(TOL));
    assertThat(r.production(2, 0)).isCloseTo(120, within(1e-6));
    java.util.List<org.lodestone.core.results.ResultRow> rows = org.lodestone.core.results.TidyResults.rows(r, 2022, 2022);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("production");
      assertThat(row.stage()).isEqualTo("recycling");
      assertThat(row.region()).isEqualTo("US");
      assertThat(row.value()).isCloseTo(20, within(TOL));
    });
  }

  @Test
  void magnetProductionIsAlsoReportedOnABlankBasis() {
    // 150 t of finished magnets (A 100 in CN, B 50 in US) at a manufacturing yield of 0.75 are
    // 150 / 0.75 = 200 t of blanks: 133.33 t in CN and 66.67 t in US; the row without a product
    // stays finished.
    ChainBuilder b = twoMagnetMakers(150, 0);
    b.mfgYield = 0.75;
    java.util.Map<String, Double> rows = new java.util.HashMap<>();
    for (org.lodestone.core.results.ResultRow row
        : org.lodestone.core.results.TidyResults.rows(AnnualEngine.run(b.build()), 2020, 2020)) {
      if (row.metric().equals("production") && row.stage().equals("magnet")) {
        rows.put(row.product() + "|" + row.region(), row.value());
      }
    }
    assertThat(rows.get("|")).isCloseTo(150, within(TOL));
    assertThat(rows.get("magnet-blank|")).isCloseTo(200, within(TOL));
    assertThat(rows.get("magnet-blank|CN")).isCloseTo(400.0 / 3, within(TOL));
    assertThat(rows.get("magnet-blank|US")).isCloseTo(200.0 / 3, within(TOL));
  }

  @Test
  void noCapacityAtAllLeavesEverythingUnservedAtTheChokePrice() {
    ChainBuilder b = twoMagnetMakers(150, -0.5);
    b.producers.remove(4);
    b.producers.remove(3);
    RunResult r = AnnualEngine.run(b.build());
    assertThat(r.served(0, 0)).isZero();
    assertThat(r.magnetPrice(0)).isEqualTo(500);
    assertThat(r.unserved(0, 0)).isCloseTo(150 * Math.pow(500 / 40.0, -0.5), within(1e-9));
  }

  @Test
  void aBrokenBalanceIsReportedWithProcessYearAndImbalance() {
    assertThatThrownBy(() -> MassBalance.check("separation", 2024, 100, 99.9))
        .isInstanceOf(MassBalanceException.class)
        .hasMessageContaining("separation")
        .hasMessageContaining("2024")
        .hasMessageContaining("imbalance");
    assertThatThrownBy(() -> MassBalance.checkNonNegative("stock", 2030, -1))
        .hasMessageContaining("stock").hasMessageContaining("2030");
    MassBalance.check("ok", 2024, 1e6, 1e6 * (1 + 1e-12));
    // a surplus of two large flows: rounding of 5.6e-8 t on 56,000 t (1e-12) is no shortfall (the
    // valid-range fuzz found it, ValidRangeFuzzTest), 0.1 t is
    MassBalance.checkCovers("surplus of NdPr", 2022, 56000, 56000 + 5.6e-8);
    assertThatThrownBy(() -> MassBalance.checkCovers("surplus of NdPr", 2022, 56000, 56000.1))
        .hasMessageContaining("surplus of NdPr").hasMessageContaining("2022");
  }
}
