package org.lodestone.scenario.uncertainty;

import org.hipparchus.distribution.RealDistribution;

/**
 * One uncertain number of a scenario: where it is, its distribution, and how a drawn value reaches
 * the model.
 *
 * @param path         dotted path of the field in the scenario ({@code producers.lynas.cost})
 * @param law          law name as written ({@code normal}, {@code lognormal}, {@code triangular},
 *                     {@code uniform})
 * @param distribution the distribution, in the model's base unit (t, USD/kg, fraction)
 * @param nominal      the value used in deterministic runs (the distribution's mean)
 * @param file         file the distribution was written in
 * @param line         line in that file
 */
public record UncertainParameter(String path, String law, RealDistribution distribution,
    double nominal, String file, int line) {

  /**
   * Probability mass cut from each tail: points closer than this to 0 or 1 are moved to it, so an
   * unbounded law (normal, log-normal) never yields an infinite or zero value from a draw of 0 or
   * 1e-300. One draw in 10^12 is affected.
   */
  public static final double TAIL = 1e-12;

  /** The value at probability {@code u} in [0, 1]: the inverse CDF, in base units. */
  public double valueAt(double u) {
    return distribution.inverseCumulativeProbability(Math.min(Math.max(u, TAIL), 1 - TAIL));
  }
}
