package org.lodestone.core.model;

import java.util.Arrays;

/**
 * Chain-wide physical and market parameters. Immutable; arrays by {@link Element} index.
 *
 * @param oxideToMetal            kg metal per kg oxide, stoichiometric (e.g. Dy2O3 → Dy 0.871)
 * @param oxideReferencePrice     oxide reference price, USD/kg oxide
 * @param oxidePriceCap           oxide choke price, USD/kg oxide
 * @param magnetReferencePrice    finished magnet price at which sectors' reference demand holds,
 *                                USD/kg magnet
 * @param magnetPriceCap          magnet choke price, USD/kg: demand beyond supply at this price is
 *                                reported unserved
 * @param manufacturingYield      finished magnet per unit of alloy input, in (0, 1]; the rest is
 *                                machining scrap
 * @param metalYield              metal recovered per unit of metal contained in the oxide, in (0, 1]
 * @param scrapRecoveryRate       by element: share of element e in machining scrap recovered to oxide
 *                                and returned to the oxide markets (the pre-consumer recycling loop),
 *                                each in [0, 1]; the rest of e in the scrap is lost. By element because
 *                                recovered tonnages are reported by element (China 2024: PrNd, Dy and Tb
 *                                oxide apart) and need not stand in the ratio of the magnets' grades
 * @param eolRecycling            the end-of-life recycling loop, or {@code null} for none
 */
