package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/DATASET.md states the dataset's counts (sources, figures, E, D, history series) and lists every
 * E and D figure: this test holds them equal to the shipped base dataset. To regenerate after a data
 * change: {@code mvn -B -o -q -pl scenario -am test -Dtest=DatasetDocTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlodestone.writeDocs=true}.
 */
class DatasetDocTest {
  private static final Path DOC = Path.of("..", "docs", "DATASET.md");

  @Test
  void datasetDocMatchesTheShippedBase() throws IOException {
    Scenario base = ScenarioLoader.load("base");
    String doc = Files.readString(DOC);
    String fresh = DatasetReport.refresh(doc, base);
    if (Boolean.getBoolean("lodestone.writeDocs")) {
      Files.writeString(DOC, fresh);
      doc = fresh;
    }
    DatasetReport.Counts c = DatasetReport.counts(base);
    assertThat(doc).as("docs/DATASET.md counts; regenerate with -Dlodestone.writeDocs=true")
        .contains("| `sources` | " + c.sources() + " |")
        .contains("Provenance: " + c.figures() + " figures. " + c.estimates() + " are estimates");
    assertThat(doc).as("docs/DATASET.md is stale; regenerate with -Dlodestone.writeDocs=true").isEqualTo(fresh);
  }

  @Test
  void theCountsAreThoseOfTheFigures() {
    // the counts are those `lodestone data sources` prints (figures by confidence)
    Scenario base = ScenarioLoader.load("base");
    DatasetReport.Counts c = DatasetReport.counts(base);
    long e = base.figures().stream().filter(f -> f.confidence().equals("E")).count();
    long d = base.figures().stream().filter(f -> f.confidence().equals("D")).count();
    assertThat(c.estimates()).isEqualTo(e).isPositive();
    assertThat(c.derived()).isEqualTo(d).isPositive();
    assertThat(c.figures()).isEqualTo(base.figures().size()).isGreaterThan(c.estimates() + c.derived());
    assertThat(c.sources()).isEqualTo(base.sources().size());
  }

  @Test
  void refreshRejectsADocumentWithoutItsParts() {
    Scenario base = ScenarioLoader.load("base");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatasetReport.refresh("# nothing here\n", base))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sources");
  }
}
