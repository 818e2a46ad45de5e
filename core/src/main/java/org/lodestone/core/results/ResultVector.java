package org.lodestone.core.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.metrics.Concentration;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

/**
 * The values of {@link TidyResults} written into a {@code double[]} in a fixed key order, for
 * ensembles: one layout per chain structure, then {@link #fill} per run with no row objects.
 *
 * <p>The keys and their order are those of {@link TidyResults#emit} for the same chain and years, with
 * one difference: the {@code share_china}, {@code hhi_country} and {@code hhi_company} keys of every
 * stage that has a producer are always present, and hold {@code NaN} in a run where the stage
 * produced nothing (where {@code TidyResults} leaves the row out). Values are computed with the same
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

  private static final List<String> DEMAND_METRICS =
      List.of("demand_reference", "demand", "served", "unserved");

  private final int firstYear;
  private final int lastYear;
  private final int producers;
  private final int sectors;
  private final int regions;
  private final List<Key> keys;

  private ResultVector(SupplyChain chain, int firstYear, int lastYear) {
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.producers = chain.producers().size();
    this.sectors = chain.sectors().size();
    this.regions = chain.regionCodes().size();
    List<Key> k = new ArrayList<>();
    walk(chain, null, (key, v) -> k.add(key));
    this.keys = Collections.unmodifiableList(k);
  }

  /**
   * The layout for runs of {@code chain} (or of any chain with the same producers, sectors and regions)
   * over years {@code fromYear..toYear}, clipped to the chain's axis.
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
   * Writes {@code r}'s values into {@code out[offset .. offset + size())}, in key order.
   *
   * @throws IllegalArgumentException if {@code r}'s chain has a different structure
   */
  public void fill(RunResult r, double[] out, int offset) {
    SupplyChain c = r.chain();
    if (c.producers().size() != producers || c.sectors().size() != sectors || c.regionCodes().size() != regions) {
      throw new IllegalArgumentException("run of a chain with a different structure than the layout's");
    }
    int[] pos = {offset};
    walk(c, r, (key, v) -> out[pos[0]++] = v);
    if (pos[0] - offset != keys.size()) {
      throw new IllegalStateException("layout has " + keys.size() + " keys, run gave " + (pos[0] - offset));
    }
  }

  @FunctionalInterface
  private interface Sink {
    /** key is non-null only while building the layout (r == null). */
    void accept(Key key, double value);
  }

  /** Mirrors {@link TidyResults#emit}; with {@code r == null} only the keys are produced. */
  private void walk(SupplyChain chain, RunResult r, Sink sink) {
    boolean keysOnly = r == null;
    List<String> regionCodes = chain.regionCodes();
    List<Producer> prods = chain.producers();
    List<Sector> secs = chain.sectors();
    Map<String, Integer> owners = new LinkedHashMap<>();
    for (Producer p : prods) {
      owners.putIfAbsent(p.owner(), owners.size());
    }
    int[] ownerOf = new int[prods.size()];
    for (int p = 0; p < prods.size(); p++) {
      ownerOf[p] = owners.get(prods.get(p).owner());
    }
    int nR = regionCodes.size();
    boolean[] demandIn = new boolean[nR];
    for (Sector sec : secs) {
      for (int g = 0; g < nR; g++) {
        demandIn[g] |= sec.regionShare(g) > 0;
      }
    }
    double[] capByRegion = new double[nR];
    double[] prodByRegion = new double[nR];
    double[] prodByOwner = new double[owners.size()];
    boolean[] present = new boolean[nR];
    double[][] byRegion = new double[4][nR];
    double[] total = new double[4];
    double[] v = new double[4];
    int cn = chain.chinaRegion();
    for (int year = firstYear; year <= lastYear; year++) {
      int t = chain.axis().index(year);
      for (Stage stage : Stage.values()) {
        String st = stage.code();
        java.util.Arrays.fill(capByRegion, 0);
        java.util.Arrays.fill(prodByRegion, 0);
        java.util.Arrays.fill(prodByOwner, 0);
        java.util.Arrays.fill(present, false);
        boolean any = false;
        for (int p = 0; p < prods.size(); p++) {
          Producer pr = prods.get(p);
          if (pr.stage() != stage) {
            continue;
          }
          any = true;
          present[pr.region()] = true;
          if (!keysOnly) {
            capByRegion[pr.region()] += r.capacity(t, p);
            prodByRegion[pr.region()] += r.production(t, p);
            prodByOwner[ownerOf[p]] += r.production(t, p);
          }
        }
        sink.accept(keysOnly ? new Key(year, "capacity", st, "", "", "", stage.unit()) : null, sum(capByRegion));
        sink.accept(keysOnly ? new Key(year, "production", st, "", "", "", stage.unit()) : null, sum(prodByRegion));
        for (int g = 0; g < nR; g++) {
          if (present[g]) {
            sink.accept(keysOnly ? new Key(year, "capacity", st, "", regionCodes.get(g), "", stage.unit()) : null,
                capByRegion[g]);
            sink.accept(keysOnly ? new Key(year, "production", st, "", regionCodes.get(g), "", stage.unit()) : null,
                prodByRegion[g]);
          }
        }
        if (any) {
          if (cn >= 0) {
            sink.accept(keysOnly ? new Key(year, "share_china", st, "", "", "", "share") : null,
                keysOnly ? Double.NaN : Concentration.share(prodByRegion, cn));
          }
          sink.accept(keysOnly ? new Key(year, "hhi_country", st, "", "", "", "HHI") : null,
              keysOnly ? Double.NaN : Concentration.hhi(prodByRegion));
          sink.accept(keysOnly ? new Key(year, "hhi_company", st, "", "", "", "HHI") : null,
              keysOnly ? Double.NaN : Concentration.hhi(prodByOwner));
        }
      }
      for (Element e : Element.values()) {
        int k = e.ordinal();
        String el = e.code();
        if (keysOnly) {
          sink.accept(new Key(year, "production", "separation", el, "", "", "t"), 0);
          sink.accept(new Key(year, "recycled", "recycling", el, "", "", "t"), 0);
          sink.accept(new Key(year, "production", "metal", el, "", "", "t"), 0);
          sink.accept(new Key(year, "surplus", "separation", el, "", "", "t"), 0);
          sink.accept(new Key(year, "price", "separation", el, "", "", "USD/kg"), 0);
          sink.accept(new Key(year, "price", "metal", el, "", "", "USD/kg"), 0);
          continue;
        }
        double used = r.elementUsed(t, k);
        sink.accept(null, r.elementSeparated(t, k));
        double recycled = r.elementRecycled(t, k);
        double metal = (used + recycled) * chain.market().oxideToMetal(k) * chain.market().metalYield();
        sink.accept(null, recycled);
        sink.accept(null, metal);
        sink.accept(null, r.elementSurplus(t, k));
        sink.accept(null, r.oxidePrice(t, k));
        sink.accept(null, r.metalPrice(t, k));
      }
      sink.accept(keysOnly ? new Key(year, "price", "magnet", "magnet", "", "", "USD/kg") : null,
          keysOnly ? 0 : r.magnetPrice(t));
      for (double[] row : byRegion) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(total, 0);
      for (int s = 0; s < secs.size(); s++) {
        Sector sec = secs.get(s);
        if (!keysOnly) {
          v[0] = r.demandReference(t, s);
          v[1] = r.demand(t, s);
          v[2] = r.served(t, s);
          v[3] = r.unserved(t, s);
        }
        for (int m = 0; m < 4; m++) {
          sink.accept(keysOnly ? new Key(year, DEMAND_METRICS.get(m), "", "magnet", "", sec.id(), "t") : null, v[m]);
          total[m] += v[m];
          for (int g = 0; g < nR; g++) {
            byRegion[m][g] += v[m] * sec.regionShare(g);
          }
        }
      }
      for (int m = 0; m < 4; m++) {
        sink.accept(keysOnly ? new Key(year, DEMAND_METRICS.get(m), "", "magnet", "", "", "t") : null, total[m]);
      }
      for (int g = 0; g < nR; g++) {
        if (demandIn[g]) {
          for (int m = 0; m < 4; m++) {
            sink.accept(keysOnly ? new Key(year, DEMAND_METRICS.get(m), "", "magnet", regionCodes.get(g), "", "t")
                : null, byRegion[m][g]);
          }
        }
      }
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }
}
