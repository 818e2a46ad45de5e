package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * {@link ElementMarketEngine.WarmYear} (the benchmark of a year solved from the previous year's
 * solution) solves the same year as the whole run: on seeded random chains, one market and two regions
 * (the element chains of {@link ElementMarketPropertyTest} with the trade of
 * {@link RegionalEngineTest#randomRegionalChain}), its last year is the run's last year bit for bit, and
 * solving it again gives the same bits (each solve restores what the previous one changed).
 */
class WarmYearTest {
  private static int skipped;

  static java.util.stream.IntStream seeds() {
    return java.util.stream.IntStream.range(0, 12);
  }

  @org.junit.jupiter.api.AfterAll
  static void mostRegionalChainsRan() {
    assertThat(skipped).as("two-region chains the run stopped on").isLessThanOrEqualTo(6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theWarmYearIsTheRunsLastYearBitForBit(long seed) {
    SupplyChain one = ElementMarketPropertyTest.randomElementChain(seed);
    SupplyChain two = one.withTrade(RegionalEngineTest.randomRegionalChain(seed).trade())
        .withElementMarket(one.elementMarket());
    for (SupplyChain chain : new SupplyChain[] {one, two}) {
      RunResult run;
      try {
        run = ElementMarketEngine.run(chain);
      } catch (MassBalanceException ex) {
        // these random two-region chains are not all solvable to the engine's balance checks (a few
        // stop on a negative surplus of ~1e-7 t): the warm year is compared where the run completes
        assertThat(chain.isRegional()).isTrue();
        skipped++;
        continue;
      }
      ElementMarketEngine.WarmYear warm = new ElementMarketEngine.WarmYear(chain);
      int t = warm.year();
      assertThat(t).isEqualTo(chain.axis().size() - 1);
      for (int k = 0; k < 2; k++) {
        RunResult r = warm.solve();
        assertThat(r.magnetPrice(t)).as("seed %d, solve %d", seed, k).isEqualTo(run.magnetPrice(t));
        for (int e = 0; e < Element.COUNT; e++) {
          assertThat(r.oxidePrice(t, e)).isEqualTo(run.oxidePrice(t, e));
          assertThat(r.storageLevel(t, e)).isEqualTo(run.storageLevel(t, e));
        }
        for (int p = 0; p < chain.producers().size(); p++) {
          assertThat(r.production(t, p)).isEqualTo(run.production(t, p));
        }
        if (chain.isRegional()) {
          for (int prod = 0; prod < TradedProduct.COUNT; prod++) {
            for (int a = 0; a < 2; a++) {
              for (int b = 0; b < 2; b++) {
                assertThat(r.trade(t, prod, a, b)).isEqualTo(run.trade(t, prod, a, b));
              }
            }
          }
        }
      }
    }
  }
}
