package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Element;

/**
 * Known answers of the element-price equilibrium, computed by hand in each test. Producers offer along
 * {@code MC = c0 (1 + α u / (1 − u))}; the equilibrium minimises the dual Φ (ElementEquilibrium's Javadoc).
 */
class ElementEquilibriumTest {
  private static final double TOL = 1e-7;
  private static final int A = Element.NDPR.ordinal();
  private static final int B = Element.DY.ordinal();

  /** Marginal cost of a producer of cash cost c0 and curvature α at utilisation u. */
  private static double mc(double c0, double alpha, double u) {
    return c0 * (1 + alpha * u / (1 - u));
  }

  /**
   * One mine (K 10,000 t, c0 2, α 0.05) yields A and B in fixed proportion (20 % and 5 % of its
   * REO), one separator (K 10,000 t, c0 1), one magnet maker (K 5,000 t, c0 10); magnet demand is
   * 1,000 t whatever the price (ε = 0); no metal stage (metal content 0).
   */
  private static ElementEquilibrium jointProducts(double oxB, double etaB) {
    return jointProducts(oxB, etaB, false);
  }

  /** {@link #jointProducts(double, double)} with the grade choice's power form when {@code power}. */
  private static ElementEquilibrium jointProducts(double oxB, double etaB, boolean power) {
    ElementEquilibrium eq = new ElementEquilibrium(3, 0, 1);
    eq.powerGrade = power;
    eq.kind[0] = ElementEquilibrium.MINE;
    eq.cap[0] = 10_000;
    eq.c0[0] = 2;
    eq.a[0] = 0.05 * 2;
    eq.split[A] = 0.20;
    eq.split[B] = 0.05;
    eq.otherShare[0] = 0.75;
    eq.kind[1] = ElementEquilibrium.SEP;
    eq.cap[1] = 10_000;
    eq.c0[1] = 1;
    eq.a[1] = 0.05;
    eq.kind[2] = ElementEquilibrium.MAGNET;
    eq.cap[2] = 5_000;
    eq.c0[2] = 10;
    eq.a[2] = 0.05 * 10;
    eq.dRef[0] = 1_000;
    eq.eps[0] = 0;
    eq.pRef = 40;
    eq.pChoke = 1e6;
    eq.ox[A] = 0.3;
    eq.ox[B] = oxB;
    eq.pRefEl[A] = 50;
    eq.pRefEl[B] = 100;
    eq.pRefEl[2] = 1000;
    eq.eta[B] = etaB;
    eq.x[A] = 50;
    eq.x[B] = 100;
    eq.x[ElementEquilibrium.IM] = 40;
    eq.prepare();
    eq.solve();
    return eq;
  }

