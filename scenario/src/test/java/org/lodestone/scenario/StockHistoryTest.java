package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.Sector;
import org.lodestone.core.problem.Problem;

/**
 * {@code stockHistory:} on the tiny fixture (run 2020-2024, one sector `ev` with a lifetime, all
 * of the 2020 reference demand): the world output before 2020 becomes the sector's earlier inflow.
 */
class StockHistoryTest extends OnTinyFixture {
  @Test
  void blankOutputBecomesFinishedInflowLinearBetweenPoints() throws IOException {
    // 2017: 0 t, 2019: 200 t of blanks, linear: 0, 100, 200; x 80 % yield = 0, 80, 160 t finished,
    // all to `ev` (the only sector with a lifetime)
    Scenario s = fixture.load("h", "magnet: {manufacturingYield: 80 %}\n"
        + "stockHistory: {basis: blank, 2017: {value: 0 t, source: test-source}, 2019: {value: 200 t, source: test-source}}\n");
    Sector ev = s.chain().sectors().get(0);
    assertThat(ev.priorInflowT()).containsExactly(new double[] {0, 80, 160}, within(1e-9));
    assertThat(ev.priorInflowT(1)).isCloseTo(160, within(1e-9));
    assertThat(s.figures()).anyMatch(f -> f.path().equals("stockHistory.2019") && f.source().equals("test-source"));
  }

  @Test
  void finishedOutputIsTakenAsIs() throws IOException {
    Scenario s = fixture.load("f", "stockHistory: {basis: finished, 2019: {value: 50 t, source: test-source}}\n");
    assertThat(s.chain().sectors().get(0).priorInflowT()).containsExactly(50);
  }

  @Test
  void withoutTheBlockTheStockStartsEmpty() throws IOException {
    assertThat(fixture.load("n", "").chain().sectors().get(0).priorYears()).isZero();
  }

  @Test
  void aYearOfTheRunIsRejected() throws IOException {
    Problem p = fixture.problems("y", "stockHistory: {2019: {value: 5 t, source: test-source}, 2020: {value: 5 t, source: test-source}}\n").get(0);
    assertThat(p.path()).isEqualTo("stockHistory.2020");
    assertThat(p.rule()).contains("before the first year of the run (2020)");
    assertThat(p.line()).isPositive();
  }

  @Test
  void yearsBetweenTheLastPointAndTheRunCarryNoInflow() throws IOException {
    // a block ending in 2017 for a run from 2020: 2017 at its place, 2018-2019 (years this run does
    // not simulate) empty
    Scenario s = fixture.load("l", "stockHistory: {basis: finished, 2016: {value: 10 t, source: test-source},"
        + " 2017: {value: 20 t, source: test-source}}\n");
    assertThat(s.chain().sectors().get(0).priorInflowT()).containsExactly(new double[] {10, 20, 0, 0}, within(1e-9));
  }

  @Test
  void anUnknownBasisOrKeyIsRejected() throws IOException {
    assertThat(fixture.problems("b", "stockHistory: {basis: raw, 2019: {value: 5 t, source: test-source}}\n").get(0).rule())
        .contains("`blank` or `finished`");
    assertThat(fixture.problems("k", "stockHistory: {bassis: blank, 2019: {value: 5 t, source: test-source}}\n").get(0).hint())
        .contains("did you mean `basis`");
    assertThat(fixture.problems("m", "stockHistory: {2019: {value: -5 t, source: test-source}}\n")).isNotEmpty();
  }
}
