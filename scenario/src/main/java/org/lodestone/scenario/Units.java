package org.lodestone.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Units accepted in scenario files, converted once at load to the model's base units: tonnes,
 * USD/kg, fractions, and per-kind driver units (count, MW, t).
 */
public final class Units {
  private static final Pattern QUANTITY =
      Pattern.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*?)\\s*$");

  /** What a field holds; decides the units it accepts. */
  public enum Kind {
    /** Plain mass, t. */
    MASS("t", "t, kt, Mt or kg"),
    /** Mass on an REO basis, t REO. */
    MASS_REO("t REO", "t REO, kt REO or Mt REO"),
    PRICE("USD/kg", "USD/kg or USD/t"),
    FRACTION("", "a % or a fraction in [0, 1]"),
    GROWTH("", "a %/yr or a fraction per year"),
    NUMBER("", "a plain number"),
    DRIVER("", "units, thousand units, million units, MW, GW or t"),
    INTENSITY("", "kg/unit, g/unit, kg/MW, t/GW or kg/t"),
    /** A duration in months (a month is 1/12 year, a day 1/365 year); a bare number is months. */
    MONTHS("months", "months, weeks or days (e.g. 3 months, 45 days)");

    final String base;
    final String accepted;

    Kind(String base, String accepted) {
      this.base = base;
      this.accepted = accepted;
    }

    /** The units this kind accepts, for messages. */
    public String accepted() {
      return accepted;
    }
  }

  /** The dimension of a driver, which its intensity must match. */
  public enum DriverDimension { COUNT, POWER_MW, MASS_T }

  /**
   * A parsed quantity in base units.
   *
   * @param value     in the base unit of its kind (t, USD/kg, fraction, count/MW/t for drivers,
   *                  kg per count/MW/t for intensities)
   * @param dimension for drivers and intensities, the dimension; else {@code null}
   */
  public record Quantity(double value, DriverDimension dimension) {
  }

  /** Raised for text that is not a number with an accepted unit. */
  public static final class UnitException extends Exception {
    private static final long serialVersionUID = 1L;

    UnitException(String message) {
      super(message);
    }
  }

  private Units() {
  }

  /**
   * Parses {@code text} as a quantity of {@code kind}; a bare number takes {@code defaultUnit} (may be
   * {@code null}: then the kind's base unit).
   */
  public static Quantity parse(String text, Kind kind, String defaultUnit) throws UnitException {
    if (text == null) {
      throw new UnitException("a value is required");
    }
    if (text.matches(".*\\d,\\d{3}.*")) {
      throw new UnitException("not a number (write 1200, not 1,200)");
    }
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      throw new UnitException("not a number");
    }
    double v = Double.parseDouble(m.group(1));
    if (!Double.isFinite(v)) {
      throw new UnitException("not a finite number");
    }
    String unit = m.group(2);
    if (unit.isEmpty() && defaultUnit != null) {
      unit = defaultUnit;
    }
    return convert(v, unit.trim(), kind);
  }

  private static Quantity convert(double v, String unit, Kind kind) throws UnitException {
    String u = unit.replaceAll("\\s+", " ");
    String lower = u.toLowerCase(Locale.ROOT);
    switch (kind) {
      case MASS -> {
        Double f = massFactor(u);
        if (f == null) {
          throw wrong(unit, kind);
        }
        return new Quantity(v * f, null);
      }
      case MASS_REO -> {
        if (u.isEmpty()) {
          return new Quantity(v, null);
        }
        if (!u.endsWith(" REO")) {
          throw new UnitException("unit `" + unit + "` is not on an REO basis; expected " + kind.accepted);
        }
        Double f = massFactor(u.substring(0, u.length() - 4));
        if (f == null) {
          throw wrong(unit, kind);
        }
        return new Quantity(v * f, null);
      }
      case PRICE -> {
        return switch (u) {
          case "", "USD/kg" -> new Quantity(v, null);
          case "USD/t" -> new Quantity(v / 1000, null);
          default -> throw wrong(unit, kind);
        };
      }
      case FRACTION -> {
        return switch (u) {
          case "%" -> new Quantity(v / 100, null);
          case "" -> new Quantity(v, null);
          default -> throw wrong(unit, kind);
        };
      }
      case GROWTH -> {
        return switch (lower) {
          case "%/yr", "%/y", "%/year", "% per year" -> new Quantity(v / 100, null);
          case "", "/yr" -> new Quantity(v, null);
          default -> throw wrong(unit, kind);
        };
      }
      case NUMBER -> {
        if (!u.isEmpty()) {
          throw wrong(unit, kind);
        }
        return new Quantity(v, null);
      }
      case DRIVER -> {
        if (lower.equals("mw")) {
          return new Quantity(v, DriverDimension.POWER_MW);
        }
        if (lower.equals("gw")) {
          return new Quantity(v * 1000, DriverDimension.POWER_MW);
        }
        Double mass = massFactor(u);
        if (mass != null && !u.isEmpty()) {
          return new Quantity(v * mass, DriverDimension.MASS_T);
        }
        String[] words = lower.split(" ");
        if (words.length == 1 && isCountWord(words[0])) {
          return new Quantity(v, DriverDimension.COUNT);
        }
        if (words.length == 2 && isCountWord(words[1])) {
          return switch (words[0]) {
            case "thousand" -> new Quantity(v * 1e3, DriverDimension.COUNT);
            case "million" -> new Quantity(v * 1e6, DriverDimension.COUNT);
            case "billion" -> new Quantity(v * 1e9, DriverDimension.COUNT);
            default -> throw wrong(unit, kind);
          };
        }
        throw wrong(unit, kind);
      }
      case INTENSITY -> {
        int slash = u.indexOf('/');
        if (slash < 0) {
          throw wrong(unit, kind);
        }
        String num = u.substring(0, slash).trim();
        String den = u.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
        double kg;
        switch (num) {
          case "kg" -> kg = 1;
          case "g" -> kg = 1e-3;
          case "t" -> kg = 1e3;
          default -> throw wrong(unit, kind);
        }
        return switch (den) {
          case "mw" -> new Quantity(v * kg, DriverDimension.POWER_MW);
          case "gw" -> new Quantity(v * kg / 1000, DriverDimension.POWER_MW);
          case "t" -> new Quantity(v * kg, DriverDimension.MASS_T);
          case "kg" -> new Quantity(v * kg * 1000, DriverDimension.MASS_T);
          default -> {
            if (isCountWord(den)) {
              yield new Quantity(v * kg, DriverDimension.COUNT);
            }
            throw wrong(unit, kind);
          }
        };
      }
      case MONTHS -> {
        return switch (lower) {
          case "", "month", "months", "mo" -> new Quantity(v, null);
          case "week", "weeks", "wk" -> new Quantity(v * 7 * 12 / 365.0, null);
          case "day", "days", "d" -> new Quantity(v * 12 / 365.0, null);
          default -> throw wrong(unit, kind);
        };
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private static boolean isCountWord(String w) {
    return w.matches("[a-z][a-z-]*") && !w.equals("t") && !w.equals("kt") && !w.equals("mw")
        && !w.equals("gw") && !w.equals("kg") && !w.equals("reo") && !w.equals("thousand")
        && !w.equals("million") && !w.equals("billion");
  }

  private static Double massFactor(String u) {
    return switch (u) {
      case "", "t" -> 1.0;
      case "kt" -> 1e3;
      case "Mt" -> 1e6;
      case "kg" -> 1e-3;
      default -> null;
    };
  }

  private static UnitException wrong(String unit, Kind kind) {
    return new UnitException("unit `" + unit + "` does not fit here; expected " + kind.accepted);
  }
}
