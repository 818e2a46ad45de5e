package org.lodestone.core.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;

/**
 * The values of {@link TidyResults} written into a {@code double[]} in a fixed key order, for
 * ensembles: one layout per chain structure, then {@link #fill} per run with no row objects.
 *
 * <p>The keys and their order are those of {@link TidyResults#emit} for the same chain and years, with
 * one difference: keys whose value can be undefined ({@code share_china}, {@code hhi_country},
 * {@code hhi_company}, {@code share_top1}/{@code 3}, {@code import_reliance}, {@code days_of_cover},
 * {@code price_change}, {@code volatility}, {@code recycled_share}) are always present, and hold
 * {@code NaN} in a run where they are undefined (where {@code TidyResults} leaves the row out). Values are computed with the same
 * arithmetic in the same order, so they are bit-identical to the tidy rows.
 *
 * <p>Immutable and thread-safe; {@link #fill} allocates only small scratch arrays.
 */
public final class ResultVector {
  /**
   * One key of the vector: the tidy columns without the value.
   *
   * @param year    calendar year
   * @param metric  metric name (one of {@link TidyResults#METRICS})
   * @param stage   stage code or ""
   * @param product product code or ""
   * @param region  region code or "" (world)
   * @param sector  sector id or ""
   * @param unit    unit of the value
   */
  public record Key(int year, String metric, String stage, String product, String region, String sector,
      String unit) {
  }

  private final int firstYear;
  private final int lastYear;
  private final int producers;
  private final int sectors;
  private final int regions;
  private final List<Key> keys;
  /** The metric of each key, for a cheap check that a run gives the same key sequence. */
  private final String[] metrics;
  private final int[] years;

  private ResultVector(SupplyChain chain, int firstYear, int lastYear) {
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.producers = chain.producers().size();
    this.sectors = chain.sectors().size();
    this.regions = chain.regionCodes().size();
    List<Key> k = new ArrayList<>();
    // the keys are those of the tidy rows of a run of this chain (they depend on its structure only)
    TidyResults.emit(AnnualEngine.run(chain), firstYear, lastYear, true,
        (y, m, st, pr, rg, sc, v, u) -> k.add(new Key(y, m, st, pr, rg, sc, u)));
    this.keys = Collections.unmodifiableList(k);
    this.metrics = new String[k.size()];
    this.years = new int[k.size()];
    for (int i = 0; i < k.size(); i++) {
      metrics[i] = k.get(i).metric();
      years[i] = k.get(i).year();
    }
  }

  /**
   * The layout for runs of {@code chain} (or of any chain with the same producers, sectors and regions)
   * over years {@code fromYear..toYear}, clipped to the chain's axis. Runs the chain once to list the
   * keys.
   */
  public static ResultVector layout(SupplyChain chain, int fromYear, int toYear) {
    int first = Math.max(fromYear, chain.axis().firstYear());
    int last = Math.min(toYear, chain.axis().lastYear());
    if (first > last) {
      throw new IllegalArgumentException("no year of " + fromYear + ".." + toYear + " on the axis "
          + chain.axis().firstYear() + ".." + chain.axis().lastYear());
    }
    return new ResultVector(chain, first, last);
  }

  /** The keys, in vector order. */
  public List<Key> keys() {
    return keys;
  }

  /** Number of values. */
  public int size() {
    return keys.size();
  }

  /** First reported year. */
  public int firstYear() {
    return firstYear;
  }

  /** Last reported year. */
  public int lastYear() {
    return lastYear;
  }

  /** A new array holding {@code r}'s values in key order. */
  public double[] values(RunResult r) {
    double[] out = new double[keys.size()];
    fill(r, out, 0);
    return out;
  }

  /**
   * Writes {@code r}'s values into {@code out[offset .. offset + size())}, in key order: the values of
   * {@link TidyResults#emit} with undefined shares kept as NaN, without creating row objects.
   *
   * @throws IllegalArgumentException if {@code r}'s chain has a different structure
   */
  public void fill(RunResult r, double[] out, int offset) {
    SupplyChain c = r.chain();
    if (c.producers().size() != producers || c.sectors().size() != sectors || c.regionCodes().size() != regions) {
      throw new IllegalArgumentException("run of a chain with a different structure than the layout's");
    }
    int[] pos = {0};
    int n = keys.size();
    TidyResults.emit(r, firstYear, lastYear, true, (y, m, st, pr, rg, sc, v, u) -> {
      int i = pos[0]++;
      // metric names are constants, so a changed key sequence shows as a different reference
      if (i >= n || years[i] != y || !metrics[i].equals(m)) {
        throw new IllegalStateException("run gave a different key sequence than the layout at " + i
            + ": " + y + " " + m + " " + st + " " + pr + " " + rg + " " + sc);
      }
      out[offset + i] = v;
    });
    if (pos[0] != n) {
      throw new IllegalStateException("layout has " + n + " keys, run gave " + pos[0]);
    }
  }
}
