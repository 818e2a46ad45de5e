package org.lodestone.core.engine;

import org.lodestone.core.model.SupplyChain;

/**
 * How a run clears its markets, year by year. A new market model is one new implementation here and a
 * case in {@link #of}; every model fills the same {@link RunResult} (quantities by producer and sector,
 * prices by element and product) and shares the run's dynamics ({@link DynamicState}: substitution,
 * investment, delivered grades) and the stocks in use.
 *
 * <ul>
 *   <li>{@link #MERIT_ORDER}: one global market, merit-order supply along the chain, constant-elasticity
 *   demand ({@link AnnualEngine}); the rent-splitting rule prices co-products.</li>
 *   <li>{@link #REGIONAL}: a spatial price equilibrium between regions, a linear programme per year
 *   ({@link RegionalEngine}).</li>
 *   <li>{@link #ELEMENTS}: one market with element-level prices for joint products, short-run supply
 *   curves, production caps, competitive storage and sticky magnet trade ({@link ElementMarketEngine}).</li>
 * </ul>
 */
public sealed interface MarketModel permits MarketModel.Kind {
  /** Short name used in scenarios ({@code market.model}). */
  String id();

  /** Runs every year of the chain's axis with this model. */
  RunResult run(SupplyChain chain);

  /** The model a chain asks for: its element-market parameters, its trade set-up, or the merit order. */
  static MarketModel of(SupplyChain chain) {
    if (chain.elementMarket() != null) {
      return Kind.ELEMENTS;
    }
    return chain.isRegional() ? Kind.REGIONAL : Kind.MERIT_ORDER;
  }

  MarketModel MERIT_ORDER = Kind.MERIT_ORDER;
  MarketModel REGIONAL = Kind.REGIONAL;
  MarketModel ELEMENTS = Kind.ELEMENTS;

  /** The shipped models. */
  enum Kind implements MarketModel {
    MERIT_ORDER("global") {
      @Override
      public RunResult run(SupplyChain chain) {
        return AnnualEngine.runGlobal(chain);
      }
    },
    REGIONAL("regional") {
      @Override
      public RunResult run(SupplyChain chain) {
        return RegionalEngine.run(chain);
      }
    },
    ELEMENTS("elements") {
      @Override
      public RunResult run(SupplyChain chain) {
        return ElementMarketEngine.run(chain);
      }
    };

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }
  }
}
