package org.lodestone.core.engine;

/**
 * {@code log(1 + x)} with the bits of {@link StrictMath#log1p}, in plain Java so that the JIT inlines it.
 *
 * <p>Why: on Java 17 {@link Math#log1p} is {@link StrictMath#log1p}, a native (JNI) call into fdlibm
 * with no intrinsic; the element market's dual calls it once per producer per evaluation (the profit
 * of each supply curve), and in a Monte Carlo draw of base it was 15 % of the CPU time (JFR, 2 cores,
 * 2026-12-03). StrictMath's contract is fdlibm's result, so this is the same algorithm, step for step:
 * fdlibm 5.3 {@code s_log1p.c} (Sun Microsystems 1993: "Permission to use, copy, modify, and distribute
 * this software is freely granted, provided that this notice is preserved."). Argument reduction
 * {@code 1 + x = 2^k (1 + f)} with {@code sqrt(2)/2 < 1 + f < sqrt(2)} and a correction term c for the
 * rounding of {@code 1 + x}; then {@code log(1 + f) = f − (hfsq − s (hfsq + R))}, {@code s = f / (2 + f)},
 * R a degree-14 minimax polynomial in s (fdlibm's Lp1..Lp7). {@code Log1pTest} checks the bits against
 * {@link StrictMath#log1p} on millions of arguments.
 *
 * <p>Stateless and thread-safe.
 */
final class Log1p {
  private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42_fee00000
  private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef_35793c76
  private static final double TWO54 = 1.80143985094819840000e+16; // 0x43500000_00000000
  private static final double LP1 = 6.666666666666735130e-01; // 0x3FE55555_55555593
  private static final double LP2 = 3.999999999940941908e-01; // 0x3FD99999_9997FA04
  private static final double LP3 = 2.857142874366239149e-01; // 0x3FD24924_94229359
  private static final double LP4 = 2.222219843214978396e-01; // 0x3FCC71C5_1D8E78AF
  private static final double LP5 = 1.818357216161805012e-01; // 0x3FC74664_96CB03DE
  private static final double LP6 = 1.531383769920937332e-01; // 0x3FC39A09_D078C69F
  private static final double LP7 = 1.479819860511658591e-01; // 0x3FC2F112_DF3E5244

  private Log1p() {
  }

  private static int hi(double x) {
    return (int) (Double.doubleToRawLongBits(x) >> 32);
  }

  /** x with its high word replaced by {@code high} (fdlibm's {@code __HI(x) = high}). */
  private static double withHi(double x, int high) {
    long bits = Double.doubleToRawLongBits(x);
    return Double.longBitsToDouble(((long) high << 32) | (bits & 0xffffffffL));
  }

  /** {@code log(1 + x)}, bit for bit {@link StrictMath#log1p}. */
  static double log1p(double x) {
    int hx = hi(x);
    int ax = hx & 0x7fffffff;
    int k = 1;
    double f = 0;
    double c = 0;
    int hu = 0;
    if (hx < 0x3FDA827A) { // x < 0.41422
      if (ax >= 0x3ff00000) { // x <= -1.0
        return StrictMath.log1p(x); // −inf, NaN
      }
      if (ax < 0x3e200000) { // |x| < 2^-29
        if (TWO54 + x > 0 && ax < 0x3c900000) { // |x| < 2^-54
          return x;
        }
        return x - x * x * 0.5;
      }
      if (hx > 0 || hx <= 0xbfd2bec3) { // -0.2929 < x < 0.41422
        k = 0;
        f = x;
        hu = 1;
      }
    }
    if (hx >= 0x7ff00000) {
      return x + x; // +inf, NaN
    }
    if (k != 0) {
      double u;
      if (hx < 0x43400000) {
        u = 1.0 + x;
        hu = hi(u);
        k = (hu >> 20) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
        c /= u;
      } else {
        u = x;
        hu = hi(u);
        k = (hu >> 20) - 1023;
        c = 0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        u = withHi(u, hu | 0x3ff00000); // normalize u
      } else {
        k += 1;
        u = withHi(u, hu | 0x3fe00000); // normalize u/2
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    if (hu == 0) { // |f| < 2^-20
      if (f == 0) {
        if (k == 0) {
          return 0;
        }
        c += k * LN2_LO;
        return k * LN2_HI + c;
      }
      double r = hfsq * (1.0 - 0.66666666666666666 * f);
      if (k == 0) {
        return f - r;
      }
      return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
    if (k == 0) {
      return f - (hfsq - s * (hfsq + r));
    }
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
  }
}
