package org.lodestone.core.stock;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.util.FastMath;

/**
 * The lifetime of a product in use: a closed family of laws, each giving the survival function
 * {@code sf(age) = P(lifetime > age)} with the age in years.
 *
 * <p>Every law is an immutable record with one parameter set; laws whose parameters vary by cohort
 * are built by giving {@link SurvivalTable} one record per cohort (records with equal parameters are
 * equal, so the table computes each distinct parameter set once). Parameters are validated at
 * construction: an invalid value raises {@link IllegalArgumentException} whose message names the
 * parameter and the rule.
 *
 * <p><b>Degenerate lifetimes.</b> A mean of 0 (fixed, normal, folded normal, log-normal) or a shape or
 * scale of 0 (Weibull, gamma) is a <em>degenerate</em> lifetime: {@code sf(age) = 0} for every age, so
 * a cohort leaves entirely in its own year. This follows ODYM, {@code dynamic_stock_model.py},
 * {@code compute_sf} ("For lifetimes 0 the sf is also 0, meaning that the age-cohort leaves during the
 * same year of the inflow").
 *
 * <p>Formulas follow ODYM's {@code compute_sf} (IndEcol/ODYM, {@code odym/modules/dynamic_stock_model.py})
 * and flodym's {@code lifetime_models.py} (pik-piam/flodym), which call scipy.stats; the equivalences to
 * scipy are stated on each law. Survival shares below {@link Double#MIN_NORMAL} (≈ 2.2e-308) are returned
 * as 0 ("flush to zero"): they change no stock measurably and subnormal operands slow the stock kernels
 * down about twofold. Thread-safe: immutable.
 */
public sealed interface LifetimeModel {

  /**
   * Standard normal (Hipparchus); immutable, so sharing it is thread-safe. The laws themselves evaluate Φ
   * with Cody's faster approximation ({@code StandardNormal}), which agrees with this to ~1e-15 relative.
   */
  NormalDistribution STANDARD_NORMAL = new NormalDistribution(0.0, 1.0);

  /**
   * Survival function: the share of a cohort still in use at the given age.
   *
   * @param ageYears age in years (may be fractional; negative ages survive with probability 1)
   * @return {@code P(lifetime > ageYears)} in [0, 1]
   */
  double survival(double ageYears);

  /** True when the whole cohort leaves in its own year (mean 0, shape 0 or scale 0). */
  boolean isDegenerate();

  /**
   * The laws given by a mean and a standard deviation in years (normal, folded normal, log-normal): a mean
   * of 0 is degenerate ({@code sf = 0} at every age); otherwise {@link #regularSurvival}.
   */
  sealed interface MeanSd extends LifetimeModel permits Normal, FoldedNormal, LogNormal, LogNormalOdym {
    /** Mean lifetime (of the law's own parameterisation), years. */
    double meanYears();

    /** Standard deviation (of the law's own parameterisation), years. */
    double sdYears();

    @Override
    default boolean isDegenerate() {
      return meanYears() == 0.0;
    }

    @Override
    default double survival(double ageYears) {
      return isDegenerate() ? 0.0 : regularSurvival(ageYears);
    }

    /** {@code sf(ageYears)} of a law with a mean above 0. */
    double regularSurvival(double ageYears);
  }

  /**
   * The laws given by a shape and a scale (Weibull, gamma): degenerate when either is 0; otherwise 1 at
   * ages up to 0 and {@link #upperTail} of the age over the scale beyond, flushed to zero below
   * {@link Double#MIN_NORMAL}.
   */
  sealed interface ShapeScale extends LifetimeModel permits Weibull, Gamma {
    /** Shape, dimensionless. */
    double shape();

    /** Scale, years. */
    double scaleYears();

    @Override
    default boolean isDegenerate() {
      return shape() == 0.0 || scaleYears() == 0.0;
    }

    @Override
    default double survival(double ageYears) {
      if (isDegenerate()) {
        return 0.0;
      }
      if (ageYears <= 0.0) {
        return 1.0;
      }
      return StandardNormal.flushSubnormal(upperTail(ageYears / scaleYears()));
    }

    /** {@code P(lifetime / scale > x)} for x &gt; 0 and a law that is not degenerate. */
    double upperTail(double x);
  }

