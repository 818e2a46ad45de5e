package org.lodestone.core.exposure;

import org.lodestone.core.model.Element;

/**
 * A buyer's exposure by year index t ({@code year = firstYear + t}), summed over its product lines
 * (definitions in {@link Exposure}). Immutable; accessors read one value.
 */
public final class ExposureResult {
  private final int firstYear;
  private final double[] magnetsT;
  private final double[] elementsT;
  private final double[] atRiskT;
  private final double[] stockT;
  private final double[] shortfallT;
  private final double[] costMarketUsd;
  private final double[] costUsd;

  ExposureResult(int firstYear, double[] magnetsT, double[] elementsT, double[] atRiskT, double[] stockT,
      double[] shortfallT, double[] costMarketUsd, double[] costUsd) {
    this.firstYear = firstYear;
    this.magnetsT = magnetsT;
    this.elementsT = elementsT;
    this.atRiskT = atRiskT;
    this.stockT = stockT;
    this.shortfallT = shortfallT;
    this.costMarketUsd = costMarketUsd;
    this.costUsd = costUsd;
  }

  public int firstYear() {
    return firstYear;
  }

  /** Number of years. */
  public int years() {
    return magnetsT.length;
  }

  /** Magnets needed, t. */
  public double magnetsT(int t) {
    return magnetsT[t];
  }

  /** Metal of element e in the magnets needed, t. */
  public double elementT(int t, int e) {
    return elementsT[t * Element.COUNT + e];
  }

  /** Supply at risk: the buyer's pro-rata share of unserved demand, t magnet. */
  public double atRiskT(int t) {
    return atRiskT[t];
  }

  /** Magnets on hand, t. */
  public double stockT(int t) {
    return stockT[t];
  }

  /** Supply at risk not covered by the stock on hand, t magnet. */
  public double shortfallT(int t) {
    return shortfallT[t];
  }

  /** Cost of the magnets needed at market prices, USD. */
  public double costMarketUsd(int t) {
    return costMarketUsd[t];
  }

  /** Cost with the fixed-price contracts, USD. */
  public double costUsd(int t) {
    return costUsd[t];
  }
}
