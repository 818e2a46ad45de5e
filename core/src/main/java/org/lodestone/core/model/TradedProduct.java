package org.lodestone.core.model;

/**
 * What crosses borders in the regional markets: mine concentrate (REO, shipped to separation), oxides
 * and metals of each element, and finished magnets. The ordinal indexes per-product arrays.
 */
public enum TradedProduct {
  CONCENTRATE("concentrate", null, "concentrate"),
  NDPR_OXIDE("NdPr", Element.NDPR, "oxide"),
  DY_OXIDE("Dy", Element.DY, "oxide"),
  TB_OXIDE("Tb", Element.TB, "oxide"),
  NDPR_METAL("NdPr", Element.NDPR, "metal"),
  DY_METAL("Dy", Element.DY, "metal"),
  TB_METAL("Tb", Element.TB, "metal"),
  MAGNET("magnet", null, "magnet");

  /** Number of traded products. */
  public static final int COUNT = 8;

  private final String product;
  private final Element element;
  private final String form;

  TradedProduct(String product, Element element, String form) {
    this.product = product;
    this.element = element;
    this.form = form;
  }

  /** Product code in results ({@code NdPr}, {@code magnet}, {@code concentrate}). */
  public String product() {
    return product;
  }

  /** The element, or {@code null} for concentrate and magnets. */
  public Element element() {
    return element;
  }

  /** {@code concentrate}, {@code oxide}, {@code metal} or {@code magnet}: the key of trade costs. */
  public String form() {
    return form;
  }

  /** Stage of the results rows for this product's prices and trade. */
  public String stage() {
    return switch (form) {
      case "concentrate" -> "mining";
      case "oxide" -> "separation";
      case "metal" -> "metal";
      default -> "magnet";
    };
  }

  /** The oxide of an element. */
  public static TradedProduct oxide(int e) {
    return values()[1 + e];
  }

  /** The metal of an element. */
  public static TradedProduct metal(int e) {
    return values()[4 + e];
  }
}
