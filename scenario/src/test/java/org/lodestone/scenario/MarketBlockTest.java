package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.MarketModel;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.Problem;

/**
 * The {@code market: {model: elements}} block on the tiny fixture (one mine of 30 % NdPr at 10 USD/kg
 * REO, one separator at 5, metal at 20, magnet makers A in CN and B in ROW): parsing, the off-quota
 * tranche, nameplate factors, and a negative test for every validation rule.
 */
class MarketBlockTest extends OnTinyFixture {
  static final String BLOCK = "market:\n  model: elements\n";

  SupplyChain load(String body) throws IOException {
    return fixture.load("el", body).chain();
  }

  List<Problem> reject(String body) throws IOException {
    return fixture.problems("el", body);
  }

  @Test
  void theBlockSetsTheModelCapsAndAnOffQuotaTranche() throws IOException {
    SupplyChain c = load(BLOCK
        + "  supplyCurve: {mining: 0.1}\n"
        + "  gradeElasticity: {Dy: -0.3}\n"
        + "  otherOxideValue: 2 USD/kg\n"
        + "  nameplate: [{producers: [sep], factor: {2020: 2, 2024: 3}}]\n"
        + "  caps: [{id: quota, producers: [mine], values: {unit: t REO, 2020: 100, 2022: 200},"
        + " offQuota: {share: 10 %, costFactor: 2}}]\n"
        + "  storage: [{element: NdPr, capacity: 50 t, initial: 10 t, interestRate: 5 %, carryingCost: 1 %,"
        + " width: 40 %, trailingYears: 2, anchor: 25 %}]\n"
        + "  sticky: {share: 30 %, premium: 15 USD/kg}\n");
    assertThat(MarketModel.of(c)).isEqualTo(MarketModel.ELEMENTS);
    ElementMarket em = c.elementMarket();
    assertThat(em.curvature(Stage.MINING)).isEqualTo(0.1);
    assertThat(em.curvature(Stage.MAGNET)).isEqualTo(0.05);
    assertThat(em.gradeElasticity(1)).isEqualTo(-0.3);
    assertThat(em.otherReoValueUsdPerKg()).isEqualTo(2);
    assertThat(em.stickyShare()).isEqualTo(0.3);
    assertThat(em.switchPremiumUsdPerKg()).isEqualTo(15);
    assertThat(em.storage()).containsExactly(new ElementMarket.Storage(0, 50, 10, 0.05, 0.01, 0.4, 2, 0.25));
    // the cap path: 100 (2020), 150 (2021, linear), 200 after
    assertThat(em.caps().get(0).capT()).containsExactly(100, 150, 200, 200, 200);
    Producer sep = c.producers().stream().filter(p -> p.id().equals("sep")).findFirst().orElseThrow();
    assertThat(sep.capacityT(0)).isEqualTo(2000);
    assertThat(sep.capacityT(2)).isEqualTo(2500);
    // the tranche: 10 % of the cap at twice the mine's cost, outside the cap
    Producer off = c.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
    assertThat(off.capacityT(0)).isCloseTo(10, within(1e-9));
    assertThat(off.capacityT(4)).isCloseTo(20, within(1e-9));
    assertThat(off.offerCostT(0)).isEqualTo(20);
    assertThat(em.caps().get(0).members()).containsExactly(c.producers().indexOf(
        c.producers().stream().filter(p -> p.id().equals("mine")).findFirst().orElseThrow()));
    RunResult r = AnnualEngine.run(c);
    int mine = em.caps().get(0).member(0);
    for (int t = 0; t < 5; t++) {
      assertThat(r.production(t, mine)).isLessThanOrEqualTo(em.caps().get(0).capT(t) * (1 + 1e-7));
    }
  }

