package org.lodestone.io.stock;

import java.util.List;

/**
 * Yearly values of one or more named series, read from a {@code year,<series…>} CSV file.
 *
 * @param file      file name as given by the user
 * @param firstYear first year
 * @param names     series names in file order (the header cells after {@code year})
 * @param values    value of series s in year index t at {@code [t * names.size() + s]}
 * @param lines     1-based file line of each year index, for messages
 */
public record SeriesTable(String file, int firstYear, List<String> names, double[] values, int[] lines) {
  public SeriesTable {
    names = List.copyOf(names);
    values = values.clone();
    lines = lines.clone();
  }

  public int nYears() {
    return lines.length;
  }

  public int nSeries() {
    return names.size();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public int[] lines() {
    return lines.clone();
  }
}
