package org.lodestone.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** HHI known answers (DOJ/FTC Horizontal Merger Guidelines 2023, §2.1: shares in percent, squared, summed). */
class ConcentrationTest {
  @Test
  void monopolyIsTenThousand() {
    assertThat(Concentration.hhi(new double[] {0, 42, 0})).isEqualTo(10_000);
  }

  @Test
  void fourEqualFirmsAre2500() {
    assertThat(Concentration.hhi(new double[] {5, 5, 5, 5})).isCloseTo(2500, within(1e-9));
  }

  @Test
  void guidelinesExample() {
    // shares 30, 30, 20, 20 % -> 900 + 900 + 400 + 400 = 2600
    assertThat(Concentration.hhi(new double[] {3, 3, 2, 2})).isCloseTo(2600, within(1e-9));
    assertThat(Concentration.share(new double[] {3, 3, 2, 2}, 0)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void nothingProducedIsUndefined() {
    assertThat(Concentration.hhi(new double[] {0, 0})).isNaN();
    assertThat(Concentration.share(new double[] {0, 0}, 1)).isNaN();
  }
}