  @Test
  void demandForAOnlyMakesBFreeAndAPaysTheWholeCost() {
    ElementEquilibrium eq = jointProducts(0, 0);
    // A's demand 1,000 × 0.3 = 300 t needs 300 / 0.2 = 1,500 t of REO: u = 0.15 at the mine and the
    // separator; B's 75 t find no buyer, so B is free and A carries mine and separation costs:
    // p_A = (MC_mine + MC_sep) / 0.2 = (2.0176471 + 1.0088235) / 0.2 = 15.132353
    double pA = (mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15)) / 0.2;
    assertThat(eq.x[B]).isEqualTo(0);
    assertThat(eq.x[A]).isCloseTo(pA, within(TOL * pA));
    assertThat(eq.output(0)).isCloseTo(1_500, within(1e-6));
    // the excess B is disposed of: supply 75 t, demand 0
    assertThat(eq.gradient()[B]).isCloseTo(75, within(1e-6));
    // magnet price = conversion MC at u = 0.2 + materials: 10 (1 + 0.05 × 0.25) + 0.3 p_A
    assertThat(eq.x[ElementEquilibrium.IM]).isCloseTo(mc(10, 0.05, 0.2) + 0.3 * pA, within(1e-6));
  }

  @Test
  void demandForBothSplitsTheCostByDemand() {
    // B's content responds to its price: 0.06 exp(−0.5 (p_B/100 − 1)) kg per kg magnet. The mine still
    // runs for A (1,500 t REO, A has no substitute), so B's supply is 75 t; B clears where
    // 60 exp(−0.5 (p/100 − 1)) = 75: p_B = 100 (1 − 2 ln 1.25) = 55.371 USD/kg, and A takes the rest of
    // the cost: p_A = (MC_mine + MC_sep − 0.05 p_B) / 0.2 = 1.289558
    ElementEquilibrium eq = jointProducts(0.06, 0.5);
    double pB = 100 * (1 - 2 * Math.log(1.25));
    double pA = (mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15) - 0.05 * pB) / 0.2;
    assertThat(eq.x[B]).isCloseTo(pB, within(TOL * pB));
    assertThat(eq.x[A]).isCloseTo(pA, within(TOL * 10));
    assertThat(0.2 * eq.x[A] + 0.05 * eq.x[B]).isCloseTo(mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15), within(TOL));
    assertThat(eq.gradient()[B]).isCloseTo(0, within(1e-6));
    assertThat(eq.gradeFactor(B)).isCloseTo(1.25, within(1e-9));
  }

  @Test
  void powerFormContentAndMaterialCostAtTwiceTheReferencePrice() {
    // the power form (AUDIT.md Part A s.5 item 3): content = g0 (p/p_ref)^ε; at p = 2 p_ref with
    // ε = −0.3 the factor is 2^−0.3 = 0.812252. The material cost is G(C) = ∫_0^C h with the ceiling
    // e^0.3 below p_ref / e: G(200) = 100 [e^−0.7 + (2^0.7 − e^−0.7) / 0.7]
    // = 100 [0.496585 + (1.624505 − 0.496585) / 0.7] = 210.790, so the maker's net value is
    // p_M − 0.3 p_A − 0.06 G(200) = 40 − 15 − 12.6474 = 12.3526
    ElementEquilibrium eq = jointProducts(0.06, 0.3, true);
    eq.x[A] = 50;
    eq.x[B] = 200;
    eq.x[ElementEquilibrium.IM] = 40;
    assertThat(eq.gradeFactor(B)).isCloseTo(Math.pow(2, -0.3), within(1e-12));
    assertThat(Math.pow(2, -0.3)).isCloseTo(0.812252, within(1e-6));
    double g = 100 * (Math.exp(-0.7) + (Math.pow(2, 0.7) - Math.exp(-0.7)) / 0.7);
    assertThat(g).isCloseTo(210.790, within(1e-3));
    assertThat(eq.netValue(2)).isCloseTo(40 - 0.3 * 50 - 0.06 * g, within(1e-9));
    // at the reference price the content is the design content, as in the exponential form
    eq.x[B] = 100;
    assertThat(eq.gradeFactor(B)).isCloseTo(1, within(1e-12));
    // at 3x the reference the power form keeps the elasticity: 3^−0.3 = 0.719223; the exponential
    // form's exp(−0.3 × 2) = 0.548812 is an arc elasticity of ln(0.548812) / ln 3 = −0.546
    eq.x[B] = 300;
    assertThat(eq.gradeFactor(B)).isCloseTo(0.719223, within(1e-6));
    // below p_ref / e = 36.788 the content stays at the ceiling e^0.3 = 1.349859, and G is linear there
    eq.x[B] = 20;
    assertThat(eq.gradeFactor(B)).isCloseTo(Math.exp(0.3), within(1e-12));
    assertThat(eq.netValue(2)).isCloseTo(40 - 0.3 * 50 - 0.06 * Math.exp(0.3) * 20, within(1e-9));
    // continuous at the ceiling's edge: G(100/e) = 100 e^−0.7 from both sides
    eq.x[B] = 100 * Math.exp(-1) * (1 + 1e-12);
    assertThat(eq.netValue(2)).isCloseTo(40 - 0.3 * 50 - 0.06 * 100 * Math.exp(-0.7), within(1e-9));
  }

  @Test
  void powerFormEquilibriumOnTheJointProductToy() {
    // as demandForBothSplitsTheCostByDemand, with the power form and ε = −0.3: B's 75 t clear where
    // 60 (p_B/100)^−0.3 = 75, p_B = 100 × 0.8^(1/0.3) = 47.5299 USD/kg (above the ceiling's edge
    // 36.79), and A takes the rest of the cost: p_A = (3.0264706 − 0.05 × 47.5299) / 0.2 = 3.2499 USD/kg
    ElementEquilibrium eq = jointProducts(0.06, 0.3, true);
    double pB = 100 * Math.pow(0.8, 1 / 0.3);
    assertThat(pB).isCloseTo(47.5299, within(1e-4));
    double pA = (mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15) - 0.05 * pB) / 0.2;
    assertThat(pA).isCloseTo(3.250, within(1e-3));
    assertThat(eq.x[B]).isCloseTo(pB, within(TOL * pB));
    assertThat(eq.x[A]).isCloseTo(pA, within(TOL * 10));
    assertThat(eq.gradeFactor(B)).isCloseTo(1.25, within(1e-9));
    assertThat(eq.gradient()[B]).isCloseTo(0, within(1e-6));
    assertThat(eq.output(0)).isCloseTo(1_500, within(1e-6));
  }

  @Test
  void powerFormAtTheCeilingLeavesASurplusFree() {
    // oxB 0.05: even at the ceiling e^0.3 the makers take 1,000 × 0.05 × 1.349859 = 67.49 t of B, below
    // the 75 t the mine yields running for A; B is free (p_B = 0), 7.507 t are disposed of
    ElementEquilibrium eq = jointProducts(0.05, 0.3, true);
    assertThat(eq.x[B]).isEqualTo(0);
    assertThat(eq.gradeFactor(B)).isCloseTo(Math.exp(0.3), within(1e-12));
    assertThat(eq.gradient()[B]).isCloseTo(75 - 50 * Math.exp(0.3), within(1e-6));
    assertThat(eq.x[A]).isCloseTo((mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15)) / 0.2, within(TOL * 20));
  }

  @Test
  void aScarceCoProductCanCarryTheMine() {
    // B's demand at p_B = 0 is 0.10 × 1.6487 × 1,000 = 164.9 t > 75 t, and with B dear enough the mine
    // would rather run for B: if A were the driver p_A would be negative, so A is free and in
    // surplus, and B alone pays: 0.05 p_B = MC_mine(u) + MC_sep(u), with u = R / 10,000 and
    // 100 exp(−0.5 (p_B/100 − 1)) = 0.05 R
    ElementEquilibrium eq = jointProducts(0.10, 0.5);
    assertThat(eq.x[A]).isEqualTo(0);
    double r = eq.output(0);
    double u = r / 10_000;
    assertThat(0.05 * eq.x[B]).isCloseTo(mc(2, 0.05, u) + mc(1, 0.05, u), within(1e-6));
    assertThat(100 * Math.exp(-0.5 * (eq.x[B] / 100 - 1))).isCloseTo(0.05 * r, within(1e-6));
    assertThat(eq.gradient()[A]).isGreaterThan(0); // A in surplus at price 0
  }

  /** Two magnet makers (c0 10 and 20, K 1,000 t each, α 0.1) and inelastic demand Q, no materials. */
  private static ElementEquilibrium twoMakers(double q) {
    ElementEquilibrium eq = new ElementEquilibrium(2, 0, 1);
    for (int p = 0; p < 2; p++) {
      eq.kind[p] = ElementEquilibrium.MAGNET;
      eq.cap[p] = 1_000;
      eq.c0[p] = 10 * (p + 1);
      eq.a[p] = 0.1 * eq.c0[p];
    }
    eq.dRef[0] = q;
    eq.pRef = 40;
    eq.pChoke = 1e6;
    java.util.Arrays.fill(eq.pRefEl, 1);
    eq.x[ElementEquilibrium.IM] = 40;
    eq.prepare();
    eq.solve();
    return eq;
  }

  @Test
  void utilisationCurveSetsThePriceBetweenTwoProducersCosts() {
    // 900 t from the cheaper maker alone: u = 0.9, MC = 10 (1 + 0.1 × 0.9 / 0.1) = 19, below the dearer
    // maker's cash cost 20, so it stays idle
    ElementEquilibrium eq = twoMakers(900);
    assertThat(eq.x[ElementEquilibrium.IM]).isCloseTo(19, within(1e-7));
    assertThat(eq.output(0)).isCloseTo(900, within(1e-6));
    assertThat(eq.output(1)).isEqualTo(0);
    // 1,500 t: both run at the same price p with q1 + q2 = 1,500, q_i = K x_i / (x_i + A_i)
    ElementEquilibrium both = twoMakers(1_500);
    double p = both.x[ElementEquilibrium.IM];
    double q1 = 1_000 * (p - 10) / (p - 10 + 1);
    double q2 = 1_000 * (p - 20) / (p - 20 + 2);
    assertThat(p).isGreaterThan(20);
    assertThat(q1 + q2).isCloseTo(1_500, within(1e-6));
    assertThat(mc(10, 0.1, q1 / 1_000)).isCloseTo(p, within(1e-7));
    assertThat(mc(20, 0.1, q2 / 1_000)).isCloseTo(p, within(1e-7));
  }

  /**
   * Two-period storage: a mine at fixed price setting (as in {@link #jointProducts}) and A's storage
   * with the expected next-year price E. A kg held is worth {@code b = E (1 − c) / (1 + r)} now, so the
   * holder carries stock exactly when the gap E − p exceeds the carrying cost E − b.
   */
  @Test
  void anOxideUseOutsideMagnetsClearsTheSurplusElementAtItsOwnPrice() {
    // the toy of demandForAOnlyMakesBFreeAndAPaysTheWholeCost: the mine runs for A (1,500 t REO), so B's
    // supply is 75 t whatever B's price. A use of B outside magnets, 50 (p/100)^-0.5 t, clears it where
    // 50 (p/100)^-0.5 = 75: p_B = 100 (50/75)^2 = 44.444 USD/kg; A takes the rest of the basket's cost:
    // p_A = (MC_mine + MC_sep - 0.05 p_B) / 0.2
    ElementEquilibrium eq = withUseOfB(50, -0.5);
    double pB = 100 * Math.pow(50.0 / 75, 2);
    double pA = (mc(2, 0.05, 0.15) + mc(1, 0.05, 0.15) - 0.05 * pB) / 0.2;
    assertThat(eq.x[B]).isCloseTo(pB, within(TOL * pB));
    assertThat(eq.x[A]).isCloseTo(pA, within(TOL * 10));
    assertThat(eq.oxideUse(0, B, eq.x[B])).isCloseTo(75, within(1e-6));
    assertThat(eq.gradient()[B]).isCloseTo(0, within(1e-6));
    assertThat(eq.output(0)).isCloseTo(1_500, within(1e-6));
  }

  @Test
  void anOxideUseTakesNoMoreThanItsCeilingAndLeavesTheRestFree() {
    // ε = -0.1: the use takes at most U 0.01^-0.1 = 1.585 U (below 1 % of the reference price it takes
    // no more). U = 50: 79.2 t >= 75 t, so B clears at 100 (75/50)^-10 = 1.734 USD/kg, above the floor
    ElementEquilibrium eq = withUseOfB(50, -0.1);
    double pB = 100 * Math.pow(75.0 / 50, -10);
    assertThat(eq.x[B]).isCloseTo(pB, within(1e-6 * pB));
    assertThat(eq.gradient()[B]).isCloseTo(0, within(1e-6));
    // U = 40: at most 63.4 t, less than the 75 t: B is free and 11.6 t are disposed of
    eq = withUseOfB(40, -0.1);
    double most = 40 * Math.pow(0.01, -0.1);
    assertThat(eq.x[B]).isEqualTo(0);
    assertThat(eq.oxideUse(0, B, 0)).isCloseTo(most, within(1e-9));
    assertThat(eq.gradient()[B]).isCloseTo(75 - most, within(1e-6));
    // a fixed tonnage (ε = 0) above the supply: B rises until the mine runs for B; below: B is free
    eq = withUseOfB(60, 0);
    assertThat(eq.x[B]).isEqualTo(0);
    assertThat(eq.gradient()[B]).isCloseTo(15, within(1e-6));
  }

  /** The joint-product toy with no B in magnets and a use of B outside magnets, U (p/100)^ε t. */
  private static ElementEquilibrium withUseOfB(double tonnes, double elasticity) {
    ElementEquilibrium eq = jointProducts(0, 0);
    eq.useRef[B] = tonnes;
    eq.useEps[B] = elasticity;
    eq.x[B] = 100;
    eq.prepare();
    eq.solve();
    return eq;
  }

  @Test
  void storageCarriesOverExactlyWhenThePriceGapExceedsTheCarryingCost() {
    double pNoStock = jointProducts(0, 0).x[A]; // 15.132 USD/kg
    double rate = 0.08;
    double carry = 0.02;
    for (double expected : new double[] {pNoStock * 1.08 / 0.98 * 0.999, pNoStock * 1.08 / 0.98 * 1.2}) {
      ElementEquilibrium eq = jointProducts(0, 0);
      double b = expected * (1 - carry) / (1 + rate);
      eq.stCap[A] = 1_000;
      eq.stPrev[A] = 0;
      eq.stB[A] = b;
      eq.stW[A] = 0.5 * expected / 1_000;
      eq.prepare();
      eq.solve();
      double stock = eq.stock(A, eq.x[A]);
      if (b <= pNoStock) {
        // the gap is below the carrying cost: nothing is stored and the price is unchanged
        assertThat(stock).isEqualTo(0);
        assertThat(eq.x[A]).isCloseTo(pNoStock, within(1e-7 * pNoStock));
      } else {
        // stored: the price rises to b − w' S, the mine supplies the stock on top of the demand
        assertThat(stock).isGreaterThan(0);
        assertThat(eq.x[A]).isCloseTo(b - eq.stW[A] * stock, within(1e-6));
        assertThat(0.2 * eq.output(0)).isCloseTo(300 + stock, within(1e-6));
        assertThat(eq.x[A]).isGreaterThan(pNoStock).isLessThan(b);
      }
    }
  }

  @Test
  void aCapEarnsARentOnlyWhenItBinds() {
    // the separator under a cap of 1,000 t of REO while 1,500 t are mined: a second, dearer separator
    // (c0 3, K 10,000) separates the rest, and the cap's rent is the gap between the two MCs
    ElementEquilibrium eq = new ElementEquilibrium(4, 1, 1);
    eq.kind[0] = ElementEquilibrium.MINE;
    eq.cap[0] = 10_000;
    eq.c0[0] = 2;
    eq.a[0] = 0.1;
    eq.split[A] = 0.2;
    eq.otherShare[0] = 0.8;
    eq.kind[1] = ElementEquilibrium.SEP;
    eq.cap[1] = 10_000;
    eq.c0[1] = 1;
    eq.a[1] = 0.05;
    eq.capOf[1] = 0;
    eq.capT[0] = 1_000;
    eq.kind[2] = ElementEquilibrium.SEP;
    eq.cap[2] = 10_000;
    eq.c0[2] = 3;
    eq.a[2] = 0.15;
    eq.kind[3] = ElementEquilibrium.MAGNET;
    eq.cap[3] = 5_000;
    eq.c0[3] = 10;
    eq.a[3] = 0.5;
    eq.dRef[0] = 1_000;
    eq.pRef = 40;
    eq.pChoke = 1e6;
    eq.ox[A] = 0.3;
    eq.pRefEl[A] = 50;
    eq.pRefEl[1] = 100;
    eq.pRefEl[2] = 1000;
    eq.x[A] = 50;
    eq.x[ElementEquilibrium.IM] = 40;
    eq.prepare();
    eq.solve();
    assertThat(eq.output(1)).isCloseTo(1_000, within(1e-6));
    assertThat(eq.output(2)).isCloseTo(500, within(1e-6));
    double pS = mc(3, 0.05, 0.05);
    assertThat(eq.x[ElementEquilibrium.IS]).isCloseTo(pS, within(1e-7));
    assertThat(eq.x[ElementEquilibrium.IC]).isCloseTo(pS - mc(1, 0.05, 0.1), within(1e-7));
  }
}
