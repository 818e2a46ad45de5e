package org.lodestone.core.results;

/**
 * One row of the tidy results: {@code year,metric,stage,product,region,sector,value,unit}. A
 * dimension that does not apply is the empty string (never {@code null}).
 *
 * @param year    calendar year
 * @param metric  metric name ({@code capacity}, {@code production}, {@code price}, ...)
 * @param stage   stage code or ""
 * @param product product code ({@code NdPr}, {@code Dy}, {@code Tb}, {@code magnet}) or ""
 * @param region  region code or "" for the world
 * @param sector  sector id or ""
 * @param value   the value, in {@code unit}
 * @param unit    unit of the value ({@code t}, {@code t REO}, {@code USD/kg}, {@code share}, {@code HHI})
 */
public record ResultRow(int year, String metric, String stage, String product, String region,
    String sector, double value, String unit) {

  /** The column names, in order. */
  public static final java.util.List<String> COLUMNS =
      java.util.List.of("year", "metric", "stage", "product", "region", "sector", "value", "unit");

  /**
   * What names a row: its year and dimensions, without value and unit. A record, so it is a map key
   * with no separator to collide with (a product or sector containing {@code |} stays distinct).
   */
  public record Key(int year, String metric, String stage, String product, String region, String sector) {
  }

  /** This row's key. */
  public Key key() {
    return new Key(year, metric, stage, product, region, sector);
  }
}
