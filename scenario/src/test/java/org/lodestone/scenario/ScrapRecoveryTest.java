package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.problem.Problem;

/** {@code magnet.scrapRecovery}: one rate for every element, or a rate by element. */
class ScrapRecoveryTest extends OnTinyFixture {
  private MarketParameters market(String body) throws IOException {
    return fixture.load("s", body).chain().market();
  }

  @Test
  void oneRateAppliesToEveryElement() throws IOException {
    assertThat(market("magnet:\n  scrapRecovery: 90 %\n").scrapRecoveryRate()).containsExactly(0.9, 0.9, 0.9);
  }

  @Test
  void aRateByElementIsReadByElement() throws IOException {
    MarketParameters m = market("""
        magnet:
          scrapRecovery:
            NdPr: {value: 95 %, confidence: D, method: "test"}
            Dy: 77 %
            Tb: 50 %
            note: "by element"
        """);
    assertThat(m.scrapRecoveryRate()).containsExactly(0.95, 0.77, 0.5);
    // scrap oxide per kg magnet: grade x (1 / yield - 1) x rate / oxideToMetal, by element
    double y = m.manufacturingYield();
    int tb = Element.TB.ordinal();
    assertThat(m.scrapOxidePerMagnet(tb, 0.004))
        .isCloseTo(0.004 * (1 / y - 1) * 0.5 / m.oxideToMetal(tb), within(1e-15));
  }

  @Test
  void aChildsSingleRateReplacesItsParentsRatesByElement() throws IOException {
    fixture.child("byelement", """
        magnet:
          scrapRecovery: {NdPr: 95 %, Dy: 77 %, Tb: 50 %}
        """);
    java.nio.file.Path grandchild = dir.resolve("single.yaml");
    java.nio.file.Files.writeString(grandchild,
        "name: single\nparent: byelement.yaml\nmagnet:\n  scrapRecovery: {value: 60 %}\n");
    assertThat(ScenarioLoader.load(grandchild.toString()).chain().market().scrapRecoveryRate())
        .containsExactly(0.6, 0.6, 0.6);
  }

  /** Writes {@code name.yaml}, a child of {@code parent.yaml}, and returns its path. */
  private java.nio.file.Path grandchild(String name, String parent, String body) throws IOException {
    java.nio.file.Path p = dir.resolve(name + ".yaml");
    java.nio.file.Files.writeString(p, "name: " + name + "\nparent: " + parent + ".yaml\n" + body);
    return p;
  }

  @Test
  void aChildsRateForOneElementReplacesThatElementsRateOnly() throws IOException {
    fixture.child("byelement", """
        magnet:
          scrapRecovery: {NdPr: 95 %, Dy: 77 %, Tb: 50 %}
        """);
    java.nio.file.Path dy = grandchild("dy", "byelement", "magnet:\n  scrapRecovery: {Dy: 40 %}\n");
    // NdPr and Tb inherited from byelement, Dy the child's
    assertThat(ScenarioLoader.load(dy.toString()).chain().market().scrapRecoveryRate())
        .containsExactly(0.95, 0.4, 0.5);
    // and again one level down, with a distribution: the grandchild's draw moves Tb only
    java.nio.file.Path tb = grandchild("tb", "dy", "magnet:\n  scrapRecovery:\n"
        + "    Tb: {dist: uniform, min: 60 %, max: 90 %}\n");
    UncertainScenario u = ScenarioLoader.loadUncertain(tb.toString());
    assertThat(u.parameters()).extracting(p -> p.path()).containsExactly("magnet.scrapRecovery.Tb");
    assertThat(u.chainAt(new double[] {0.5}).market().scrapRecoveryRate()).containsExactly(0.95, 0.4, 0.75);
  }

  @Test
  void aChildsRatesByElementOverItsParentsSingleRateMustNameEveryElement() throws IOException {
    fixture.child("single", "magnet:\n  scrapRecovery: 90 %\n");
    java.nio.file.Path dy = grandchild("dy", "single", "magnet:\n  scrapRecovery: {Dy: 40 %}\n");
    List<Problem> ps = List.of();
    try {
      ScenarioLoader.load(dy.toString());
    } catch (org.lodestone.core.problem.InvalidInputException e) {
      ps = e.problems();
    }
    // one problem, at the child's mapping, that says why and what to write
    assertThat(ps).hasSize(1);
    Problem p = ps.get(0);
    assertThat(p.file()).endsWith("dy.yaml");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.path()).isEqualTo("magnet.scrapRecovery");
    assertThat(p.rule()).contains("one rate for every element").contains("single.yaml:4");
    assertThat(p.hint()).contains("NdPr: 90 %").contains("Dy: 40 %").contains("Tb: 90 %");
  }

  @Test
  void aRateByElementMustNameEveryElementWithinZeroToOne() throws IOException {
    List<Problem> ps = fixture.problems("s", """
        magnet:
          scrapRecovery: {NdPr: 95 %, Dy: 120 %, Tbb: 50 %}
        """);
    assertThat(ps).extracting(Problem::path)
        .contains("magnet.scrapRecovery.Dy", "magnet.scrapRecovery.Tbb", "magnet.scrapRecovery.Tb");
  }

  @Test
  void aRateByElementCanBeUncertain() throws IOException {
    UncertainScenario u = fixture.loadUncertain("s", """
        magnet:
          scrapRecovery: {NdPr: 95 %, Dy: 77 %, Tb: {dist: uniform, min: 60 %, max: 90 %}}
        """);
    assertThat(u.parameters()).extracting(p -> p.path()).containsExactly("magnet.scrapRecovery.Tb");
    MarketParameters m = u.chainAt(new double[] {0.5}).market();
    assertThat(m.scrapRecoveryRate(Element.TB.ordinal())).isCloseTo(0.75, within(1e-12));
    assertThat(m.scrapRecoveryRate(Element.DY.ordinal())).isEqualTo(0.77);
  }
}
