package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.BuyerProduct;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.scenario.UncertainScenario;

/** A buyer's exposure over an ensemble: the same bits on 1 and 2 threads; bands ordered. */
class ExposureEnsembleTest {
  @TempDir
  Path dir;

  private static Buyer buyer(SupplyChain chain) {
    int years = chain.axis().size();
    double[] units = new double[years];
    java.util.Arrays.fill(units, 10_000);
    double[] sourcing = new double[chain.regionCodes().size()];
    sourcing[0] = 1;
    return new Buyer("b", List.of(new BuyerProduct("p", 0, units, 2, null, sourcing, 0.5, 40, 0)), 0.1);
  }

  @Test
  void sameBitsOnOneAndTwoThreads() {
    // 2020 demand N(200 t, 10 t) against the tiny chain's 200 t of magnet capacity: about half the
    // draws run short (price at the choke, part of the demand unserved), the others do not
    UncertainScenario u = Fixtures.tiny(dir, """
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 100, sd: 5}, 2024: 75}}
        """);
    Buyer b = buyer(u.nominal().chain());
    EnsembleSpec spec = new EnsembleSpec(200, 7, 2020, 2024);
    ExposureEnsemble one = ExposureEnsemble.run(u, b, spec, 1, ProgressListener.NONE);
    ExposureEnsemble two = ExposureEnsemble.run(u, b, spec, 2, ProgressListener.NONE);
    for (int series = 0; series < 3; series++) {
      for (int t = 0; t < u.nominal().chain().axis().size(); t++) {
        double[] a = one.draws(series, t);
        double[] c = two.draws(series, t);
        for (int i = 0; i < a.length; i++) {
          assertThat(Double.doubleToRawLongBits(c[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
        }
      }
    }
    ExposureReport r1 = ExposureReport.of(u, b, spec, 2020, 2024, 1, ProgressListener.NONE);
    ExposureReport r2 = ExposureReport.of(u, b, spec, 2020, 2024, 2, ProgressListener.NONE);
    assertThat(r2.rows()).isEqualTo(r1.rows());
    assertThat(r1.value(2020, "cost_p95", "")).isGreaterThanOrEqualTo(r1.value(2020, "cost_p50", ""));
    assertThat(r1.value(2020, "shortfall_p95", "")).isGreaterThanOrEqualTo(r1.value(2020, "shortfall_p50", ""));
    double p = r1.value(2020, "shortfall_probability", "");
    assertThat(p).isBetween(0.3, 0.7);
    assertThat(r1.value(2024, "shortfall_probability", "")).isEqualTo(0.0); // 150 t, no draw short
    assertThat(r1.anyShortfallProbability()).isEqualTo(p);
    // draws vary demand, so the cost varies across draws
    double[] costs = one.draws(ExposureEnsemble.COST, 0);
    assertThat(java.util.Arrays.stream(costs).distinct().count()).isGreaterThan(1);
    // 20 t a year needed (10,000 units x 2 kg)
    assertThat(r1.value(2020, "magnets_needed", "")).isEqualTo(20.0);
  }

  @Test
  void againstAReferenceTheSameBitsOnOneAndTwoThreads() {
    // reference: the tiny chain with 2020 demand at 150 t, always served; scenario: 2020 demand
    // N(200 t, 10 t) with a third less magnet-making capacity in the draws' spread. Each draw's
    // supply at risk is measured against the reference's draw at the same point (seed, i).
    UncertainScenario u = Fixtures.tiny(dir, """
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 100, sd: 5}, 2024: 75}}
        """);
    UncertainScenario ref = Fixtures.tiny(dir, """
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 75, sd: 5}, 2024: 75}}
        """);
    Buyer b = buyer(u.nominal().chain());
    EnsembleSpec spec = new EnsembleSpec(100, 11, 2020, 2024);
    ExposureEnsemble one = ExposureEnsemble.run(u, ref, b, spec, 1, ProgressListener.NONE);
    ExposureEnsemble two = ExposureEnsemble.run(u, ref, b, spec, 2, ProgressListener.NONE);
    for (int series = 0; series < 3; series++) {
      for (int t = 0; t < u.nominal().chain().axis().size(); t++) {
        double[] a = one.draws(series, t);
        double[] c = two.draws(series, t);
        for (int i = 0; i < a.length; i++) {
          assertThat(Double.doubleToRawLongBits(c[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
        }
      }
    }
    ExposureReport r1 = ExposureReport.of(u, ref, b, spec, 2020, 2024, 1, ProgressListener.NONE);
    ExposureReport r2 = ExposureReport.of(u, ref, b, spec, 2020, 2024, 2, ProgressListener.NONE);
    assertThat(r2.rows()).isEqualTo(r1.rows());
    // a scenario measured against itself is the plain report
    assertThat(ExposureReport.of(u, null, b, spec, 2020, 2024, 2, ProgressListener.NONE).rows())
        .isEqualTo(ExposureReport.of(u, b, spec, 2020, 2024, 1, ProgressListener.NONE).rows());
  }
}
