package org.lodestone.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The EU supply-risk indicator (Blengini et al. 2017, equations 4-5) on hand-computed toys, and the
 * published rare-earth figures of the EU's 2023 assessment (Study on the critical raw materials for the
 * EU 2023, doi:10.2873/725585) from their inputs.
 *
 * <p>Inputs and where they come from:
 * <ul>
 *   <li>published SR, IR, EoL-RIR and SI(SR) of each rare earth, and the stage and supply the SR is
 *       taken at ("Processing", "GSonly": global supply only): CritMAT, github.com/meyerdata/CritMAT,
 *       {@code input_data/seeds/eureport_results.csv} (its tabulation of the 2023 assessment);</li>
 *   <li>the trade-related variable: CritMAT's {@code input_data/seeds/eureport_tradeparameters.csv}
 *       lists the assessment's t by material, country and scope and has no rare-earth row, so t = 1
 *       (CritMAT's default for a non-EU country without a listed t; 0.8 for EU member states, view
 *       {@code critmat/database/views/fact_tradeparameter_permaterial.sql});</li>
 *   <li>the period: 2016-2020 (CritMAT's EU 2023 supply-risk calculation,
 *       {@code critmat/calculations/supply_risk_eu.py}, defaults its timeframe to these five years for
 *       both the supply data and the WGI);</li>
 *   <li>China's WGI: the World Bank's six estimates 2016-2020 as the WDI API served them on 2022-06-29
 *       (the edition with data to 2020, i.e. the <b>2021 update</b>; the years the assessment averages
 *       end there), downloaded by OHI-Science, github.com/OHI-Science/ohiprep_v2025,
 *       {@code globalprep/prs_res_wgi/v2025/raw/worldbank_wgi_from_wdi_api_2022-06-29.csv}. CritMAT
 *       reads the WGI from the World Bank's file and stores none of it.</li>
 * </ul>
 * <b>Missing</b>: the assessment's country shares of global processing. CritMAT names the 2023
 * assessment itself as the source of the heavy rare earths' refined production
 * ({@code input_data/seeds/material_production_eu_source.csv}: "Dysprosium,refined,EUREPORT", likewise
 * Er, Eu, Gd, Ho, Lu, Tb, Tm, Yb, Y) but ships none of those figures, and no searched source gave them.
 * {@link #heavyRareEarthsIfChinaProcessesAll} therefore takes all processing in China (an assumption)
 * and shows that it reproduces eight of the ten published heavy-rare-earth SRs to their one decimal;
 * {@link #terbiumYttriumAndCeriumAreNotAChineseMonopoly} bounds the shares of the other three. Also
 * missing, for the rows that use the EU's sourcing ("GS+EU": neodymium, lanthanum and samarium at
 * processing, every rare earth at extraction): the EU's sourcing by country (Eurostat COMEXT imports by
 * origin plus EU production), so those SRs are not reproduced; praseodymium's processing SR is blank
 * in the tabulation, and the HREE and LREE group SRs (5.1 and 3.7) have no SI listed.
 */
class SupplyRiskTest {
  private static final double TOL = 1e-12;

