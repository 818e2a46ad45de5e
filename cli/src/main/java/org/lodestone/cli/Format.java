package org.lodestone.cli;

import java.util.Locale;
import org.lodestone.core.results.Noise;

/** Number formatting for tables; every value goes through {@link Noise#clean} first (no "-0.0"). */
final class Format {
  private Format() {
  }

  /** A mass as kt with one decimal, or t below 1 kt: {@code 280.0 kt}, {@code 950 t REO}. */
  static String tonnes(double t, String unit) {
    t = Noise.clean(t);
    String suffix = unit.endsWith("REO") ? " REO" : "";
    if (Math.abs(t) >= 1000) {
      return String.format(Locale.ROOT, "%,.1f kt%s", t / 1000, suffix);
    }
    return String.format(Locale.ROOT, "%,.0f t%s", t, suffix);
  }

  /** kt with one decimal, no unit. */
  static String kt(double t) {
    return String.format(Locale.ROOT, "%,.1f", Noise.clean(t) / 1000);
  }

  /** A price with sensible precision. */
  static String price(double p) {
    p = Noise.clean(p);
    if (p >= 100) {
      return String.format(Locale.ROOT, "%,.0f", p);
    }
    // a solver's -1e-12 for a free good is 0, not "-0.0"
    return String.format(Locale.ROOT, "%.1f", Math.abs(p) < 0.05 ? 0.0 : p);
  }

  /** A share as a percentage. */
  static String percent(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * Noise.clean(s));
  }

  /** An HHI value. */
  static String hhi(double h) {
    return Double.isNaN(h) ? "-" : String.format(Locale.ROOT, "%,.0f", Noise.clean(h));
  }
}
