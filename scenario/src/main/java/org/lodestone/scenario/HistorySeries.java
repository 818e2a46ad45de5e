package org.lodestone.scenario;

import java.util.Arrays;

/**
 * An observed series from the dataset, for calibration and comparison (never a model input).
 * Dimensions use the result names; blank where they do not apply, {@code WORLD} for world totals.
 *
 * @param years  calendar years, ascending
 * @param values values in {@code unit} (fractions for {@code share}), same length as {@code years}
 */
public record HistorySeries(String metric, String stage, String product, String region,
    String sector, String unit, String source, String label, int[] years, double[] values) {

  public HistorySeries {
    years = years.clone();
    values = values.clone();
  }

  @Override
  public int[] years() {
    return years.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value for a year, or NaN. */
  public double value(int year) {
    int i = Arrays.binarySearch(years, year);
    return i >= 0 ? values[i] : Double.NaN;
  }

  /** A short label: metric, stage, product, region, sector and source label. */
  public String describe() {
    StringBuilder b = new StringBuilder(metric);
    for (String s : new String[] {stage, product, region, sector}) {
      if (!s.isEmpty()) {
        b.append(' ').append(s);
      }
    }
    b.append(" (").append(label.isEmpty() ? source : label).append(')');
    return b.toString();
  }
}
