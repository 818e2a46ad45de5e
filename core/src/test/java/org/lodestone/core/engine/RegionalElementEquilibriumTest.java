package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The element-price equilibrium with R regions (ElementEquilibrium's Javadoc, "Regions and trade"):
 * known answers computed by hand, and properties of seeded random markets. Producers offer along
 * {@code MC = c0 (1 + α u / (1 − u))}; a link's flow is {@code clamp((p_b − p_a − c − μ) / w, 0, F)}.
 */
class RegionalElementEquilibriumTest {
  private static final int G = ElementEquilibrium.G;
  private static final int IM = ElementEquilibrium.IM;

  private static double mc(double c0, double alpha, double u) {
    return c0 * (1 + alpha * u / (1 - u));
  }

  /**
   * Magnets only (no material content, so every oxide, separation and metal price is flat and sits at
   * the tie-break point 0): region 0 has a maker (K 1,000 t, c0 10, α 0.1) and demand d0; region 1 a
   * maker of cash cost c1 (K 1,000 t, α 0.1; none when c1 = 0) and demand d1, both inelastic. One link
   * carries magnets from 0 to 1 at 2 USD/kg, under an export cap of {@code exportCap} t.
   */
  private static ElementEquilibrium twoRegions(double d0, double d1, double c1, double exportCap) {
    ElementEquilibrium eq = new ElementEquilibrium(2, 0, 1, 2, null, 1, null, 1);
    for (int p = 0; p < 2; p++) {
      eq.kind[p] = ElementEquilibrium.MAGNET;
      eq.region[p] = p;
      eq.cap[p] = p == 0 || c1 > 0 ? 1_000 : 0;
      eq.c0[p] = p == 0 ? 10 : c1;
      eq.a[p] = 0.1 * eq.c0[p];
    }
    eq.dRef[0] = d0;
    eq.dRef[1] = d1;
    eq.eps[0] = 0;
    eq.pRef = 40;
    eq.pChoke = 1e6;
    for (int e = 0; e < ElementEquilibrium.E; e++) {
      eq.pRefEl[e] = 10;
    }
    eq.linkKind[0] = ElementEquilibrium.TRADE;
    eq.linkFrom[0] = eq.at(0, IM);
    eq.linkTo[0] = eq.at(1, IM);
    eq.linkCost[0] = 2;
    eq.linkGroup[0] = eq.iX;
    eq.exportCapT[0] = exportCap;
    eq.x[eq.at(0, IM)] = 40;
    eq.x[eq.at(1, IM)] = 40;
    eq.prepare();
    eq.solve();
    return eq;
  }

  @Test
  void priceGapIsTheTradeCostWhereTradeFlows() {
    // region 1 (500 t) has no maker: region 0's maker runs at u = 0.5, p0 = MC = 10 (1 + 0.1) = 11; the
    // link carries f = 500 t and p1 = p0 + 2 + w f (the trade cost plus the congestion w f)
    ElementEquilibrium eq = twoRegions(0, 500, 0, Double.POSITIVE_INFINITY);
    double p0 = eq.x[eq.at(0, IM)];
    double p1 = eq.x[eq.at(1, IM)];
    double f = eq.linkFlow(0);
    assertThat(eq.converged).isTrue();
    assertThat(f).isCloseTo(500, within(1e-6));
    assertThat(p0).isCloseTo(mc(10, 0.1, 0.5), within(1e-9));
    assertThat(p1 - p0).isCloseTo(2 + eq.linkW[0] * f, within(1e-9));
    // the congestion is at most CONGESTION of the price scale for the whole flow
    assertThat(eq.linkW[0] * f).isLessThanOrEqualTo(ElementEquilibrium.CONGESTION * eq.pRef + 1e-12);
    assertThat(eq.x[eq.iX]).isEqualTo(0); // no cap binds
  }

  @Test
  void priceGapIsBelowTheTradeCostWhereNothingFlows() {
    // d0 = 500, d1 = 200, c1 = 11: at home p0 = MC(u = 0.5) = 11 and p1 = 11 (1 + 0.1 × 0.2 / 0.8) =
    // 11.275; the gap 0.275 is below the 2 USD/kg trade cost, so nothing flows
    ElementEquilibrium eq = twoRegions(500, 200, 11, Double.POSITIVE_INFINITY);
    assertThat(eq.linkFlow(0)).isEqualTo(0);
    assertThat(eq.x[eq.at(0, IM)]).isCloseTo(mc(10, 0.1, 0.5), within(1e-9));
    assertThat(eq.x[eq.at(1, IM)]).isCloseTo(mc(11, 0.1, 0.2), within(1e-9));
    assertThat(eq.x[eq.at(1, IM)] - eq.x[eq.at(0, IM)]).isLessThan(2);
  }

  @Test
  void anExportCapRaisesTheImportersPriceAndLowersTheExporters() {
    // d1 = 500, region 1's maker c1 = 20. Free trade: imports (landed 11 + 2 + w 500 < 20) serve all of
    // it, p0 = 11, p1 = 13 + w 500, region 1's maker idles. Exports capped at 300 t: region 0's maker runs
    // at u = 0.3, p0 = 10 (1 + 0.1 × 0.3 / 0.7) = 10.428571; region 1's maker makes the other 200 t,
    // p1 = 20 (1 + 0.1 × 0.2 / 0.8) = 20.5; the cap's rent μ = p1 − p0 − 2 − w 300
    ElementEquilibrium free = twoRegions(0, 500, 20, Double.POSITIVE_INFINITY);
    ElementEquilibrium capped = twoRegions(0, 500, 20, 300);
    assertThat(free.linkFlow(0)).isCloseTo(500, within(1e-6));
    assertThat(free.x[free.at(0, IM)]).isCloseTo(11, within(1e-9));
    assertThat(free.x[free.at(1, IM)]).isCloseTo(13 + free.linkW[0] * 500, within(1e-9));
    assertThat(capped.linkFlow(0)).isCloseTo(300, within(1e-6));
    double p0 = capped.x[capped.at(0, IM)];
    double p1 = capped.x[capped.at(1, IM)];
    assertThat(p0).isCloseTo(mc(10, 0.1, 0.3), within(1e-9));
    assertThat(p1).isCloseTo(mc(20, 0.1, 0.2), within(1e-9));
    assertThat(p0).isLessThan(free.x[free.at(0, IM)]);
    assertThat(p1).isGreaterThan(free.x[free.at(1, IM)]);
    assertThat(capped.x[capped.iX]).isCloseTo(p1 - p0 - 2 - capped.linkW[0] * 300, within(1e-9));
  }

  // ---- properties of seeded random markets ---------------------------------------------------

  /**
   * A random market of R = 1..4 regions: in each, 0-2 mines (random splits of the three elements),
   * 0-1 separator, metal maker and magnet maker, demand in 1-2 sectors of random elasticity; trade
   * links of every good between every pair that has it, at random costs; a random export cap on some.
   */
  static ElementEquilibrium random(long seed) {
    Random rnd = new Random(seed);
    int nR = 1 + rnd.nextInt(4);
    int perRegion = 5;
    int nP = nR * perRegion;
    java.util.List<int[]> links = new java.util.ArrayList<>();
    boolean[] routed = new boolean[nP];
    for (int r = 0; r < nR; r++) {
      for (int k = 0; k < 2; k++) {
        routed[r * perRegion + k] = nR > 1;
      }
    }
    // every region has every good (a regional market in which each good can be bought everywhere)
    for (int r = 0; r < nR && nR > 1; r++) {
      for (int k = 0; k < 2; k++) {
        for (int b = 0; b < nR; b++) {
          links.add(new int[] {ElementEquilibrium.ROUTE, r * perRegion + k, b});
        }
      }
    }
    int[] goods = {0, 1, 2, ElementEquilibrium.IT, IM};
    for (int g : goods) {
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (a != b) {
            links.add(new int[] {ElementEquilibrium.TRADE, a, b, g});
          }
        }
      }
    }
    int nX = nR > 1 ? 1 : 0;
    ElementEquilibrium eq = new ElementEquilibrium(nP, 0, 2, nR, null, nX, routed, links.size());
    for (int r = 0; r < nR; r++) {
      for (int k = 0; k < perRegion; k++) {
        int p = r * perRegion + k;
        eq.region[p] = r;
        eq.kind[p] = k < 2 ? ElementEquilibrium.MINE : k - 1;
        boolean present = k == 0 || rnd.nextDouble() < 0.7;
        eq.cap[p] = present ? 500 + 2_000 * rnd.nextDouble() : 0;
        eq.c0[p] = 1 + 10 * rnd.nextDouble();
        eq.a[p] = (0.02 + 0.2 * rnd.nextDouble()) * eq.c0[p];
        if (k < 2) {
          double s0 = 0.1 + 0.2 * rnd.nextDouble();
          double s1 = 0.05 * rnd.nextDouble();
          double s2 = 0.01 * rnd.nextDouble();
          eq.split[p * 3] = s0;
          eq.split[p * 3 + 1] = s1;
          eq.split[p * 3 + 2] = s2;
          eq.otherShare[p] = 1 - s0 - s1 - s2;
        }
        eq.exChina[p] = r > 0;
      }
      // the magnet makers' scale: sized to the region's demand so that most years clear below the choke
      for (int s = 0; s < 2; s++) {
        eq.dRef[s * nR + r] = 50 + 300 * rnd.nextDouble();
        eq.sticky[s * nR + r] = r > 0 ? 0.2 * rnd.nextDouble() : 0;
      }
    }
    for (int s = 0; s < 2; s++) {
      eq.eps[s] = -0.1 - 0.9 * rnd.nextDouble();
    }
    eq.otherValue = rnd.nextDouble();
    eq.pRef = 40;
    eq.pChoke = 400;
    eq.premiumCap = 20;
    double[] oxide = {0.35, 0.02, 0.005};
    double[] ref = {50, 300, 1000};
    for (int e = 0; e < 3; e++) {
      eq.ox[e] = oxide[e];
      eq.met[e] = oxide[e] * 0.8;
      eq.kappa[e] = 0.8;
      eq.pRefEl[e] = ref[e];
      eq.eta[e] = e == 0 ? 0 : 0.3;
    }
    for (int li = 0; li < links.size(); li++) {
      int[] l = links.get(li);
      eq.linkKind[li] = l[0];
      if (l[0] == ElementEquilibrium.ROUTE) {
        eq.linkFrom[li] = l[1];
        eq.linkTo[li] = l[2];
        eq.linkCost[li] = eq.region[l[1]] == l[2] ? 0 : 0.5 * rnd.nextDouble();
      } else {
        eq.linkFrom[li] = eq.at(l[1], l[3]);
        eq.linkTo[li] = eq.at(l[2], l[3]);
        eq.linkCost[li] = rnd.nextDouble() * (l[3] == IM ? 3 : 2);
        // export cap on region 0's magnets
        if (l[3] == IM && l[1] == 0) {
          eq.linkGroup[li] = eq.iX;
        }
      }
    }
    if (nX > 0) {
      eq.exportCapT[0] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 100 * rnd.nextDouble();
    }
    for (int r = 0; r < nR; r++) {
      for (int e = 0; e < 3; e++) {
        eq.x[eq.at(r, e)] = ref[e];
      }
      eq.x[eq.at(r, IM)] = 40;
      eq.x[eq.at(r, ElementEquilibrium.IS)] = 3;
      eq.x[eq.at(r, ElementEquilibrium.IT)] = 3;
    }
    return eq;
  }

  private static double[] solve(ElementEquilibrium eq, Random perturb) {
    if (perturb != null) {
      for (int i = 0; i < eq.n; i++) {
        eq.x[i] = Math.max(eq.x[i], 1) * (0.2 + 4 * perturb.nextDouble());
      }
    }
    eq.prepare();
    eq.solve();
    return eq.x.clone();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void randomMarketsMeetTheEquilibriumConditions(long seed) {
    ElementEquilibrium eq = random(seed);
    double[] x = solve(eq, null);
    assertThat(eq.converged).as("converged: %s (R = %d, iterations %d)", eq.worst(), eq.nR, eq.iterations).isTrue();
    double[] grad = eq.gradient();
    // mass balance at every node: no good short anywhere; complementary slackness: a good with a
    // price above its floor clears, a good in surplus is free (each element, each region)
    for (int i = 0; i < eq.n; i++) {
      double tol = 1e-9 * eq.flowScale[i] + 1e-9;
      assertThat(grad[i]).as("balance of unknown %d", i).isGreaterThanOrEqualTo(-tol);
      boolean atLower = x[i] <= eq.lo[i] + 1e-9 * Math.max(1, eq.priceScale[i]);
      boolean atUpper = x[i] >= eq.hi[i] - 1e-9 * Math.max(1, eq.priceScale[i]);
      if (!atLower && !atUpper) {
        assertThat(Math.abs(grad[i])).as("slackness of unknown %d", i).isLessThanOrEqualTo(tol);
      }
    }
    // every link: flow > 0 only where the margin is positive, and then flow = margin / w (or the cap)
    for (int li = 0; li < eq.nL; li++) {
      double f = eq.linkFlow(li);
      assertThat(f).isGreaterThanOrEqualTo(0);
      if (eq.linkKind[li] == ElementEquilibrium.TRADE && eq.linkGroup[li] < 0) {
        double gap = x[eq.linkTo[li]] - x[eq.linkFrom[li]];
        if (f > 0) {
          assertThat(gap).isCloseTo(eq.linkCost[li] + eq.linkW[li] * f, within(1e-9 * (1 + Math.abs(gap))));
        } else {
          assertThat(gap).isLessThanOrEqualTo(eq.linkCost[li] + 1e-9);
        }
      }
    }
    // the export cap: exports within it; its rent positive only when it binds
    if (eq.nX > 0) {
      double exports = 0;
      for (int li = 0; li < eq.nL; li++) {
        if (eq.linkGroup[li] == eq.iX) {
          exports += eq.linkFlow(li);
        }
      }
      double cap = eq.exportCapT[0];
      assertThat(exports).isLessThanOrEqualTo(cap * (1 + 1e-9) + 1e-9);
      if (x[eq.iX] > 1e-9) {
        assertThat(exports).isCloseTo(cap, within(1e-6 * (1 + cap)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
  void pricesAreUniqueAndReproducible(long seed) {
    double[] a = solve(random(seed), null);
    double[] again = solve(random(seed), null);
    assertThat(again).as("same seed, same bits").isEqualTo(a);
    ElementEquilibrium other = random(seed);
    double[] b = solve(other, new Random(seed * 31 + 7));
    assertThat(other.converged).isTrue();
    for (int i = 0; i < a.length; i++) {
      // every price to 1e-6 relative (a price at its tie-break point 0 to 1e-6 of its scale)
      double scale = Math.max(Math.abs(a[i]), 1e-3 * Math.max(1, other.priceScale[i]));
      assertThat(b[i]).as("unknown %d from a perturbed start", i).isCloseTo(a[i], within(1e-6 * scale));
    }
  }
}
