package org.lodestone.core.model;

/**
 * The annual time axis of a run: calendar years {@code firstYear..lastYear} inclusive, indexed by
 * {@code t = year - firstYear}. Every per-year array in the model has length {@link #size()}.
 *
 * @param firstYear first simulated calendar year
 * @param lastYear  last simulated calendar year, {@code >= firstYear}
 */
public record TimeAxis(int firstYear, int lastYear) {

  public TimeAxis {
    if (lastYear < firstYear) {
      throw new IllegalArgumentException("time axis " + firstYear + ".." + lastYear + " is empty");
    }
  }

  /** Number of years on the axis. */
  public int size() {
    return lastYear - firstYear + 1;
  }

  /** Index of a calendar year; throws if it is off the axis. */
  public int index(int year) {
    if (!contains(year)) {
      throw new IllegalArgumentException("year " + year + " is outside " + firstYear + ".." + lastYear);
    }
    return year - firstYear;
  }

  /** Calendar year of index {@code t}. */
  public int year(int t) {
    return firstYear + t;
  }

  /** Whether the calendar year is on the axis. */
  public boolean contains(int year) {
    return year >= firstYear && year <= lastYear;
  }
}
