package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Substitution and investment read from scenario files, on the tiny fixture (magnet makers A 100 t
 * in CN at 10 USD/kg and B 100 t in ROW at 15; inelastic demand 150 t; price 36 USD/kg, reference 40).
 */
class DynamicsScenarioTest extends OnTinyFixture {
  private Path write(String body) throws IOException {
    return fixture.child("d", body);
  }

  private static final String SUBSTITUTION = """
      sectors:
        ev:
          substitution:
            ferrite-motor:
              kind: magnet-free
              maxShare: {value: 30 %, source: test-source, confidence: H}
              maxChangePerYear: 10 %/yr
              maxReturnPerYear: 2 %/yr
              lag: 1
              trigger: 1.5
              full: 3
            gbd:
              kind: heavy-free
              signal: Dy
              maxShare: 50 %
              maxChangePerYear: 20 %/yr
              reduction: 100 %
              trigger: 1.2
              full: 2
      """;

  @Test
  void substitutesAreReadWithTheirUnits() throws IOException {
    SupplyChain c = ScenarioLoader.load(write(SUBSTITUTION).toString()).chain();
    List<Substitute> subs = c.dynamics().substitutes();
    assertThat(subs).hasSize(2);
    Substitute fe = subs.get(0);
    assertThat(fe.id()).isEqualTo("ferrite-motor");
    assertThat(fe.kind()).isEqualTo(Substitute.Kind.MAGNET_FREE);
    assertThat(fe.signal()).isNull();
    assertThat(fe.maxShare()).isEqualTo(0.3);
    assertThat(fe.maxChangePerYear()).isCloseTo(0.1, within(1e-12));
    assertThat(fe.maxReturnPerYear()).isCloseTo(0.02, within(1e-12));
    assertThat(fe.lagYears()).isEqualTo(1);
    Substitute gbd = subs.get(1);
    assertThat(gbd.kind()).isEqualTo(Substitute.Kind.HEAVY_FREE);
    assertThat(gbd.signal().code()).isEqualTo("Dy");
    assertThat(gbd.heavyReduction()).isEqualTo(1.0);
  }