  /**
   * Fixed lifetime: a cohort stays while its age is below {@code meanYears} and leaves entirely in
   * the year that age is reached. {@code sf(a) = 1 if a < mean else 0} (ODYM {@code 'Fixed'}: "if Lt
   * is 3.5 years fixed, product will still be there after 0, 1, 2, and 3 years, gone after 4 years").
   *
   * @param meanYears lifetime in years, finite, ≥ 0 (0 is degenerate)
   */
  record Fixed(double meanYears) implements LifetimeModel {
    public Fixed {
      requireNonNegative("mean", meanYears);
    }

    @Override
    public double survival(double ageYears) {
      return ageYears < meanYears ? 1.0 : 0.0;
    }

    @Override
    public boolean isDegenerate() {
      return meanYears == 0.0;
    }
  }

  /**
   * Normal lifetime, not truncated: {@code sf(a) = Φ((mean − a)/sd)}, scipy
   * {@code norm.sf(a, loc=mean, scale=sd)} as in ODYM {@code 'Normal'}. Mass at negative ages is
   * not removed; with the {@code end} convention it leaves in the cohort's own year (ODYM's
   * {@code compute_o_c_from_s_c}).
   *
   * @param meanYears mean lifetime in years, finite, ≥ 0 (0 is degenerate)
   * @param sdYears   standard deviation in years, finite, &gt; 0 unless the mean is 0
   */
  record Normal(double meanYears, double sdYears) implements MeanSd {
    public Normal {
      requireMeanSd(meanYears, sdYears);
    }

    @Override
    public double regularSurvival(double ageYears) {
      return StandardNormal.cdf((meanYears - ageYears) / sdYears);
    }
  }

  /**
   * Folded normal lifetime |X| with X ~ N(mean, sd), parameterised as ODYM does by the mean and
   * standard deviation of the normal <em>before</em> folding (scipy {@code foldnorm.sf(a, mean/sd, 0,
   * scale=sd)}): {@code sf(a) = Φ((mean − a)/sd) + Φ((−mean − a)/sd)} for a ≥ 0, 1 for a &lt; 0.
   *
   * @param meanYears mean of the unfolded normal in years, finite, ≥ 0 (0 is degenerate)
   * @param sdYears   standard deviation of the unfolded normal in years, &gt; 0 unless the mean is 0
   */
  record FoldedNormal(double meanYears, double sdYears) implements MeanSd {
    public FoldedNormal {
      requireMeanSd(meanYears, sdYears);
    }

    @Override
    public double regularSurvival(double ageYears) {
      if (ageYears < 0.0) {
        return 1.0;
      }
      return StandardNormal.cdf((meanYears - ageYears) / sdYears)
          + StandardNormal.cdf((-meanYears - ageYears) / sdYears);
    }
  }

  /**
   * Log-normal lifetime parameterised by the mean and standard deviation <em>of the lifetime
   * itself</em>. The underlying normal has {@code σ² = ln(1 + sd²/mean²)} and
   * {@code μ = ln(mean) − σ²/2} (moments of the log-normal), and {@code sf(a) = Φ((μ − ln a)/σ)},
   * equal to {@code 1 − LogNormalDistribution(μ, σ).cumulativeProbability(a)} (Hipparchus: scale μ,
   * shape σ). See {@link LogNormalOdym} for ODYM's own parameterisation.
   *
   * @param meanYears mean lifetime in years, finite, ≥ 0 (0 is degenerate)
   * @param sdYears   standard deviation of the lifetime in years, &gt; 0 unless the mean is 0
   */
  record LogNormal(double meanYears, double sdYears) implements MeanSd {
    public LogNormal {
      requireMeanSd(meanYears, sdYears);
    }

    /** σ of the underlying normal, dimensionless. */
    public double logSigma() {
      return FastMath.sqrt(FastMath.log1p(sdYears * sdYears / (meanYears * meanYears)));
    }

    /** μ of the underlying normal, in ln(years). */
    public double logMu() {
      double s = logSigma();
      return FastMath.log(meanYears) - 0.5 * s * s;
    }

