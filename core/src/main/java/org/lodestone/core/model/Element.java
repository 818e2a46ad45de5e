package org.lodestone.core.model;

/**
 * The magnet rare-earth elements the model tracks. {@link #NDPR} is didymium (Nd and Pr together,
 * traded as one oxide). The index {@link #ordinal()} addresses per-element arrays.
 */
public enum Element {
  NDPR("NdPr"),
  DY("Dy"),
  TB("Tb");

  /** Number of elements; the length of per-element arrays. */
  public static final int COUNT = 3;

  private final String code;

  Element(String code) {
    this.code = code;
  }

  /** The name used in files and results ({@code NdPr}, {@code Dy}, {@code Tb}). */
  public String code() {
    return code;
  }

  /** The element with that code, or {@code null}. */
  public static Element ofCode(String code) {
    for (Element e : values()) {
      if (e.code.equals(code)) {
        return e;
      }
    }
    return null;
  }
}
