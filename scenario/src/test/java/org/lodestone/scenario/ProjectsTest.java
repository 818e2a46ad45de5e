package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/**
 * The {@code projects:} block: delay, haircut and ramp of unbuilt capacity. Hand-computed known
 * answers on paths, then through the tiny fixture with two unbuilt magnet plants added (C announced,
 * D under construction), each 0, 0, 100, 100, 100 t over 2020-2024.
 */
class ProjectsTest extends OnTinyFixture {
  private static final double EXACT = 1e-12;
  private static final String UNBUILT = """
      producers:
        magnet-c: {stage: magnet, region: ROW, status: announced, cost: 20, capacity: {2021: 0, 2022: 100}}
        magnet-d: {stage: magnet, region: ROW, status: construction, cost: 20, capacity: {2021: 0, 2022: 100}}
        magnet-e: {stage: magnet, region: CN, status: announced, cost: 20, capacity: {2020: 0, 2023: 60}}
      """;

  UncertainScenario load(String body) throws IOException {
    return fixture.loadUncertain("p", body);
  }

  Problem reject(String body) throws IOException {
    return fixture.problems("p", body).get(0);
  }

  // ---- known answers on a path (computed by hand in the comments) ----

  @Test
  void aWholeYearDelayMovesThePathOneYearLater() {
    assertThat(Projects.transform(new double[] {0, 0, 100, 100}, 1, 0, 1)).containsExactly(0, 0, 0, 100);
    // before the axis the first year's value holds; what moves past the last year is lost
    assertThat(Projects.transform(new double[] {10, 20, 30, 40}, 2, 0, 1)).containsExactly(10, 10, 10, 20);
  }

  @Test
  void aHaircutScalesEveryYear() {
    assertThat(Projects.transform(new double[] {0, 0, 100, 100}, 0, 0.5, 1)).containsExactly(0, 0, 50, 50);
  }

  @Test
  void aFractionalDelayInterpolatesBetweenYears() {
    // t = 2: value at 1.5 = 0 + 0.5 x (100 - 0) = 50; t = 3: value at 2.5 = 100
    assertThat(Projects.transform(new double[] {0, 0, 100, 100}, 0.5, 0, 1)).containsExactly(0, 0, 50, 100);
    // d = 1.25 on a ramp 0, 40, 80, 120: t = 2 → c(0.75) = 30; t = 3 → c(1.75) = 70
    assertThat(Projects.transform(new double[] {0, 40, 80, 120}, 1.25, 0, 1))
        .containsExactly(new double[] {0, 0, 30, 70}, within(EXACT));
  }

  @Test
  void aRampSpreadsEachIncreaseOverRampYears() {
    // R = 2: the step of 100 in year 2 runs at 1/2 in its first year, full from the next
    assertThat(Projects.transform(new double[] {0, 0, 100, 100, 100}, 0, 0, 2)).containsExactly(0, 0, 50, 100, 100);
    // R = 4: 1/4, 2/4, 3/4
    assertThat(Projects.transform(new double[] {0, 0, 100, 100, 100}, 0, 0, 4)).containsExactly(0, 0, 25, 50, 75);
    // two steps ramp independently: +100 in 1 and +100 in 2, R = 2 → 50, 100 + 50, 200
    assertThat(Projects.transform(new double[] {0, 100, 200, 200}, 0, 0, 2)).containsExactly(0, 50, 150, 200);
    // the first year's capacity counts as built; decreases act at once, a later rise ramps again
    assertThat(Projects.transform(new double[] {100, 100, 200}, 0, 0, 2)).containsExactly(100, 100, 150);
    assertThat(Projects.transform(new double[] {0, 100, 0, 100}, 0, 0, 2)).containsExactly(0, 50, 0, 50);
  }

  @Test
  void delayThenHaircutThenRamp() {
    // shift → 0, 0, 0, 100, 100; cut → 0, 0, 0, 50, 50; ramp R = 2 → 0, 0, 0, 25, 50
    assertThat(Projects.transform(new double[] {0, 0, 100, 100, 100}, 1, 0.5, 2)).containsExactly(0, 0, 0, 25, 50);
  }

