package org.lodestone.core.model;

import java.util.Locale;

/**
 * A process stage of the chain. The product of each stage, and so the unit of its capacity and
 * production: {@link #MINING} t REO mined, {@link #SEPARATION} t REO separated into oxides,
 * {@link #METAL} t rare-earth metal (NdPr, Dy, Tb together), {@link #MAGNET} t finished NdFeB magnet.
 */
public enum Stage {
  MINING("t REO"),
  SEPARATION("t REO"),
  METAL("t"),
  MAGNET("t");

  private final String unit;

  Stage(String unit) {
    this.unit = unit;
  }

  /** The name used in files and results ({@code mining}, {@code separation}, ...). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Unit of capacity and production at this stage. */
  public String unit() {
    return unit;
  }

  /** The stage with that code, or {@code null}. */
  public static Stage ofCode(String code) {
    for (Stage s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    return null;
  }
}
