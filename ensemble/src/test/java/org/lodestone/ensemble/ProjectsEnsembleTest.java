package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.results.ResultVector;
import org.lodestone.scenario.UncertainScenario;

/**
 * A delay distribution on announced projects ({@code projects:}) in a Monte Carlo ensemble: the tiny
 * chain plus an announced magnet plant C in ROW (0 t in 2021, 100 t from 2022) whose delay d is
 * uniform on [0, 2] years. ROW magnet capacity in 2022 is B's 100 t plus C's path at 2022 − d, i.e.
 * {@code 100 + 100 · max(0, 1 − d)} t.
 */
class ProjectsEnsembleTest {
  @TempDir
  Path dir;

  private static final String DELAYED = """
      producers:
        magnet-c: {stage: magnet, region: ROW, status: announced, cost: 20, capacity: {2021: 0, 2022: 100}}
      projects:
        announced:
          delay: {dist: uniform, min: 0, max: 2, confidence: E, method: "test"}
      """;

  private static int capacityKey(ResultVector layout, int year, String region) {
    for (int k = 0; k < layout.size(); k++) {
      ResultVector.Key key = layout.keys().get(k);
      if (key.year() == year && key.metric().equals("capacity") && key.stage().equals("magnet")
          && key.region().equals(region)) {
        return k;
      }
    }
    throw new AssertionError("no capacity key " + year + " " + region);
  }

  @Test
  void eachDrawDelaysTheAnnouncedPlantByItsDrawnDelay() {
    UncertainScenario u = Fixtures.tiny(dir, DELAYED);
    assertThat(u.dimension()).isEqualTo(1);
    int n = 200;
    long seed = 2025;
    Draws draws = new LocalEngine(2).run(u, new EnsembleSpec(n, seed, 2020, 2024), ProgressListener.NONE);
    int k = capacityKey(draws.layout(), 2022, "ROW");
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double d = 2 * DrawRandom.point(seed, i, 1)[0];
      double expected = 100 + 100 * Math.max(0, 1 - d);
      assertThat(draws.value(i, k)).as("draw %d, delay %.3f y", i, d).isCloseTo(expected, within(1e-6));
      lo = Math.min(lo, draws.value(i, k));
      hi = Math.max(hi, draws.value(i, k));
    }
    // the delay really varies capacity across draws: about half the draws push C past 2022
    assertThat(lo).isCloseTo(100, within(1e-6));
    assertThat(hi).isGreaterThan(190);
    // 2024 is past any delay: C is always there
    int k24 = capacityKey(draws.layout(), 2024, "ROW");
    for (int i = 0; i < n; i++) {
      assertThat(draws.value(i, k24)).isCloseTo(200, within(1e-6));
    }
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    UncertainScenario u = Fixtures.tiny(dir, DELAYED);
    EnsembleSpec spec = new EnsembleSpec(64, 99, 2020, 2024);
    Draws one = new LocalEngine(1).run(u, spec, ProgressListener.NONE);
    Draws two = new LocalEngine(3).run(Fixtures.tiny(dir, DELAYED), spec, ProgressListener.NONE);
    assertThat(two.values()).isEqualTo(one.values());
    Draws other = new LocalEngine(1).run(u, new EnsembleSpec(64, 100, 2020, 2024), ProgressListener.NONE);
    assertThat(other.values()).isNotEqualTo(one.values());
  }
}