  @Test
  void threeSuppliersWithKnownWgi() {
    // global supply 60 / 30 / 10 t from countries with WGI estimates -0.5, 1.5, 0.0:
    // scaled (2.5 - x) * 2 -> 6, 2, 5; trade variables 1.1 (export quota), 1, 1
    double[] wgi = {SupplyRisk.scaleWgi(-0.5), SupplyRisk.scaleWgi(1.5), SupplyRisk.scaleWgi(0.0)};
    assertThat(wgi).containsExactly(6.0, 2.0, 5.0);
    double[] t = {1.1, 1, 1};
    // HHI_GS = 0.36*6*1.1 + 0.09*2 + 0.01*5 = 2.376 + 0.18 + 0.05 = 2.606
    double gs = SupplyRisk.hhiWgiT(new double[] {60, 30, 10}, wgi, t);
    assertThat(gs).isCloseTo(2.606, within(TOL));
    // the EU sources 20 / 70 / 10 % from them: 0.04*6*1.1 + 0.49*2 + 0.01*5 = 0.264 + 0.98 + 0.05 = 1.294
    double eu = SupplyRisk.hhiWgiT(new double[] {2, 7, 1}, wgi, t);
    assertThat(eu).isCloseTo(1.294, within(TOL));
    // IR 0.8, EoL-RIR 0.1, SI 0.9:
    // [2.606 * 0.4 + 1.294 * 0.6] * 0.9 * 0.9 = [1.0424 + 0.7764] * 0.81 = 1.8188 * 0.81 = 1.473228
    assertThat(SupplyRisk.supplyRisk(gs, eu, 0.8, 0.1, 0.9)).isCloseTo(1.473228, within(TOL));
    // global supply only (no sourcing data): 2.606 * 0.81
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 0.8, 0.1, 0.9)).isCloseTo(2.606 * 0.81, within(TOL));
  }

  @Test
  void monopolyOfTheWorstGovernedCountryIsTen() {
    assertThat(SupplyRisk.scaleWgi(-2.5)).isEqualTo(10.0);
    assertThat(SupplyRisk.scaleWgi(-3.0)).isEqualTo(10.0); // bounded
    assertThat(SupplyRisk.scaleWgi(2.5)).isEqualTo(0.0);
    assertThat(SupplyRisk.hhiWgiT(new double[] {0, 5}, new double[] {Double.NaN, 10}, new double[] {1, 1}))
        .isEqualTo(10.0); // a country supplying nothing needs no WGI
    assertThat(SupplyRisk.hhiWgiT(new double[] {1, 5}, new double[] {Double.NaN, 10}, new double[] {1, 1}))
        .isNaN(); // but a supplier without one makes the index undefined
    assertThat(SupplyRisk.hhiWgiT(new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 1})).isNaN();
  }

  @Test
  void publishedFactorsOfDysprosium() {
    // EU 2023 assessment, dysprosium, processing, global supply only: SR 5.6, EoL-RIR 1 %, SI 0.99.
    // The formula inverted gives the HHI_WGI,t(GS) the assessment must have used; any such HHI
    // times the factors rounds back to 5.6.
    double factors = (1 - 0.01) * 0.99;
    double low = 5.55 / factors;
    double high = 5.65 / factors;
    assertThat(low).isCloseTo(5.663, within(1e-3));
    assertThat(high).isCloseTo(5.765, within(1e-3));
    for (double h = low + 1e-9; h < high; h += 0.01) {
      double sr = SupplyRisk.supplyRisk(h, Double.NaN, 1.0, 0.01, 0.99);
      assertThat(Math.round(sr * 10) / 10.0).isEqualTo(5.6);
    }
  }

  /** China's six WGI estimates 2016..2020 (VA, PV, GE, RQ, RL, CC), WGI 2021 update (see the header). */
  static final double[][] CHINA_WGI_2021_UPDATE = {
      {-1.559632, -0.499395, 0.3545941, -0.2644748, -0.3345477, -0.2539508}, // 2016
      {-1.503779, -0.2310181, 0.4137717, -0.1467606, -0.2667109, -0.27085}, // 2017
      {-1.463188, -0.3000233, 0.4792704, -0.1862563, -0.2028825, -0.2679587}, // 2018
      {-1.628118, -0.2566892, 0.5170006, -0.2445802, -0.2746037, -0.2951186}, // 2019
      {-1.648466, -0.291068, 0.6479592, -0.0808021, -0.0595887, -0.0658865}, // 2020
  };

  @Test
  void wgiMeanOfTheSixDimensionsOverThePeriod() {
    // year 1: (-1 + 0 + 1 + 2 + -2 + 0) / 6 = 0; year 2: (1 + 1 + 1 + 1 + 1 + NaN) / 5 = 1 -> 0.5
    assertThat(SupplyRisk.wgiMean(new double[][] {{-1, 0, 1, 2, -2, 0}, {1, 1, 1, 1, 1, Double.NaN}}))
        .isCloseTo(0.5, within(TOL));
    // a year without any estimate is left out, not counted as zero
    assertThat(SupplyRisk.wgiMean(new double[][] {{0.3, 0.3}, {Double.NaN, Double.NaN}})).isCloseTo(0.3, within(TOL));
    assertThat(SupplyRisk.wgiMean(new double[][] {{Double.NaN}})).isNaN();
  }

  @Test
  void chinaOverTheAssessmentPeriod() {
    // yearly means -0.426234, -0.334224, -0.323506, -0.363685, -0.249642; their mean -0.339458
    double mean = SupplyRisk.wgiMean(CHINA_WGI_2021_UPDATE);
    assertThat(mean).isCloseTo(-0.339458, within(1e-6));
    assertThat(SupplyRisk.scaleWgi(mean)).isCloseTo(5.678917, within(1e-6)); // (2.5 + 0.339458) x 2
  }

  @Test
  void heavyRareEarthsIfChinaProcessesAll() {
    // EU 2023 assessment, processing stage, global supply only, IR 100 %, EoL-RIR 1 % for each;
    // element, SI(SR), published SR (CritMAT's eureport_results.csv)
    Object[][] published = {
        {"dysprosium", 0.99, 5.6}, {"erbium", 1.0, 5.6}, {"europium", 1.0, 5.6}, {"holmium", 1.0, 5.6},
        {"lutetium", 1.0, 5.6}, {"thulium", 1.0, 5.6}, {"ytterbium", 1.0, 5.6}, {"gadolinium", 0.59, 3.3},
    };
    double china = SupplyRisk.scaleWgi(SupplyRisk.wgiMean(CHINA_WGI_2021_UPDATE));
    // all processing in China, t = 1: HHI_WGI,t(GS) = 1^2 x 5.678917 x 1
    double gs = SupplyRisk.hhiWgiT(new double[] {1}, new double[] {china}, new double[] {1});
    assertThat(gs).isEqualTo(china);
    for (Object[] p : published) {
      double sr = SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, (double) p[1]);
      assertThat(Math.round(sr * 10) / 10.0).as((String) p[0]).isEqualTo((double) p[2]);
    }
    // by hand: dysprosium 5.678917 x 0.99 x 0.99 = 5.565906; SI 1: x 0.99 = 5.622128; gadolinium x 0.59
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.99)).isCloseTo(5.565906, within(1e-6));
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 1.0)).isCloseTo(5.622128, within(1e-6));
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.59)).isCloseTo(3.317055, within(1e-6));
  }

  @Test
  void terbiumYttriumAndCeriumAreNotAChineseMonopoly() {
    double china = SupplyRisk.scaleWgi(SupplyRisk.wgiMean(CHINA_WGI_2021_UPDATE));
    // the same monopoly gives terbium (SI 0.92) 5.2, yttrium (0.90) 5.1 and cerium (0.97, light, also
    // processing and global supply only) 5.5 against the published 4.9, 3.5 and 4.0
    Object[][] published = {{"terbium", 0.92, 4.9, 5.2}, {"yttrium", 0.90, 3.5, 5.1}, {"cerium", 0.97, 4.0, 5.5}};
    // what the published figure allows: HHI_WGI,t(GS) in [(SR - 0.05), (SR + 0.05)) / (0.99 x SI); since
    // HHI >= (China's share)^2 x 5.678917, China's share is at most sqrt(upper / 5.678917)
    double[] maxChinaShare = {0.978269, 0.837611, 0.861770};
    for (int i = 0; i < published.length; i++) {
      Object[] p = published[i];
      double si = (double) p[1];
      double sr = SupplyRisk.supplyRisk(china, Double.NaN, 1.0, 0.01, si);
      assertThat(Math.round(sr * 10) / 10.0).as((String) p[0]).isEqualTo((double) p[3]);
      double upper = ((double) p[2] + 0.05) / (0.99 * si);
      assertThat(Math.sqrt(upper / china)).as((String) p[0]).isCloseTo(maxChinaShare[i], within(1e-6));
      // a Chinese share just under the bound, the rest spread thinly, lands inside the published rounding
      double s = maxChinaShare[i] - 0.005;
      double h = s * s * china;
      assertThat(Math.round(SupplyRisk.supplyRisk(h, Double.NaN, 1.0, 0.01, si) * 10) / 10.0)
          .as((String) p[0]).isEqualTo((double) p[2]);
    }
  }

  @Test
  void dysprosiumIfChinaProcessesAllOnTheWgi2023Update() {
    // the earlier reading: China's mean of the six estimates, WGI 2023 update (revised back years) via
    // OHI-Science (ohiprep_v2025, globalprep/prs_res_wgi/v2023/intermediate/
    // wgi_combined_scores_by_country.csv), 2016..2020
    double[] cn = {-0.435277829567592, -0.341046775380771, -0.327307360867659, -0.370221724112828,
        -0.310588149974744};
    double mean = 0;
    for (double v : cn) {
      mean += v / cn.length;
    }
    assertThat(mean).isCloseTo(-0.356888, within(1e-6));
    double scaled = SupplyRisk.scaleWgi(mean); // (2.5 + 0.356888) x 2 = 5.713777
    assertThat(scaled).isCloseTo(5.713777, within(1e-6));
    double dy = SupplyRisk.supplyRisk(scaled, Double.NaN, 1.0, 0.01, 0.99); // 5.713777 x 0.99 x 0.99
    assertThat(dy).isCloseTo(5.600073, within(1e-6));
    assertThat(Math.round(dy * 10) / 10.0).isEqualTo(5.6); // the published 5.6
    // but erbium, europium, holmium, lutetium, thulium and ytterbium (SI 1.0) get 5.657, i.e. 5.7, not
    // the published 5.6: the revised edition does not reproduce them, the 2021 update does
    double er = SupplyRisk.supplyRisk(scaled, Double.NaN, 1.0, 0.01, 1.0);
    assertThat(er).isCloseTo(5.656639, within(1e-6));
    assertThat(Math.round(er * 10) / 10.0).isEqualTo(5.7);
  }
}
