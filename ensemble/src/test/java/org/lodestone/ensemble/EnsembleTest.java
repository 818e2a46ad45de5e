package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.results.ResultVector;
import org.lodestone.scenario.UncertainScenario;

/** Monte Carlo ensembles on the tiny chain, against the analytic distribution of a linear output. */
class EnsembleTest {
  /** Monte Carlo tolerance: this many standard errors. */
  private static final double SIGMAS = 4;

  @TempDir
  Path dir;

  private static int key(ResultVector layout, int year, String metric, String sector) {
    for (int k = 0; k < layout.size(); k++) {
      ResultVector.Key key = layout.keys().get(k);
      if (key.year() == year && key.metric().equals(metric) && key.sector().equals(sector) && key.region().isEmpty()) {
        return k;
      }
    }
    throw new AssertionError("no key " + year + " " + metric + " " + sector);
  }

  @Test
  void percentilesOfALinearOutputMatchTheNormalLaw() {
    UncertainScenario u = Fixtures.tiny(dir, Fixtures.NORMAL_DEMAND);
    int n = 4000;
    Draws draws = new LocalEngine(2).run(u, new EnsembleSpec(n, 42, 2020, 2024), ProgressListener.NONE);
    Summary s = Summary.of(draws, 2);
    int k = key(draws.layout(), 2020, "demand_reference", "ev");
    NormalDistribution law = new NormalDistribution(150, 10);
    for (int c = 0; c < Summary.LEVELS.length; c++) {
      double p = Summary.LEVELS[c];
      double q = law.inverseCumulativeProbability(p);
      // standard error of a sample quantile: sqrt(p (1 - p) / n) / density(q)
      double se = Math.sqrt(p * (1 - p) / n) / law.density(q);
      assertThat(s.stat(k, c)).as("p%02.0f", 100 * p).isCloseTo(q, within(SIGMAS * se));
    }
    assertThat(s.stat(k, 5)).as("mean").isCloseTo(150, within(SIGMAS * 10 / Math.sqrt(n)));
    assertThat(s.defined(k)).isEqualTo(n);
    // 2024 is not uncertain: every draw equals the nominal 150 t
    int k24 = key(draws.layout(), 2024, "demand_reference", "ev");
    for (int c = 0; c < 6; c++) {
      assertThat(s.stat(k24, c)).isCloseTo(150, within(1e-9));
    }
  }

  @Test
  void eventProbabilityMatchesTheNormalTail() {
    UncertainScenario u = Fixtures.tiny(dir, Fixtures.NORMAL_DEMAND);
    int n = 4000;
    Draws draws = new LocalEngine(2).run(u, new EnsembleSpec(n, 7, 2020, 2024), ProgressListener.NONE);
    MetricExpression e = MetricExpression.parseEvent("demand_reference[sector=ev] > 160", "--prob");
    List<Probabilities.Row> rows = Probabilities.of(draws, List.of(e.bind(draws.layout())));
    assertThat(rows).hasSize(5);
    double p = 1 - new NormalDistribution(0, 1).cumulativeProbability(1);
    assertThat(rows.get(0).year()).isEqualTo(2020);
    assertThat(rows.get(0).probability()).isCloseTo(p, within(SIGMAS * Math.sqrt(p * (1 - p) / n)));
    assertThat(rows.get(0).defined()).isEqualTo(n);
    assertThat(rows.get(4).probability()).isZero(); // 2024: always 150 t
  }

