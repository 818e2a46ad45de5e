package org.lodestone.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReconciliationTest {
  private static final double TOL = 1e-9;

  /**
   * The single-node linear case of Narasimhan and Jordache (2000), ch. 3: one process, two inflows,
   * one outflow, x1 + x2 - x3 = 0, numbers chosen here and solved by hand. Measured 10 ± 1, 20 ± 2,
   * 33 ± 2: residual r = 10 + 20 - 33 = -3, S = 1 + 4 + 4 = 9, so x̂_i = x_i - σ_i² a_i r / S:
   * x̂1 = 10 + 1·3/9 = 10.3333, x̂2 = 20 + 4·3/9 = 21.3333, x̂3 = 33 - 4·3/9 = 31.6667. γ = r²/S = 1
   * with 1 degree of freedom (χ²(1) at 95 % = 3.8415: passes). Var(x - x̂)_ii = σ_i⁴/S, so every
   * z_i = (σ_i²·3/9)/(σ_i²/3) = 1 (one node cannot tell its flows apart).
   */
  @Test
  void singleNodeByHand() {
    var r = Reconciliation.solve(new double[][] {{1, 1, -1}}, new double[] {10, 20, 33}, new double[] {1, 2, 2});
    assertThat(r.reconciled()).containsExactly(new double[] {10 + 1.0 / 3, 20 + 4.0 / 3, 33 - 4.0 / 3}, within(TOL));
    assertThat(r.adjustmentSd()).containsExactly(new double[] {1.0 / 3, 2.0 / 3, -2.0 / 3}, within(TOL));
    assertThat(r.testStatistic()).containsExactly(new double[] {1, 1, 1}, within(TOL));
    assertThat(r.chiSquare()).isCloseTo(1, within(TOL));
    assertThat(r.dof()).isEqualTo(1);
    assertThat(r.chiSquareCritical()).isCloseTo(3.841459, within(1e-6));
    assertThat(r.passes()).isTrue();
    assertThat(r.flagged()).containsOnly(false);
    // reconciled flows balance exactly
    assertThat(r.reconciled()[0] + r.reconciled()[1] - r.reconciled()[2]).isCloseTo(0, within(TOL));
  }

  /**
   * Four processes, six flows (split 1 -> 2 + 3, 2 -> 4, 3 -> 5, merge 4 + 5 -> 6), all σ = 2; true
   * flows 100, 60, 40, 60, 40, 100 with a gross error of +8 on flow 4 (measured 68). Residuals
   * (0, -8, 0, 8); γ = 10.667 > χ²(4) 9.488: the global test fails; z = (0.816, 1.633, 0.816, 3.266,
   * 0.816, 0.816) against the Šidák bound 2.631 for 6 tests: only flow 4 is flagged. Values from
   * numpy (x̂ = x - V Aᵀ (A V Aᵀ)⁻¹ A x; the three lines are in the commit that added this test).
   */
  @Test
  void oneGrossErrorIsFlagged() {
    double[][] a = {{1, -1, -1, 0, 0, 0}, {0, 1, 0, -1, 0, 0}, {0, 0, 1, 0, -1, 0}, {0, 0, 0, 1, 1, -1}};
    double[] sd = {2, 2, 2, 2, 2, 2};
    var r = Reconciliation.solve(a, new double[] {100, 60, 40, 68, 40, 100}, sd);
    assertThat(r.dof()).isEqualTo(4);
    assertThat(r.chiSquare()).isCloseTo(10.666667, within(1e-5));
    assertThat(r.passes()).isFalse();
    assertThat(r.testCritical()).isCloseTo(2.631038, within(1e-5));
    assertThat(r.testStatistic()).containsExactly(new double[] {0.816497, 1.632993, 0.816497, 3.265986, 0.816497, 0.816497},
        within(1e-5));
    assertThat(r.flagged()).containsExactly(false, false, false, true, false, false);
    // without the error, nothing moves and the test passes
    var clean = Reconciliation.solve(a, new double[] {100, 60, 40, 60, 40, 100}, sd);
    assertThat(clean.chiSquare()).isCloseTo(0, within(TOL));
    assertThat(clean.passes()).isTrue();
    assertThat(clean.reconciled()).containsExactly(new double[] {100, 60, 40, 60, 40, 100}, within(1e-9));
  }

  /** x1 + x2 = x3 with x3 unmeasured: x3 = 30 by difference, no redundancy left (dof 0). */
  @Test
  void unmeasuredFlowEstimatedWhereObservable() {
    var r = Reconciliation.solve(new double[][] {{1, 1, -1}}, new double[] {10, 20, Double.NaN}, new double[] {1, 2, 0});
    assertThat(r.reconciled()).containsExactly(new double[] {10, 20, 30}, within(TOL));
    assertThat(r.observable()).containsOnly(true);
    assertThat(r.dof()).isZero();
    assertThat(r.passes()).isTrue();
    // two unknowns in one balance: neither is observable, the measured flow is not adjusted
    var u = Reconciliation.solve(new double[][] {{1, -1, -1}}, new double[] {10, Double.NaN, Double.NaN}, new double[] {1, 0, 0});
    assertThat(u.observable()).containsExactly(true, false, false);
    assertThat(u.reconciled()[1]).isNaN();
    assertThat(u.reconciled()[0]).isEqualTo(10);
  }

  /**
   * A redundant measurement behind an unmeasured flow: x1 -> node A -> x2 (unmeasured) -> node B ->
   * x3; x1 = 10 ± 1, x3 = 12 ± 1. Projection leaves x1 - x3 = 0: x̂1 = x̂3 = 11, x2 = 11, γ = 4/2 = 2.
   */
  @Test
  void projectionThroughUnmeasured() {
    var r = Reconciliation.solve(new double[][] {{1, -1, 0}, {0, 1, -1}}, new double[] {10, Double.NaN, 12},
        new double[] {1, 0, 1});
    assertThat(r.reconciled()).containsExactly(new double[] {11, 11, 11}, within(TOL));
    assertThat(r.chiSquare()).isCloseTo(2, within(TOL));
    assertThat(r.dof()).isEqualTo(1);
  }
}
