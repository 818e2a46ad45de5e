package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

/**
 * Properties of the element-price market on seeded random chains (the chains of
 * {@link AnnualEnginePropertyTest#randomChain}, with random supply curves, caps on the mines of region
 * 0, storage, grade responses and sticky trade): the run completes (every mass balance held), each
 * element satisfies free disposal and complementary slackness, no element in surplus has a positive
 * price, the run is reproducible, and prices are unique (a perturbed start gives the same prices).
 */
class ElementMarketPropertyTest {
  static java.util.stream.IntStream seeds() {
    return java.util.stream.IntStream.range(0, 120);
  }

  static SupplyChain randomElementChain(long seed) {
    SupplyChain chain = AnnualEnginePropertyTest.randomChain(seed, seed % 2 == 0);
    Random rnd = new Random(seed * 31 + 7);
    double[] curvature = new double[4];
    for (int s = 0; s < 4; s++) {
      curvature[s] = 0.01 + 0.3 * rnd.nextDouble();
    }
    double[] grade = {0, -rnd.nextDouble(), -rnd.nextDouble()};
    List<ElementMarket.ProductionCap> caps = new ArrayList<>();
    int[] mines = chain.producersOf(Stage.MINING);
    List<Integer> inRegion0 = new ArrayList<>();
    for (int p : mines) {
      if (chain.producers().get(p).region() == 0) {
        inRegion0.add(p);
      }
    }
    if (!inRegion0.isEmpty() && rnd.nextBoolean()) {
      double[] cap = new double[chain.axis().size()];
      for (int t = 0; t < cap.length; t++) {
        cap[t] = 300 * rnd.nextDouble();
      }
      caps.add(new ElementMarket.ProductionCap("cap", inRegion0.stream().mapToInt(Integer::intValue).toArray(), cap));
    }
    List<ElementMarket.Storage> storage = new ArrayList<>();
    for (int e = 0; e < Element.COUNT; e++) {
      if (rnd.nextBoolean()) {
        double k = 1 + 50 * rnd.nextDouble();
        storage.add(new ElementMarket.Storage(e, k, k * rnd.nextDouble(), 0.1 * rnd.nextDouble(),
            0.05 * rnd.nextDouble(), 0.05 + rnd.nextDouble(), 1 + rnd.nextInt(3), rnd.nextDouble()));
      }
    }
    ElementMarket em = new ElementMarket(curvature, grade, 2 * rnd.nextDouble(), caps, storage,
        rnd.nextDouble() < 0.5 ? 0 : rnd.nextDouble(), 30 * rnd.nextDouble());
    // the grade choice's power form, drawn last (so the draws above, and the chains of the exponential
    // seeds, are as before), on chains whose mines yield every element: under the power law a kg of
    // magnet needs some of each element at any finite price, so where one element has no source at all
    // the equilibrium makes no magnets, a degenerate case these properties leave to the exponential form
    // (which thrifts the element away at a high but finite price)
    if (rnd.nextBoolean() && everyElementMined(chain)) {
      em = em.withGradeForm(ElementMarket.GradeForm.POWER);
    }
    return chain.withElementMarket(em);
  }