  @Test
  void aMagnetShortageDrivesSubstitutionThroughTheRun() throws IOException {
    // B out from 2021: only A's 100 t for 150 t → price at the choke price 500 (12.5 × reference):
    // 2021's price moves the share +10 points a year from 2022: 0, 0, 0.1, 0.2, 0.3.
    Path p = write(SUBSTITUTION + "events:\n  - {type: outage, producer: magnet-b, from: 2021, to: 2024, fraction: 100 %}\n");
    RunResult r = AnnualEngine.run(ScenarioLoader.load(p.toString()).chain());
    double[] expected = {0, 0, 0.1, 0.2, 0.3};
    for (int t = 0; t < 5; t++) {
      assertThat(r.substituteShare(t, 0)).isCloseTo(expected[t], within(1e-12));
    }
    List<ResultRow> rows = TidyResults.rows(r, 2024, 2024);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.metric()).isEqualTo("substituted");
      assertThat(row.product()).isEqualTo("magnet-free");
      assertThat(row.value()).isCloseTo(0.3 * 150, within(1e-9));
    });
  }

  private static final String INVESTMENT = """
      investment:
        new-magnets-row:
          stage: magnet
          region: ROW
          leadTime: 2
          rampUp: 1
          capex: {value: 50 USD/kg, source: test-source, confidence: H}
          costOfCapital: 8 %/yr
          life: 20
          operatingCost: 15 USD/kg
          maxGrowth: {dist: uniform, min: 5 %/yr, max: 15 %/yr}
      """;

  @Test
  void anInvestmentRuleAddsAProducerThatTheRunFills() throws IOException {
    // B out from 2021: price 500, far above LRMC = 15 + 50 × CRF(8 %, 20) = 20.09; started from 2021
    // at 10 % (the distribution's mean is the nominal value) of world capacity 100 → 10 t in 2023.
    Path p = write(INVESTMENT + "events:\n  - {type: outage, producer: magnet-b, from: 2021, to: 2024, fraction: 100 %}\n");
    SupplyChain c = ScenarioLoader.load(p.toString()).chain();
    assertThat(c.producers()).hasSize(6);
    assertThat(c.producers().get(5).id()).isEqualTo("new-magnets-row");
    assertThat(c.producers().get(5).stage()).isEqualTo(Stage.MAGNET);
    Investment inv = c.dynamics().investments().get(0);
    assertThat(inv.longRunMarginalCost()).isCloseTo(15 + 50 * 0.101852, within(1e-4));
    RunResult r = AnnualEngine.run(c);
    assertThat(r.capacity(2, 5)).isZero();
    assertThat(r.capacity(3, 5)).isCloseTo(10, within(1e-6));
    assertThat(r.production(3, 5)).isCloseTo(10, within(1e-6));
  }

  @Test
  void uncertainInvestmentParametersAreDrawnPerRun() throws IOException {
    UncertainScenario u = ScenarioLoader.loadUncertain(write(INVESTMENT
        + "events:\n  - {type: outage, producer: magnet-b, from: 2021, to: 2024, fraction: 100 %}\n").toString());
    assertThat(u.parameters()).hasSize(1);
    double[] lowDraw = {0.05};
    double[] highDraw = {0.15};
    RunResult low = AnnualEngine.run(u.chainWith(lowDraw));
    RunResult high = AnnualEngine.run(u.chainWith(highDraw));
    assertThat(low.capacity(3, 5)).isCloseTo(5, within(1e-6));
    assertThat(high.capacity(3, 5)).isCloseTo(15, within(1e-6));
  }

  @Test
  void aChildScenarioChangesOrRemovesOneInvestmentRule() throws IOException {
    Path parent = write(INVESTMENT);
    Path child = dir.resolve("child.yaml");
    Files.writeString(child, "name: child\nparent: d.yaml\ninvestment:\n  new-magnets-row: {costOfCapital: 2 %/yr}\n");
    Investment inv = ScenarioLoader.load(child.toString()).chain().dynamics().investments().get(0);
    assertThat(inv.costOfCapital()).isCloseTo(0.02, within(1e-12));
    assertThat(inv.leadYears()).isEqualTo(2); // the parent's other fields stay
    Files.writeString(child, "name: child\nparent: d.yaml\ninvestment:\n  new-magnets-row: {remove: true}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    assertThat(c.dynamics().investments()).isEmpty();
    assertThat(c.producers()).extracting(p -> p.id()).doesNotContain("new-magnets-row");
    assertThat(parent).exists();
  }

  @Test
  void theBaseDatasetRespondsFrom2025Only() {
    // history years replay the data: no substitution and no investment before the first projection year
    Scenario base = ScenarioLoader.load("base");
    RunResult r = AnnualEngine.run(base.chain());
    int t2024 = base.chain().axis().index(2024);
    for (int t = 0; t <= t2024; t++) {
      for (int k = 0; k < base.chain().dynamics().substitutes().size(); k++) {
        assertThat(r.substituteShare(t, k)).isZero();
      }
      for (int i = 0; i < base.chain().dynamics().investments().size(); i++) {
        assertThat(r.investmentStarted(t, i)).isZero();
        assertThat(r.capacity(t, base.chain().dynamics().investments().get(i).producer())).isZero();
      }
    }
    assertThat(base.chain().dynamics().substitutes()).hasSizeGreaterThan(5);
    assertThat(base.chain().dynamics().investments()).hasSizeGreaterThan(3);
  }

  @Test
  void chinasMagnetCapacityIn2027IsTheAnnouncedPipelineOfBlanks() {
    // base.yaml's CHINA TOTAL note: 363 kt of blanks in 2027, by hand JL Mag 60,000 + Zhong Ke San Huan
    // 25,000 + Yunsheng Baotou 15,000 + Xiamen Tungsten 20,000 + Yingluohua 5,000 + Shin-Etsu China 3,000
    // + the others' 2024 residual 235,085 = 363,085 t. new-magnets-CN decides from 2026 (lead time 2), so
    // its first plants arrive in 2028; deciding from 2025 too had taken the 2025 announcements twice
    // (380 kt of blanks in 2027).
    Scenario base = ScenarioLoader.load("base");
    SupplyChain c = base.chain();
    RunResult r = AnnualEngine.run(c);
    int cn = c.regionCodes().indexOf("CN");
    int t2027 = c.axis().index(2027);
    int ruleCn = c.producers().stream().map(p -> p.id()).toList().indexOf("new-magnets-CN");
    double finished = 0;
    for (int k = 0; k < c.producers().size(); k++) {
      if (c.producers().get(k).stage() == Stage.MAGNET && c.producers().get(k).region() == cn) {
        finished += r.capacity(t2027, k);
      }
    }
    assertThat(finished / c.market().manufacturingYield()).isCloseTo(363_085, within(1.0));
    assertThat(r.capacity(t2027, ruleCn)).isZero();
    assertThat(r.capacity(t2027 + 1, ruleCn)).isPositive();
  }

  @Test
  void aChildOfBaseMayStartAfterTheResponsesDo() throws IOException {
    // base's responses start in 2025; on a 2030-2035 axis they act from its first year, and a start
    // after the axis means never
    Path child = dir.resolve("late.yaml");
    Files.writeString(child, "name: late\nparent: base\nyears: {from: 2030, to: 2035}\n"
        + "investment:\n  new-magnets-EU: {from: 2050}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    assertThat(c.dynamics().substitutes()).allSatisfy(sub -> assertThat(sub.fromIndex()).isZero());
    Investment eu = c.dynamics().investments().stream().filter(i -> i.id().equals("new-magnets-EU")).findFirst()
        .orElseThrow();
    assertThat(eu.fromIndex()).isEqualTo(6);
    RunResult r = AnnualEngine.run(c);
    assertThat(r.capacity(5, eu.producer())).isZero();
  }

  @Test
  void outagesReachTheCapacityThatInvestmentBuilt() throws IOException {
    // as anInvestmentRuleAddsAProducerThatTheRunFills (10 t built by 2023), with the new plants out at
    // 50 % in 2023-2024: 5 t available in 2023
    Path p = write(INVESTMENT + "events:\n  - {type: outage, producer: magnet-b, from: 2021, to: 2024, fraction: 100 %}\n"
        + "  - {type: outage, producer: new-magnets-row, from: 2023, to: 2024, fraction: 50 %}\n");
    SupplyChain c = ScenarioLoader.load(p.toString()).chain();
    assertThat(c.producers().get(5).capacityT()).containsOnly(0.0); // the data stays empty
    RunResult r = AnnualEngine.run(c);
    assertThat(r.capacity(3, 5)).isCloseTo(5, within(1e-6));
    // and in every Monte Carlo draw (the events are replayed on each drawn chain)
    UncertainScenario u = ScenarioLoader.loadUncertain(p.toString());
    assertThat(AnnualEngine.run(u.chainWith(new double[] {0.1})).capacity(3, 5)).isCloseTo(5, within(1e-6));
  }

  @Test
  void aDrawnOperatingCostIsTheNewPlantsCost() throws IOException {
    Path p = write(INVESTMENT.replace("operatingCost: 15 USD/kg", "operatingCost: {dist: uniform, min: 10 USD/kg, max: 30 USD/kg}"));
    UncertainScenario u = ScenarioLoader.loadUncertain(p.toString());
    assertThat(u.parameters()).hasSize(2);
    int opex = u.parameters().get(0).path().endsWith("operatingCost") ? 0 : 1;
    double[] values = {0.1, 0.1};
    values[opex] = 27;
    SupplyChain c = u.chainWith(values);
    assertThat(c.dynamics().investments().get(0).operatingCost()).isEqualTo(27);
    assertThat(c.producers().get(5).costUsdPerKg()).isEqualTo(27);
    assertThat(c.producers().get(5).offerCostT(3)).isEqualTo(27);
  }

  @Test
  void distributionsMustKeepEveryDrawValid() throws IOException {
    Path p = write("""
        sectors:
          ev:
            substitution:
              a: {kind: magnet-free, maxShare: {dist: uniform, min: 40 %, max: 60 %}, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}
              b: {kind: magnet-free, maxShare: 50 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}
              c: {kind: magnet-free, maxShare: 0 %, maxChangePerYear: 10 %/yr, trigger: {dist: uniform, min: 1, max: 2.5}, full: 2}
        """);
    try {
      ScenarioLoader.load(p.toString());
      throw new AssertionError("expected problems");
    } catch (org.lodestone.core.problem.InvalidInputException e) {
      assertThat(e.problems()).extracting(org.lodestone.core.problem.Problem::path)
          .contains("sectors.ev.substitution.b.maxShare", "sectors.ev.substitution.c.full");
      assertThat(e.problems().toString()).contains("at their upper ends").contains("in every draw: lowest full 2.000, highest trigger 2.500");
    }
  }

  @Test
  void aChildChangesOrRemovesOneSubstituteAndKeepsTheOthers() throws IOException {
    Path parent = write(SUBSTITUTION);
    Path child = dir.resolve("child.yaml");
    Files.writeString(child, "name: child\nparent: d.yaml\nsectors:\n  ev:\n    substitution:\n"
        + "      ferrite-motor: {maxShare: 20 %}\n      gbd: {remove: true}\n");
    List<Substitute> subs = ScenarioLoader.load(child.toString()).chain().dynamics().substitutes();
    assertThat(subs).extracting(Substitute::id).containsExactly("ferrite-motor");
    assertThat(subs.get(0).maxShare()).isCloseTo(0.2, within(1e-12));
    assertThat(subs.get(0).trigger()).isEqualTo(1.5); // the parent's other fields stay
    assertThat(parent).exists();
  }

  @Test
  void removingASubstituteTheParentDoesNotHaveIsNamedAsSuch() throws IOException {
    // the tiny fixture's sector has no substitution block
    Path child = write("sectors:\n  ev:\n    substitution:\n      ferite: {remove: true}\n");
    try {
      ScenarioLoader.load(child.toString());
      throw new AssertionError("expected a problem");
    } catch (org.lodestone.core.problem.InvalidInputException e) {
      assertThat(e.problems()).hasSize(1);
      assertThat(e.problems().get(0).rule()).contains("names an entry the parent does not have");
      assertThat(e.problems().get(0).path()).isEqualTo("sectors.ev.substitution.ferite");
    }
  }

  @Test
  void aCapacityDelayPostponesTheCapacityThatInvestmentBuilt() throws IOException {
    // as anInvestmentRuleAddsAProducerThatTheRunFills: built capacity 0, 0, 0, 10, 20 (2020-2024). A
    // capacity_delay from 2023 by 1 year holds 2023's capacity and shifts the later years (as for a
    // data path, EventsTest): 2023 shows 10, 2024 shows 2023's 10 instead of 20 — in the nominal run
    // and in a Monte Carlo draw
    Path p = write(INVESTMENT + "events:\n  - {type: outage, producer: magnet-b, from: 2021, to: 2024, fraction: 100 %}\n"
        + "  - {type: capacity_delay, producer: new-magnets-row, from: 2023, years: 1}\n");
    RunResult r = AnnualEngine.run(ScenarioLoader.load(p.toString()).chain());
    assertThat(r.capacity(3, 5)).isCloseTo(10, within(1e-6));
    assertThat(r.capacity(4, 5)).isCloseTo(10, within(1e-6));
    UncertainScenario u = ScenarioLoader.loadUncertain(p.toString());
    RunResult drawn = AnnualEngine.run(u.chainWith(new double[] {0.1}));
    assertThat(drawn.capacity(3, 5)).isCloseTo(10, within(1e-6));
    assertThat(drawn.capacity(4, 5)).isCloseTo(10, within(1e-6));
  }
}
