package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scenario.UncertainScenario;

/**
 * Sobol indices of the Ishigami function, f = sin x1 + a sin² x2 + b x3⁴ sin x1 with x_i ~ U(−π, π),
 * a = 7, b = 0.1. Analytic values (Ishigami &amp; Homma 1990; Saltelli et al., "Global Sensitivity
 * Analysis. The Primer", 2008, §4.5): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,
 * V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = b²π⁸ (1/18 − 1/50):
 * S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
 */
class SobolTest {
  /** Tolerance on each index with N = 8192 Saltelli rows (quasi-random points). */
  private static final double TOL = 0.02;

  @TempDir
  Path dir;

  static double ishigami(double[] u) {
    double a = 7;
    double b = 0.1;
    double x1 = -Math.PI + 2 * Math.PI * u[0];
    double x2 = -Math.PI + 2 * Math.PI * u[1];
    double x3 = -Math.PI + 2 * Math.PI * u[2];
    double s2 = Math.sin(x2);
    return Math.sin(x1) + a * s2 * s2 + b * Math.pow(x3, 4) * Math.sin(x1);
  }

  @Test
  void ishigamiMatchesTheAnalyticIndices() {
    double a = 7;
    double b = 0.1;
    double pi4 = Math.pow(Math.PI, 4);
    double pi8 = Math.pow(Math.PI, 8);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    double v1 = 0.5 * Math.pow(1 + b * pi4 / 5, 2);
    double v2 = a * a / 8;
    double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    double[] s = {v1 / v, v2 / v, 0};
    double[] st = {(v1 + v13) / v, v2 / v, v13 / v};
    assertThat(s[0]).isCloseTo(0.314, within(5e-4));
    assertThat(st[2]).isCloseTo(0.244, within(5e-4));

    Sobol.Result r = Sobol.run(3, 8192, SobolTest::ishigami, 2, 300, 1, 0.95, ProgressListener.NONE);
    for (int i = 0; i < 3; i++) {
      assertThat(r.first()[i]).as("S%d", i + 1).isCloseTo(s[i], within(TOL));
      assertThat(r.total()[i]).as("ST%d", i + 1).isCloseTo(st[i], within(TOL));
      assertThat(r.firstLow()[i]).isLessThan(r.first()[i] + 1e-12);
      assertThat(r.firstHigh()[i]).isGreaterThan(r.first()[i] - 1e-12);
      assertThat(r.totalHigh()[i] - r.totalLow()[i]).isLessThan(0.1).isPositive();
    }
    assertThat(r.variance()).isCloseTo(v, within(0.05 * v));
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Sobol.Result one = Sobol.run(3, 512, SobolTest::ishigami, 1, 100, 3, 0.95, ProgressListener.NONE);
    Sobol.Result three = Sobol.run(3, 512, SobolTest::ishigami, 3, 100, 3, 0.95, ProgressListener.NONE);
    assertThat(three.first()).isEqualTo(one.first());
    assertThat(three.totalLow()).isEqualTo(one.totalLow());
  }

  @Test
  void aLinearScenarioOutputIsExplainedByItsOneDriver() {
    // reference demand in 2020 depends on the driver only; the magnet cost does not enter it
    UncertainScenario u = Fixtures.tiny(dir, Fixtures.NORMAL_DEMAND + """
        producers:
          magnet-a: {cost: {dist: uniform, min: 8 USD/kg, max: 12 USD/kg}}
        """);
    ScenarioMetric m = new ScenarioMetric(u, MetricExpression.parseMetric("demand_reference", "--metric"), 2020);
    int driver = u.parameters().get(0).path().startsWith("sectors") ? 0 : 1;
    Sobol.Result r = Sobol.run(2, 1024, m, 2, 100, 1, 0.95, ProgressListener.NONE);
    assertThat(r.first()[driver]).isCloseTo(1, within(0.03));
    assertThat(r.total()[driver]).isCloseTo(1, within(0.03));
    assertThat(r.total()[1 - driver]).isCloseTo(0, within(1e-12));
    double[] base = new double[1];
    List<ScenarioMetric.Bar> bars = m.tornado(0.05, 2, base);
    assertThat(base[0]).isCloseTo(150, within(1e-9));
    assertThat(bars.get(0).parameter()).isEqualTo(driver);
    // driver at its 5 % and 95 % quantiles: 150 ∓ 1.645 × 10 t
    assertThat(bars.get(0).atLow()).isCloseTo(150 - 16.4485, within(1e-3));
    assertThat(bars.get(0).atHigh()).isCloseTo(150 + 16.4485, within(1e-3));
    assertThat(bars.get(1).swing()).isZero();
  }
}
