package org.lodestone.core.model;

/**
 * A commercial inventory on the regional markets: a holder of one traded product in one region that
 * buys low and sells high within bounds. In year t, with reference price {@code ref} (the trailing
 * average of its region's price of the product over the last {@link #trailingYears} years, or
 * the product's reference price of the dataset while there is no history), it
 * <ul>
 *   <li>buys at any price up to {@code (1 − bandShare) × ref}, at most {@code min(maxFlowT,
 *       capacityT − level)} tonnes: a demand step with that willingness to pay;</li>
 *   <li>sells at any price at or above {@code (1 + bandShare) × ref}, at most {@code min(maxFlowT,
 *       level)} tonnes: a supply step offered at that price;</li>
 * </ul>
 * and carries its level from year to year: {@code level(t) = level(t − 1) + bought − sold}, so
 * {@code 0 <= level <= capacityT}. Immutable.
 *
 * @param product       {@link TradedProduct} ordinal of what it holds (an oxide, a metal or magnets; not
 *                      concentrate)
 * @param region        index into {@link SupplyChain#regionCodes()}
 * @param capacityT     most it holds, t, {@code >= 0}
 * @param initialT      level before the first year, t, in {@code [0, capacityT]}
 * @param bandShare     half-width of the no-trade band around the reference price, in [0, 1)
 * @param maxFlowT      most it buys or sells in a year, t/yr, {@code >= 0}
 * @param trailingYears years of the trailing average of the reference price, {@code >= 1}
 */
public record Inventory(int product, int region, double capacityT, double initialT, double bandShare,
    double maxFlowT, int trailingYears) {

  /** Years of the trailing average when a scenario does not say. */
  public static final int DEFAULT_TRAILING_YEARS = 3;

  public Inventory {
    if (product <= TradedProduct.CONCENTRATE.ordinal() || product >= TradedProduct.COUNT) {
      throw new IllegalArgumentException("an inventory holds an oxide, a metal or magnets, not product " + product);
    }
    if (region < 0) {
      throw new IllegalArgumentException("inventory region index must be >= 0");
    }
    if (!(capacityT >= 0) || Double.isInfinite(capacityT)) {
      throw new IllegalArgumentException("inventory capacity must be finite and >= 0 t: " + capacityT);
    }
    if (!(initialT >= 0 && initialT <= capacityT)) {
      throw new IllegalArgumentException("inventory initial level must be in [0, capacity]: " + initialT);
    }
    if (!(bandShare >= 0 && bandShare < 1)) {
      throw new IllegalArgumentException("inventory band must be in [0, 1): " + bandShare);
    }
    if (!(maxFlowT >= 0)) {
      throw new IllegalArgumentException("inventory max flow must be >= 0 t/yr: " + maxFlowT);
    }
    if (trailingYears < 1) {
      throw new IllegalArgumentException("inventory trailing years must be >= 1: " + trailingYears);
    }
  }
}
