package org.lodestone.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The EU supply-risk indicator (Blengini et al. 2017, equations 4-5) on hand-computed toys, and what
 * can be checked of the published rare-earth figures.
 *
 * <p>Published: EU 2023 assessment, dysprosium, processing stage, global supply only: SR 5.6, IR
 * 100 %, EoL-RIR 1 %, SI 0.99 (as tabulated in the CritMAT project, github.com/meyerdata/CritMAT,
 * {@code input_data/seeds/eureport_results.csv}; no trade-related variable is listed there for rare
 * earths, so t = 1). China's WGI: the mean of the six dimensions' estimates, 2016-2020, from the World
 * Bank WGI (2023 update) as compiled by OHI-Science ({@code ohiprep_v2025}, {@code globalprep/
 * prs_res_wgi/v2023/intermediate/wgi_combined_scores_by_country.csv}). <b>Not found</b>: the
 * assessment's own country shares of global HREE processing and the WGI year range it used, so the
 * published SR is not reproduced from all its inputs: {@link #dysprosiumIfChinaProcessesAll} shows that
 * China's 2016-2020 WGI with a Chinese monopoly of processing (an assumption) gives 5.600, and that the
 * same assumption does not give terbium's published 4.9 (SI 0.92: 5.2), so terbium's published
 * shares must differ from a monopoly.
 */
class SupplyRiskTest {
  private static final double TOL = 1e-12;

  @Test
  void threeSuppliersWithKnownWgi() {
    // global supply 60 / 30 / 10 t from countries with WGI estimates -0.5, 1.5, 0.0:
    // scaled (2.5 - x) * 2 -> 6, 2, 5; trade variables 1.1 (export quota), 1, 1
    double[] wgi = {SupplyRisk.scaleWgi(-0.5), SupplyRisk.scaleWgi(1.5), SupplyRisk.scaleWgi(0.0)};
    assertThat(wgi).containsExactly(6.0, 2.0, 5.0);
    double[] t = {1.1, 1, 1};
    // HHI_GS = 0.36*6*1.1 + 0.09*2 + 0.01*5 = 2.376 + 0.18 + 0.05 = 2.606
    double gs = SupplyRisk.hhiWgiT(new double[] {60, 30, 10}, wgi, t);
    assertThat(gs).isCloseTo(2.606, within(TOL));
    // the EU sources 20 / 70 / 10 % from them: 0.04*6*1.1 + 0.49*2 + 0.01*5 = 0.264 + 0.98 + 0.05 = 1.294
    double eu = SupplyRisk.hhiWgiT(new double[] {2, 7, 1}, wgi, t);
    assertThat(eu).isCloseTo(1.294, within(TOL));
    // IR 0.8, EoL-RIR 0.1, SI 0.9:
    // [2.606 * 0.4 + 1.294 * 0.6] * 0.9 * 0.9 = [1.0424 + 0.7764] * 0.81 = 1.8188 * 0.81 = 1.473228
    assertThat(SupplyRisk.supplyRisk(gs, eu, 0.8, 0.1, 0.9)).isCloseTo(1.473228, within(TOL));
    // global supply only (no sourcing data): 2.606 * 0.81
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 0.8, 0.1, 0.9)).isCloseTo(2.606 * 0.81, within(TOL));
  }

  @Test
  void monopolyOfTheWorstGovernedCountryIsTen() {
    assertThat(SupplyRisk.scaleWgi(-2.5)).isEqualTo(10.0);
    assertThat(SupplyRisk.scaleWgi(-3.0)).isEqualTo(10.0); // bounded
    assertThat(SupplyRisk.scaleWgi(2.5)).isEqualTo(0.0);
    assertThat(SupplyRisk.hhiWgiT(new double[] {0, 5}, new double[] {Double.NaN, 10}, new double[] {1, 1}))
        .isEqualTo(10.0); // a country supplying nothing needs no WGI
    assertThat(SupplyRisk.hhiWgiT(new double[] {1, 5}, new double[] {Double.NaN, 10}, new double[] {1, 1}))
        .isNaN(); // but a supplier without one makes the index undefined
    assertThat(SupplyRisk.hhiWgiT(new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 1})).isNaN();
  }

  @Test
  void publishedFactorsOfDysprosium() {
    // EU 2023 assessment, dysprosium, processing, global supply only: SR 5.6, EoL-RIR 1 %, SI 0.99.
    // The formula inverted gives the HHI_WGI,t(GS) the assessment must have used; any such HHI
    // times the factors rounds back to 5.6.
    double factors = (1 - 0.01) * 0.99;
    double low = 5.55 / factors;
    double high = 5.65 / factors;
    assertThat(low).isCloseTo(5.663, within(1e-3));
    assertThat(high).isCloseTo(5.765, within(1e-3));
    for (double h = low + 1e-9; h < high; h += 0.01) {
      double sr = SupplyRisk.supplyRisk(h, Double.NaN, 1.0, 0.01, 0.99);
      assertThat(Math.round(sr * 10) / 10.0).isEqualTo(5.6);
    }
  }

  @Test
  void dysprosiumIfChinaProcessesAll() {
    // China's WGI (mean of the six estimates), WGI 2023 update via OHI-Science, 2016..2020
    double[] cn = {-0.435277829567592, -0.341046775380771, -0.327307360867659, -0.370221724112828,
        -0.310588149974744};
    double mean = 0;
    for (double v : cn) {
      mean += v / cn.length;
    }
    assertThat(mean).isCloseTo(-0.356888, within(1e-6));
    double scaled = SupplyRisk.scaleWgi(mean); // (2.5 + 0.356888) x 2 = 5.713777
    assertThat(scaled).isCloseTo(5.713777, within(1e-6));
    // all of global processing in China, t = 1: HHI_WGI,t(GS) = 1^2 x 5.713777
    double gs = SupplyRisk.hhiWgiT(new double[] {1}, new double[] {scaled}, new double[] {1});
    double dy = SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.99); // 5.713777 x 0.99 x 0.99
    assertThat(dy).isCloseTo(5.600073, within(1e-6));
    assertThat(Math.round(dy * 10) / 10.0).isEqualTo(5.6); // the published 5.6
    // terbium (SI 0.92, EoL-RIR 1 %): 5.2 under the same assumption, not the published 4.9
    double tb = SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.92);
    assertThat(Math.round(tb * 10) / 10.0).isEqualTo(5.2);
  }
}
