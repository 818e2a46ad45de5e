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
 *   <li>the light rare earths' country shares at processing (global supply and EU sourcing, with t):
 *       the 2023 study's Appendix 7 tables as transcribed in github.com/erikemilsson/
 *       EU-Critical-Raw-Materials-CRM-Reports-Datasets (commit 555be664), {@code Data/fact_GlobalSupplyShares&t.csv}
 *       and {@code Data/fact_EUSupplyShares&t.csv} (an unofficial transcription: "Table from Appendix 7,
 *       pg. 78"); the other suppliers' WGI from the same OHI-Science file as China's.</li>
 * </ul>
 * <b>Cerium</b> (light, processing, global supply only) is reproduced from those shares:
 * {@link #ceriumFromTheAssessmentsProcessingShares}. <b>Neodymium, lanthanum, samarium</b> ("GS+EU",
 * IR 100 %, EoL-RIR 1 %, SI 0.99 / 0.97 / 0.98) are not: the same tables give them the same global shares
 * as cerium and EU sourcing of China 85, Malaysia 11, India 2, Russia 2, Vietnam 1, Norway 0.1 %, so
 * HHI_WGI,t(EU) = 4.069 next to HHI_WGI,t(GS) = 4.136 and SR = 4.02, 3.94 and 3.98 against the published
 * 3.7, 3.5 and 3.5; no IR closes a gap that large when the two HHIs are that close, so the published
 * figures rest on inputs that neither transcription holds (with the small processors as above, China's share
 * would have to be at most 0.82, 0.80 and 0.80).
 * <p><b>Heavy rare earths.</b> CritMAT names the 2023 assessment itself as the source of their refined
 * production ({@code input_data/seeds/material_production_eu_source.csv}: "Dysprosium,refined,EUREPORT",
 * likewise Er, Eu, Gd, Ho, Lu, Tb, Tm, Yb, Y) but ships none of those figures; the Appendix 7
 * transcription puts every one of them at 100.0 % China at processing ("Dysprosium,P,China,100.0%,1.0").
 * {@link #heavyRareEarthsIfChinaProcessesAll} takes that monopoly and reproduces eight of the ten
 * published heavy-rare-earth SRs to their one decimal; {@link #terbiumAndYttriumAreNotAChineseMonopoly}
 * shows that terbium's and yttrium's published figures do not fit it and bounds the share they imply.
 * Not reproduced either: every rare earth at extraction ("GS+EU"); praseodymium's processing SR is blank
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
      assertThat(oneDecimal(sr)).isEqualTo(5.6);
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
    double china = scaled(CHINA_WGI_2021_UPDATE);
    // all processing in China, t = 1: HHI_WGI,t(GS) = 1^2 x 5.678917 x 1
    double gs = SupplyRisk.hhiWgiT(new double[] {1}, new double[] {china}, new double[] {1});
    assertThat(gs).isEqualTo(china);
    for (Object[] p : published) {
      double sr = SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, (double) p[1]);
      assertThat(oneDecimal(sr)).as((String) p[0]).isEqualTo((double) p[2]);
    }
    // by hand: dysprosium 5.678917 x 0.99 x 0.99 = 5.565906; SI 1: x 0.99 = 5.622128; gadolinium x 0.59
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.99)).isCloseTo(5.565906, within(1e-6));
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 1.0)).isCloseTo(5.622128, within(1e-6));
    assertThat(SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.59)).isCloseTo(3.317055, within(1e-6));
  }

  @Test
  void terbiumAndYttriumAreNotAChineseMonopoly() {
    double china = scaled(CHINA_WGI_2021_UPDATE);
    // the same monopoly gives terbium (SI 0.92) 5.2 and yttrium (0.90) 5.1 against the published 4.9 and
    // 3.5 (the appendix's tables put both at 100 % China at processing, so for them the published figure
    // and its inputs disagree; cerium, 5.5 as a monopoly, is reproduced from its shares below)
    Object[][] published = {{"terbium", 0.92, 4.9, 5.2}, {"yttrium", 0.90, 3.5, 5.1}};
    // what the published figure allows: HHI_WGI,t(GS) in [(SR - 0.05), (SR + 0.05)) / (0.99 x SI); since
    // HHI >= (China's share)^2 x 5.678917, China's share is at most sqrt(upper / 5.678917)
    double[] maxChinaShare = {0.978269, 0.837611};
    for (int i = 0; i < published.length; i++) {
      Object[] p = published[i];
      double si = (double) p[1];
      double sr = SupplyRisk.supplyRisk(china, Double.NaN, 1.0, 0.01, si);
      assertThat(oneDecimal(sr)).as((String) p[0]).isEqualTo((double) p[3]);
      double upper = ((double) p[2] + 0.05) / (0.99 * si);
      assertThat(Math.sqrt(upper / china)).as((String) p[0]).isCloseTo(maxChinaShare[i], within(1e-6));
      // a Chinese share just under the bound, the rest spread thinly, lands inside the published rounding
      double s = maxChinaShare[i] - 0.005;
      double h = s * s * china;
      assertThat(oneDecimal(SupplyRisk.supplyRisk(h, Double.NaN, 1.0, 0.01, si)))
          .as((String) p[0]).isEqualTo((double) p[2]);
    }
  }

  /** The other processors' six WGI estimates 2016..2020 (VA, PV, GE, RQ, RL, CC), same file as China's. */
  static final double[][] MALAYSIA = {
      {-0.4169864, 0.1368246, 0.8654159, 0.7117952, 0.4991277, 0.09614},
      {-0.3988987, 0.1164103, 0.8348417, 0.7246627, 0.4976971, 0.0590311},
      {-0.1071984, 0.2515688, 1.075026, 0.6988706, 0.6233432, 0.3161213},
      {-0.0490037, 0.1438768, 0.9974676, 0.6732683, 0.5916137, 0.2520592},
      {-0.148041, 0.1216756, 1.041389, 0.7720808, 0.6586787, 0.2494959}};
  static final double[][] RUSSIA = { // "Russian Federation"
      {-1.131712, -0.9462103, -0.1974346, -0.4155626, -0.7923563, -0.8225474},
      {-1.089872, -0.6406305, -0.0756785, -0.4741596, -0.7936877, -0.8921309},
      {-1.074536, -0.541189, -4.42e-05, -0.5028223, -0.7823287, -0.8506647},
      {-1.117828, -0.5573844, 0.1501806, -0.4316002, -0.7236124, -0.8100985},
      {-1.076748, -0.7314647, 0.0334169, -0.4377571, -0.7602831, -0.9105806}};
  static final double[][] INDIA = {
      {0.4409836, -0.9538398, 0.0749455, -0.306505, -0.0289695, -0.2821474},
      {0.3870479, -0.7648019, 0.0868715, -0.2529919, -0.0012233, -0.2419506},
      {0.3519836, -0.9870132, 0.2842539, -0.2273288, 0.0256504, -0.1834787},
      {0.2690398, -0.7708004, 0.1708809, -0.1609437, -0.0304647, -0.2540472},
      {0.1498907, -0.8619818, 0.3865438, -0.1377745, -0.0177096, -0.2448308}};
  static final double[][] VIETNAM = {
      {-1.373433, 0.2335919, 0.0194756, -0.4537929, 0.0752823, -0.452351},
      {-1.41114, 0.2302038, 0.0056701, -0.397156, 0.0623794, -0.5843227},
      {-1.476469, 0.0585088, -0.0013799, -0.3494396, -0.0036924, -0.4807368},
      {-1.405681, 0.0254956, 0.0383097, -0.2619721, -0.0165804, -0.5156115},
      {-1.38047, -0.0734304, 0.2003077, -0.1479097, -0.133932, -0.3527095}};
  static final double[][] AUSTRALIA = {
      {1.353702, 1.047958, 1.568043, 1.896966, 1.755667, 1.816108},
      {1.375636, 0.8960608, 1.538219, 1.933411, 1.686461, 1.798351},
      {1.380593, 0.989604, 1.595232, 1.902706, 1.715382, 1.805214},
      {1.267441, 0.9117457, 1.571555, 1.873689, 1.734473, 1.825413},
      {1.304121, 0.8487522, 1.619163, 1.816904, 1.651188, 1.665165}};
  static final double[][] NORWAY = {
      {1.664908, 1.200074, 1.868862, 1.697963, 2.036518, 2.196553},
      {1.694412, 1.170479, 1.986278, 1.816498, 2.025476, 2.24039},
      {1.69625, 1.141179, 1.886028, 1.790837, 1.965735, 2.089908},
      {1.655281, 1.170565, 1.861935, 1.8042, 1.9853, 2.073593},
      {1.725093, 1.248287, 1.936734, 1.698057, 1.983865, 2.099985}};

  @Test
  void ceriumFromTheAssessmentsProcessingShares() {
    // EU 2023 assessment, cerium, processing, global supply only: published SR 4.0, IR 100 %, EoL-RIR 1 %,
    // SI(SR) 0.97 (CritMAT's eureport_results.csv). Global processing shares, Appendix 7 (transcription in
    // the header): China 84.9, Malaysia 10.5, Russia 1.9, India 1.6, Vietnam 1.0, Australia 0.1,
    // Norway 0.1 % (they sum to 100.1; as amounts, normalised), t = 1.0 for each
    double[] shares = {84.9, 10.5, 1.9, 1.6, 1.0, 0.1, 0.1};
    double[][][] wgi = {CHINA_WGI_2021_UPDATE, MALAYSIA, RUSSIA, INDIA, VIETNAM, AUSTRALIA, NORWAY};
    double[] scaled = new double[wgi.length];
    for (int c = 0; c < wgi.length; c++) {
      scaled[c] = scaled(wgi[c]);
    }
    // means 2016-2020 -0.339458, 0.396278, -0.646578, -0.136024, -0.344100, 1.538164, 1.780375, scaled
    double[] expected = {5.678917, 4.207443, 6.293155, 5.272047, 5.688199, 1.923672, 1.439250};
    for (int c = 0; c < wgi.length; c++) {
      assertThat(scaled[c]).isCloseTo(expected[c], within(1e-6));
    }
    double[] t = {1, 1, 1, 1, 1, 1, 1};
    double gs = SupplyRisk.hhiWgiT(shares, scaled, t);
    // by hand, shares over the total 100.1: (0.848152^2 x 5.678917 = 4.085195) + (0.104895^2 x 4.207443 =
    // 0.046294) + Russia 0.002267 + India 0.001347 + Vietnam 0.000568 + Australia 0.000002 + Norway 0.000001
    // = 4.135674
    assertThat(gs).isCloseTo(4.135674, within(1e-6));
    double sr = SupplyRisk.supplyRisk(gs, Double.NaN, 1.0, 0.01, 0.97); // 4.135674 x 0.99 x 0.97
    assertThat(sr).isCloseTo(3.971488, within(1e-6));
    assertThat(oneDecimal(sr)).isEqualTo(4.0); // the published 4.0
    // China alone at its 84.9 % would give 3.93, i.e. 3.9: the small processors are what makes 4.0
    double chinaOnly = SupplyRisk.supplyRisk(0.849 * 0.849 * scaled[0], Double.NaN, 1.0, 0.01, 0.97);
    assertThat(oneDecimal(chinaOnly)).isEqualTo(3.9);
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
    assertThat(oneDecimal(dy)).isEqualTo(5.6); // the published 5.6
    // but erbium, europium, holmium, lutetium, thulium and ytterbium (SI 1.0) get 5.657, i.e. 5.7, not
    // the published 5.6: the revised edition does not reproduce them, the 2021 update does
    double er = SupplyRisk.supplyRisk(scaled, Double.NaN, 1.0, 0.01, 1.0);
    assertThat(er).isCloseTo(5.656639, within(1e-6));
    assertThat(oneDecimal(er)).isEqualTo(5.7);
  }

  /** A supply risk as the assessment publishes it: to one decimal. */
  private static double oneDecimal(double sr) {
    return Math.round(sr * 10) / 10.0;
  }

  /** A country's WGI over the assessment period on the method's 0-10 scale. */
  private static double scaled(double[][] estimates) {
    return SupplyRisk.scaleWgi(SupplyRisk.wgiMean(estimates));
  }
}
