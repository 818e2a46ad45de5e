package org.lodestone.core.model;

import java.util.List;

/**
 * The chain's responses over time, solved year by year with the markets: substitution of magnets
 * in each sector ({@link Substitute}) and endogenous investment in capacity ({@link Investment}).
 * Immutable.
 */
public record Dynamics(List<Substitute> substitutes, List<Investment> investments) {
  /** No substitution, no endogenous investment. */
  public static final Dynamics NONE = new Dynamics(List.of(), List.of());

  public Dynamics {
    substitutes = List.copyOf(substitutes);
    investments = List.copyOf(investments);
  }

  /** Whether there is nothing to do. */
  public boolean isEmpty() {
    return substitutes.isEmpty() && investments.isEmpty();
  }
}
