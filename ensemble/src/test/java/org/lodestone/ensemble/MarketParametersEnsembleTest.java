package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultVector;
import org.lodestone.scenario.UncertainScenario;

/**
 * Distributions on the element market's numbers in a Monte Carlo ensemble: the tiny chain on
 * {@code model: elements}, its mine under a cap of 100 t REO with an off-quota tranche whose share s
 * is uniform on [0, 50 %], and the separation supply curve's curvature uniform on [0.02, 0.2]. Each
 * draw replays the compiler's one route (the Tail) with its values: the tranche's capacity is
 * s × 100 t and the curvature is the drawn one, and the draw's results equal a plain run of the
 * chain built with those values.
 */
class MarketParametersEnsembleTest {
  @TempDir
  Path dir;

  private static final String MARKET = """
      sectors:
        ev: {elasticity: -0.5}
      market:
        model: elements
        supplyCurve: {separation: {dist: uniform, min: 0.02, max: 0.2, confidence: E, method: "test"}}
        caps: [{id: quota, producers: [mine], values: {unit: t REO, 2020: 100},
                offQuota: {share: {dist: uniform, min: 0, max: 50 %, confidence: E, method: "test"}, costFactor: 2}}]
      """;

  private static int key(ResultVector layout, int year, String metric, String stage) {
    for (int k = 0; k < layout.size(); k++) {
      ResultVector.Key key = layout.keys().get(k);
      if (key.year() == year && key.metric().equals(metric) && key.stage().equals(stage) && key.region().isEmpty()
          && key.product().isEmpty() && key.sector().isEmpty()) {
        return k;
      }
    }
    throw new AssertionError("no key " + year + " " + metric + " " + stage);
  }

  private static Producer offQuota(SupplyChain c) {
    return c.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
  }

  @Test
  void eachDrawUsesItsDrawnMarketParameters() {
    UncertainScenario u = Fixtures.tiny(dir, MARKET);
    assertThat(u.parameters()).extracting(p -> p.path())
        .containsExactly("market.supplyCurve.separation", "market.caps[0].offQuota.share");
    // nominal: the means, 0.11 and 25 % (a 25 t tranche)
    SupplyChain nominal = u.nominal().chain();
    assertThat(nominal.elementMarket().curvature(Stage.SEPARATION)).isCloseTo(0.11, within(1e-12));
    assertThat(offQuota(nominal).capacityT(0)).isCloseTo(25, within(1e-9));

    int n = 40;
    long seed = 77;
    Draws draws = new LocalEngine(2).run(u, new EnsembleSpec(n, seed, 2020, 2024), ProgressListener.NONE);
    int k = key(draws.layout(), 2022, "production", "magnet");
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double[] point = DrawRandom.point(seed, i, 2);
      double curvature = 0.02 + 0.18 * point[0];
      double share = 0.5 * point[1];
      assertThat(u.valuesAt(point)).containsExactly(new double[] {curvature, share}, within(1e-12));
      SupplyChain c = u.chainAt(point);
      assertThat(c.elementMarket().curvature(Stage.SEPARATION)).isCloseTo(curvature, within(1e-12));
      assertThat(offQuota(c).capacityT(2)).isCloseTo(100 * share, within(1e-9));
      // the draw's result is the plain run of that chain
      double[] plain = draws.layout().values(AnnualEngine.run(c));
      assertThat(draws.value(i, k)).as("draw %d, share %.3f", i, share).isEqualTo(plain[k]);
      lo = Math.min(lo, draws.value(i, k));
      hi = Math.max(hi, draws.value(i, k));
    }
    // the share really moves output: more off-quota ore, more magnets (100 t from the cap alone)
    assertThat(lo).isLessThan(105);
    assertThat(hi).isGreaterThan(130);
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    EnsembleSpec spec = new EnsembleSpec(32, 5, 2020, 2024);
    Draws one = new LocalEngine(1).run(Fixtures.tiny(dir, MARKET), spec, ProgressListener.NONE);
    Draws two = new LocalEngine(3).run(Fixtures.tiny(dir, MARKET), spec, ProgressListener.NONE);
    assertThat(two.values()).isEqualTo(one.values());
    Draws other = new LocalEngine(1).run(Fixtures.tiny(dir, MARKET), new EnsembleSpec(32, 6, 2020, 2024),
        ProgressListener.NONE);
    assertThat(other.values()).isNotEqualTo(one.values());
  }
}
