package org.lodestone.scenario;

import java.util.Arrays;

/**
 * An observed series from the dataset, for calibration and comparison (never a model input).
 * Dimensions use the result names; blank where they do not apply, {@code WORLD} for world totals.
 *
 * @param years        calendar years, ascending
 * @param values       values in {@code unit} (fractions for {@code share}), same length as {@code years}
 * @param pointSources each point's source id (its own {@code source:}, else the series'), same length
 * @param note         the series' note (often its basis: "FOB China", "ex-works"), or ""
 */
public record HistorySeries(String metric, String stage, String product, String region,
    String sector, String unit, String source, String label, int[] years, double[] values,
    String[] pointSources, String note) {

  public HistorySeries {
    years = years.clone();
    values = values.clone();
    pointSources = pointSources == null ? new String[years.length] : pointSources.clone();
    if (pointSources.length != years.length) {
      throw new IllegalArgumentException("one source per point: " + pointSources.length + " for " + years.length);
    }
    for (int i = 0; i < pointSources.length; i++) {
      pointSources[i] = pointSources[i] == null || pointSources[i].isEmpty() ? source : pointSources[i];
    }
    note = note == null ? "" : note;
  }

  /** A series whose points all carry the series' source, without a note. */
  public HistorySeries(String metric, String stage, String product, String region, String sector, String unit,
      String source, String label, int[] years, double[] values) {
    this(metric, stage, product, region, sector, unit, source, label, years, values, null, "");
  }

  @Override
  public String[] pointSources() {
    return pointSources.clone();
  }

  /**
   * The basis the values are stated on: the unit, for magnets blank or finished tonnage, for prices
   * the region quoted and the source label ("USD/kg, CN, fob-china").
   */
  public String basis() {
    StringBuilder b = new StringBuilder(unit.equals("share") ? "share" : unit);
    if (product.equals("magnet") && !metric.equals("price")) {
      b.append(", finished magnet");
    } else if (product.equals(org.lodestone.core.results.TidyResults.BLANK)) {
      b.append(", magnet blank");
    }
    if (metric.equals("price")) {
      b.append(", ").append(region.isEmpty() ? "WORLD" : region);
      if (!label.isEmpty()) {
        b.append(", ").append(label);
      }
    }
    return b.toString();
  }

  @Override
  public int[] years() {
    return years.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The source id of the point for a year (its own, else the series'), or null when there is no point. */
  public String pointSource(int year) {
    int i = Arrays.binarySearch(years, year);
    return i >= 0 ? pointSources[i] : null;
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
