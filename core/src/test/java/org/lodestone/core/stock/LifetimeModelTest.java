package org.lodestone.core.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.WeibullDistribution;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.lodestone.core.stock.LifetimeModel.FoldedNormal;
import org.lodestone.core.stock.LifetimeModel.Gamma;
import org.lodestone.core.stock.LifetimeModel.LogNormal;
import org.lodestone.core.stock.LifetimeModel.LogNormalOdym;
import org.lodestone.core.stock.LifetimeModel.Normal;
import org.lodestone.core.stock.LifetimeModel.Weibull;

/** Closed-form values of every law, shared properties of the family, validation. */
class LifetimeModelTest {
  /** Closed forms evaluated in double precision differ from the library by a few ulps of 1. */
  static final double CLOSED_FORM_TOLERANCE = 1e-12;
  /** Φ(−2), from tables (Abramowitz &amp; Stegun 26.2). */
  static final double PHI_MINUS_2 = 0.022750131948179;

  @Test
  void fixedLifetimeFollowsOdymStepRule() {
    // ODYM compute_sf: "if Lt is 3.5 years fixed, product will still be there after 0, 1, 2, and 3 years, gone after 4".
    LifetimeModel m = new LifetimeModel.Fixed(3.5);
    assertThat(new double[] {m.survival(0), m.survival(3), m.survival(4)}).containsExactly(1, 1, 0);
    assertThat(new LifetimeModel.Fixed(5).survival(5)).isZero();
  }

  @Test
  void normalIsHalfAtTheMeanAndMatchesTablesTwoSdsOut() {
    Normal n = new Normal(20, 5);
    assertThat(n.survival(20)).isCloseTo(0.5, within(CLOSED_FORM_TOLERANCE));
    assertThat(n.survival(30)).isCloseTo(PHI_MINUS_2, within(CLOSED_FORM_TOLERANCE));
    assertThat(n.survival(10)).isCloseTo(1 - PHI_MINUS_2, within(CLOSED_FORM_TOLERANCE));
  }

  @Test
  void foldedNormalAddsTheReflectedTail() {
    // sf(a) = Φ((μ−a)/σ) + Φ((−μ−a)/σ); μ = σ = 20: sf(0) = Φ(1) + Φ(−1) = 1; sf(20) = Φ(0) + Φ(−2).
    FoldedNormal f = new FoldedNormal(20, 20);
    assertThat(f.survival(0)).isCloseTo(1.0, within(CLOSED_FORM_TOLERANCE));
    assertThat(f.survival(20)).isCloseTo(0.5 + PHI_MINUS_2, within(CLOSED_FORM_TOLERANCE));
    assertThat(f.survival(-1)).isEqualTo(1.0);
  }

  @Test
  void logNormalHasTheRequestedMomentsAndMatchesHipparchus() {
    LogNormal l = new LogNormal(20, 5);
    double sigma2 = Math.log(1 + 25.0 / 400.0);
    assertThat(l.logSigma()).isCloseTo(Math.sqrt(sigma2), within(1e-15));
    assertThat(l.logMu()).isCloseTo(Math.log(20) - sigma2 / 2, within(1e-15));
    // mean of the log-normal = exp(μ + σ²/2) = 20; sd = mean·sqrt(exp(σ²) − 1) = 20·sqrt(1/16) = 5
    assertThat(Math.exp(l.logMu() + sigma2 / 2)).isCloseTo(20, within(1e-12));
    LogNormalDistribution d = new LogNormalDistribution(l.logMu(), l.logSigma());
    for (double a : new double[] {1, 10, 20, 35}) {
      assertThat(l.survival(a)).isCloseTo(1 - d.cumulativeProbability(a), within(CLOSED_FORM_TOLERANCE));
    }
    assertThat(l.survival(Math.exp(l.logMu()))).isCloseTo(0.5, within(CLOSED_FORM_TOLERANCE));
  }

  @Test
  void odymLogNormalSwapsTheRatioAndAgreesOnlyWhenMeanEqualsSd() {
    // ODYM: LT_LN = ln(mean / sqrt(1 + mean²/sd²)); mean 20, sd 5 → median exp(LT_LN) = 20/sqrt(17).
    LogNormalOdym o = new LogNormalOdym(20, 5);
    assertThat(o.survival(20 / Math.sqrt(17))).isCloseTo(0.5, within(CLOSED_FORM_TOLERANCE));
    assertThat(o.survival(20)).isNotCloseTo(new LogNormal(20, 5).survival(20), within(0.1));
    for (double a : new double[] {0.5, 3, 10, 40}) {
      assertThat(new LogNormalOdym(10, 10).survival(a))
          .isCloseTo(new LogNormal(10, 10).survival(a), within(CLOSED_FORM_TOLERANCE));
    }
  }

