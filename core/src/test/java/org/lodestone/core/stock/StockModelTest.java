package org.lodestone.core.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lodestone.core.stock.LifetimeModel.Fixed;
import org.lodestone.core.stock.LifetimeModel.Normal;
import org.lodestone.core.stock.LifetimeModel.Weibull;
import org.lodestone.core.stock.StockDrivenModel.InitialStock;

/** Known answers of the inflow- and stock-driven models, and properties on seeded random systems. */
class StockModelTest {
  /** The one relative tolerance for every balance check. */
  static final double BALANCE_RELATIVE_TOLERANCE = 1e-10;
  /** Inflow-driven → stock-driven must give the inflow back to this relative accuracy. */
  static final double ROUND_TRIP_RELATIVE_TOLERANCE = 1e-9;

  static double[] range(double from, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = from + i;
    }
    return x;
  }

  /**
   * ODYM's hand-computed known answer (IndEcol/ODYM {@code odym/modules/test/DSM_test_known_results.py}):
   * inflow 1..10, fixed lifetime 5, inflow at the end of the year. Cohort c is in stock for ages 0..4 and
   * leaves at age 5, so stock[t] = Σ_{c=t−4..t} (c+1) and outflow[t] = inflow[t − 5].
   */
  @Test
  void odymFixedLifetimeKnownAnswer() {
    SurvivalTable table = SurvivalTable.constant(10, TimeConvention.END, new Fixed(5));
    StockResult r = new InflowDrivenModel(table).run(range(1, 10));
    assertThat(r.stock()).containsExactly(1, 3, 6, 10, 15, 20, 25, 30, 35, 40);
    assertThat(r.outflow()).containsExactly(0, 0, 0, 0, 0, 1, 2, 3, 4, 5);
    assertThat(r.stockChange()).containsExactly(1, 2, 3, 4, 5, 5, 5, 5, 5, 5);
    double[] oc = r.cohortOutflow(0);
    assertThat(oc[5 * 10 + 0]).isEqualTo(1.0); // cohort 0 (inflow 1) leaves in year 5
    assertThat(oc[9 * 10 + 4]).isEqualTo(5.0);
  }

  /** The same known answer, stock-driven: the stock 1, 3, 6, … gives back the inflow 1..10 exactly. */
  @Test
  void odymFixedLifetimeKnownAnswerStockDriven() {
    SurvivalTable table = SurvivalTable.constant(10, TimeConvention.END, new Fixed(5));
    StockResult r = new StockDrivenModel(table, false).run(new double[] {1, 3, 6, 10, 15, 20, 25, 30, 35, 40});
    assertThat(r.inflow()).containsExactly(range(1, 10));
    assertThat(r.outflow()).containsExactly(0, 0, 0, 0, 0, 1, 2, 3, 4, 5);
    assertThat(r.hasUnmetYears()).isFalse();
  }

  /**
   * Steady stock per unit of constant inflow is Σ_a sf(a + offset). For normal(20, 5) Euler–Maclaurin
   * gives ∫₀^∞ sf + sf(0)/2 ≈ 20 + 0.5 (end), the midpoint rule ≈ 20.0 (middle), and ∫ − sf(0)/2 ≈ 19.5
   * (start); the correction terms are below 1e-4 because φ(4)/5 ≈ 3e-5.
   */
  @ParameterizedTest
  @CsvSource({"END, 20.5", "MIDDLE, 20.0", "START, 19.5"})
  void steadyStockOfNormalLifetime(TimeConvention convention, double expected) {
    int n = 200;
    double[] inflow = new double[n];
    java.util.Arrays.fill(inflow, 1.0);
    StockResult r = new InflowDrivenModel(SurvivalTable.constant(n, convention, new Normal(20, 5))).run(inflow);
    assertThat(r.stock(0, n - 1)).isCloseTo(expected, within(1e-3));
    assertThat(r.outflow(0, n - 1)).isCloseTo(1.0, within(1e-12));
  }

  /** With START, a fixed lifetime of 5 leaves one year earlier than with END (age 5 is reached in year c + 4). */
  @Test
  void startConventionShiftsFixedLifetimeByAYear() {
    SurvivalTable table = SurvivalTable.constant(10, TimeConvention.START, new Fixed(5));
    StockResult r = new InflowDrivenModel(table).run(range(1, 10));
    assertThat(r.outflow()).containsExactly(0, 0, 0, 0, 1, 2, 3, 4, 5, 6);
    StockResult mid = new InflowDrivenModel(SurvivalTable.constant(10, TimeConvention.MIDDLE, new Fixed(5)))
        .run(range(1, 10));
    assertThat(mid.outflow()).containsExactly(0, 0, 0, 0, 0, 1, 2, 3, 4, 5);
  }

  /**
   * Weibull with shape 1 is exponential: sf(a) = q^a with q = e^{−1/λ}. Constant inflow 1 (END) gives
   * the geometric sum stock[t] = (1 − q^{t+1}) / (1 − q).
   */
  @Test
  void exponentialLifetimeGivesGeometricStock() {
    double q = Math.exp(-1 / 8.0);
    double[] inflow = new double[30];
    java.util.Arrays.fill(inflow, 1.0);
    StockResult r = new InflowDrivenModel(SurvivalTable.constant(30, TimeConvention.END, new Weibull(1, 8))).run(inflow);
    for (int t = 0; t < 30; t++) {
      assertThat(r.stock(0, t)).isCloseTo((1 - Math.pow(q, t + 1)) / (1 - q), within(1e-12));
    }
  }

  /** Gamma(2, 5) with inflow 10 in year 0 only (END): stock[t] = 10 (1 + t/5) e^{−t/5}. */
  @Test
  void gammaPulseDecaysLikeErlang() {
    double[] inflow = new double[15];
    inflow[0] = 10;
    StockResult r = new InflowDrivenModel(SurvivalTable.constant(15, TimeConvention.END, new LifetimeModel.Gamma(2, 5)))
        .run(inflow);
    for (int t = 0; t < 15; t++) {
      assertThat(r.stock(0, t)).isCloseTo(10 * (1 + t / 5.0) * Math.exp(-t / 5.0), within(1e-12));
    }
  }

  /** Every law, a pulse of 1 in year 0: stock[t] = sf(t + offset) exactly, outflow[t] = pdf[t]. */
  @Test
  void pulseReproducesTheSurvivalFunctionOfEveryLaw() {
    for (LifetimeModel m : LifetimeModelTest.randomModels(new Random(7))) {
      for (TimeConvention conv : TimeConvention.values()) {
        double[] inflow = new double[40];
        inflow[0] = 1;
        StockResult r = new InflowDrivenModel(SurvivalTable.constant(40, conv, m)).run(inflow);
        for (int t = 0; t < 40; t++) {
          assertThat(r.stock(0, t)).as("%s %s %d", m, conv, t).isEqualTo(m.survival(t + conv.ageOffsetYears()));
        }
      }
    }
  }

  @Test
  void degenerateLifetimeSendsEverythingOutInItsOwnYear() {
    SurvivalTable table = SurvivalTable.constant(5, TimeConvention.END, new Normal(0, 0));
    StockResult r = new InflowDrivenModel(table).run(new double[] {3, 1, 4, 1, 5});
    assertThat(r.stock()).containsOnly(0.0);
    assertThat(r.outflow()).containsExactly(3, 1, 4, 1, 5);
  }

  @Test
  void degenerateLifetimeReportsUnmetTargets() {
    SurvivalTable table = SurvivalTable.constant(4, TimeConvention.END, new Weibull(0, 3));
    StockResult r = new StockDrivenModel(table, false).run(new double[] {0, 2, 0, 1});
    assertThat(new boolean[] {r.isUnmet(0, 0), r.isUnmet(0, 1), r.isUnmet(0, 2), r.isUnmet(0, 3)})
        .containsExactly(false, true, false, true);
    assertThat(r.inflow()).containsOnly(0.0);
    assertThat(r.stock()).containsOnly(0.0);
  }

  /**
   * Negative-inflow correction, by hand. Fixed lifetime 5 (END), target 10, 10, 5, 5, 5, 5, 5.
   * Year 0: inflow 10. Year 1: existing 10 → inflow 0. Year 2: existing 10 > target 5: without the
   * correction inflow −5; with it inflow 0, cohort 0 shrunk to 5 (retained ½), outflow 5. Years 3–4: existing
   * 5 → inflow 0. Year 5: cohort 0 (5 left) reaches age 5 and leaves → inflow 5, outflow 5.
   */
  @Test
  void negativeInflowCorrectionByHand() {
    double[] target = {10, 10, 5, 5, 5, 5, 5};
    SurvivalTable table = SurvivalTable.constant(7, TimeConvention.END, new Fixed(5));
    StockResult plain = new StockDrivenModel(table, false).run(target);
    assertThat(plain.inflow()).containsExactly(10, 0, -5, 0, 0, 10, 0);
    StockResult corrected = new StockDrivenModel(table, true).run(target);
    assertThat(corrected.inflow()).containsExactly(10, 0, 0, 0, 0, 5, 0);
    assertThat(corrected.outflow()).containsExactly(0, 0, 5, 0, 0, 5, 0);
    assertThat(corrected.stock()).containsExactly(target);
    assertThat(corrected.retainedShare(0, 2)).isEqualTo(0.5);
    double[] sc = corrected.cohortStock(0);
    assertThat(sc[1 * 7 + 0]).isEqualTo(10);
    assertThat(sc[2 * 7 + 0]).isEqualTo(5);
    assertThat(sc[5 * 7 + 0]).isEqualTo(0);
  }

  /**
   * Initial stock, by hand. Fixed lifetime 5 (END); cohorts 0 and 1 hold 2 and 3 at the end of year 1, so
   * their inflows are 2 and 3. Target 5 from year 2 on: inflow 0 until cohort 0 leaves in year 5 (inflow
   * 2) and cohort 1 in year 6 (inflow 3).
   */
  @Test
  void initialStockByHand() {
    double[] target = {0, 0, 5, 5, 5, 5, 5, 5};
    SurvivalTable table = SurvivalTable.constant(8, TimeConvention.END, new Fixed(5));
    StockResult r = new StockDrivenModel(table, false).run(target, new InitialStock(2, new double[] {2, 3}));
    assertThat(r.inflow()).containsExactly(2, 3, 0, 0, 0, 2, 3, 0);
    assertThat(r.stock()).containsExactly(2, 5, 5, 5, 5, 5, 5, 5);
    assertThat(r.outflow()).containsExactly(0, 0, 0, 0, 0, 2, 3, 0);
  }

  @Test
  void parametersAreComputedOncePerDistinctSet() {
    LifetimeModel[] bySeries = {new Normal(10, 3), new Normal(10, 3), new Normal(12, 3), new Normal(10, 3)};
    SurvivalTable table = SurvivalTable.constant(50, TimeConvention.END, bySeries);
    assertThat(table.curveCount()).isEqualTo(2);
    assertThat(table.curveId(7, 0)).isEqualTo(table.curveId(3, 3));
  }

  /** Cohort-varying lifetimes against a transcription of ODYM's sf[t, c] loops. */
  @RepeatedTest(5)
  void cohortVaryingLifetimesMatchOdymTableFormulation(RepetitionInfo info) {
    Random rnd = new Random(42L + info.getCurrentRepetition());
    int n = 25;
    int m = 3;
    TimeConvention conv = TimeConvention.values()[rnd.nextInt(3)];
    LifetimeModel[] lt = new LifetimeModel[n * m];
    double[] inflow = new double[n * m];
    for (int i = 0; i < lt.length; i++) {
      lt[i] = new Normal(5 + rnd.nextInt(3), 2);
      inflow[i] = 10 * rnd.nextDouble();
    }
    SurvivalTable table = SurvivalTable.byCohort(n, m, conv, lt);
    StockResult r = new InflowDrivenModel(table).run(inflow);
    for (int s = 0; s < m; s++) {
      for (int t = 0; t < n; t++) {
        double stock = 0;
        for (int c = 0; c <= t; c++) {
          stock += inflow[c * m + s] * lt[c * m + s].survival(conv.age(t, c));
        }
        assertThat(r.stock(s, t)).isCloseTo(stock, within(1e-12 * Math.max(1, stock)));
      }
    }
  }

  /**
   * Properties over seeded random systems of many series: balance (against the independent by-cohort
   * tables), inflow → stock → inflow round trip, non-negativity.
   */
  @RepeatedTest(10)
  void balanceRoundTripAndSignsOnRandomSystems(RepetitionInfo info) {
    Random rnd = new Random(2024L + info.getCurrentRepetition());
    int n = 40 + rnd.nextInt(40);
    int m = 7;
    TimeConvention conv = TimeConvention.values()[rnd.nextInt(3)];
    List<LifetimeModel> laws = LifetimeModelTest.randomModels(rnd);
    LifetimeModel[] bySeries = laws.toArray(new LifetimeModel[0]);
    double[] inflow = new double[n * m];
    for (int i = 0; i < inflow.length; i++) {
      inflow[i] = 100 * rnd.nextDouble();
    }
    StockResult forward = new InflowDrivenModel(SurvivalTable.constant(n, conv, bySeries)).run(inflow);
    assertBalanced(forward);
    double[] stock = forward.stock();
    for (double v : stock) {
      assertThat(v).isGreaterThanOrEqualTo(0.0);
    }
    for (double v : forward.outflow()) {
      assertThat(v).isGreaterThanOrEqualTo(-1e-9);
    }
    StockResult back = new StockDrivenModel(forward.table(), false).run(stock);
    double[] rebuilt = back.inflow();
    double scale = 0;
    for (double v : inflow) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < inflow.length; i++) {
      if (forward.table().survival(i % m, 0, 0) > 0) {
        assertThat(rebuilt[i]).as("inflow[%d] %s", i, laws.get(i % m))
            .isCloseTo(inflow[i], within(ROUND_TRIP_RELATIVE_TOLERANCE * scale));
      }
    }
  }

  /** With the correction on, any non-negative target gives non-negative inflow, outflow and stock. */
  @RepeatedTest(10)
  void correctionKeepsEverythingNonNegative(RepetitionInfo info) {
    Random rnd = new Random(99L + info.getCurrentRepetition());
    int n = 60;
    int m = 7;
    LifetimeModel[] bySeries = LifetimeModelTest.randomModels(rnd).toArray(new LifetimeModel[0]);
    double[] target = new double[n * m];
    for (int i = 0; i < target.length; i++) {
      target[i] = 50 + 50 * Math.sin(i / (double) m / 5.0 + rnd.nextDouble()) * rnd.nextDouble();
    }
    TimeConvention conv = TimeConvention.values()[rnd.nextInt(3)];
    StockResult r = new StockDrivenModel(SurvivalTable.constant(n, conv, bySeries), true).run(target);
    assertThat(r.hasUnmetYears()).isFalse();
    double tol = 1e-9 * 100;
    for (double v : r.inflow()) {
      assertThat(v).isGreaterThanOrEqualTo(-tol);
    }
    for (double v : r.outflow()) {
      assertThat(v).isGreaterThanOrEqualTo(-tol);
    }
    for (int i = 0; i < target.length; i++) {
      assertThat(r.stock()[i]).isCloseTo(target[i], within(tol));
    }
    assertBalanced(r);
  }

  /** A deliberately broken system must fail the balance check. */
  @Test
  void brokenSystemFailsTheBalanceCheck() {
    StockResult r = new InflowDrivenModel(SurvivalTable.constant(10, TimeConvention.END, new Fixed(5))).run(range(1, 10));
    double[] outflow = r.outflow();
    outflow[7] += 1e-6;
    assertThat(maxImbalance(r.inflow(), outflow, r.stockChange(), r.stock())).isGreaterThan(BALANCE_RELATIVE_TOLERANCE);
  }

  /**
   * The block kernels (series innermost, four years at a time, several threads) give the same bits as the
   * plain sums over cohorts in increasing order, for a series count that leaves a partial block and a year
   * count that is not a multiple of four.
   */
  @RepeatedTest(3)
  void blockKernelsAreBitIdenticalToPlainSumsOnAnyThreadCount(RepetitionInfo info) {
    Random rnd = new Random(77L + info.getCurrentRepetition());
    int n = 37 + info.getCurrentRepetition();
    int m = 2 * StockModels.BLOCK + 5;
    LifetimeModel[] bySeries = new LifetimeModel[m];
    for (int s = 0; s < m; s++) {
      double mean = 2 + 30 * rnd.nextDouble();
      bySeries[s] = rnd.nextInt(4) == 0 ? new Weibull(1 + rnd.nextDouble(), mean) : new Normal(mean, 0.3 * mean);
    }
    double[] inflow = new double[n * m];
    for (int i = 0; i < inflow.length; i++) {
      inflow[i] = 100 * rnd.nextDouble();
    }
    SurvivalTable table = SurvivalTable.constant(n, TimeConvention.END, bySeries);
    assertThat(SurvivalTable.constant(n, TimeConvention.END, 3, bySeries).survivalCurve(5))
        .containsExactly(table.survivalCurve(5));
    double[] plainStock = new double[n * m];
    for (int s = 0; s < m; s++) {
      double[] sf = table.survivalCurve(table.curveId(0, s));
      for (int t = 0; t < n; t++) {
        double sum = 0;
        for (int c = 0; c <= t; c++) {
          sum += inflow[c * m + s] * sf[t - c];
        }
        plainStock[t * m + s] = sum;
      }
    }
    for (int threads : new int[] {1, 2, 3}) {
      assertThat(new InflowDrivenModel(table).run(inflow, threads).stock()).as("threads %d", threads)
          .containsExactly(plainStock);
    }
    // Stock-driven: forward substitution in the same order.
    double[] plainInflow = new double[n * m];
    for (int s = 0; s < m; s++) {
      double[] sf = table.survivalCurve(table.curveId(0, s));
      for (int t = 0; t < n; t++) {
        double have = 0;
        for (int c = 0; c < t; c++) {
          have += plainInflow[c * m + s] * sf[t - c];
        }
        plainInflow[t * m + s] = (plainStock[t * m + s] - have) / sf[0];
      }
    }
    StockResult one = new StockDrivenModel(table, false).run(plainStock);
    assertThat(one.inflow()).containsExactly(plainInflow);
    for (int threads : new int[] {2, 3}) {
      StockResult r = new StockDrivenModel(table, false).run(plainStock, threads);
      assertThat(r.inflow()).as("threads %d", threads).containsExactly(one.inflow());
      assertThat(r.stock()).as("threads %d", threads).containsExactly(one.stock());
    }
    assertBalanced(one);
  }

  /** Balance: inflow − outflow − stock change = 0, and the by-cohort tables sum to the totals. */
  static void assertBalanced(StockResult r) {
    assertThat(maxImbalance(r.inflow(), r.outflow(), r.stockChange(), r.stock()))
        .isLessThanOrEqualTo(BALANCE_RELATIVE_TOLERANCE);
    int n = r.nYears();
    for (int s = 0; s < r.nSeries(); s++) {
      double[] sc = r.cohortStock(s);
      double[] oc = r.cohortOutflow(s);
      double scale = 1e-300;
      for (int t = 0; t < n; t++) {
        scale = Math.max(scale, Math.abs(r.stock(s, t)) + Math.abs(r.inflow(s, t)));
      }
      for (int t = 0; t < n; t++) {
        double sumS = 0;
        double sumO = 0;
        for (int c = 0; c <= t; c++) {
          sumS += sc[t * n + c];
          sumO += oc[t * n + c];
        }
        assertThat(Math.abs(sumS - r.stock(s, t)) / scale).isLessThanOrEqualTo(BALANCE_RELATIVE_TOLERANCE);
        assertThat(Math.abs(sumO - r.outflow(s, t)) / scale).isLessThanOrEqualTo(BALANCE_RELATIVE_TOLERANCE);
      }
    }
  }

  static double maxImbalance(double[] in, double[] out, double[] ds, double[] stock) {
    double scale = 1e-300;
    for (int i = 0; i < in.length; i++) {
      scale = Math.max(scale, Math.max(Math.abs(in[i]), Math.abs(stock[i])));
    }
    double worst = 0;
    for (int i = 0; i < in.length; i++) {
      worst = Math.max(worst, Math.abs(in[i] - out[i] - ds[i]) / scale);
    }
    return worst;
  }
}
