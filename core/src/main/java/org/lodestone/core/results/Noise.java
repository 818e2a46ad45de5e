package org.lodestone.core.results;

import org.lodestone.core.engine.MassBalance;

/**
 * The one rule for printing a result: a value within the balance tolerance of zero is zero. Solvers
 * and sums leave residues such as {@code -7.46e-15 USD/kg} for a free co-product or {@code 1.4e-11 t}
 * of unserved demand; the balance checks already count anything within {@link MassBalance#ABSOLUTE_FLOOR}
 * as zero, so printing it would only show noise (and a "-0.0" in a rounded table). Every writer of
 * results (CSV, JSON, the tables, the exports) passes values through {@link #clean}; the values kept in
 * memory and in the results store are untouched.
 *
 * <p>Thread-safe (no state).
 */
public final class Noise {
  /** |value| at or below this prints as 0: the balance checks' absolute floor (t; the same number for USD/kg and shares). */
  public static final double ZERO_BELOW = MassBalance.ABSOLUTE_FLOOR;

  private Noise() {
  }

  /** {@code 0.0} for a value within {@link #ZERO_BELOW} of zero (and for -0.0), else the value itself; NaN and infinities unchanged. */
  public static double clean(double v) {
    return Math.abs(v) <= ZERO_BELOW ? 0.0 : v;
  }
}