  @Test
  void weibullClosedForm() {
    Weibull w = new Weibull(1.2, 1);
    assertThat(w.survival(1)).isCloseTo(Math.exp(-1), within(CLOSED_FORM_TOLERANCE));
    assertThat(new Weibull(1, 8).survival(4)).isCloseTo(Math.exp(-0.5), within(CLOSED_FORM_TOLERANCE));
    WeibullDistribution d = new WeibullDistribution(2.5, 12);
    assertThat(new Weibull(2.5, 12).survival(9)).isCloseTo(1 - d.cumulativeProbability(9), within(1e-12));
  }

  @Test
  void gammaWithShapeTwoIsErlang() {
    // Erlang(2, θ): sf(a) = (1 + a/θ) e^{−a/θ}; θ = 5, a = 5 → 2/e.
    Gamma g = new Gamma(2, 5);
    assertThat(g.survival(5)).isCloseTo(2 / Math.E, within(CLOSED_FORM_TOLERANCE));
    assertThat(g.survival(12)).isCloseTo((1 + 12 / 5.0) * Math.exp(-12 / 5.0), within(CLOSED_FORM_TOLERANCE));
    GammaDistribution d = new GammaDistribution(3.3, 4);
    assertThat(new Gamma(3.3, 4).survival(10)).isCloseTo(1 - d.cumulativeProbability(10), within(1e-12));
  }

  @Test
  void degenerateLifetimesKeepNothing() {
    List<LifetimeModel> degenerate = List.of(new LifetimeModel.Fixed(0), new Normal(0, 0), new FoldedNormal(0, 3),
        new LogNormal(0, 1), new LogNormalOdym(0, 0), new Weibull(0, 5), new Gamma(2, 0));
    for (LifetimeModel m : degenerate) {
      assertThat(m.isDegenerate()).as(m.toString()).isTrue();
      assertThat(m.survival(0)).as(m.toString()).isZero();
      assertThat(m.survival(0.5)).as(m.toString()).isZero();
    }
  }

  @Test
  void invalidParametersAreRejectedWithTheRule() {
    assertThatThrownBy(() -> new Normal(-1, 2)).hasMessageContaining("mean = -1.0");
    assertThatThrownBy(() -> new Normal(10, 0)).hasMessageContaining("sd = 0");
    assertThatThrownBy(() -> new LogNormal(10, Double.NaN)).hasMessageContaining("sd = NaN");
    assertThatThrownBy(() -> new Weibull(-1, 2)).hasMessageContaining("shape");
    assertThatThrownBy(() -> new Gamma(1, Double.POSITIVE_INFINITY)).hasMessageContaining("scale");
    assertThatThrownBy(() -> new LifetimeModel.Fixed(Double.NaN)).hasMessageContaining("mean");
  }

  /** Property: survival is in [0, 1] and non-increasing in age, for every law, on seeded parameters. */
  @RepeatedTest(20)
  void survivalIsNonIncreasingInUnitInterval(RepetitionInfo info) {
    Random rnd = new Random(1000L + info.getCurrentRepetition());
    for (LifetimeModel m : randomModels(rnd)) {
      double prev = 1.0;
      for (double a = -1; a < 200; a += 0.25) {
        double v = m.survival(a);
        assertThat(v).as("%s at %s", m, a).isBetween(0.0, 1.0).isLessThanOrEqualTo(prev);
        prev = v;
      }
    }
  }

  static List<LifetimeModel> randomModels(Random rnd) {
    double mean = 0.5 + 40 * rnd.nextDouble();
    double sd = 0.1 + 15 * rnd.nextDouble();
    double shape = 0.3 + 5 * rnd.nextDouble();
    double scale = 0.5 + 30 * rnd.nextDouble();
    return List.of(new LifetimeModel.Fixed(mean), new Normal(mean, sd), new FoldedNormal(mean, sd),
        new LogNormal(mean, sd), new LogNormalOdym(mean, sd), new Weibull(shape, scale), new Gamma(shape, scale));
  }
}
