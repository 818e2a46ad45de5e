package org.lodestone.core.model;

import java.util.Arrays;

/**
 * The data of the EU supply-risk indicator that a chain does not itself produce (Blengini, G.A. et
 * al., 2017, "Methodology for establishing the EU list of critical raw materials: guidelines", JRC,
 * doi:10.2873/769526, §4.2; the formula in {@code org.lodestone.core.metrics.SupplyRisk}): each
 * region's governance on the method's 0–10 scale (10 = worst), each region's trade-related variable,
 * and the end-of-life recycling input rate and substitution index of the material. Immutable; arrays
 * are copied in and out.
 *
 * @param wgiScaled             by region index of the chain: the World Bank Worldwide Governance
 *                              Indicators rescaled to [0, 10] ({@code SupplyRisk.scaleWgi}); NaN where
 *                              the scenario gives none (a supplier without one makes the index undefined)
 * @param trade                 by region index: the trade-related variable t ({@code > 0}; 1 where none
 *                              applies, up to 1.5 for export restrictions, 0.8 for a trade agreement)
 * @param eolRecyclingInputRate EoL-RIR, in [0, 1]
 * @param substitutionIndex     SI_SR, in [0, 1]
 */
public record Governance(double[] wgiScaled, double[] trade, double eolRecyclingInputRate,
    double substitutionIndex) {

  public Governance {
    wgiScaled = wgiScaled.clone();
    trade = trade.clone();
    if (wgiScaled.length != trade.length) {
      throw new IllegalArgumentException("governance needs one WGI and one trade variable per region");
    }
    for (double w : wgiScaled) {
      if (!Double.isNaN(w) && !(w >= 0 && w <= 10)) {
        throw new IllegalArgumentException("scaled WGI must be in [0, 10]: " + w);
      }
    }
    for (double t : trade) {
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new IllegalArgumentException("trade-related variable must be finite and > 0: " + t);
      }
    }
    if (!(eolRecyclingInputRate >= 0 && eolRecyclingInputRate <= 1)) {
      throw new IllegalArgumentException("EoL-RIR must be in [0, 1]: " + eolRecyclingInputRate);
    }
    if (!(substitutionIndex >= 0 && substitutionIndex <= 1)) {
      throw new IllegalArgumentException("substitution index must be in [0, 1]: " + substitutionIndex);
    }
  }

  @Override
  public double[] wgiScaled() {
    return wgiScaled.clone();
  }

  @Override
  public double[] trade() {
    return trade.clone();
  }

  /** Scaled WGI of region q (NaN where none is given). */
  public double wgiScaled(int q) {
    return wgiScaled[q];
  }

  /** Trade-related variable of region q. */
  public double trade(int q) {
    return trade[q];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Governance g && Arrays.equals(wgiScaled, g.wgiScaled) && Arrays.equals(trade, g.trade)
        && eolRecyclingInputRate == g.eolRecyclingInputRate && substitutionIndex == g.substitutionIndex;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(wgiScaled) * 31 + Arrays.hashCode(trade);
  }

  @Override
  public String toString() {
    return "Governance[wgiScaled=" + Arrays.toString(wgiScaled) + ", trade=" + Arrays.toString(trade)
        + ", eolRecyclingInputRate=" + eolRecyclingInputRate + ", substitutionIndex=" + substitutionIndex + "]";
  }
}