  @Test
  void reportedProductionLeavesOutTheTranche() throws IOException {
    // a cap of 100 t REO on the mine and a tranche of 50 % (50 t) at the mine's own cost (factor 1):
    // official statistics count the mine only, so `reported` = total - tranche, by hand per year
    SupplyChain c = load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100}, offQuota: {share: 50 %, costFactor: 1}}]\n");
    RunResult r = AnnualEngine.run(c);
    int mine = -1;
    int off = -1;
    for (int p = 0; p < c.producers().size(); p++) {
      mine = c.producers().get(p).id().equals("mine") ? p : mine;
      off = c.producers().get(p).id().equals("mine-offquota") ? p : off;
    }
    java.util.Map<String, Double> rows = new java.util.HashMap<>();
    for (org.lodestone.core.results.ResultRow row : org.lodestone.core.results.TidyResults.rows(r, 2020, 2024)) {
      rows.put(row.year() + "/" + row.metric() + "/" + row.stage() + "/" + row.product() + "/" + row.region(),
          row.value());
    }
    double tranche = 0;
    for (int t = 0; t < 5; t++) {
      int year = 2020 + t;
      double reported = rows.get(year + "/production/mining/reported/");
      double total = rows.get(year + "/production/mining//");
      assertThat(reported).isCloseTo(r.production(t, mine), within(1e-9));
      assertThat(total - reported).isCloseTo(r.production(t, off), within(1e-6));
      tranche += r.production(t, off);
    }
    assertThat(tranche).isPositive(); // the tranche ran, so the two bases differ
  }

  @Test
  void theTrancheCanBeSwitchedOff() throws IOException {
    SupplyChain c = load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100}, offQuota: {share: 10 %, costFactor: 2, enabled: false}}]\n");
    assertThat(c.producers()).noneMatch(p -> p.id().endsWith("-offquota"));
    assertThat(c.elementMarket().caps()).hasSize(1);
    // without a tranche there is one basis: no `reported` rows
    assertThat(org.lodestone.core.results.TidyResults.rows(AnnualEngine.run(c), 2020, 2024))
        .noneMatch(row -> row.product().equals(org.lodestone.core.results.TidyResults.REPORTED));
  }

  /** The tiny fixture's cap of 100 t REO on the mine (10 USD/kg REO) with a tranche of 50 % at 2x its cost. */
  static final String TRANCHE = BLOCK
      + "  caps: [{id: quota, producers: [mine], values: {2020: 100}, offQuota: {share: 50 %, costFactor: 2}}]\n";

  private static Producer producer(SupplyChain c, String id) {
    return c.producers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void anOffQuotaEventShrinksAndPricesTheTrancheInItsWindow() throws IOException {
    // by hand: tranche = 50 % x 100 t = 50 t at 2 x 10 = 20 USD/kg REO. A crackdown of 40 % in 2021-2022
    // at 1.5x the cost leaves 50 x 0.6 = 30 t at 20 x 1.5 = 30 USD/kg; a second event switching it off in
    // 2022 multiplies (30 x 0 = 0 t; the cost factor 1 leaves 30 USD/kg); 2020 and 2023-2024 as written
    SupplyChain c = load(TRANCHE + "events:\n"
        + "  - {type: off_quota, cap: quota, from: 2021, to: 2022, fraction: 40 %, costFactor: 1.5}\n"
        + "  - {type: off_quota, cap: quota, from: 2022, fraction: 100 %}\n");
    Producer off = producer(c, "mine-offquota");
    double[] size = {50, 30, 0, 50, 50};
    double[] cost = {20, 30, 30, 20, 20};
    for (int t = 0; t < 5; t++) {
      assertThat(off.capacityT(t)).as("tranche %d", 2020 + t).isCloseTo(size[t], within(1e-9));
      assertThat(off.offerCostT(t)).as("cost %d", 2020 + t).isCloseTo(cost[t], within(1e-9));
    }
    // the cap itself and the capped mine are untouched
    assertThat(c.elementMarket().caps().get(0).capT()).containsExactly(100, 100, 100, 100, 100);
    assertThat(producer(c, "mine").capacityT()).containsExactly(
        producer(load(TRANCHE), "mine").capacityT());
  }

  @Test
  void aTrancheSwitchedOffByEventsRunsAsOneSwitchedOffInTheData() throws IOException {
    // fraction 100 % in every year leaves a tranche of zero capacity: the same market as `enabled: false`
    RunResult off = AnnualEngine.run(load(TRANCHE
        + "events:\n  - {type: off_quota, cap: quota, from: 2020, to: 2024, fraction: 100 %}\n"));
    RunResult none = AnnualEngine.run(load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100}, offQuota: {share: 50 %, costFactor: 2, enabled: false}}]\n"));
    RunResult on = AnnualEngine.run(load(TRANCHE));
    boolean differs = false;
    for (int t = 0; t < 5; t++) {
      for (int e = 0; e < org.lodestone.core.model.Element.COUNT; e++) {
        assertThat(off.oxidePrice(t, e)).isCloseTo(none.oxidePrice(t, e), within(1e-6));
        differs |= Math.abs(on.oxidePrice(t, e) - none.oxidePrice(t, e)) > 1e-6;
      }
    }
    assertThat(differs).as("the tranche moves some price when it runs").isTrue();
  }

  @Test
  void anOffQuotaEventMustNameACapWithATranche() throws IOException {
    Problem unknown = reject(TRANCHE + "events:\n  - {type: off_quota, cap: qouta, from: 2021, fraction: 50 %}\n").get(0);
    assertThat(unknown.path()).isEqualTo("events[0].cap");
    assertThat(unknown.line()).isEqualTo(7);
    assertThat(Rule.of(unknown)).isEqualTo(Rule.UNKNOWN_CHOICE);
    assertThat(unknown.hint()).contains("quota");
    Problem noTranche = reject(BLOCK + "  caps: [{id: quota, producers: [mine], values: {2020: 100}}]\n"
        + "events:\n  - {type: off_quota, cap: quota, from: 2021, fraction: 50 %}\n").get(0);
    assertThat(noTranche.path()).isEqualTo("events[0].cap");
    assertThat(noTranche.hint()).contains("offQuota");
    Problem noMarket = reject("events:\n  - {type: off_quota, cap: quota, from: 2021, fraction: 50 %}\n").get(0);
    assertThat(noMarket.path()).isEqualTo("events[0].cap");
    assertThat(Rule.of(noMarket)).isEqualTo(Rule.UNKNOWN_CHOICE);
    Problem neither = reject(TRANCHE + "events:\n  - {type: off_quota, cap: quota, from: 2021}\n").get(0);
    assertThat(neither.path()).isEqualTo("events[0].fraction");
    assertThat(Rule.of(neither)).isEqualTo(Rule.MISSING_BECAUSE);
    assertThat(reject(TRANCHE + "events:\n  - {type: off_quota, cap: quota, from: 2021, fraction: 150 %}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("events[0].fraction"));
    assertThat(reject(TRANCHE + "events:\n  - {type: off_quota, from: 2021, fraction: 50 %}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("events[0].cap"));
  }

  @Test
  void aChildNamingAnotherModelReplacesTheBlock() throws IOException {
    fixture.child("el-parent", BLOCK + "  sticky: {share: 30 %, premium: 15 USD/kg}\n");
    java.nio.file.Path child = dir.resolve("el-child.yaml");
    java.nio.file.Files.writeString(child, "name: el-child\nparent: el-parent.yaml\nmarket: {model: global}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    assertThat(MarketModel.of(c)).isEqualTo(MarketModel.MERIT_ORDER);
  }

  @Test
  void theGradeChoicesFormIsExponentialUnlessPowerIsGiven() throws IOException {
    assertThat(load(BLOCK + "  gradeElasticity: {Dy: -0.3}\n").elementMarket().gradeForm())
        .isEqualTo(ElementMarket.GradeForm.EXPONENTIAL);
    assertThat(load(BLOCK + "  gradeElasticity: {form: exponential, Dy: -0.3}\n").elementMarket().gradeForm())
        .isEqualTo(ElementMarket.GradeForm.EXPONENTIAL);
    ElementMarket power = load(BLOCK + "  gradeElasticity: {form: power, Dy: -0.3, Tb: -0.4}\n").elementMarket();
    assertThat(power.gradeForm()).isEqualTo(ElementMarket.GradeForm.POWER);
    assertThat(power.gradeElasticity(1)).isEqualTo(-0.3);
    assertThat(power.gradeElasticity(2)).isEqualTo(-0.4);
  }

  @Test
  void anOxideUseOutsideMagnetsBuysAtItsElementsPrice() throws IOException {
    SupplyChain plain = load(BLOCK);
    SupplyChain c = load(BLOCK + "  oxideUses: [{id: glass, element: NdPr, region: ROW,"
        + " demand: {unit: t, 2020: 100 t, 2022: 200 t}, elasticity: -0.2}]\n");
    ElementMarket.OxideUse use = c.elementMarket().oxideUses().get(0);
    assertThat(use.id()).isEqualTo("glass");
    assertThat(use.element()).isEqualTo(0);
    assertThat(use.region()).isEqualTo(c.regionCodes().indexOf("ROW"));
    assertThat(use.elasticity()).isEqualTo(-0.2);
    // the path: 100 (2020), 150 (2021, linear), 200 after
    assertThat(use.demandT()).containsExactly(100, 150, 200, 200, 200);
    RunResult with = AnnualEngine.run(c);
    RunResult without = AnnualEngine.run(plain);
    for (int t = 0; t < 5; t++) {
      // u = D (p / p_ref)^ε at the year's NdPr price (reference 50 USD/kg in the fixture)
      double p = with.oxidePrice(t, 0);
      assertThat(with.oxideUse(t, 0)).isCloseTo(use.demandT(t) * Math.pow(p / 50, -0.2),
          within(1e-9 * use.demandT(t)));
      assertThat(without.oxideUse(t, 0)).isEqualTo(0);
      // the mine runs for the use as well: more NdPr is separated, at a price at least as high
      assertThat(with.elementSeparated(t, 0)).isGreaterThan(without.elementSeparated(t, 0));
      assertThat(p).isGreaterThanOrEqualTo(without.oxidePrice(t, 0) * (1 - 1e-9));
      assertThat(with.elementSurplus(t, 0)).isGreaterThanOrEqualTo(0);
    }
    assertThat(org.lodestone.core.results.TidyResults.rows(with, 2020, 2024))
        .filteredOn(row -> row.metric().equals("oxide_use")).hasSize(5)
        .allSatisfy(row -> assertThat(row.product()).isEqualTo("NdPr"));
    assertThat(org.lodestone.core.results.TidyResults.rows(without, 2020, 2024))
        .noneSatisfy(row -> assertThat(row.metric()).isEqualTo("oxide_use"));
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: Nd, demand: {2020: 1 t}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[0].element"));
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: NdPr, region: EU, demand: {2020: 1 t}}]\n"))
        .anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.oxideUses[0].region");
          assertThat(p.hint()).contains("CN, ROW");
          assertThat(p.line()).isGreaterThan(0);
        });
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: NdPr, demand: {2020: 1 t}, elasticity: 0.5}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[0].elasticity"));
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: NdPr}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[0].demand"));
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: NdPr, demand: {2020: -1 t}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[0].demand.2020"));
    assertThat(reject(BLOCK + "  oxideUses: [{id: u, element: NdPr, demand: {2020: 1 t}},"
        + " {id: v, element: NdPr, demand: {2020: 2 t}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[1].element"));
    assertThat(reject(BLOCK + "  oxideUses: [{element: NdPr, demand: {2020: 1 t}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.oxideUses[0].id"));
  }

  @Test
  void everyRuleHasAPositionedProblem() throws IOException {
    assertThat(reject(BLOCK + "  supplyCurv: {mining: 0.1}\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.supplyCurv");
      assertThat(p.hint()).contains("supplyCurve");
      assertThat(p.line()).isGreaterThan(0);
    });
    assertThat(reject(BLOCK + "  supplyCurve: {mining: -1}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.supplyCurve.mining"));
    assertThat(reject(BLOCK + "  gradeElasticity: {Dy: 0.5}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.gradeElasticity.Dy"));
    assertThat(reject(BLOCK + "  gradeElasticity: {form: powr, Dy: -0.3}\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.gradeElasticity.form");
      assertThat(p.value()).isEqualTo("powr");
      assertThat(p.hint()).contains("`power`");
      assertThat(p.line()).isGreaterThan(0);
    });
    assertThat(reject(BLOCK + "  gradeElasticity: {form: [power], Dy: -0.3}\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.gradeElasticity.form");
      assertThat(p.hint()).contains("exponential, power");
    });
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mien], values: {2020: 1}}]\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.caps[0].producers[0]");
      assertThat(p.hint()).contains("mine");
    });
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine, sep], values: {2020: 1}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("another stage"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1}},"
        + " {id: r, producers: [mine], values: {2020: 1}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("another cap"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.caps[0].values"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1},"
        + " offQuota: {share: 10 %, costFactor: 2, enabled: maybe}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.caps[0].offQuota.enabled"));
    assertThat(reject(BLOCK + "  storage: [{element: Nd, capacity: 5 t, initial: 1 t, interestRate: 5 %,"
        + " carryingCost: 1 %, width: 40 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.storage[0].element"));
    assertThat(reject(BLOCK + "  storage: [{element: NdPr, capacity: 5 t, initial: 9 t, interestRate: 5 %,"
        + " carryingCost: 1 %, width: 40 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.storage[0].initial"));
    assertThat(reject(BLOCK + "  sticky: {share: 30 %}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.sticky.premium"));
    assertThat(reject(BLOCK + "  nameplate: [{producers: [sep], factor: {twenty: 2}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.nameplate[0].factor.twenty"));
  }

  @Test
  void aChildMergesIntoTheMarketBlockAtEveryDepth() throws IOException {
    fixture.child("el-parent", BLOCK
        + "  supplyCurve: {mining: 0.1, separation: 0.2}\n"
        + "  caps: [{id: quota, producers: [mine], values: {unit: t REO, 2020: 100}, offQuota: {share: 10 %, costFactor: 2}}]\n"
        + "  storage: [{element: NdPr, capacity: 50 t, initial: 10 t, interestRate: 5 %, carryingCost: 1 %, width: 40 %}]\n");
    java.nio.file.Path child = dir.resolve("el-child.yaml");
    java.nio.file.Files.writeString(child, "name: el-child\nparent: el-parent.yaml\nmarket:\n"
        + "  supplyCurve: {separation: 0.3}\n"
        + "  caps: {quota: {offQuota: {share: 20 %}}}\n"
        + "  storage: {NdPr: {capacity: {value: 60 t, confidence: E, method: test}}}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    ElementMarket em = c.elementMarket();
    // the stage not named keeps the parent's value; the cap keeps its values and cost factor
    assertThat(em.curvature(Stage.MINING)).isEqualTo(0.1);
    assertThat(em.curvature(Stage.SEPARATION)).isEqualTo(0.3);
    assertThat(em.caps().get(0).capT()[0]).isEqualTo(100);
    Producer off = c.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
    assertThat(off.capacityT(0)).isCloseTo(20, within(1e-9));
    assertThat(off.offerCostT(0)).isEqualTo(20);
    assertThat(em.storage()).containsExactly(new ElementMarket.Storage(0, 60, 10, 0.05, 0.01, 0.4, 3, 0));
    // an item the parent does not have
    java.nio.file.Files.writeString(child, "name: el-child\nparent: el-parent.yaml\nmarket:\n"
        + "  caps: {qouta: {offQuota: {share: 20 %}}}\n");
    assertThat(problems(child)).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("market.caps.qouta");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.rule()).contains("no item with id or element `qouta`");
      assertThat(p.hint()).contains("quota");
    });
  }

  private static List<Problem> problems(java.nio.file.Path p) {
    try {
      ScenarioLoader.load(p.toString());
    } catch (org.lodestone.core.problem.InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void marketNumbersMayBeDistributionsExceptPathsAndWholeYears() throws IOException {
    UncertainScenario u = fixture.loadUncertain("el", BLOCK
        + "  gradeElasticity: {Dy: {dist: uniform, min: -0.5, max: -0.2}}\n"
        + "  storage: [{element: NdPr, capacity: {dist: uniform, min: 40 t, max: 60 t}, initial: 10 t,"
        + " interestRate: 5 %, carryingCost: 1 %, width: {dist: triangular, min: 20 %, mode: 40 %, max: 60 %}}]\n"
        + "  sticky: {share: {dist: uniform, min: 10 %, max: 30 %}, premium: 15 USD/kg}\n");
    assertThat(u.parameters()).extracting(p -> p.path()).containsExactly("market.gradeElasticity.Dy",
        "market.sticky.share", "market.storage[0].capacity", "market.storage[0].width");
    // nominal: the means
    ElementMarket nominal = u.nominal().chain().elementMarket();
    assertThat(nominal.gradeElasticity(1)).isCloseTo(-0.35, within(1e-12));
    assertThat(nominal.storage().get(0).capacityT()).isCloseTo(50, within(1e-9));
    assertThat(nominal.stickyShare()).isCloseTo(0.2, within(1e-12));
    // a draw: u = 0 and 1 give the bounds (uniform) and the triangular's ends
    ElementMarket lo = u.chainAt(new double[] {0, 0, 0, 0}).elementMarket();
    ElementMarket hi = u.chainAt(new double[] {1, 1, 1, 1}).elementMarket();
    assertThat(lo.gradeElasticity(1)).isCloseTo(-0.5, within(1e-12));
    assertThat(hi.storage().get(0).capacityT()).isCloseTo(60, within(1e-9));
    assertThat(lo.storage().get(0).widthShare()).isCloseTo(0.2, within(1e-6)); // u is kept just inside (0, 1)
    assertThat(hi.stickyShare()).isCloseTo(0.3, within(1e-12));
    // the nominal chain is untouched by drawing
    assertThat(u.nominal().chain().elementMarket().stickyShare()).isCloseTo(0.2, within(1e-12));

    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: {dist: uniform, min: 1, max: 2}}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("a distribution cannot stand here"));
    assertThat(reject(BLOCK + "  storage: [{element: NdPr, capacity: 50 t, initial: 10 t, interestRate: 5 %,"
        + " carryingCost: 1 %, width: 40 %, trailingYears: {dist: uniform, min: 1, max: 4}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("a distribution cannot stand here"));
    // a capacity that could fall below the initial level in some draw
    assertThat(reject(BLOCK + "  storage: [{element: NdPr, capacity: {dist: uniform, min: 5 t, max: 60 t},"
        + " initial: 10 t, interestRate: 5 %, carryingCost: 1 %, width: 40 %}]\n"))
        .anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.storage[0].initial");
          assertThat(p.rule()).contains("in any draw");
        });
    // a draw outside the field's range
    assertThat(reject(BLOCK + "  sticky: {share: {dist: normal, mean: 20 %, sd: 5 %}, premium: 15 USD/kg}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.sticky.share"));
  }

  private static final String COSTS =
      "  tradeCost: {concentrate: 0.2 USD/kg, oxide: 1 USD/kg, metal: 1 USD/kg, magnet: 2 USD/kg}\n";

  @Test
  void tradeCostsClearTheSameMarketByRegion() throws IOException {
    SupplyChain c = load(BLOCK + COSTS + "  assembledInChina: 40 %\n");
    assertThat(MarketModel.of(c)).isEqualTo(MarketModel.ELEMENTS);
    assertThat(c.isRegional()).isTrue();
    assertThat(c.trade().assembledInChinaShare()).isEqualTo(0.4);
    assertThat(c.elementMarket().assembledInChinaShare()).isEqualTo(0.4);
    RunResult r = AnnualEngine.run(c);
    assertThat(r.isRegional()).isTrue();
    // maker B (ROW) buys its oxide from CN's separator: the ROW price exceeds CN's by at most the trade
    // cost plus congestion (0.1 % of the price), never by more
    int nd = org.lodestone.core.model.TradedProduct.NDPR_OXIDE.ordinal();
    int cn = c.regionCodes().indexOf("CN");
    for (int t = 0; t < c.axis().size(); t++) {
      double pc = r.regionalPrice(t, nd, cn);
      for (int q = 0; q < c.regionCodes().size(); q++) {
        double pq = r.regionalPrice(t, nd, q);
        if (!Double.isNaN(pq)) {
          assertThat(pq - pc).isLessThanOrEqualTo(1 + 1e-3 * Math.max(pc, 50) + 1e-9);
        }
      }
    }
  }

  @Test
  void theLinearProgrammeStaysSelectable() throws IOException {
    SupplyChain lp = load("market:\n  model: regional-lp\n" + COSTS);
    assertThat(MarketModel.of(lp)).isEqualTo(MarketModel.REGIONAL);
    SupplyChain old = load("market:\n  model: regional\n" + COSTS);
    assertThat(MarketModel.of(old)).isEqualTo(MarketModel.REGIONAL);
  }

  @Test
  void theShareAssembledInChinaAlsoServesOneMarket() throws IOException {
    // without trade costs the market stays one market: the share only places the magnets bought for
    // the implied net exports, so the run is the same as without it
    SupplyChain one = load(BLOCK + "  assembledInChina: 40 %\n");
    assertThat(one.isRegional()).isFalse();
    assertThat(one.elementMarket().assembledInChinaShare()).isEqualTo(0.4);
    assertThat(load(BLOCK).elementMarket().assembledInChinaShare()).isZero();
    RunResult with = AnnualEngine.run(one);
    RunResult without = AnnualEngine.run(load(BLOCK));
    for (int t = 0; t < one.axis().size(); t++) {
      assertThat(with.magnetPrice(t)).isEqualTo(without.magnetPrice(t));
    }
  }

  @Test
  void theRegionalKeysHavePositionedProblems() throws IOException {
    assertThat(reject(BLOCK + "  assembledInChina: 140 %\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.assembledInChina"));
    assertThat(reject(BLOCK + COSTS + "  assembledInChina: 140 %\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.assembledInChina"));
    assertThat(reject(BLOCK + "  tradeCost: {concentrate: 0.2 USD/kg, oxide: 1 USD/kg, metal: 1 USD/kg}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.tradeCost.magnet"));
  }

  private static final String ROUTE = "  routes: [{id: r, rule: offtake, origins: [mine], regions: [CN], source: test-source";

  @Test
  void routesAreReadOntoTheTradeOfTheRegionalMarket() throws IOException {
    SupplyChain c = load(BLOCK + COSTS + ROUTE + ", from: 2021, to: 2022}]\n");
    org.lodestone.core.model.FeedRoutes routes = c.trade().routes();
    assertThat(routes.rules()).singleElement().satisfies(rule -> {
      assertThat(rule.kind()).isEqualTo(org.lodestone.core.model.FeedRoutes.Kind.OFFTAKE);
      assertThat(rule.mineIds()).containsExactly("mine");
      assertThat(rule.activeT()).containsExactly(false, true, true, false, false);
    });
    // the mine's route to CN stays open; the run separates the mine's ore at home as before
    assertThat(routes.open(1, "mine", 0, 0)).isTrue();
    SupplyChain lp = load("market:\n  model: regional-lp\n" + COSTS
        + "  routes: [{id: r, rule: feed, regions: [CN], origins: [ROW], confidence: E, method: \"test\"}]\n");
    assertThat(lp.trade().routes().open(0, "mine", 0, 0)).isFalse();
  }

  private static final String ELEMENTS = "  routes: [{id: e, rule: elements, origins: [mine], regions: [CN],"
      + " source: test-source";

  @Test
  void anElementsRuleIsReadWithItsElementsAndShare() throws IOException {
    SupplyChain c = load(BLOCK + COSTS + ELEMENTS + ", elements: [Dy, Tb], share: 40 %, to: 2021}]\n");
    org.lodestone.core.model.FeedRoutes routes = c.trade().routes();
    assertThat(routes.rules()).singleElement().satisfies(rule -> {
      assertThat(rule.kind()).isEqualTo(org.lodestone.core.model.FeedRoutes.Kind.ELEMENTS);
      assertThat(rule.elements()).containsExactly(false, true, true);
      assertThat(rule.share()).isEqualTo(0.4);
    });
    int[] to = new int[1];
    assertThat(routes.elementShare(0, "mine", 0, 1, to)).isEqualTo(0.4);
    assertThat(routes.elementShare(2, "mine", 0, 1, to)).isZero();
    assertThat(load(BLOCK + COSTS + ELEMENTS + ", elements: [Dy]}]\n").trade().routes().rules().get(0).share())
        .isEqualTo(1.0);
    // each problem positioned
    assertThat(reject(BLOCK + COSTS + ELEMENTS + "}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].elements"));
    assertThat(reject(BLOCK + COSTS + ELEMENTS + ", elements: [Dx]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].elements[0]"));
    assertThat(reject(BLOCK + COSTS + ELEMENTS + ", elements: [Dy], share: 140 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].share"));
    assertThat(reject(BLOCK + COSTS + ELEMENTS + ", elements: [Dy], share: 0 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].share"));
    assertThat(reject(BLOCK + COSTS + ELEMENTS + ", elements: [Dy], share: lots}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].share"));
    assertThat(reject(BLOCK + COSTS + ROUTE + ", elements: [Dy]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].elements"));
    assertThat(reject(BLOCK + COSTS + ROUTE + ", share: 50 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].share"));
    // the linear programme has no elements rule: an error, not a rule silently ignored
    assertThat(reject("market:\n  model: regional-lp\n" + COSTS + ELEMENTS + ", elements: [Dy]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].rule"));
  }

  @Test
  void everyRouteRuleHasAPositionedProblem() throws IOException {
    // one market has no routes: it separates every mine's ore in one pool
    assertThat(reject(BLOCK + ROUTE + "}]\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.routes");
      assertThat(p.hint()).contains("tradeCost");
      assertThat(p.line()).isGreaterThan(0);
    });
    assertThat(reject("market:\n  model: global\n" + ROUTE + "}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes"));
    assertThat(reject(BLOCK + COSTS + "  routes: {id: r}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes"));
    assertThat(reject(BLOCK + COSTS + ROUTE + ", destination: CN}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].destination"));
    assertThat(reject(BLOCK + COSTS + "  routes: [{rule: offtake, origins: [mine], regions: [CN], source: test-source}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].id"));
    assertThat(reject(BLOCK + COSTS + ROUTE + "}, {id: r, rule: feed, origins: [mine], regions: [CN],"
        + " source: test-source}]\n")).anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.routes[1].id");
          assertThat(p.rule()).contains("second");
        });
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtak, origins: [mine], regions: [CN],"
        + " source: test-source}]\n")).anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].rule"));
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [mien], regions: [CN],"
        + " source: test-source}]\n")).anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.routes[0].origins[0]");
          assertThat(p.hint()).contains("mine");
        });
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [sep], regions: [CN],"
        + " source: test-source}]\n")).anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.routes[0].origins[0]");
          assertThat(p.rule()).contains("not a mine");
        });
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [], regions: [CN],"
        + " source: test-source}]\n")).anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].origins"));
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [mine], regions: [XX],"
        + " source: test-source}]\n")).anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].regions[0]"));
    // ROW has no separator: no concentrate goes there
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [mine], regions: [ROW],"
        + " source: test-source}]\n")).anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("market.routes[0].regions[0]");
          assertThat(p.rule()).contains("no separation");
        });
    assertThat(reject(BLOCK + COSTS + "  routes: [{id: r, rule: offtake, origins: [mine], regions: [CN]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].source"));
    assertThat(reject(BLOCK + COSTS + ROUTE + "s}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].source"));
    assertThat(reject(BLOCK + COSTS + ROUTE + ", from: 2023, to: 2021}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.routes[0].to"));
    // a window outside the axis (e.g. inherited by a child with other years) leaves the rule inactive
    assertThat(load(BLOCK + COSTS + ROUTE + ", from: 2030}]\n").trade().routes().rules()).singleElement()
        .satisfies(rule -> assertThat(rule.activeT()).containsOnly(false));
    assertThat(load(BLOCK + COSTS + ROUTE + ", to: 2019}]\n").trade().routes().rules()).singleElement()
        .satisfies(rule -> assertThat(rule.activeT()).containsOnly(false));
    assertThat(load(BLOCK + COSTS + ROUTE + ", to: 2021}]\n").trade().routes().rules()).singleElement()
        .satisfies(rule -> assertThat(rule.activeT()).containsExactly(true, true, false, false, false));
  }
}
