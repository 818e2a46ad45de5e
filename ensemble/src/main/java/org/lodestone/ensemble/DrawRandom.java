package org.lodestone.ensemble;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * The random numbers of Monte Carlo draw {@code i} of an ensemble with seed {@code S}: a
 * {@link Well19937c} seeded from (S, i) only, through the SplitMix64 finaliser (Steele, Lea &amp; Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014). So a draw's inputs do not depend on
 * which thread, process or Spark task runs it, nor on the order draws run in.
 */
public final class DrawRandom {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  private DrawRandom() {
  }

  /** SplitMix64's output function: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The generator of draw {@code draw} of an ensemble seeded with {@code seed}. */
  public static RandomGenerator generator(long seed, long draw) {
    long a = mix(mix(seed) + GOLDEN * (draw + 1));
    long b = mix(a + GOLDEN);
    return new Well19937c(new int[] {(int) (a >>> 32), (int) a, (int) (b >>> 32), (int) b});
  }

  /**
   * The point of the open unit hypercube (0, 1)^{@code dimension} for draw {@code draw}: coordinate k
   * is the k-th uniform of the draw's generator (0 is redrawn, so every inverse CDF is finite).
   */
  public static double[] point(long seed, long draw, int dimension) {
    RandomGenerator g = generator(seed, draw);
    double[] u = new double[dimension];
    for (int k = 0; k < dimension; k++) {
      double x;
      do {
        x = g.nextDouble();
      } while (x <= 0);
      u[k] = x;
    }
    return u;
  }
}
