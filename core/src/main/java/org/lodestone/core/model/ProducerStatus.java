package org.lodestone.core.model;

import java.util.Locale;

/** Development status of a facility, as published. */
public enum ProducerStatus {
  OPERATING,
  CONSTRUCTION,
  ANNOUNCED;

  /** The name used in files ({@code operating}, ...). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with that code, or {@code null}. */
  public static ProducerStatus ofCode(String code) {
    for (ProducerStatus s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    return null;
  }
}
