package org.lodestone.core.engine;

import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.EolRecycling;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.stock.SurvivalTable;
import org.lodestone.core.stock.TimeConvention;

/**
 * The end-of-life recycling loop, shared by both engines: each sector's served magnets leave use by
 * its lifetime's outflow shares (the dynamic stock model's END convention); last year's end-of-life
 * magnets are collected at the collection rate, processed up to the recycling capacity, and return
 * their rare earths as oxide this year (a one-year collection lag), in the regions where they were
 * used. Scratch owned by one run.
 */
final class EndOfLifeFlows {
  private static final int E = Element.COUNT;
  private final SupplyChain chain;
  private final EolRecycling eol;
  private final double[][] pdf;

  EndOfLifeFlows(SupplyChain chain) {
    this.chain = chain;
    this.eol = chain.market().eolRecycling();
    List<Sector> sectors = chain.sectors();
    pdf = new double[sectors.size()][];
    if (eol != null) {
      for (int s = 0; s < sectors.size(); s++) {
        if (sectors.get(s).lifetime() != null) {
          pdf[s] = SurvivalTable.pdfFromSurvival(SurvivalTable.survivalByAge(sectors.get(s).lifetime(),
              TimeConvention.END, chain.axis().size()));
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
    double processed = Math.min(collected, eol.capacityT(t));
    double share = collected > 0 ? processed / collected : 0;
    r.eolCollected[t] = collected;
    r.eolProcessed[t] = processed;
    for (int s = 0; s < nS; s++) {
      Sector sec = sectors.get(s);
      for (int e = 0; e < E; e++) {
        double oxide = content[s * E + e] * eol.collectionRate() * share * eol.recyclingYield()
            / chain.market().oxideToMetal(e);
        total[e] += oxide;
        for (int q = 0; q < nR; q++) {
          byRegion[e * nR + q] += oxide * sec.regionShare(q);
        }
      }
    }
  }
}
