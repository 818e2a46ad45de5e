package org.lodestone.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.MassBalance;

class NoiseTest {
  @Test
  void valuesWithinTheBalanceToleranceOfZeroAreZero() {
    // the example: a free co-product's price read back from the solver
    assertThat(Noise.clean(-0.00000000000000746)).isEqualTo(0.0);
    // a base run's 2015 unserved demand of ev-traction, a sum's residue
    assertThat(Noise.clean(1.36424205e-11)).isEqualTo(0.0);
    // the edge belongs to zero, as in MassBalance: |gap| <= floor passes
    assertThat(Noise.clean(MassBalance.ABSOLUTE_FLOOR)).isEqualTo(0.0);
    assertThat(Noise.clean(-MassBalance.ABSOLUTE_FLOOR)).isEqualTo(0.0);
    // -0.0 prints as 0, not "-0.0": compare the bits, not the values (-0.0 == 0.0 in Java)
    assertThat(Double.doubleToRawLongBits(Noise.clean(-0.0))).isEqualTo(Double.doubleToRawLongBits(0.0));
    assertThat(Double.doubleToRawLongBits(Noise.clean(-1e-300))).isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void everythingElseIsUntouched() {
    assertThat(Noise.clean(Math.nextUp(MassBalance.ABSOLUTE_FLOOR))).isEqualTo(Math.nextUp(MassBalance.ABSOLUTE_FLOOR));
    assertThat(Noise.clean(-2e-9)).isEqualTo(-2e-9);
    assertThat(Noise.clean(43.7664018)).isEqualTo(43.7664018);
    assertThat(Noise.clean(-1e7)).isEqualTo(-1e7);
    assertThat(Noise.clean(Double.NaN)).isNaN();
    assertThat(Noise.clean(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void theThresholdIsTheBalanceChecksFloor() {
    assertThat(Noise.ZERO_BELOW).isEqualTo(MassBalance.ABSOLUTE_FLOOR).isEqualTo(1e-9);
  }
}
