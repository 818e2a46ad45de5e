package org.lodestone.core.engine;

import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.EolRecycling;
import org.lodestone.core.model.Recycler;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.stock.SurvivalTable;
import org.lodestone.core.stock.TimeConvention;

/**
 * The end-of-life recycling loop, shared by both engines: each sector's served magnets leave use by
 * its lifetime's outflow shares (the dynamic stock model's END convention); last year's end-of-life
 * magnets (including the cohorts put in use before the run, {@link Sector#priorInflowT()}) are
 * collected at the collection rate, processed up to the recycling capacity, and return
 * their rare earths as oxide this year (a one-year collection lag), in the regions where they were
 * used; recycling plants ({@link Recycler}) process what the generic capacity leaves, in merit order,
 * where the oxide is worth their cost, and return it in their own region. Scratch owned by one run.
 */
final class EndOfLifeFlows {
  private static final int E = Element.COUNT;
  private final SupplyChain chain;
  private final EolRecycling eol;
  private final double[][] pdf;
  /** Recycling plants by cost (stable). */
  private final int[] meritOrder;

  EndOfLifeFlows(SupplyChain chain) {
    this.chain = chain;
    this.eol = chain.market().eolRecycling();
    List<Sector> sectors = chain.sectors();
    pdf = new double[sectors.size()][];
    List<Recycler> plants = eol == null ? List.of() : eol.recyclers();
    meritOrder = java.util.stream.IntStream.range(0, plants.size()).boxed()
        .sorted(java.util.Comparator.comparingDouble(k -> plants.get(k).costUsdPerKg()))
        .mapToInt(Integer::intValue).toArray();
    if (eol != null) {
      for (int s = 0; s < sectors.size(); s++) {
        if (sectors.get(s).lifetime() != null) {
          // ages up to the axis plus the sector's cohorts from before it
          pdf[s] = SurvivalTable.pdfFromSurvival(SurvivalTable.survivalByAge(sectors.get(s).lifetime(),
              TimeConvention.END, chain.axis().size() + sectors.get(s).priorYears()));
        }
      }
    }
  }

  /**
   * Oxide recovered in year index t, by element and region ({@code [e * R + q]}, t oxide), with the
   * world totals in {@code total[e]}; records collected and processed magnets in {@code r}.
   */
  void compute(int t, RunResult r, double[] byRegion, double[] total) {
    Arrays.fill(byRegion, 0);
    Arrays.fill(total, 0);
    if (eol == null || t == 0) {
      return;
    }
    List<Sector> sectors = chain.sectors();
    int nS = sectors.size();
    int nR = chain.regionCodes().size();
    double[] outflow = new double[nS];
    // element content of the outflow, cohort by cohort (a cohort keeps the grade of its year)
    double[] content = new double[nS * E];
    double collected = 0;
    for (int s = 0; s < nS; s++) {
      if (pdf[s] == null) {
        continue;
      }
      double o = 0;
      Sector sec = sectors.get(s);
      // cohorts from before the axis (k years before the first year, at the sector's grade), then
      // the run's own, oldest first as the stock model sums them
      for (int k = sec.priorYears(); k >= 1; k--) {
        double leaving = sec.priorInflowT(k) * pdf[s][t - 1 + k];
        o += leaving;
        for (int e = 0; e < E; e++) {
          content[s * E + e] += leaving * sec.grade(e);
        }
      }
      for (int c = 0; c <= t - 1; c++) {
        double leaving = r.served[c * nS + s] * pdf[s][t - 1 - c];
        o += leaving;
        for (int e = 0; e < E; e++) {
          content[s * E + e] += leaving * r.sectorGrade[(c * nS + s) * E + e];
        }
      }
      outflow[s] = o;
      collected += o * eol.collectionRate();
    }
    // generic capacity first (no cost; oxide back where the magnets were used)
    double processed = Math.min(collected, eol.capacityT(t));
    double share = collected > 0 ? processed / collected : 0;
    r.eolCollected[t] = collected;
    double[] perKg = new double[E]; // element metal per kg of the collected magnets, pooled
    for (int s = 0; s < nS; s++) {
      Sector sec = sectors.get(s);
      for (int e = 0; e < E; e++) {
        double oxide = content[s * E + e] * eol.collectionRate() * share * eol.recyclingYield()
            / chain.market().oxideToMetal(e);
        total[e] += oxide;
        for (int q = 0; q < nR; q++) {
          byRegion[e * nR + q] += oxide * sec.regionShare(q);
        }
        perKg[e] += content[s * E + e] * eol.collectionRate();
      }
    }
    for (int e = 0; e < E; e++) {
      perKg[e] = collected > 0 ? perKg[e] / collected : 0;
    }
    // then the recycling plants in merit order (cheapest first, ties in list order), each running
    // while the oxide recovered from a kg of magnet, at last year's oxide prices in its region, covers
    // its cash cost (the decision is taken on the prices known when the scrap is bought)
    double left = collected - processed;
    for (int k : meritOrder) {
      Recycler plant = eol.recyclers().get(k);
      double cap = plant.capacityT(t);
      if (left <= 0 || cap <= 0) {
        continue;
      }
      double value = 0;
      for (int e = 0; e < E; e++) {
        value += perKg[e] * eol.recyclingYield() / chain.market().oxideToMetal(e)
            * ValueAdded.sellPrice(r, t - 1, TradedProduct.oxide(e), plant.region());
      }
      if (value < plant.costUsdPerKg()) {
        continue;
      }
      double x = Math.min(left, cap);
      left -= x;
      processed += x;
      r.recyclerProcessed[t * eol.recyclers().size() + k] = x;
      for (int e = 0; e < E; e++) {
        double oxide = x * perKg[e] * eol.recyclingYield() / chain.market().oxideToMetal(e);
        total[e] += oxide;
        byRegion[e * nR + plant.region()] += oxide;
      }
    }
    r.eolProcessed[t] = processed;
  }
}
