package org.lodestone.core.metrics;

/**
 * The supply-risk indicator of the EU criticality method (Blengini, G.A. et al., 2017,
 * "Methodology for establishing the EU list of critical raw materials: guidelines", JRC/DG GROW,
 * doi:10.2873/769526, §4.2, equations 4 and 5):
 *
 * <pre>
 *   SR = [ (HHI_WGI,t)_GS · IR/2 + (HHI_WGI,t)_EU · (1 − IR/2) ] · (1 − EoL_RIR) · SI_SR
 *   HHI_WGI,t = Σ_c (S_c)² · WGI_c · t_c
 * </pre>
 *
 * with S_c country c's share (a fraction) of global supply (GS) or of the region's sourcing
 * (domestic production plus imports by origin), WGI_c the World Bank Worldwide Governance
 * Indicators of c rescaled to 0–10 (10 = worst governance; see {@link #scaleWgi}), t_c the
 * trade-related variable (1 by default, above 1 for a country's export restrictions, 0.8 for a
 * country with an EU trade agreement; data, e.g. the values of the 2023 EU assessment, 1.1 to 1.5),
 * IR the import reliance (0–1), EoL_RIR the
 * end-of-life recycling input rate (0–1) and SI_SR the substitution index for supply risk (0–1).
 * The same formula applies to any importing region in place of the EU. Pure functions; thread-safe.
 */
public final class SupplyRisk {
  private SupplyRisk() {
  }

  /**
   * Rescales a WGI estimate (the mean of the six dimensions, about −2.5 to +2.5, higher = better) to
   * the method's 0–10 scale with 10 the worst governance (Blengini et al. 2017, §4.2.2), by the
   * linear map of [−2.5, 2.5] onto [10, 0]: {@code (2.5 − wgi) × 2}, bounded to [0, 10]. The
   * guidelines' exact wording of the map could not be read from the project's stored sources; the
   * same linear inversion, {@code (mean − 2.5) × −2}, is what CritMAT's implementation of the EU's
   * 2023 assessment applies (github.com/meyerdata/CritMAT, {@code critmat/calculations/hhi_wgi_tp.py},
   * unbounded; 0–1 variant (2.5 − x) / 5 elsewhere).
   */
  public static double scaleWgi(double wgiEstimate) {
    return Math.max(0, Math.min(10, (2.5 - wgiEstimate) * 2));
  }

  /**
   * The WGI estimate the method scores a country by over an assessment period: the mean of the six
   * dimensions' estimates (voice and accountability, political stability, government effectiveness,
   * regulatory quality, rule of law, control of corruption) in each year, then the mean over the years
   * of the period (the EU's 2023 assessment: 2016-2020, the same five years as its supply data). A
   * dimension without an estimate (NaN) is left out of its year's mean and a year without any is left
   * out of the period's; NaN when no year has one. Before rescaling: pass the result to
   * {@link #scaleWgi}.
   *
   * @param estimates {@code estimates[year][dimension]}, each about −2.5 to +2.5
   */
  public static double wgiMean(double[][] estimates) {
    double sum = 0;
    int years = 0;
    for (double[] year : estimates) {
      double s = 0;
      int n = 0;
      for (double v : year) {
        if (!Double.isNaN(v)) {
          s += v;
          n++;
        }
      }
      if (n > 0) {
        sum += s / n;
        years++;
      }
    }
    return years == 0 ? Double.NaN : sum / years;
  }

  /**
   * HHI_WGI,t = Σ_c s_c² · wgi_c · t_c over holders with amounts {@code amounts[c]} (shares s_c =
   * amount / total); NaN when the total is zero or a holder with a positive amount has no WGI
   * (NaN in {@code wgiScaled}).
   *
   * @param amounts   supply by country, t
   * @param wgiScaled WGI of each country on the 0–10 scale (NaN where unknown)
   * @param trade     trade-related variable of each country (1 where nothing applies)
   */
  public static double hhiWgiT(double[] amounts, double[] wgiScaled, double[] trade) {
    double total = Concentration.total(amounts);
    if (!(total > 0)) {
      return Double.NaN;
    }
    double h = 0;
    for (int c = 0; c < amounts.length; c++) {
      if (amounts[c] > 0) {
        double s = amounts[c] / total;
        h += s * s * wgiScaled[c] * trade[c];
      }
    }
    return h;
  }

  /**
   * SR from its factors. Where the region's sourcing is unknown (one global market, NaN
   * {@code hhiSourcing}), the method's "global supply only" variant is used: SR = HHI_GS ·
   * (1 − EoL_RIR) · SI.
   */
  public static double supplyRisk(double hhiGlobal, double hhiSourcing, double importReliance,
      double eolRir, double substitutionIndex) {
    double concentration = Double.isNaN(hhiSourcing) ? hhiGlobal
        : hhiGlobal * importReliance / 2 + hhiSourcing * (1 - importReliance / 2);
    return concentration * (1 - eolRir) * substitutionIndex;
  }
}
