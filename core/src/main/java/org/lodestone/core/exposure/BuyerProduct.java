package org.lodestone.core.exposure;

import java.util.Arrays;

/**
 * One product line of a buyer, resolved against a chain: indices instead of names, paths on the
 * chain's time axis. Immutable (arrays are copied in and out).
 *
 * @param id                    the product's id in the buyer file
 * @param sector                index into {@code chain.sectors()} of the sector it belongs to
 * @param unitsPerYear          units made per year, by year index t (units/yr, &ge; 0)
 * @param kgMagnetPerUnit       kg of finished magnet per unit, &ge; 0
 * @param grade                 mass share of NdPr, Dy and Tb metal in its magnets (by
 *                              {@code Element.ordinal()}), or {@code null} for the sector's delivered
 *                              grade in the run
 * @param sourcingShare         share of its magnets bought in each region's market, by region index,
 *                              each in [0, 1], summing to 1
 * @param contractShare         share bought on fixed-price contracts, in [0, 1]
 * @param contractPriceUsdPerKg the contracts' price, USD/kg magnet
 * @param stockMonths           magnets on hand, in months of the product's use
 */
public record BuyerProduct(String id, int sector, double[] unitsPerYear, double kgMagnetPerUnit, double[] grade,
    double[] sourcingShare, double contractShare, double contractPriceUsdPerKg, double stockMonths) {
  public BuyerProduct {
    unitsPerYear = unitsPerYear.clone();
    grade = grade == null ? null : grade.clone();
    sourcingShare = sourcingShare.clone();
  }

  @Override
  public double[] unitsPerYear() {
    return unitsPerYear.clone();
  }

  @Override
  public double[] grade() {
    return grade == null ? null : grade.clone();
  }

  @Override
  public double[] sourcingShare() {
    return sourcingShare.clone();
  }

  /** Units in year index t. */
  public double units(int t) {
    return unitsPerYear[t];
  }

  /** Sourcing share of region q. */
  public double sourcing(int q) {
    return sourcingShare[q];
  }

  /** The product's own grade of element e, or NaN when it uses the sector's. */
  public double gradeOf(int e) {
    return grade == null ? Double.NaN : grade[e];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BuyerProduct b && id.equals(b.id) && sector == b.sector
        && Arrays.equals(unitsPerYear, b.unitsPerYear) && kgMagnetPerUnit == b.kgMagnetPerUnit
        && Arrays.equals(grade, b.grade) && Arrays.equals(sourcingShare, b.sourcingShare)
        && contractShare == b.contractShare && contractPriceUsdPerKg == b.contractPriceUsdPerKg
        && stockMonths == b.stockMonths;
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + sector;
  }

  @Override
  public String toString() {
    return "BuyerProduct[" + id + ", sector " + sector + "]";
  }
}
