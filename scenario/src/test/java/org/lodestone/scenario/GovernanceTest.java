package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.Governance;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/** {@code governance:} read into the chain, kept by every draw and child, and turned into supply_risk rows. */
class GovernanceTest extends OnTinyFixture {
  private static final String BLOCK = """
      governance:
        wgi: {CN: -0.5, ROW: {value: 1.5, confidence: E, method: "a test value"}}
        trade: {CN: 1.1}
        eolRecyclingInputRate: 10 %
        substitutionIndex: 0.9
      """;

  @Test
  void theBlockIsReadRescaledAndGivesSupplyRiskRows() throws IOException {
    Scenario s = fixture.load("gov", BLOCK);
    Governance g = s.chain().governance();
    // (2.5 - WGI) x 2: CN -0.5 -> 6, ROW 1.5 -> 2; t 1.1 for CN, 1 elsewhere
    assertThat(g.wgiScaled()).containsExactly(6.0, 2.0);
    assertThat(g.trade()).containsExactly(1.1, 1.0);
    assertThat(g.eolRecyclingInputRate()).isEqualTo(0.1);
    assertThat(g.substitutionIndex()).isEqualTo(0.9);
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(s.chain()), 2020, 2020);
    assertThat(rows).anyMatch(r -> r.metric().equals("supply_risk") && r.region().isEmpty());
    // every value is an index of the formula's range: at most 10 x 1.1 (monopoly of the worst, t 1.1)
    assertThat(rows.stream().filter(r -> r.metric().equals("supply_risk")))
        .allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 11.0));
  }

  @Test
  void drawsAndChildrenKeepIt() throws IOException {
    UncertainScenario u = fixture.loadUncertain("govu", BLOCK + """
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 100, sd: 5}}}
        """);
    assertThat(u.chainAt(new double[] {0.3}).governance()).isEqualTo(u.nominal().chain().governance());
    // a child replaces the parent's wgi mapping as a whole and keeps the rest
    fixture.child("govp", BLOCK);
    Scenario child = ScenarioLoader.load(writeChild().toString());
    assertThat(child.chain().governance().wgiScaled()[0]).isCloseTo(4.0, within(1e-12)); // CN 0.5
    assertThat(Double.isNaN(child.chain().governance().wgiScaled()[1])).isTrue(); // ROW no longer given
    assertThat(child.chain().governance().trade()[0]).isEqualTo(1.1);
  }

  private java.nio.file.Path writeChild() throws IOException {
    java.nio.file.Path p = dir.resolve("govc2.yaml");
    java.nio.file.Files.writeString(p, "name: govc2\nparent: govp.yaml\ngovernance:\n  wgi: {CN: 0.5}\n");
    return p;
  }
}