  @Test
  void sameSeedGivesBitIdenticalResultsOnAnyThreadCount() {
    UncertainScenario u = Fixtures.tiny(dir, Fixtures.NORMAL_DEMAND + """
        producers:
          magnet-a: {cost: {dist: triangular, min: 5 USD/kg, mode: 10 USD/kg, max: 30 USD/kg}}
          magnet-b: {capacity: {2020: {dist: uniform, min: 20, max: 120}}}
        """);
    EnsembleSpec spec = new EnsembleSpec(203, 12345, 2020, 2024);
    Draws one = new LocalEngine(1).run(u, spec, ProgressListener.NONE);
    Draws two = new LocalEngine(2).run(u, spec, ProgressListener.NONE);
    Draws five = new LocalEngine(5).run(u, spec, ProgressListener.NONE);
    assertThat(two.values()).isEqualTo(one.values());
    assertThat(five.values()).isEqualTo(one.values());
    Summary s1 = Summary.of(one, 1);
    Summary s2 = Summary.of(two, 3);
    for (int k = 0; k < s1.layout().size(); k++) {
      for (int c = 0; c < 6; c++) {
        assertThat(Double.doubleToLongBits(s2.stat(k, c))).isEqualTo(Double.doubleToLongBits(s1.stat(k, c)));
      }
    }
    Draws other = new LocalEngine(2).run(u, new EnsembleSpec(203, 12346, 2020, 2024), ProgressListener.NONE);
    assertThat(other.values()).isNotEqualTo(one.values());
    // a draw depends on (seed, i) only: the first draws of a longer ensemble are the same draws
    Draws longer = new LocalEngine(2).run(u, new EnsembleSpec(300, 12345, 2020, 2024), ProgressListener.NONE);
    int size = one.layout().size();
    assertThat(java.util.Arrays.copyOf(longer.values(), 203 * size)).isEqualTo(one.values());
  }

  @Test
  void progressCountsEveryDraw() {
    UncertainScenario u = Fixtures.tiny(dir, Fixtures.NORMAL_DEMAND);
    AtomicInteger seen = new AtomicInteger();
    new LocalEngine(2).run(u, new EnsembleSpec(101, 1, 2020, 2024), seen::addAndGet);
    assertThat(seen.get()).isEqualTo(101);
  }

  @Test
  void summaryPercentilesFollowDefinitionSevenAndSkipNaN() {
    ResultVector layout = ResultVector.layout(Fixtures.tiny(dir, "").nominal().chain(), 2020, 2020);
    int size = layout.size();
    double[] v = new double[5 * size];
    double[] col = {3, Double.NaN, 1, 4, 2};
    for (int i = 0; i < 5; i++) {
      v[i * size] = col[i];
    }
    Summary s = Summary.of(new Draws(layout, new EnsembleSpec(5, 0, 2020, 2020), v), 1);
    // sorted 1,2,3,4: p05 at position 0.15 → 1.15; p25 at 0.75 → 1.75; p50 2.5; p75 3.25; p95 3.85
    assertThat(s.stat(0, 0)).isCloseTo(1.15, within(1e-12));
    assertThat(s.stat(0, 1)).isCloseTo(1.75, within(1e-12));
    assertThat(s.stat(0, 2)).isCloseTo(2.5, within(1e-12));
    assertThat(s.stat(0, 3)).isCloseTo(3.25, within(1e-12));
    assertThat(s.stat(0, 4)).isCloseTo(3.85, within(1e-12));
    assertThat(s.stat(0, 5)).isCloseTo(2.5, within(1e-12));
    assertThat(s.defined(0)).isEqualTo(4);
  }

  @Test
  void specRejectsNoRuns() {
    assertThatThrownBy(() -> new EnsembleSpec(0, 1, 2020, 2024)).hasMessageContaining("runs must be > 0");
    assertThatThrownBy(() -> new LocalEngine(0)).hasMessageContaining("threads");
  }

  @Test
  void drawPointsAreInTheOpenCubeAndDependOnSeedAndIndexOnly() {
    double[] a = DrawRandom.point(9, 17, 50);
    assertThat(DrawRandom.point(9, 17, 50)).isEqualTo(a);
    assertThat(DrawRandom.point(9, 18, 50)).isNotEqualTo(a);
    assertThat(DrawRandom.point(10, 17, 50)).isNotEqualTo(a);
    for (double x : a) {
      assertThat(x).isGreaterThan(0).isLessThan(1);
    }
  }
}
