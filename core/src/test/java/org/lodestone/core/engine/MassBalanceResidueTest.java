package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A residue is within the balance checks' relative tolerance (1e-9) of the flows around it. */
class MassBalanceResidueTest {
  @Test
  void aResidueIsWithinOneBillionthOfItsScale() {
    // base 2035: 3.1e-9 t unserved of ~100 kt of demand is a residue; 1 t of it is not
    assertThat(MassBalance.isResidue(3.1e-9, 100_000)).isTrue();
    assertThat(MassBalance.isResidue(-3.1e-9, 100_000)).isTrue();
    assertThat(MassBalance.isResidue(1, 100_000)).isFalse();
    // the bound itself counts, and the sign of the scale does not matter
    assertThat(MassBalance.isResidue(1e-4, 100_000)).isTrue();
    assertThat(MassBalance.isResidue(1e-4, -100_000)).isTrue();
    assertThat(MassBalance.isResidue(1.0001e-4, 100_000)).isFalse();
    // nothing is a residue of a zero scale but zero, and NaN never is
    assertThat(MassBalance.isResidue(0, 0)).isTrue();
    assertThat(MassBalance.isResidue(1e-300, 0)).isFalse();
    assertThat(MassBalance.isResidue(Double.NaN, 1)).isFalse();
  }
}
