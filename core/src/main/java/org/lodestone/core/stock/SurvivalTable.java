package org.lodestone.core.stock;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Survival functions and outflow pdfs of many series on one time axis, computed once per distinct
 * lifetime parameter set.
 *
 * <p><b>Indices.</b> {@code nYears} years, index {@code t = year − firstYear}; {@code nSeries} series
 * (region × sector × type, resolved to dense indices by the caller). The lifetime of series {@code s}
 * for cohort {@code c} is curve {@link #curveId(int, int) curveId(c, s)}, stored flat as
 * {@code [c * nSeries + s]} (time slowest). Each curve is a pair of arrays indexed by age index
 * {@code a = t − c} in {@code [0, nYears)}:
 * <ul>
 *   <li>{@code sf[a] = model.survival(a + convention offset)} — share of the cohort in the year-end stock
 *       (ODYM {@code compute_sf}: {@code sf[m, n] = ProbDist.sf(m − n)});
 *   <li>{@code pdf[0] = 1 − sf[0]}, {@code pdf[a] = sf[a − 1] − sf[a]} — share leaving in year
 *       {@code c + a} (ODYM {@code compute_outflow_pdf}).
 * </ul>
 * Because the survival of cohort c in year t depends only on the age {@code t − c} and the cohort's
 * parameters, one curve by age serves every cohort with equal parameters, and the stock sums become
 * convolutions (see {@link InflowDrivenModel}).
 *
 * <p><b>Invariants.</b> {@code sf} is in [0, 1] and non-increasing in age; {@code pdf ≥ 0};
 * {@code Σ pdf + sf[last] = 1}. Immutable after construction and thread-safe; accessors that return
 * arrays return the internal arrays only to package code, copies otherwise.
 */
public final class SurvivalTable {
  private final int nYears;
  private final int nSeries;
  private final TimeConvention convention;
  private final LifetimeModel[] curveModels;
  private final double[][] sf;
  private final double[][] pdf;
  private final int[] curveIdByCohortSeries;
  private final boolean[] constantAcrossCohorts;
  private final boolean allConstantAcrossCohorts;

  /**
   * @param models lifetime by {@code [c * nSeries + s]}, or, when {@code constantRows}, by series only
   *               (length nSeries), the same for every cohort
   */
  private SurvivalTable(int nYears, int nSeries, TimeConvention convention, LifetimeModel[] models,
      boolean constantRows, int threads) {
    if (nYears < 1 || nSeries < 1) {
      throw new IllegalArgumentException("nYears and nSeries must be >= 1, got " + nYears + ", " + nSeries);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.nYears = nYears;
    this.nSeries = nSeries;
    this.convention = Objects.requireNonNull(convention, "convention");
    this.curveIdByCohortSeries = new int[nYears * nSeries];
    Map<LifetimeModel, Integer> ids = new HashMap<>();
    int distinctIds = constantRows ? nSeries : curveIdByCohortSeries.length;
    LifetimeModel previous = null;
    int previousId = -1;
    for (int i = 0; i < distinctIds; i++) {
      LifetimeModel m = Objects.requireNonNull(models[i], "lifetime model");
      int id;
      if (m == previous) {
        id = previousId; // runs of one shared instance skip the hash lookup
      } else {
        Integer known = ids.get(m);
        if (known == null) {
          known = ids.size();
          ids.put(m, known);
        }
        id = known;
        previous = m;
        previousId = id;
      }
      curveIdByCohortSeries[i] = id;
    }
    if (constantRows) {
      for (int c = 1; c < nYears; c++) {
        System.arraycopy(curveIdByCohortSeries, 0, curveIdByCohortSeries, c * nSeries, nSeries);
      }
    }
    int n = ids.size();
    this.curveModels = new LifetimeModel[n];
    ids.forEach((m, id) -> curveModels[id] = m);
    this.sf = new double[n][];
    this.pdf = new double[n][];
    // Each curve depends on its model only, so any split over threads gives the same bits.
    StockModels.parallel(Math.min(threads, n), worker -> {
      for (int k = worker; k < n; k += Math.min(threads, n)) {
        sf[k] = survivalByAge(curveModels[k], convention, nYears);
        pdf[k] = pdfFromSurvival(sf[k]);
      }
    });
    this.constantAcrossCohorts = new boolean[nSeries];
    boolean all = true;
    for (int s = 0; s < nSeries; s++) {
      boolean constant = true;
      if (!constantRows) {
        int first = curveIdByCohortSeries[s];
        for (int c = 1; c < nYears && constant; c++) {
          constant = curveIdByCohortSeries[c * nSeries + s] == first;
        }
      }
      constantAcrossCohorts[s] = constant;
      all &= constant;
    }
    this.allConstantAcrossCohorts = all;
  }

  /**
   * One lifetime per series, the same for every cohort.
   *
   * @param nYears     length of the time axis, ≥ 1
   * @param convention time convention
   * @param bySeries   lifetime of each series, indexed by series
   */
  public static SurvivalTable constant(int nYears, TimeConvention convention, LifetimeModel... bySeries) {
    return constant(nYears, convention, 1, bySeries);
  }

  /**
   * One lifetime per series, the same for every cohort, with the curves computed on {@code threads}
   * threads (the curves are the same bits for any thread count).
   *
   * @param nYears     length of the time axis, ≥ 1
   * @param convention time convention
   * @param threads    threads to use, ≥ 1
   * @param bySeries   lifetime of each series, indexed by series
   */
  public static SurvivalTable constant(int nYears, TimeConvention convention, int threads,
      LifetimeModel[] bySeries) {
    return new SurvivalTable(nYears, bySeries.length, convention, bySeries.clone(), true, threads);
  }

  /**
   * Lifetimes that vary by cohort year.
   *
   * @param nYears         length of the time axis, ≥ 1
   * @param nSeries        number of series, ≥ 1
   * @param convention     time convention
   * @param byCohortSeries lifetime of cohort c of series s at {@code [c * nSeries + s]}
   */
  public static SurvivalTable byCohort(int nYears, int nSeries, TimeConvention convention,
      LifetimeModel[] byCohortSeries) {
    if (byCohortSeries.length != nYears * nSeries) {
      throw new IllegalArgumentException("expected " + nYears * nSeries + " lifetime models, got "
          + byCohortSeries.length);
    }
    return new SurvivalTable(nYears, nSeries, convention, byCohortSeries.clone(), false, 1);
  }

  /** Survival by age index {@code a} (age {@code a + offset} years), one model. */
  public static double[] survivalByAge(LifetimeModel model, TimeConvention convention, int nAges) {
    double[] out = new double[nAges];
    for (int a = 0; a < nAges; a++) {
      out[a] = model.survival(a + convention.ageOffsetYears());
      if (out[a] == 0.0) {
        break; // survival is non-increasing: the rest is already 0
      }
    }
    return out;
  }

  /** Outflow pdf by age index from a survival curve: {@code pdf[0] = 1 − sf[0]}, then differences. */
  public static double[] pdfFromSurvival(double[] sf) {
    double[] out = new double[sf.length];
    if (sf.length > 0) {
      out[0] = 1.0 - sf[0];
    }
    for (int a = 1; a < sf.length; a++) {
      out[a] = sf[a - 1] - sf[a];
    }
    return out;
  }

  public int nYears() {
    return nYears;
  }

  public int nSeries() {
    return nSeries;
  }

  public TimeConvention convention() {
    return convention;
  }

  /** Number of distinct parameter sets, i.e. of survival curves computed. */
  public int curveCount() {
    return sf.length;
  }

  /** The curve used by cohort {@code c} of series {@code s}. */
  public int curveId(int c, int s) {
    return curveIdByCohortSeries[c * nSeries + s];
  }

  /** The lifetime model of a curve. */
  public LifetimeModel curveModel(int curveId) {
    return curveModels[curveId];
  }

  /** True when series {@code s} uses one curve for all cohorts. */
  public boolean isConstantAcrossCohorts(int s) {
    return constantAcrossCohorts[s];
  }

  /** Share of cohort {@code c} of series {@code s} in the stock at the end of year {@code t} (0 if t &lt; c). */
  public double survival(int s, int t, int c) {
    return t < c ? 0.0 : sf[curveId(c, s)][t - c];
  }

  /** Share of cohort {@code c} of series {@code s} leaving in year {@code t} (0 if t &lt; c). */
  public double outflowShare(int s, int t, int c) {
    return t < c ? 0.0 : pdf[curveId(c, s)][t - c];
  }

  /** A copy of the survival curve by age index. */
  public double[] survivalCurve(int curveId) {
    return sf[curveId].clone();
  }

  /** A copy of the outflow pdf by age index. */
  public double[] pdfCurve(int curveId) {
    return pdf[curveId].clone();
  }

  /** True when every series uses one curve for all cohorts (the models' fast, convolution path). */
  boolean allConstantAcrossCohorts() {
    return allConstantAcrossCohorts;
  }

  double[] sfInternal(int curveId) {
    return sf[curveId];
  }

  int[] curveIdsInternal() {
    return curveIdByCohortSeries;
  }
}