  /** Whether some mine's deposit yields each element (a positive split). */
  private static boolean everyElementMined(SupplyChain chain) {
    for (int e = 0; e < Element.COUNT; e++) {
      boolean found = false;
      for (int p : chain.producersOf(Stage.MINING)) {
        found |= chain.depositSplit(chain.producers().get(p).deposit(), e) > 0;
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void balancesFreeDisposalComplementarityAndUniquePrices(long seed) {
    SupplyChain chain = randomElementChain(seed);
    RunResult r = AnnualEngine.run(chain);
    assertThat(MarketModel.of(chain)).isEqualTo(MarketModel.ELEMENTS);
    int n = chain.axis().size();
    for (int t = 0; t < n; t++) {
      for (int e = 0; e < Element.COUNT; e++) {
        double price = r.oxidePrice(t, e);
        double surplus = r.elementSurplus(t, e);
        double scale = Math.max(1, r.elementSeparated(t, e) + r.elementEolRecycled(t, e)
            + r.elementUsed(t, e) + Math.abs(r.storageFlow(t, e)));
        assertThat(price).as("price of %d in %d, seed %d", e, t, seed).isGreaterThanOrEqualTo(0);
        assertThat(surplus).isGreaterThanOrEqualTo(0);
        // complementary slackness: a priced element clears; an element in surplus is free (so never
        // at or above its choke price)
        if (price > 1e-6) {
          assertThat(surplus / scale).as("surplus of priced element %d in %d, seed %d", e, t, seed)
              .isLessThan(1e-7);
        }
        if (surplus / scale > 1e-6) {
          assertThat(price).as("price of element %d in surplus, year %d, seed %d", e, t, seed)
              .isLessThan(1e-6).isLessThan(chain.market().oxidePriceCap(e));
        }
      }
      double demand = 0;
      double served = 0;
      for (int s = 0; s < chain.sectors().size(); s++) {
        demand += r.demand(t, s);
        served += r.served(t, s);
        assertThat(r.unserved(t, s)).isGreaterThanOrEqualTo(0);
      }
      // magnets: below the choke price all demand is served
      if (r.magnetPrice(t) < chain.market().magnetPriceCap() * (1 - 1e-9)) {
        assertThat(served).isCloseTo(demand, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, demand)));
      }
      assertThat(r.magnetPremium(t)).isBetween(0.0, chain.elementMarket().switchPremiumUsdPerKg() + 1e-12);
      AnnualEnginePropertyTest.servedMagnetsHoldTheRareEarthsUsed(chain, r, t);
      separatedByRegionAddsUpAndFollowsTheSeparators(chain, r, t, seed);
    }
    // reproducible: the same chain gives the same numbers, bit for bit
    RunResult again = AnnualEngine.run(chain);
    for (int t = 0; t < n; t++) {
      assertThat(again.magnetPrice(t)).isEqualTo(r.magnetPrice(t));
      for (int e = 0; e < Element.COUNT; e++) {
        assertThat(again.oxidePrice(t, e)).isEqualTo(r.oxidePrice(t, e));
      }
    }
    // unique prices: every year started from a random point gives the same prices to 1e-6, for
    // every good that trades (a year without any magnets made leaves the upstream prices to the
    // tie-break, which the Newton method reaches only approximately on the kink where trade starts)
    RunResult moved = ElementMarketEngine.run(chain, new Random(seed));
    for (int t = 0; t < n; t++) {
      if (r.stageProduction(t, Stage.MAGNET) <= 1e-6) {
        continue;
      }
      assertThat(moved.magnetPrice(t)).as("magnet price in %d, seed %d", t, seed)
          .isCloseTo(r.magnetPrice(t), org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, r.magnetPrice(t))));
      for (int e = 0; e < Element.COUNT; e++) {
        double p = r.oxidePrice(t, e);
        if (r.elementUsed(t, e) + r.elementSeparated(t, e) <= 1e-6) {
          continue;
        }
        assertThat(moved.oxidePrice(t, e)).as("oxide %d in %d, seed %d", e, t, seed)
            .isCloseTo(p, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, p)));
      }
    }
  }

  /**
   * One market pools the feed: each region's element oxide is its share of the separation output times
   * the world's, and the regions add up to the world (rows production/separation/&lt;element&gt;/&lt;region&gt;).
   */
  static void separatedByRegionAddsUpAndFollowsTheSeparators(SupplyChain chain, RunResult r, int t, long seed) {
    int nG = chain.regionCodes().size();
    double[] sepIn = new double[nG];
    double sepAll = 0;
    for (int p : chain.producersOf(Stage.SEPARATION)) {
      sepIn[chain.producers().get(p).region()] += r.production(t, p);
      sepAll += r.production(t, p);
    }
    assertThat(r.elementSeparatedByRegion()).isTrue();
    for (int e = 0; e < Element.COUNT; e++) {
      double world = r.elementSeparated(t, e);
      double sum = 0;
      for (int g = 0; g < nG; g++) {
        double v = r.elementSeparatedIn(t, e, g);
        assertThat(v).isGreaterThanOrEqualTo(0);
        if (sepAll > 1e-9) {
          assertThat(v).as("element %d in region %d, year %d, seed %d", e, g, t, seed)
              .isCloseTo(world * sepIn[g] / sepAll, org.assertj.core.api.Assertions.within(1e-9 * (1 + world)));
        }
        sum += v;
      }
      if (sepAll > 1e-9) {
        assertThat(sum).isCloseTo(world, org.assertj.core.api.Assertions.within(1e-9 * (1 + world)));
      }
    }
  }
}
