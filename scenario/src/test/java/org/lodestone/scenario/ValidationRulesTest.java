package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/**
 * One negative test per validation rule: each case is a child of the tiny fixture with one defect,
 * and must be rejected with a problem at the right line and path that states the rule.
 */
class ValidationRulesTest {
  @TempDir
  Path dir;

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("unknown top-level key", "sectorz: {}\n", 3, "sectorz", "did you mean `sectors`?"),
        rule("unknown producer key", "producers:\n  mine: {capactiy: 1}\n", 4, "producers.mine.capactiy", "unknown key"),
        rule("wrong unit for capacity", "producers:\n  metal: {capacity: {2020: 5 USD/kg}}\n", 4,
            "producers.metal.capacity.2020", "does not fit"),
        rule("REO stage without REO unit", "producers:\n  mine: {capacity: {2020: 5 kt}}\n", 4,
            "producers.mine.capacity.2020", "REO basis"),
        rule("negative capacity", "producers:\n  magnet-a: {capacity: {2020: -5}}\n", 4,
            "producers.magnet-a.capacity.2020", "must be >= 0"),
        rule("not a number", "producers:\n  magnet-a: {cost: cheap}\n", 4, "producers.magnet-a.cost", "not a number"),
        rule("thousands separator", "producers:\n  magnet-a: {capacity: {2020: '1,200'}}\n", 4,
            "producers.magnet-a.capacity.2020", "write 1200"),
        rule("negative cost", "producers:\n  magnet-a: {cost: -1}\n", 4, "producers.magnet-a.cost", "must be >= 0"),
        rule("unknown stage", "producers:\n  x: {stage: mineing, region: CN, status: operating, cost: 1, capacity: {2020: 1}}\n",
            4, "producers.x.stage", "did you mean `mining`?"),
        rule("unknown region", "producers:\n  x: {stage: magnet, region: XX, status: operating, cost: 1, capacity: {2020: 1}}\n",
            4, "producers.x.region", "unknown region"),
        rule("unknown status", "producers:\n  x: {stage: magnet, region: CN, status: planned, cost: 1, capacity: {2020: 1}}\n",
            4, "producers.x.status", "unknown status"),
        rule("mine without deposit", "producers:\n  x: {stage: mining, region: CN, status: operating, cost: 1, capacity: {2020: 1}}\n",
            4, "producers.x.deposit", "missing"),
        rule("deposit on a magnet maker", "producers:\n  magnet-a: {deposit: bastnaesite}\n", 4,
            "producers.magnet-a.deposit", "only mines"),
        rule("missing capacity", "producers:\n  x: {stage: magnet, region: CN, status: operating, cost: 1}\n", 4,
            "producers.x.capacity", "missing"),
        rule("capacity without years", "producers:\n  magnet-a: {capacity: {unit: t}}\n", 4,
            "producers.magnet-a.capacity", "no values by year"),
        rule("bad year key", "producers:\n  magnet-a: {capacity: {20x0: 5}}\n", 4,
            "producers.magnet-a.capacity.20x0", "expected a year"),
        rule("year out of range", "producers:\n  magnet-a: {capacity: {1492: 5}}\n", 4,
            "producers.magnet-a.capacity.1492", "out of range"),
        rule("remove of an unknown entry", "producers:\n  magnet-z: {remove: true}\n", 4,
            "producers.magnet-z", "does not have"),
        rule("unknown source", "producers:\n  magnet-a: {cost: {value: 3, source: nobody}}\n", 4,
            "producers.magnet-a.cost.source", "unknown source"),
        rule("estimate without method", "producers:\n  magnet-a: {cost: {value: 3, confidence: E}}\n", 4,
            "producers.magnet-a.cost.method", "must say how"),
        rule("unknown confidence", "producers:\n  magnet-a: {cost: {value: 3, confidence: X}}\n", 4,
            "producers.magnet-a.cost.confidence", "one of H, M, L, D, E"),
        rule("cited value without value", "producers:\n  magnet-a: {cost: {source: test-source}}\n", 4,
            "producers.magnet-a.cost.value", "missing"),
        rule("fraction above 100 %", "magnet: {manufacturingYield: 120 %}\n", 3, "magnet.manufacturingYield", "must be <= 100 %"),
        rule("price cap below reference", "magnet: {priceCap: 10 USD/kg}\n", 3, "magnet.priceCap", "at least the reference"),
        rule("deposit shares sum to 1 or more", "deposits:\n  x: {NdPr: 60 %, Dy: 40 %, Tb: 1 %}\n", 4, "deposits.x",
            "must be below 1"),
        rule("grade shares sum to 1 or more", "sectors:\n  ev: {grade: {NdPr: 90 %, Dy: 10 %, Tb: 0}}\n", 4,
            "sectors.ev.grade", "must be below 0.5"),
        rule("grade shares sum to half the magnet or more", "sectors:\n  ev: {grade: {NdPr: 45 %, Dy: 4 %, Tb: 1 %}}\n", 4,
            "sectors.ev.grade", "must be below 0.5"),
        rule("positive elasticity", "sectors:\n  ev: {elasticity: 0.5}\n", 4, "sectors.ev.elasticity", "must be <= 0"),
        rule("driver and intensity disagree", "sectors:\n  ev: {intensity: {2020: 500 kg/MW}}\n", 4,
            "sectors.ev.intensity", "driver is in units"),
        rule("unknown driver unit", "sectors:\n  ev: {driver: {2020: 5 furlongs per fortnight}}\n", 4,
            "sectors.ev.driver.2020", "does not fit"),
        rule("region shares do not sum to 100 %", "sectors:\n  ev: {regions: {CN: 50 %, ROW: 10 %}}\n", 4,
            "sectors.ev.regions", "not 100 %"),
        rule("unknown region in shares", "sectors:\n  ev: {regions: {CN: 50 %, ZZ: 50 %}}\n", 4,
            "sectors.ev.regions.ZZ", "unknown region"),
        rule("unknown lifetime law", "sectors:\n  ev: {lifetime: {law: normel, mean: 3, sd: 1}}\n", 4,
            "sectors.ev.lifetime.law", "did you mean `normal`?"),
        rule("missing lifetime parameter", "sectors:\n  ev: {lifetime: {law: weibull, shape: 2}}\n", 4,
            "sectors.ev.lifetime.scale", "needs shape and scale"),
        rule("years reversed", "years: {from: 2024, to: 2020}\n", 3, "years.to", "must not be before"),
        rule("target year outside the axis", "capacityTargets:\n  - {stage: magnet, region: CN, year: 2031, total: 5, from: 2021}\n",
            4, "capacityTargets[0].year", "outside the scenario's axis"),
        rule("target with nothing to scale",
            "capacityTargets:\n  - {stage: mining, region: ROW, year: 2022, total: 5 t REO, from: 2021}\n", 4,
            "capacityTargets[0]", "no mining capacity"),
        rule("history with an unknown unit", "history:\n  - {metric: production, stage: magnet, unit: bananas, values: {2020: 1}}\n",
            4, "history[1].unit", "unknown unit"),
        rule("history with an unknown metric", "history:\n  - {metric: output, unit: t, values: {2020: 1}}\n", 4,
            "history[1].metric", "unknown metric"),
        rule("unknown substitute kind", "sectors:\n  ev:\n    substitution:\n      fe: {kind: ferite, maxShare: 30 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}\n",
            6, "sectors.ev.substitution.fe.kind", "unknown kind"),
        rule("substitute full not above trigger", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, maxShare: 30 %, maxChangePerYear: 10 %/yr, trigger: 3, full: 2}\n",
            6, "sectors.ev.substitution.fe.full", "must be above trigger"),
        rule("substitute share above 100 %", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, maxShare: 130 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}\n",
            6, "sectors.ev.substitution.fe.maxShare", "must be <= 100 %"),
        rule("substitute lag of zero", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, maxShare: 30 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3, lag: 0}\n",
            6, "sectors.ev.substitution.fe.lag", "at least 1"),
        rule("reduction on a magnet-free substitute", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, maxShare: 30 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3, reduction: 50 %}\n",
            6, "sectors.ev.substitution.fe.reduction", "only heavy-free"),
        rule("magnet-free shares above 100 %", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, maxShare: 60 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}\n      im: {kind: magnet-free, maxShare: 60 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}\n",
            7, "sectors.ev.substitution.im.maxShare", "above 100 %"),
        rule("heavy signal on a magnet-free substitute", "sectors:\n  ev:\n    substitution:\n      fe: {kind: magnet-free, signal: heavy, maxShare: 30 %, maxChangePerYear: 10 %/yr, trigger: 1.5, full: 3}\n",
            6, "sectors.ev.substitution.fe.signal", "`heavy` is for heavy-free grades"),
        rule("investment in an unknown region", "investment:\n  new-mag: {stage: magnet, region: EU, leadTime: 2, capex: 50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.new-mag.region", "unknown region"),
        rule("investment id of an existing producer", "investment:\n  magnet-a: {stage: magnet, region: CN, leadTime: 2, capex: 50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.magnet-a", "exists already"),
        rule("investment without lead time", "investment:\n  new-mag: {stage: magnet, region: CN, capex: 50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.new-mag.leadTime", "missing"),
        rule("investment with a fractional lead time", "investment:\n  new-mag: {stage: magnet, region: CN, leadTime: 1.5, capex: 50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.new-mag.leadTime", "whole number of years"),
        rule("mine investment without deposit", "investment:\n  new-mine: {stage: mining, region: ROW, leadTime: 7, capex: 50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.new-mine.deposit", "missing"),
        rule("negative capex", "investment:\n  new-mag: {stage: magnet, region: CN, leadTime: 2, capex: -50, costOfCapital: 8 %/yr, life: 20, operatingCost: 15, maxGrowth: 4 %/yr}\n",
            4, "investment.new-mag.capex", "must be >= 0"),
        rule("governance: unknown region", "governance:\n  wgi: {XX: 0.5}\n  eolRecyclingInputRate: 1 %\n"
            + "  substitutionIndex: 0.9\n", 4, "governance.wgi.XX", "unknown region"),
        rule("governance: WGI out of range", "governance:\n  wgi: {CN: -3}\n  eolRecyclingInputRate: 1 %\n"
            + "  substitutionIndex: 0.9\n", 4, "governance.wgi.CN", "must be >= -2.5"),
        rule("governance: missing WGI", "governance:\n  eolRecyclingInputRate: 1 %\n  substitutionIndex: 0.9\n", 4,
            "governance.wgi", "missing"),
        rule("governance: non-positive trade variable", "governance:\n  wgi: {CN: 0}\n  trade: {CN: 0}\n"
            + "  eolRecyclingInputRate: 1 %\n  substitutionIndex: 0.9\n", 5, "governance.trade.CN", "must be > 0"),
        rule("governance: substitution index above 1", "governance:\n  wgi: {CN: 0}\n  eolRecyclingInputRate: 1 %\n"
            + "  substitutionIndex: 1.2\n", 6, "governance.substitutionIndex", "must be <= 100 %"),
        rule("duplicate key", "title: a\ntitle: b\n", 4, "title", "duplicate key"),
        rule("invalid name", "title: x\n", 1, "name", "lower-case") // name set below via prefix
    );
  }

  private static Arguments rule(String what, String body, int line, String path, String rule) {
    return Arguments.of(what, body, line, path, rule);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleIsReportedWithItsPosition(String what, String body, int line, String path, String rule)
      throws IOException {
    copyFixture();
    String head = what.equals("invalid name") ? "name: Bad Name\nparent: tiny.yaml\n" : "name: child\nparent: tiny.yaml\n";
    Path file = dir.resolve("child.yaml");
    Files.writeString(file, head + body);
    InvalidInputException e = ScenarioLoaderTest.catchInvalid(file);
    assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo(path);
      assertThat(p.format()).contains(rule);
      assertThat(p.file()).endsWith("child.yaml");
      assertThat(p.line()).isEqualTo(line);
    });
  }

  @Test
  void allProblemsAreReportedAtOnce() throws IOException {
    copyFixture();
    Path file = dir.resolve("many.yaml");
    Files.writeString(file, "name: many\nparent: tiny.yaml\nproducers:\n  magnet-a: {cost: -1, capacity: {2020: -2}}\n"
        + "sectors:\n  ev: {elasticity: 2}\n");
    assertThat(ScenarioLoaderTest.catchInvalid(file).problems()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void malformedYamlIsPositioned() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "name: broken\nparent: base\nproducers:\n  x: {stage: magnet\n  y: 1\n");
    Problem p = ScenarioLoaderTest.catchInvalid(file).problems().get(0);
    assertThat(p.rule()).startsWith("malformed YAML");
    assertThat(p.line()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aCyclicParentIsNamed() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "name: a\nparent: b.yaml\n");
    Files.writeString(dir.resolve("b.yaml"), "name: b\nparent: a.yaml\n");
    Problem p = ScenarioLoaderTest.catchInvalid(dir.resolve("a.yaml")).problems().get(0);
    assertThat(p.rule()).contains("cyclic parent");
    assertThat(p.path()).isEqualTo("parent");
    assertThat(p.line()).isEqualTo(2);
  }

  @Test
  void aMissingParentFileIsPositioned() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "name: a\nparent: nowhere.yaml\n");
    Problem p = ScenarioLoaderTest.catchInvalid(dir.resolve("a.yaml")).problems().get(0);
    assertThat(p.rule()).contains("no such file");
    assertThat(p.line()).isEqualTo(2);
  }

  @Test
  void anUnknownShippedParentSuggestsTheClosest() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "name: a\nparent: bsae\n");
    Problem p = ScenarioLoaderTest.catchInvalid(dir.resolve("a.yaml")).problems().get(0);
    assertThat(p.format()).contains("did you mean `base`?");
  }

  @Test
  void aMissingParentKeyIsReported() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "name: a\n");
    Problem p = ScenarioLoaderTest.catchInvalid(dir.resolve("a.yaml")).problems().get(0);
    assertThat(p.path()).isEqualTo("parent");
    assertThat(p.hint()).contains("parent: base");
  }

  @Test
  void anEmptyFileIsReported() throws IOException {
    Files.writeString(dir.resolve("e.yaml"), "");
    assertThat(ScenarioLoaderTest.catchInvalid(dir.resolve("e.yaml")).problems().get(0).rule()).contains("empty");
  }

  private void copyFixture() throws IOException {
    Path target = dir.resolve("tiny.yaml");
    if (Files.exists(target)) {
      return;
    }
    try (InputStream in = getClass().getResourceAsStream("/fixtures/tiny.yaml")) {
      Files.copy(in, target);
    }
  }
}