    @Override
    public double regularSurvival(double ageYears) {
      return logNormalSurvival(ageYears, logMu(), logSigma());
    }
  }

  /**
   * ODYM's {@code 'LogNormal'} law, kept so that published ODYM studies can be reproduced. ODYM
   * computes {@code LT_LN = ln(mean / sqrt(1 + mean²/sd²))} and {@code SG_LN = sqrt(ln(1 + mean²/sd²))}
   * (IndEcol/ODYM {@code dynamic_stock_model.py}, {@code compute_sf}), i.e. with {@code mean/sd} where
   * the moment formulas have {@code sd/mean}; the resulting lifetime has the stated mean and standard
   * deviation only when mean = sd. {@code sf(a) = Φ((LT_LN − ln a)/SG_LN)}, scipy
   * {@code lognorm.sf(a, s=SG_LN, scale=exp(LT_LN))}.
   *
   * @param meanYears ODYM's "Mean" in years, finite, ≥ 0 (0 is degenerate)
   * @param sdYears   ODYM's "StdDev" in years, &gt; 0 unless the mean is 0
   */
  record LogNormalOdym(double meanYears, double sdYears) implements MeanSd {
    public LogNormalOdym {
      requireMeanSd(meanYears, sdYears);
    }

    @Override
    public double regularSurvival(double ageYears) {
      double ratio = meanYears * meanYears / (sdYears * sdYears);
      double mu = FastMath.log(meanYears / FastMath.sqrt(1.0 + ratio));
      double sigma = FastMath.sqrt(FastMath.log1p(ratio));
      return logNormalSurvival(ageYears, mu, sigma);
    }
  }

  /**
   * Weibull lifetime, {@code sf(a) = exp(−(a/scale)^shape)} for a ≥ 0 (scipy
   * {@code weibull_min.sf(a, c=shape, scale=scale)}, ODYM {@code 'Weibull'}; equal to
   * {@code 1 − WeibullDistribution(shape, scale).cumulativeProbability(a)}).
   *
   * @param shape      shape k, dimensionless, finite, ≥ 0 (0 is degenerate)
   * @param scaleYears scale λ in years, finite, ≥ 0 (0 is degenerate)
   */
  record Weibull(double shape, double scaleYears) implements ShapeScale {
    public Weibull {
      requireShapeScale(shape, scaleYears);
    }

    @Override
    public double upperTail(double x) {
      return FastMath.exp(-FastMath.pow(x, shape));
    }
  }

  /**
   * Gamma lifetime, {@code sf(a) = Q(shape, a/scale)} (regularised upper incomplete gamma; mean
   * {@code shape·scale}, variance {@code shape·scale²}; equal to
   * {@code 1 − GammaDistribution(shape, scale).cumulativeProbability(a)}).
   *
   * @param shape      shape k, dimensionless, finite, ≥ 0 (0 is degenerate)
   * @param scaleYears scale θ in years, finite, ≥ 0 (0 is degenerate)
   */
  record Gamma(double shape, double scaleYears) implements ShapeScale {
    public Gamma {
      requireShapeScale(shape, scaleYears);
    }

    @Override
    public double upperTail(double x) {
      return org.hipparchus.special.Gamma.regularizedGammaQ(shape, x);
    }
  }

  private static double logNormalSurvival(double ageYears, double mu, double sigma) {
    if (ageYears <= 0.0) {
      return 1.0;
    }
    return StandardNormal.cdf((mu - FastMath.log(ageYears)) / sigma);
  }

  private static void requireNonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0.0) {
      throw new IllegalArgumentException(name + " = " + value + ": must be a finite number >= 0");
    }
  }

  private static void requireShapeScale(double shape, double scale) {
    requireNonNegative("shape", shape);
    requireNonNegative("scale", scale);
  }

  private static void requireMeanSd(double mean, double sd) {
    requireNonNegative("mean", mean);
    if (!Double.isFinite(sd) || sd < 0.0) {
      throw new IllegalArgumentException("sd = " + sd + ": must be a finite number > 0");
    }
    if (mean > 0.0 && sd == 0.0) {
      throw new IllegalArgumentException(
          "sd = 0: must be > 0 when mean > 0 (use fixed:mean=... for a sharp lifetime)");
    }
  }
}
