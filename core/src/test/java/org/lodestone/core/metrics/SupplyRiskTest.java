package org.lodestone.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The EU supply-risk indicator (Blengini et al. 2017, equations 4-5) on hand-computed toys.
 *
 * <p>The published rare-earth SRs (e.g. dysprosium 5.6 in the 2023 assessment, stage processing,
 * global supply only, IR 100 %, EoL-RIR 1 %, SI 0.99, as tabulated in the CritMAT project's
 * {@code eureport_results.csv}) cannot be reproduced from their own inputs here: the assessment's
 * country shares of global processing and the scaled WGI values it used (World Bank WGI) are not in
 * the project's sources (research/DATASET.md lists WGI as NOT FOUND). What can be checked is the
 * arithmetic: with those published factors the SR implies HHI_WGI,t(GS) = 5.6 / (0.99 · 0.99), i.e.
 * 5.66-5.76 within the published rounding (5.55-5.65), see {@link #publishedFactorsOfDysprosium}.
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
}
