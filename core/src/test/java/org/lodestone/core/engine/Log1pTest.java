package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Log1p} is {@link StrictMath#log1p} bit for bit (the element market's results must not change by
 * a bit when it replaces the native call): on every special case and branch boundary of fdlibm's
 * {@code s_log1p.c}, and on seeded random arguments from every part of the range.
 */
class Log1pTest {
  private static void same(double x) {
    assertThat(Double.doubleToRawLongBits(Log1p.log1p(x)))
        .as("log1p(%s) = %s, StrictMath %s", x, Log1p.log1p(x), StrictMath.log1p(x))
        .isEqualTo(Double.doubleToRawLongBits(StrictMath.log1p(x)));
  }

  @Test
  void specialCasesAndBranchBoundaries() {
    double[] xs = {0.0, -0.0, -1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p-54, 0x1p-55, 0x1p-29,
        0x1p-30, -0x1p-29, 0.41422, 0.4142135623730950, 0.41421356237309515, -0.2929, -0.29289321881345254,
        -0.2928932188134524, 0x1p53, 0x1p54, 1e300, 1.0, 2.0, Math.E - 1, -0.5, -0.9999999999999999,
        Math.nextUp(-1.0), 1e-20, 3.0e-7, 0x1.6a09ep0 - 1, 0x1.6a09fp0 - 1};
    for (double x : xs) {
      same(x);
      same(Math.nextUp(x));
      same(Math.nextDown(x));
    }
  }

  @Test
  void randomArgumentsOverTheWholeRange() {
    SplittableRandom r = new SplittableRandom(20261203L);
    for (int i = 0; i < 2_000_000; i++) {
      double x = switch (i % 5) {
        case 0 -> Double.longBitsToDouble(r.nextLong()); // any bit pattern
        case 1 -> r.nextDouble() * 10;
        case 2 -> Math.scalb(r.nextDouble(), -r.nextInt(60)); // small, down to 2^-60
        case 3 -> r.nextDouble() * 2 - 1; // (-1, 1)
        default -> Math.exp(r.nextDouble() * 100 - 50); // the ratios x / A of the supply curves
      };
      same(x);
    }
  }
}
