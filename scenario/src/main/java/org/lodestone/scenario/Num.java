package org.lodestone.scenario;

/**
 * A number read from a scenario with its recipe: the nominal value and, when the file wrote a
 * distribution (or an event's yearly probability), the index of its uncertain parameter.
 *
 * @param value nominal value, in base units (NaN after a problem was reported)
 * @param param index of the uncertain parameter, or −1 when the number is certain
 */
record Num(double value, int param) {
  /** A certain number. */
  static Num of(double value) {
    return new Num(value, -1);
  }

  /** The value in a run: the drawn value when uncertain and {@code values} is given, else nominal. */
  double at(double[] values) {
    return values != null && param >= 0 ? values[param] : value;
  }

  boolean isNaN() {
    return Double.isNaN(value);
  }
}
