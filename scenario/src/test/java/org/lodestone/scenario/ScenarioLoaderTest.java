package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.model.Stage;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/** Loading, merging and unit conversion of scenario files, on the tiny fixture. */
class ScenarioLoaderTest {
  @TempDir
  Path dir;

  @BeforeEach
  void copyFixture() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/tiny.yaml")) {
      Files.copy(in, dir.resolve("tiny.yaml"));
    }
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void loadsTheTinyFixtureWithUnitsConverted() {
    Scenario s = ScenarioLoader.load(dir.resolve("tiny.yaml").toString());
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.chain().axis().firstYear()).isEqualTo(2020);
    assertThat(s.chain().producers()).hasSize(5);
    // 1 kt REO → 1000 t
    assertThat(s.chain().producers().get(0).capacityT(0)).isEqualTo(1000);
    // 75 thousand units × 2 kg/unit = 150 t of magnets
    assertThat(s.chain().sectors().get(0).referenceDemandT(0)).isCloseTo(150, within(1e-9));
    assertThat(s.chain().sectors().get(0).grade(0)).isCloseTo(0.3, within(1e-12));
    assertThat(s.chain().sectors().get(0).regionShare(0)).isCloseTo(0.6, within(1e-12));
    assertThat(s.chain().market().manufacturingYield()).isEqualTo(1.0);
    // capacity is zero before its first point, held after the last
    assertThat(s.chain().producers().get(4).capacityT(4)).isEqualTo(100);
    assertThat(s.history()).hasSize(1);
    assertThat(s.figures()).anySatisfy(f -> {
      assertThat(f.path()).isEqualTo("producers.mine.capacity.2020");
      assertThat(f.source()).isEqualTo("test-source");
      assertThat(f.confidence()).isEqualTo("H");
    });
  }

  @Test
  void aChildOverridesFieldsAddsEntriesAndRemovesOthers() throws IOException {
    Path child = write("child.yaml", """
        name: child
        parent: tiny.yaml
        years: {to: 2030}
        producers:
          magnet-a: {cost: 12}
          magnet-b: {remove: true}
          magnet-c: {stage: magnet, region: ROW, status: announced, cost: 20, capacity: {2025: 0, 2027: 50}}
        """);
    Scenario s = ScenarioLoader.load(child.toString());
    assertThat(s.lineage()).containsExactly("child", "tiny");
    assertThat(s.chain().axis().lastYear()).isEqualTo(2030);
    assertThat(s.chain().axis().firstYear()).isEqualTo(2020);
    assertThat(s.chain().producers()).extracting(p -> p.id())
        .containsExactly("mine", "sep", "metal", "magnet-a", "magnet-c");
    assertThat(s.chain().producers().get(3).costUsdPerKg()).isEqualTo(12);
    // the parent's other fields of magnet-a are kept
    assertThat(s.chain().producers().get(3).capacityT(0)).isEqualTo(100);
    // linear interpolation 2025 → 2027: 2026 is half way
    assertThat(s.chain().producers().get(4).capacityT(2026 - 2020)).isCloseTo(25, within(1e-12));
  }

  @Test
  void growthAfterTheLastPointCompounds() throws IOException {
    Path child = write("g.yaml", """
        name: g
        parent: tiny.yaml
        sectors:
          ev: {driver: {unit: thousand units, 2020: 100, 2022: 100, growthAfter: 10 %/yr}}
        """);
    Scenario s = ScenarioLoader.load(child.toString());
    // 100 k × 2 kg = 200 t in 2022; 2024 = 200 × 1.1² = 242 t
    assertThat(s.chain().sectors().get(0).referenceDemandT(4)).isCloseTo(242, within(1e-9));
  }

  @Test
  void capacityTargetsScaleAStageAndRegionToATotal() throws IOException {
    Path child = write("t.yaml", """
        name: t
        parent: tiny.yaml
        capacityTargets:
          - {stage: magnet, region: CN, year: 2024, total: 50 t, from: 2022, source: test-source}
        """);
    Scenario s = ScenarioLoader.load(child.toString());
    double[] cap = s.chain().producers().get(3).capacityT();
    // factor 1 until 2022, 0.75 in 2023 (half way to 0.5), 0.5 from 2024
    assertThat(cap).containsExactly(100, 100, 100, 75, 50);
    assertThat(s.chain().producers().get(4).capacityT(4)).isEqualTo(100); // other region untouched
  }

  @Test
  void shippedScenariosAreListedAndAllLoad() {
    List<String> names = ScenarioLoader.shippedNames();
    assertThat(names).contains("base", "claim-total-120kt", "claim-increment-120kt");
    for (String n : names) {
      Scenario s = ScenarioLoader.load(n);
      assertThat(s.name()).isEqualTo(n);
      assertThat(s.chain().producers()).isNotEmpty();
    }
  }

  @Test
  void problemsCarryFileLineAndPath() throws IOException {
    Path bad = write("bad.yaml", """
        name: bad
        parent: tiny.yaml
        producers:
          magnet-a: {capactiy: {2020: 5}}
        """);
    InvalidInputException e = catchInvalid(bad);
    Problem p = e.problems().get(0);
    assertThat(p.file()).endsWith("bad.yaml");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.path()).isEqualTo("producers.magnet-a.capactiy");
    assertThat(p.format()).contains("unknown key `capactiy`").contains("did you mean `capacity`?");
  }

  static InvalidInputException catchInvalid(Path file) {
    try {
      ScenarioLoader.load(file.toString());
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected " + file + " to be rejected");
  }

  @Test
  void theMechanicsOfAStageCheckAreVisible() {
    assertThat(Stage.ofCode("magnet")).isEqualTo(Stage.MAGNET);
    assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file or shipped scenario");
  }
}
