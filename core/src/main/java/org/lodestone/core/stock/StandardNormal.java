package org.lodestone.core.stock;

import org.hipparchus.util.FastMath;

/**
 * Standard normal distribution function Φ, fast and accurate, for the survival curves of the normal,
 * folded-normal and log-normal lifetimes.
 *
 * <p>Algorithm: W. J. Cody's rational Chebyshev approximations, "Rational Chebyshev approximations for
 * the error function", <i>Mathematics of Computation</i> 23 (1969) 631–637, in the form of his routine
 * {@code ANORM} of SPECFUN (W. J. Cody, "Algorithm 715: SPECFUN", <i>ACM TOMS</i> 19 (1993) 22–32;
 * netlib {@code specfun/anorm}), which approximates Φ directly (no division of the argument by √2) on
 * {@code |z| ≤ 0.66291}, {@code 0.66291 < |z| ≤ √32} and {@code |z| > √32}, with approximation errors
 * below 1e-18. The factor {@code exp(−z²/2)} of the two outer intervals is evaluated on the exact square
 * {@code z² = hi + lo} (Dekker's two-product), {@code exp(−hi/2)·(1 − lo/2)}, which is what Cody's split
 * {@code exp(−xsq²/2)·exp(−del/2)} achieves with two exponentials; so the relative error stays at a few
 * ulps deep into the tail. Exponentials use Hipparchus' {@code FastMath.exp}, pure Java, so the result is
 * the same bits on every JVM and platform.
 *
 * <p><b>Flush to zero.</b> Values below {@link Double#MIN_NORMAL} (Φ(z) for z &lt; ≈ −37.5) are returned as
 * 0: subnormal survival shares change no stock by more than 2.3e-308 of the inflow, and subnormal operands
 * make every multiply-add that meets them about a hundred times slower on x86.
 *
 * <p>Stateless; thread-safe.
 */
final class StandardNormal {
  private StandardNormal() {}

  private static final double[] A = {
    2.2352520354606839287e00, 1.6102823106855587881e02, 1.0676894854603709582e03,
    1.8154981253343561249e04, 6.5682337918207449113e-2};
  private static final double[] B = {
    4.7202581904688241870e01, 9.7609855173777669322e02, 1.0260932208618978205e04,
    4.5507789335026729956e04};
  private static final double[] C = {
    3.9894151208813466764e-1, 8.8831497943883759412e00, 9.3506656132177855979e01,
    5.9727027639480026226e02, 2.4945375852903726711e03, 6.8481904505362823326e03,
    1.1602651437647350124e04, 9.8427148383839780218e03, 1.0765576773720192317e-8};
  private static final double[] D = {
    2.2266688044328115691e01, 2.3538790178262499861e02, 1.5193775994075548050e03,
    6.4855582982667607550e03, 1.8615571640885098091e04, 3.4900952721145977266e04,
    3.8912003286093271411e04, 1.9685429676859990727e04};
  private static final double[] P = {
    2.1589853405795699e-1, 1.274011611602473639e-1, 2.2235277870649807e-2,
    1.421619193227893466e-3, 2.9112874951168792e-5, 2.307344176494017303e-2};
  private static final double[] Q = {
    1.28426009614491121e00, 4.68238212480865118e-1, 6.59881378689285515e-2,
    3.78239633202758244e-3, 7.29751555083966205e-5};
  private static final double ONE_OVER_SQRT_2PI = 3.9894228040143267794e-1;
  private static final double THRESHOLD = 0.66291;
  private static final double ROOT32 = 5.656854248;
  /** Beyond this |z| the tail is below {@link Double#MIN_NORMAL}: Φ(−38) ≈ 2.9e-316. */
  private static final double TAIL_ZERO = 38.0;
  private static final double EPS = 0x1p-53;
  private static final double SPLIT = 134217729.0; // 2^27 + 1, Veltkamp's splitter

  /**
   * Φ(z) = P(Z ≤ z) for a standard normal Z.
   *
   * @param z argument, dimensionless; NaN gives NaN
   * @return Φ(z) in [0, 1]; values below {@link Double#MIN_NORMAL} are 0
   */
  static double cdf(double z) {
    double y = Math.abs(z);
    if (y <= THRESHOLD) {
      double xsq = y > EPS ? z * z : 0.0;
      double xnum = A[4] * xsq;
      double xden = xsq;
      for (int i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
      return 0.5 + z * (xnum + A[3]) / (xden + B[3]);
    }
    if (!(y < TAIL_ZERO)) {
      return z > 0.0 ? 1.0 : (z < 0.0 ? 0.0 : z); // keeps NaN
    }
    double r;
    if (y <= ROOT32) {
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      r = (xnum + C[7]) / (xden + D[7]);
    } else {
      double xsq = 1.0 / (z * z);
      double xnum = P[5] * xsq;
      double xden = xsq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * xsq;
        xden = (xden + Q[i]) * xsq;
      }
      r = xsq * (xnum + P[4]) / (xden + Q[4]);
      r = (ONE_OVER_SQRT_2PI - r) / y;
    }
    // exp(−y²/2) on the exact square y² = hi + lo (Dekker): |lo/2| < 1e-13, so exp(−lo/2) = 1 − lo/2.
    double c = SPLIT * y;
    double yh = c - (c - y);
    double yl = y - yh;
    double hi = y * y;
    double lo = ((yh * yh - hi) + 2.0 * yh * yl) + yl * yl;
    double tail = FastMath.exp(-0.5 * hi) * (1.0 - 0.5 * lo) * r;
    if (tail < Double.MIN_NORMAL) {
      tail = 0.0;
    }
    return z > 0.0 ? 1.0 - tail : tail;
  }

  /** {@code x}, or 0 if {@code |x|} is subnormal: see the class comment. */
  static double flushSubnormal(double x) {
    return Math.abs(x) < Double.MIN_NORMAL ? 0.0 : x;
  }
}
