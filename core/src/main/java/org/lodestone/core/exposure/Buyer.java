package org.lodestone.core.exposure;

import java.util.List;

/**
 * A company that buys magnets: its product lines and the yearly cost of holding stock. Immutable.
 *
 * @param name             the buyer's name
 * @param products         its product lines (at least one)
 * @param carryingCostRate cost of holding a stock for a year as a share of its value (1/yr, &ge; 0):
 *                         capital tied up plus storage and insurance
 */
public record Buyer(String name, List<BuyerProduct> products, double carryingCostRate) {
  public Buyer {
    products = List.copyOf(products);
    if (products.isEmpty()) {
      throw new IllegalArgumentException("a buyer needs at least one product");
    }
    if (!(carryingCostRate >= 0)) {
      throw new IllegalArgumentException("carryingCostRate must be >= 0, got " + carryingCostRate);
    }
  }
}
