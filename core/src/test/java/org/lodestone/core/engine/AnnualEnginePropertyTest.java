package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

/**
 * Properties of the engine on seeded random chains: the run completes (so every internal mass
 * balance held), and the equilibrium conditions hold within {@link #TOL}.
 */
class AnnualEnginePropertyTest {
  private static final double TOL = 1e-6;

  static java.util.stream.IntStream seeds() {
    return java.util.stream.IntStream.range(0, 300);
  }

  /**
   * A random chain. With {@code oneDeposit}, every mine has the same element split, so the greedy
   * co-product dispatch is also the least-cost one and the supply curve is non-decreasing; with
   * several deposits it may not be (see {@link MineDispatch}), and only the balance properties are
   * checked.
   */
  static SupplyChain randomChain(long seed, boolean oneDeposit) {
    Random rnd = new Random(seed);
    ChainBuilder b = new ChainBuilder(1 + rnd.nextInt(4));
    int deposits = oneDeposit ? 1 : 1 + rnd.nextInt(3);
    for (int d = 0; d < deposits; d++) {
      b.deposit("d" + d, 0.05 + 0.25 * rnd.nextDouble(), rnd.nextDouble() < 0.5 ? 0 : 0.05 * rnd.nextDouble(),
          rnd.nextDouble() < 0.5 ? 0 : 0.01 * rnd.nextDouble());
    }
    int[] counts = {1 + rnd.nextInt(5), 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), 1 + rnd.nextInt(5)};
    Stage[] stages = Stage.values();
    for (int s = 0; s < 4; s++) {
      for (int i = 0; i < counts[s]; i++) {
        double[] cap = new double[b.axis.size()];
        for (int t = 0; t < cap.length; t++) {
          cap[t] = rnd.nextDouble() < 0.1 ? 0 : (s == 3 ? 50 : s == 2 ? 20 : 200) * rnd.nextDouble() * 3;
        }
        b.producers.add(new Producer(stages[s].code() + i, "p", stages[s], rnd.nextInt(2), "o" + rnd.nextInt(3),
            org.lodestone.core.model.ProducerStatus.OPERATING, s == 0 ? rnd.nextInt(deposits) : -1,
            // integer costs make ties likely, which exercises the stable merit order
            s == 0 ? 1 + rnd.nextInt(30) : 1 + rnd.nextInt(40), cap));
      }
    }
    int sectors = 1 + rnd.nextInt(4);
    for (int k = 0; k < sectors; k++) {
      double[] d = new double[b.axis.size()];
      for (int t = 0; t < d.length; t++) {
        d[t] = rnd.nextDouble() < 0.05 ? 0 : 100 * rnd.nextDouble();
      }
      b.sectors.add(new Sector("s" + k, "s", d, new double[] {0.2 + 0.1 * rnd.nextDouble(),
          rnd.nextDouble() < 0.3 ? 0 : 0.05 * rnd.nextDouble(), rnd.nextDouble() < 0.5 ? 0 : 0.01 * rnd.nextDouble()},
          rnd.nextDouble() < 0.3 ? 0 : -1.5 * rnd.nextDouble(), new double[] {0.5, 0.5},
          rnd.nextBoolean() ? new org.lodestone.core.stock.LifetimeModel.Normal(1 + 3 * rnd.nextDouble(), 1) : null));
    }
    b.mfgYield = 0.6 + 0.4 * rnd.nextDouble();
    b.metalYield = 0.7 + 0.3 * rnd.nextDouble();
    b.scrapRecovery = rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble();
    if (rnd.nextBoolean()) { // a recovery rate of its own for each element
      b.scrapRecoveryByElement = new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
    }
    b.oxideToMetal = new double[] {0.85, 0.871, 0.85};
    b.magnetCap = 100 + 900 * rnd.nextDouble();
    if (rnd.nextBoolean()) { // the end-of-life loop, sometimes capacity-bound
      double[] cap = new double[b.axis.size()];
      java.util.Arrays.fill(cap, 50 * rnd.nextDouble());
      double[] plantCap = new double[b.axis.size()];
      java.util.Arrays.fill(plantCap, 50 * rnd.nextDouble());
      b.eol = new org.lodestone.core.model.EolRecycling(rnd.nextDouble(), rnd.nextDouble(), cap,
          rnd.nextBoolean() ? List.of(new org.lodestone.core.model.Recycler("plant", "plant", rnd.nextInt(2), "o",
              plantCap, 30 * rnd.nextDouble())) : List.of());
    }
    return b.build();
  }

  /** A random chain with random substitutes and one investment rule (its producer added last). */
  static SupplyChain randomDynamicChain(long seed) {
    SupplyChain c = randomChain(seed, false);
    Random rnd = new Random(seed * 31 + 7);
    List<org.lodestone.core.model.Substitute> subs = new java.util.ArrayList<>();
    for (int s = 0; s < c.sectors().size(); s++) {
      if (rnd.nextBoolean()) {
        double max = 0.5 * rnd.nextDouble();
        double trigger = 0.2 + rnd.nextDouble();
        subs.add(new org.lodestone.core.model.Substitute("mf" + s, s,
            org.lodestone.core.model.Substitute.Kind.MAGNET_FREE, null, max, rnd.nextDouble() * 0.3,
            rnd.nextDouble() * 0.1, 1, trigger, trigger + 0.1 + rnd.nextDouble(), 0, max * rnd.nextDouble(),
            0, 1 + rnd.nextInt(3)));
      }
      if (rnd.nextBoolean()) {
        double trigger = 0.01 + rnd.nextDouble();
        subs.add(new org.lodestone.core.model.Substitute("hf" + s, s,
            org.lodestone.core.model.Substitute.Kind.HEAVY_FREE, Element.values()[1 + rnd.nextInt(2)],
            rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), 1 + rnd.nextInt(2), trigger,
            trigger + rnd.nextDouble() + 0.01, rnd.nextDouble(), 0));
      }
    }
    Stage stage = Stage.values()[rnd.nextInt(4)];
    List<Producer> producers = new java.util.ArrayList<>(c.producers());
    producers.add(new Producer("invest", "invest", stage, rnd.nextInt(2), "new",
        org.lodestone.core.model.ProducerStatus.ANNOUNCED, stage == Stage.MINING ? 0 : -1, 1 + rnd.nextInt(20),
        new double[c.axis().size()]));
    org.lodestone.core.model.Investment inv = new org.lodestone.core.model.Investment("invest", stage,
        producers.get(producers.size() - 1).region(), producers.size() - 1, 1, 1 + rnd.nextInt(2),
        rnd.nextDouble() * 50, 0.1 * rnd.nextDouble(), 10, producers.get(producers.size() - 1).costUsdPerKg(), 0,
        0.5 * rnd.nextDouble(), 1 + rnd.nextInt(2), 0, rnd.nextDouble() < 0.5 ? 0 : rnd.nextDouble());
    double[] split = new double[c.depositCodes().size() * Element.COUNT];
    for (int d = 0; d < c.depositCodes().size(); d++) {
      for (int e = 0; e < Element.COUNT; e++) {
        split[d * Element.COUNT + e] = c.depositSplit(d, e);
      }
    }
    return new SupplyChain(c.axis(), c.regionCodes(), c.depositCodes(), split, producers, c.sectors(), c.market(),
        null, new org.lodestone.core.model.Dynamics(subs, List.of(inv)));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void balancesHoldWithSubstitutionAndInvestment(long seed) {
    // the engine checks every mass balance (stocks and both recycling loops included) or throws
    SupplyChain chain = randomDynamicChain(seed);
    RunResult r = AnnualEngine.run(chain);
    int nS = chain.sectors().size();
    for (int t = 0; t < chain.axis().size(); t++) {
      for (int k = 0; k < chain.dynamics().substitutes().size(); k++) {
        org.lodestone.core.model.Substitute sub = chain.dynamics().substitutes().get(k);
        double sh = r.substituteShare(t, k);
        assertThat(sh).isBetween(0.0, sub.maxShare() + TOL);
        if (t > 0 && t >= sub.lagYears()) { // the yearly bounds
          double prev = r.substituteShare(t - 1, k);
          assertThat(sh - prev).isBetween(-sub.maxReturnPerYear() - TOL, sub.maxChangePerYear() + TOL);
        }
      }
      for (int s = 0; s < nS; s++) {
        double g = 0;
        for (int e = 0; e < Element.COUNT; e++) {
          assertThat(r.sectorGrade(t, s, e)).isGreaterThanOrEqualTo(0);
          assertThat(r.stockElement(t, s, e)).isGreaterThanOrEqualTo(-TOL);
          g += r.sectorGrade(t, s, e);
        }
        assertThat(g).isLessThan(1);
        assertThat(r.demand(t, s)).isLessThanOrEqualTo(
            chain.sectors().get(s).referenceDemandT(t) * Math.max(1, Math.pow(r.magnetPrice(t)
                / chain.market().magnetReferencePrice(), chain.sectors().get(s).elasticity())) + TOL);
      }
      servedMagnetsHoldTheRareEarthsUsed(chain, r, t);
      int p = chain.producers().size() - 1;
      assertThat(r.capacity(t, p)).isGreaterThanOrEqualTo(0);
      assertThat(r.production(t, p)).isBetween(-TOL, r.capacity(t, p) * (1 + 1e-9) + TOL);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void balancesHoldOnChainsWithCoProducts(long seed) {
    SupplyChain chain = randomChain(seed, false);
    RunResult r = AnnualEngine.run(chain); // checks every mass balance, or throws
    for (int t = 0; t < chain.axis().size(); t++) {
      assertThat(r.magnetPrice(t)).isBetween(0.0, chain.market().magnetPriceCap() + TOL);
      double magnets = 0;
      for (int p = 0; p < chain.producers().size(); p++) {
        assertThat(r.production(t, p)).isBetween(-TOL, r.capacity(t, p) * (1 + 1e-9) + TOL);
        if (chain.producers().get(p).stage() == Stage.MAGNET) {
          magnets += r.production(t, p);
        }
      }
      double served = 0;
      for (int s = 0; s < chain.sectors().size(); s++) {
        assertThat(r.unserved(t, s)).isGreaterThanOrEqualTo(-TOL);
        served += r.served(t, s);
      }
      assertThat(served).isCloseTo(magnets, org.assertj.core.api.Assertions.within(TOL * (1 + magnets)));
      servedMagnetsHoldTheRareEarthsUsed(chain, r, t);
      for (int e = 0; e < Element.COUNT; e++) {
        assertThat(r.elementSurplus(t, e)).isGreaterThanOrEqualTo(-TOL);
        assertThat(r.oxidePrice(t, e)).isGreaterThanOrEqualTo(0);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void equilibriumConditionsHold(long seed) {
    SupplyChain chain = randomChain(seed, true);
    RunResult r = AnnualEngine.run(chain);
    MarketParameters m = chain.market();
    int nP = chain.producers().size();
    for (int t = 0; t < chain.axis().size(); t++) {
      double price = r.magnetPrice(t);
      assertThat(price).isBetween(0.0, m.magnetPriceCap() + TOL);
      double magnets = 0;
      for (int p = 0; p < nP; p++) {
        assertThat(r.production(t, p)).isBetween(-TOL, r.capacity(t, p) * (1 + 1e-9) + TOL);
        if (chain.producers().get(p).stage() == Stage.MAGNET) {
          magnets += r.production(t, p);
        }
      }
      double served = 0;
      double unserved = 0;
      for (int s = 0; s < chain.sectors().size(); s++) {
        Sector sec = chain.sectors().get(s);
        assertThat(r.served(t, s) + r.unserved(t, s)).isCloseTo(r.demand(t, s), org.assertj.core.api.Assertions.within(TOL));
        assertThat(r.unserved(t, s)).isGreaterThanOrEqualTo(-TOL);
        double expected = sec.referenceDemandT(t) == 0 || sec.elasticity() == 0 ? sec.referenceDemandT(t)
            : sec.referenceDemandT(t) * Math.pow(price / m.magnetReferencePrice(), sec.elasticity());
        assertThat(r.demand(t, s)).isCloseTo(expected, org.assertj.core.api.Assertions.within(TOL * (1 + expected)));
        served += r.served(t, s);
        unserved += r.unserved(t, s);
      }
      assertThat(served).isCloseTo(magnets, org.assertj.core.api.Assertions.within(TOL * (1 + magnets)));
      servedMagnetsHoldTheRareEarthsUsed(chain, r, t);
      if (unserved > TOL * (1 + served)) {
        assertThat(price).as("unserved demand only at the choke price").isCloseTo(m.magnetPriceCap(),
            org.assertj.core.api.Assertions.within(TOL));
      }
      // merit order at every stage: nobody cheaper idles while somebody dearer runs
      for (Stage stage : new Stage[] {Stage.SEPARATION, Stage.METAL, Stage.MAGNET}) {
        for (int a = 0; a < nP; a++) {
          Producer pa = chain.producers().get(a);
          if (pa.stage() != stage || r.production(t, a) >= r.capacity(t, a) * (1 - 1e-9) - TOL) {
            continue;
          }
          for (int c = 0; c < nP; c++) {
            Producer pc = chain.producers().get(c);
            if (pc.stage() == stage && pc.costUsdPerKg() > pa.costUsdPerKg()) {
              assertThat(r.production(t, c)).as("%s idles below capacity while dearer %s runs", pa.id(), pc.id())
                  .isLessThanOrEqualTo(TOL);
            }
          }
        }
      }
      // magnet makers: a maker whose full cost is below the price runs at capacity; above it, at zero
      double materials = 0;
      double[] g = new double[Element.COUNT];
      double dref = 0;
      for (int s = 0; s < chain.sectors().size(); s++) {
        dref += chain.sectors().get(s).referenceDemandT(t);
        for (int e = 0; e < Element.COUNT; e++) {
          g[e] += chain.sectors().get(s).referenceDemandT(t) * chain.sectors().get(s).grade(e);
        }
      }
      for (int e = 0; e < Element.COUNT && dref > 0; e++) {
        // the year's material coefficients (the mix of the magnets served, see AnnualEngine); the
        // reference mix g/dref is what they start from
        double grade = r.metalPerMagnet(t, e) * m.manufacturingYield();
        assertThat(grade).isBetween(0.0, 1.0);
        assertThat(Math.abs(grade - g[e] / dref)).isLessThanOrEqualTo(0.5);
        materials += grade / m.manufacturingYield() * r.metalPrice(t, e);
        // the scrap is sold back as oxide: a credit at the oxide price
        materials -= grade * (1 / m.manufacturingYield() - 1) * m.scrapRecoveryRate(e) / m.oxideToMetal(e)
            * r.oxidePrice(t, e);
      }
      boolean oxideAtCap = false;
      for (int e = 0; e < Element.COUNT; e++) {
        oxideAtCap |= r.oxidePrice(t, e) >= m.oxidePriceCap(e) * (1 - 1e-12);
      }
      // where an oxide reaches its choke price, the rest of the scarcity rent stays in the magnet
      // price by rule (AnnualEngine), so the magnet makers' margin condition does not apply
      if (magnets > TOL && !oxideAtCap) {
        for (int p = 0; p < nP; p++) {
          Producer pr = chain.producers().get(p);
          if (pr.stage() != Stage.MAGNET) {
            continue;
          }
          double full = pr.costUsdPerKg() + materials;
          if (full < price - 1e-6 * (1 + price)) {
            assertThat(r.production(t, p)).as("%s is in the money", pr.id())
                .isCloseTo(r.capacity(t, p), org.assertj.core.api.Assertions.within(1e-6 * (1 + r.capacity(t, p))));
          } else if (full > price + 1e-6 * (1 + price)) {
            assertThat(r.production(t, p)).as("%s is out of the money", pr.id()).isLessThanOrEqualTo(TOL);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sameInputGivesBitIdenticalResults(long seed) {
    if (seed % 10 != 0) {
      return;
    }
    SupplyChain chain = randomChain(seed, false);
    RunResult a = AnnualEngine.run(chain);
    RunResult b = AnnualEngine.run(chain);
    assertThat(a.production).isEqualTo(b.production);
    assertThat(a.magnetPrice).isEqualTo(b.magnetPrice);
    assertThat(a.oxidePrice).isEqualTo(b.oxidePrice);
    assertThat(a.served).isEqualTo(b.served);
  }

  /**
   * The rare earths in the magnets delivered to the sectors (served × delivered grade) are those the
   * magnet makers used (heavy-free grades move mass between elements and never create it).
   */
  static void servedMagnetsHoldTheRareEarthsUsed(SupplyChain chain, RunResult r, int t) {
    double magnets = 0;
    for (int s = 0; s < chain.sectors().size(); s++) {
      magnets += r.served(t, s);
    }
    for (int e = 0; e < Element.COUNT; e++) {
      double inServed = 0;
      for (int s = 0; s < chain.sectors().size(); s++) {
        inServed += r.served(t, s) * r.sectorGrade(t, s, e);
      }
      double used = magnets * r.metalPerMagnet(t, e) * chain.market().manufacturingYield();
      assertThat(inServed).as("element %d in served magnets, year %d", e, t)
          .isCloseTo(used, org.assertj.core.api.Assertions.within(1e-9 * (1 + used)));
      // machining scrap returns element e at its own recovery rate: the alloy's metal per kg magnet
      // m_e = g_e / y leaves (1 - y) m_e in the scrap, of which rate_e comes back as oxide (/ oxideToMetal_e)
      org.lodestone.core.model.MarketParameters m = chain.market();
      double scrapOxide = r.metalPerMagnet(t, e) * (1 - m.manufacturingYield()) * m.scrapRecoveryRate(e)
          / m.oxideToMetal(e);
      assertThat(r.recycledPerMagnet(t, e)).as("scrap oxide of element %d per kg magnet, year %d", e, t)
          .isCloseTo(scrapOxide, org.assertj.core.api.Assertions.within(1e-12 + 1e-9 * scrapOxide));
    }
  }
}