public record MarketParameters(double[] oxideToMetal, double[] oxideReferencePrice,
    double[] oxidePriceCap, double magnetReferencePrice, double magnetPriceCap,
    double manufacturingYield, double metalYield, double[] scrapRecoveryRate, EolRecycling eolRecycling) {

  /** One scrap recovery rate for every element. */
  public MarketParameters(double[] oxideToMetal, double[] oxideReferencePrice, double[] oxidePriceCap,
      double magnetReferencePrice, double magnetPriceCap, double manufacturingYield, double metalYield,
      double scrapRecoveryRate, EolRecycling eolRecycling) {
    this(oxideToMetal, oxideReferencePrice, oxidePriceCap, magnetReferencePrice, magnetPriceCap,
        manufacturingYield, metalYield, uniform(scrapRecoveryRate), eolRecycling);
  }

  /** One scrap recovery rate for every element; without end-of-life recycling. */
  public MarketParameters(double[] oxideToMetal, double[] oxideReferencePrice, double[] oxidePriceCap,
      double magnetReferencePrice, double magnetPriceCap, double manufacturingYield, double metalYield,
      double scrapRecoveryRate) {
    this(oxideToMetal, oxideReferencePrice, oxidePriceCap, magnetReferencePrice, magnetPriceCap,
        manufacturingYield, metalYield, uniform(scrapRecoveryRate), null);
  }

  public MarketParameters {
    oxideToMetal = check(oxideToMetal, "oxideToMetal");
    oxideReferencePrice = check(oxideReferencePrice, "oxideReferencePrice");
    oxidePriceCap = check(oxidePriceCap, "oxidePriceCap");
    for (int e = 0; e < Element.COUNT; e++) {
      String el = "[" + Element.values()[e].code() + "]";
      if (!(oxideToMetal[e] > 0 && oxideToMetal[e] <= 1)) {
        throw invalid("oxideToMetal" + el, oxideToMetal[e], "", "must be in (0, 1] (kg metal per kg oxide)");
      }
      if (!(oxideReferencePrice[e] > 0)) {
        throw invalid("oxideReferencePrice" + el, oxideReferencePrice[e], USD_PER_KG, "must be > 0");
      }
      if (!(oxidePriceCap[e] >= oxideReferencePrice[e])) {
        throw invalid("oxidePriceCap" + el, oxidePriceCap[e], USD_PER_KG, "must be >= oxideReferencePrice" + el
            + " (" + oxideReferencePrice[e] + USD_PER_KG + ")");
      }
    }
    if (!(magnetReferencePrice > 0)) {
      throw invalid("magnetReferencePrice", magnetReferencePrice, USD_PER_KG, "must be > 0");
    }
    if (!(magnetPriceCap >= magnetReferencePrice)) {
      throw invalid("magnetPriceCap", magnetPriceCap, USD_PER_KG,
          "must be >= magnetReferencePrice (" + magnetReferencePrice + USD_PER_KG + ")");
    }
    if (Double.isInfinite(magnetPriceCap)) {
      throw invalid("magnetPriceCap", magnetPriceCap, USD_PER_KG, "must be finite (demand beyond it is unserved)");
    }
    if (!(manufacturingYield > 0 && manufacturingYield <= 1)) {
      throw invalid("manufacturingYield", manufacturingYield, "", "must be in (0, 1] (finished magnet per unit of alloy)");
    }
    if (!(metalYield > 0 && metalYield <= 1)) {
      throw invalid("metalYield", metalYield, "",
          "must be in (0, 1] (metal per unit of metal contained in the oxide)");
    }
    scrapRecoveryRate = check(scrapRecoveryRate, "scrapRecoveryRate");
    for (int e = 0; e < Element.COUNT; e++) {
      if (!(scrapRecoveryRate[e] >= 0 && scrapRecoveryRate[e] <= 1)) {
        throw invalid("scrapRecoveryRate[" + Element.values()[e].code() + "]", scrapRecoveryRate[e], "",
            "must be in [0, 1]");
      }
    }
  }

  private static final String USD_PER_KG = " USD/kg";

  /** The one message format of these checks: {@code field = value unit: what was expected}. */
  private static IllegalArgumentException invalid(String field, double value, String unit, String expected) {
    return new IllegalArgumentException(field + " = " + value + unit + ": " + expected);
  }

  private static double[] uniform(double rate) {
    double[] a = new double[Element.COUNT];
    Arrays.fill(a, rate);
    return a;
  }

  private static double[] check(double[] a, String field) {
    if (a.length != Element.COUNT) {
      throw new IllegalArgumentException(field + " = " + Arrays.toString(a) + ": needs " + Element.COUNT
          + " values, one per element (" + String.join(", ", Arrays.stream(Element.values()).map(Element::code)
          .toList()) + ")");
    }
    return a.clone();
  }

  @Override
  public double[] oxideToMetal() {
    return oxideToMetal.clone();
  }

  @Override
  public double[] oxideReferencePrice() {
    return oxideReferencePrice.clone();
  }

  @Override
  public double[] oxidePriceCap() {
    return oxidePriceCap.clone();
  }

  @Override
  public double[] scrapRecoveryRate() {
    return scrapRecoveryRate.clone();
  }

  /** Share of element {@code e} in machining scrap recovered to oxide, in [0, 1]. */
  public double scrapRecoveryRate(int e) {
    return scrapRecoveryRate[e];
  }

  /**
   * The pre-consumer loop: oxide of element e recovered from the machining scrap of one kg of finished
   * magnet of grade {@code grade} (mass share of e): {@code grade (1/y_mfg − 1) · recovery_e / oxideToMetal_e}
   * (alloy input per kg finished is 1/y_mfg, so the scrap is 1/y_mfg − 1 kg carrying e at the grade).
   */
  public double scrapOxidePerMagnet(int e, double grade) {
    return grade * (1 / manufacturingYield - 1) * scrapRecoveryRate[e] / oxideToMetal[e];
  }

  /** kg metal per kg oxide of element {@code e}. */
  public double oxideToMetal(int e) {
    return oxideToMetal[e];
  }

  /** Reference oxide price of element {@code e}, USD/kg. */
  public double oxideReferencePrice(int e) {
    return oxideReferencePrice[e];
  }

  /** Oxide choke price of element {@code e}, USD/kg. */
  public double oxidePriceCap(int e) {
    return oxidePriceCap[e];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarketParameters m && Arrays.equals(oxideToMetal, m.oxideToMetal)
        && Arrays.equals(oxideReferencePrice, m.oxideReferencePrice)
        && Arrays.equals(oxidePriceCap, m.oxidePriceCap)
        && magnetReferencePrice == m.magnetReferencePrice && magnetPriceCap == m.magnetPriceCap
        && manufacturingYield == m.manufacturingYield && metalYield == m.metalYield
        && Arrays.equals(scrapRecoveryRate, m.scrapRecoveryRate)
        && java.util.Objects.equals(eolRecycling, m.eolRecycling);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(oxideToMetal) * 31 + Double.hashCode(magnetReferencePrice);
  }

  @Override
  public String toString() {
    return "MarketParameters[magnetReferencePrice=" + magnetReferencePrice + "]";
  }
}