  @Test
  void impossibleArgumentsAreRefused() {
    assertThatThrownBy(() -> Projects.transform(new double[] {1}, -1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Projects.transform(new double[] {1}, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Projects.transform(new double[] {1}, 0, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- through a scenario ----

  @Test
  void rulesApplyToTheirStatusOnlyAndNeverToOperatingProducers() throws IOException {
    SupplyChain c = load(UNBUILT + "projects:\n  announced: {delay: 1, haircut: 50 %}\n").nominal().chain();
    assertThat(c.producers().get(5).capacityT()).containsExactly(0, 0, 0, 50, 50); // magnet-c, announced
    assertThat(c.producers().get(6).capacityT()).containsExactly(0, 0, 100, 100, 100); // magnet-d, construction
    assertThat(c.producers().get(7).capacityT()).containsExactly(new double[] {0, 0, 10, 20, 30}, within(EXACT));
    assertThat(c.producers().get(3).capacityT()).containsExactly(100, 100, 100, 100, 100); // operating
    SupplyChain built = load(UNBUILT + "projects:\n  construction: {rampYears: 2}\n").nominal().chain();
    assertThat(built.producers().get(6).capacityT()).containsExactly(0, 0, 50, 100, 100);
    assertThat(built.producers().get(5).capacityT()).containsExactly(0, 0, 100, 100, 100);
  }

  @Test
  void rulesComeBeforeTheEvents() throws IOException {
    // the rule moves C to 2023; the outage then halves 2023 only
    SupplyChain c = load(UNBUILT + "projects:\n  announced: {delay: 1}\n"
        + "events:\n  - {type: outage, producer: magnet-c, from: 2023, fraction: 50 %}\n").nominal().chain();
    assertThat(c.producers().get(5).capacityT()).containsExactly(0, 0, 0, 50, 100);
  }

  @Test
  void aDelayDistributionMovesEveryProducerOfItsStatusTogether() throws IOException {
    UncertainScenario u = load(UNBUILT + """
        projects:
          announced:
            delay: {dist: uniform, min: 0, max: 2, confidence: E, method: "test"}
            haircut: {dist: uniform, min: 0 %, max: 50 %}
        """);
    assertThat(u.dimension()).isEqualTo(2);
    assertThat(u.parameters().get(0).path()).isEqualTo("projects.announced.delay");
    assertThat(u.parameters().get(1).path()).isEqualTo("projects.announced.haircut");
    // nominal = the means: delay 1, haircut 25 %
    assertThat(u.nominal().chain().producers().get(5).capacityT()).containsExactly(0, 0, 0, 75, 75);
    // u = (0.25, 0) → delay 0.5, no haircut: C 0, 0, 50, 100, 100 and E (0, 20, 40, 60, 60) at t − 0.5
    SupplyChain a = u.chainAt(new double[] {0.25, 1e-12});
    assertThat(a.producers().get(5).capacityT()).containsExactly(new double[] {0, 0, 50, 100, 100}, within(1e-9));
    assertThat(a.producers().get(7).capacityT()).containsExactly(new double[] {0, 10, 30, 50, 60}, within(1e-9));
    // u = (0.75, 0) → delay 1.5 for both
    SupplyChain b = u.chainAt(new double[] {0.75, 1e-12});
    assertThat(b.producers().get(5).capacityT()).containsExactly(new double[] {0, 0, 0, 50, 100}, within(1e-9));
    assertThat(b.producers().get(7).capacityT()).containsExactly(new double[] {0, 0, 10, 30, 50}, within(1e-9));
    // construction and operating producers never move; the nominal chain is not changed by drawing
    assertThat(b.producers().get(6).capacityT()).containsExactly(0, 0, 100, 100, 100);
    assertThat(b.producers().get(3).capacityT()).containsExactly(100, 100, 100, 100, 100);
    assertThat(u.nominal().chain().producers().get(5).capacityT()).containsExactly(0, 0, 0, 75, 75);
  }

  @Test
  void aRuleReappliesToDrawnCapacityPaths() throws IOException {
    // C's 2022 point is uncertain; the delay of 1 applies to each drawn path
    UncertainScenario u = load("""
        producers:
          magnet-c: {stage: magnet, region: ROW, status: announced, cost: 20,
                     capacity: {2021: 0, 2022: {dist: uniform, min: 100, max: 300}}}
        projects:
          announced: {delay: 1}
        """);
    assertThat(u.dimension()).isEqualTo(1);
    assertThat(u.nominal().chain().producers().get(5).capacityT()).containsExactly(0, 0, 0, 200, 200);
    assertThat(u.chainAt(new double[] {0.5}).producers().get(5).capacityT())
        .containsExactly(new double[] {0, 0, 0, 200, 200}, within(1e-9));
    assertThat(u.chainAt(new double[] {0.25}).producers().get(5).capacityT())
        .containsExactly(new double[] {0, 0, 0, 150, 150}, within(1e-9));
  }

  @Test
  void withoutRulesNothingChanges() throws IOException {
    SupplyChain c = load(UNBUILT + "projects:\n  announced: {delay: 0, haircut: 0 %, rampYears: 1}\n").nominal().chain();
    assertThat(c.producers().get(5).capacityT()).containsExactly(0, 0, 100, 100, 100);
    assertThat(load(UNBUILT + "projects:\n  announced: {delay: 0}\n").dimension()).isZero();
  }

  @Test
  void aChildReplacesARulesFieldsOneByOne() throws IOException {
    Files.writeString(dir.resolve("mid.yaml"), "name: mid\nparent: tiny.yaml\n" + UNBUILT
        + "projects:\n  announced: {delay: 1, haircut: 50 %}\n");
    Path child = dir.resolve("child.yaml");
    Files.writeString(child, "name: child\nparent: mid.yaml\nprojects:\n  announced: {haircut: 0 %}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    assertThat(c.producers().get(5).capacityT()).containsExactly(0, 0, 0, 100, 100); // delay kept, no cut
  }

  @Test
  void theShippedHaircutScenarioDrawsDelayAndHaircut() {
    UncertainScenario u = ScenarioLoader.loadUncertain("announced-haircut");
    assertThat(u.parameters().stream().map(p -> p.path()).toList())
        .containsExactly("projects.announced.delay", "projects.announced.haircut");
    // nominal: delay 1 year, haircut 60 %. MP 10X (announced): 0 in 2027, 3,600 t in 2028, 9,000 t from
    // 2029 → 0 in 2028, 1,440 t in 2029, 3,600 t from 2030
    SupplyChain c = u.nominal().chain();
    int k = c.producers().stream().map(p -> p.id()).toList().indexOf("mp-10x");
    int t = c.axis().index(2028);
    assertThat(c.producers().get(k).capacityT(t)).isZero();
    assertThat(c.producers().get(k).capacityT(t + 1)).isCloseTo(1440, within(1e-9));
    assertThat(c.producers().get(k).capacityT(t + 2)).isCloseTo(3600, within(1e-9));
    // the base keeps the paths as written
    SupplyChain base = ScenarioLoader.load("base").chain();
    assertThat(base.producers().get(k).capacityT(t)).isEqualTo(3600);
  }

  // ---- validation: one negative test per rule ----

  @Test
  void badRulesArePositioned() throws IOException {
    Problem p = reject("projects:\n  announced: {delay: -1}\n");
    assertThat(p.path()).isEqualTo("projects.announced.delay");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.rule()).contains("must be in [0, 5] years");
    p = reject("projects:\n  announced: {haircut: 100 %}\n");
    assertThat(p.path()).isEqualTo("projects.announced.haircut");
    assertThat(p.rule()).contains("[0, 100 %)");
    p = reject("projects:\n  announced: {haircut: -10 %}\n");
    assertThat(p.rule()).contains("[0, 100 %)");
    p = reject("projects:\n  announced: {rampYears: 0.5}\n");
    assertThat(p.path()).isEqualTo("projects.announced.rampYears");
    assertThat(p.rule()).contains("[1, 5]");
    p = reject("projects:\n  anounced: {delay: 1}\n");
    assertThat(p.path()).isEqualTo("projects.anounced");
    assertThat(p.rule()).isEqualTo("unknown status");
    assertThat(p.hint()).contains("did you mean `announced`?");
    p = reject("projects:\n  operating: {delay: 1}\n");
    assertThat(p.rule()).contains("never shifted");
    p = reject("projects:\n  announced: {delays: 1}\n");
    assertThat(p.format()).contains("unknown key `delays`").contains("did you mean `delay`?");
    p = reject("projects:\n  announced: 2\n");
    assertThat(p.rule()).contains("must be a mapping");
    p = reject("projects: [announced]\n");
    assertThat(p.path()).isEqualTo("projects");
    p = reject("projects:\n  announced: {delay: 2 yr}\n");
    assertThat(p.path()).isEqualTo("projects.announced.delay");
    p = reject("projects:\n  announced: {delay: {dist: normal, mean: 1, sd: 1}}\n");
    assertThat(p.rule()).contains("outside the field's range");
    p = reject("projects:\n  announced: {haircut: {dist: uniform, min: 50 %, max: 120 %}}\n");
    assertThat(p.rule()).contains("outside the field's range");
  }

  @Test
  void problemsAreCollected() throws IOException {
    Path p = dir.resolve("p.yaml");
    Files.writeString(p, "name: p\nparent: tiny.yaml\nprojects:\n  announced: {delay: -1, haircut: 2}\n"
        + "  built: {}\n");
    try {
      ScenarioLoader.load(p.toString());
      throw new AssertionError("expected problems");
    } catch (InvalidInputException e) {
      List<String> paths = e.problems().stream().map(Problem::path).toList();
      assertThat(paths).contains("projects.announced.delay", "projects.announced.haircut", "projects.built");
    }
  }
}
