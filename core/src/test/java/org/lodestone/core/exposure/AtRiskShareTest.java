package org.lodestone.core.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The share of demand at risk counts a residue within the mass balance's tolerance as zero. */
class AtRiskShareTest {
  @Test
  void aResidueOfTwoRunsIsNoSupplyAtRisk() {
    // regional-markets against itself, 2025: 1 - served/d = 6.4e-12 (8e-9 t of a buyer's 1,265 t)
    assertThat(Exposure.withinBalance(6.4e-12)).isZero();
    assertThat(Exposure.withinBalance(1e-9)).isZero();
    assertThat(Exposure.withinBalance(-3e-12)).isZero();
    // export-controls-2025 in Europe, 2025: 69.7 t of 1,265 t is a supply at risk
    assertThat(Exposure.withinBalance(69.7 / 1265)).isEqualTo(69.7 / 1265);
    assertThat(Exposure.withinBalance(1e-8)).isEqualTo(1e-8);
    // an undefined share stays undefined
    assertThat(Exposure.withinBalance(Double.NaN)).isNaN();
  }
}
