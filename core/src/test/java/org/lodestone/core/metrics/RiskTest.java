package org.lodestone.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known answers by hand for import reliance, top shares, days of cover and volatility. */
class RiskTest {
  private static final double TOL = 1e-12;

  @Test
  void importRelianceOfATwoRegionToy() {
    // region A produces 100 t and exports 60 t to B; B produces 20 t and imports the 60 t.
    // A: consumption 100 - 60 = 40, net imports -60 -> a net exporter relies on nothing: 0
    // B: consumption 20 + 60 = 80, net imports 60 -> 60 / 80 = 0.75
    assertThat(Risk.importReliance(100, 0, 60)).isEqualTo(0.0);
    assertThat(Risk.importReliance(20, 60, 0)).isCloseTo(0.75, within(TOL));
    // re-exports: B imports 60, exports 10 -> consumption 70, net 50 -> 5/7
    assertThat(Risk.importReliance(20, 60, 10)).isCloseTo(50.0 / 70, within(TOL));
    // makes none of what it uses -> 1
    assertThat(Risk.importReliance(0, 30, 0)).isEqualTo(1.0);
    // exports everything it makes and imports nothing: no consumption, undefined
    assertThat(Risk.importReliance(10, 0, 10)).isNaN();
  }

  @Test
  void importRelianceIgnoresASolversResidue() {
    // a region that exports all of its 49,330.8968 t: the solver's residue of either sign is no
    // consumption (it made Myanmar's import reliance and supply risk appear and vanish by year)
    assertThat(Risk.importReliance(49330.8968, 0, 49330.8968 - 3e-7)).isNaN();
    assertThat(Risk.importReliance(49330.8968, 0, 49330.8968 + 3e-7)).isNaN();
    // a region that makes nothing and imports a residue of 1e-12 t does not rely on imports wholly
    assertThat(Risk.importReliance(0, 1e-12, 0)).isNaN();
    // above the tolerance it is a consumption: 1e-6 of 100 t kept at home of 100 t exported -> 0
    assertThat(Risk.importReliance(100, 0, 100 - 1e-4)).isEqualTo(0.0);
    assertThat(Risk.importReliance(0, 1e-3, 0)).isEqualTo(1.0);
    // against the world's 300,000 t of ore: 2.9e-9 t imported by a region with no mines is a residue,
    // 1 t is a reliance
    assertThat(Risk.importReliance(0, 2.9e-9, 0, 300_000)).isNaN();
    assertThat(Risk.importReliance(0, 1, 0, 300_000)).isEqualTo(1.0);
    assertThat(Risk.importReliance(20, 60, 0, 300_000)).isCloseTo(0.75, within(TOL));
  }

  @Test
  void topShares() {
    // 50, 30, 10, 10 of 100: top1 0.5, top3 0.9; order of holders does not matter
    double[] a = {10, 30, 10, 50};
    assertThat(Risk.topShare(a, 1)).isCloseTo(0.5, within(TOL));
    assertThat(Risk.topShare(a, 3)).isCloseTo(0.9, within(TOL));
    assertThat(a).containsExactly(10, 30, 10, 50); // not sorted in place
    assertThat(Risk.topShare(new double[] {7, 3}, 3)).isEqualTo(1.0); // fewer holders than 3
    assertThat(Risk.topShare(new double[] {0, 0}, 1)).isNaN();
  }

  @Test
  void daysOfCover() {
    // 1,000 t held against 36,500 t a year (100 t a day) covers 10 days
    assertThat(Risk.daysOfCover(1000, 36_500)).isCloseTo(10, within(1e-9));
    assertThat(Risk.daysOfCover(1000, 0)).isNaN();
  }

  @Test
  void volatilityOfAlternatingPrices() {
    // prices 100, 200, 100, 200, 100, 200: the five log changes are +l, -l, +l, -l, +l with l = ln 2;
    // mean l/5, deviations 4l/5 (x3) and -6l/5 (x2): sum of squares (3*16 + 2*36) l^2 / 25 = 4.8 l^2;
    // sample variance 4.8 l^2 / 4 = 1.2 l^2 -> sd = l * sqrt(1.2)
    double[] p = {100, 200, 100, 200, 100, 200};
    assertThat(Risk.volatility(p, 5, 1, 0)).isCloseTo(Math.log(2) * Math.sqrt(1.2), within(TOL));
    assertThat(Risk.volatility(p, 4, 1, 0)).isNaN(); // window starts before the series
    // a constant growth rate has no volatility
    double[] g = {1, 2, 4, 8, 16, 32, 64};
    assertThat(Risk.volatility(g, 6, 1, 0)).isCloseTo(0, within(1e-15));
    // strided series: the second of two interleaved series
    double[] two = new double[12];
    for (int t = 0; t < 6; t++) {
      two[2 * t] = 5;
      two[2 * t + 1] = p[t];
    }
    assertThat(Risk.volatility(two, 5, 2, 1)).isEqualTo(Risk.volatility(p, 5, 1, 0));
    assertThat(Risk.volatility(two, 5, 2, 0)).isEqualTo(0.0);
    // a zero price (a co-product nobody buys) makes the log change undefined
    assertThat(Risk.volatility(new double[] {1, 2, 0, 2, 1, 2}, 5, 1, 0)).isNaN();
  }

  @Test
  void topShareIsTheSumOverASortedCopyBitForBit() {
    // the partial selection must give the bits of the definition: sort, sum the k largest, largest
    // first, divide by the total; seeded arrays with ties, zeros of both signs and k beyond the length
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int trial = 0; trial < 100_000; trial++) {
      double[] x = new double[r.nextInt(12)];
      for (int i = 0; i < x.length; i++) {
        int c = r.nextInt(6);
        x[i] = c == 0 ? 0.0 : c == 1 ? -0.0 : c == 2 && i > 0 ? x[i - 1] : r.nextDouble() * 100;
      }
      int k = r.nextInt(5);
      double total = Concentration.total(x);
      double expected = Double.NaN;
      if (total > 0) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        double top = 0;
        for (int i = 0; i < k && i < s.length; i++) {
          top += s[s.length - 1 - i];
        }
        expected = top / total;
      }
      assertThat(Double.doubleToRawLongBits(Risk.topShare(x, k)))
          .as("top %d of %s", k, java.util.Arrays.toString(x))
          .isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }
}
