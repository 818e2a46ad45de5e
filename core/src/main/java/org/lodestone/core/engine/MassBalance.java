package org.lodestone.core.engine;

/**
 * The one mass-balance check of the model: at every process (node) and year, inputs equal outputs
 * plus stock change within {@link #RELATIVE_TOLERANCE} of the larger side, and no flow is negative.
 */
public final class MassBalance {
  /** Relative tolerance of every balance check (flodym uses one tolerance for all checks too). */
  public static final double RELATIVE_TOLERANCE = 1e-9;
  /** Absolute floor below which flows count as zero, t. */
  public static final double ABSOLUTE_FLOOR = 1e-9;

  private MassBalance() {
  }

  /**
   * Whether {@code value}, a flow or a difference of flows, is a residue of the flows of size
   * {@code scale} around it: {@code |value| <= RELATIVE_TOLERANCE × |scale|}, the tolerance every balance
   * check grants them. The results count such a value as zero (unserved demand, a route's trade, an
   * apparent consumption, a share at risk); NaN is never a residue.
   */
  public static boolean isResidue(double value, double scale) {
    return Math.abs(value) <= RELATIVE_TOLERANCE * Math.abs(scale);
  }

  /**
   * Checks that {@code in == out} for a process in a year.
   *
   * @throws MassBalanceException naming the process, year and imbalance
   */
  public static void check(String process, int year, double in, double out) {
    double scale = Math.max(Math.max(Math.abs(in), Math.abs(out)), ABSOLUTE_FLOOR);
    double gap = in - out;
    if (!(Math.abs(gap) <= RELATIVE_TOLERANCE * scale + ABSOLUTE_FLOOR)) {
      throw new MassBalanceException(process, year, in, out);
    }
  }

  /**
   * Checks that a flow is not negative (beyond the absolute floor).
   *
   * @throws MassBalanceException naming the flow and year
   */
  public static void checkNonNegative(String flow, int year, double value) {
    if (!(value >= -ABSOLUTE_FLOOR - RELATIVE_TOLERANCE * Math.abs(value))) {
      throw new MassBalanceException(flow + " is negative (" + value + " t) in " + year);
    }
  }

  /**
   * Checks that a flow obtained as a difference of larger flows (a surplus, a stock change) is not
   * negative beyond the tolerance of those flows: {@code value >= −(ABSOLUTE_FLOOR +
   * RELATIVE_TOLERANCE × scale)}, {@code scale} being the largest flow around the node. A tolerance
   * relative to the difference itself would reject rounding dust of a few 1e-8 t on flows of 40 kt.
   *
   * @throws MassBalanceException naming the flow and year
   */
  public static void checkNonNegative(String flow, int year, double value, double scale) {
    if (!(value >= -ABSOLUTE_FLOOR - RELATIVE_TOLERANCE * Math.max(Math.abs(value), Math.abs(scale)))) {
      throw new MassBalanceException(flow + " is negative (" + value + " t) in " + year);
    }
  }

  /**
   * Checks that {@code supply} covers {@code use}: their difference (a surplus) may not be negative
   * beyond the tolerance of the larger of the two ({@link #checkNonNegative} with that scale).
   *
   * @throws MassBalanceException naming the flow, year and shortfall
   */
  public static void checkCovers(String flow, int year, double supply, double use) {
    checkNonNegative(flow, year, supply - use, Math.max(Math.abs(supply), Math.abs(use)));
  }
}
