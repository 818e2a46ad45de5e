package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/** The shipped dataset: completeness, provenance, and a base run's invariants and history. */
class BaseDatasetTest {
  private static final Scenario BASE = ScenarioLoader.load("base");

  @Test
  void coversTheRequiredRegionsStagesAndYears() {
    SupplyChain c = BASE.chain();
    assertThat(c.regionCodes()).contains("CN", "US", "AU", "MM", "MY", "JP", "EU", "VN", "BR", "TH", "NG",
        "IN", "RU", "ROW");
    assertThat(c.axis().firstYear()).isEqualTo(2015);
    assertThat(c.axis().lastYear()).isGreaterThanOrEqualTo(2040);
    Set<Stage> stages = c.producers().stream().map(Producer::stage).collect(Collectors.toSet());
    assertThat(stages).containsExactlyInAnyOrder(Stage.values());
    assertThat(c.sectors()).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void everyShippedFigureHasASourceOrAStatedMethod() {
    for (Figure f : BASE.figures()) {
      assertThat(!f.source().isEmpty() || ((f.confidence().equals("E") || f.confidence().equals("D"))
          && !f.method().isEmpty())).as("%s:%d %s", f.file(), f.line(), f.path()).isTrue();
    }
  }

  @Test
  void theBaseRunBalancesAndReportsChinas2028MagnetCapacity() {
    RunResult r = AnnualEngine.run(BASE.chain()); // throws on any broken balance
    List<ResultRow> rows = TidyResults.rows(r, 2015, 2040);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.year()).isEqualTo(2028);
      assertThat(row.metric()).isEqualTo("capacity");
      assertThat(row.stage()).isEqualTo("magnet");
      assertThat(row.region()).isEqualTo("CN");
      // finished basis: more than the 300 kt of blanks China made in 2024 (Argus) x 71.3 % yield
      assertThat(row.value()).isGreaterThan(300_000 * 0.713);
    });
    for (ResultRow row : rows) {
      assertThat(Double.isFinite(row.value())).as(row.toString()).isTrue();
      if (!row.metric().equals("price") && !row.metric().equals("price_change")) { // log changes may fall
        assertThat(row.value()).as(row.toString()).isGreaterThanOrEqualTo(-1e-6);
      }
    }
  }

  @Test
  void historyAgreementIsAsTheReadmeStates() {
    RunResult r = AnnualEngine.run(BASE.chain());
    List<Backtest.Comparison> all = Backtest.compare(BASE, TidyResults.rows(r, 2015, 2024), 2015, 2024);
    assertThat(all).hasSizeGreaterThan(50);
    for (Backtest.Comparison c : all) {
      HistorySeries h = c.series();
      if (h.metric().equals("production") && h.stage().equals("mining") && h.region().equals("CN")
          && !h.label().equals("usgs-mcs-2024")) {
        // base's element market: the quota mines run just below their cap (their supply curve rises
        // towards capacity) and the off-quota tranche adds at most its share beyond it: 20 % of the
        // quota from 2018, 29 % in 2017 (on the line from 38 % in 2016), so the 2019 edition's 2017-18
        // pair may be up to 29 % high
        double tranche = h.label().equals("usgs-mcs-2019") ? 29 : 20;
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(tranche + 1e-6);
      }
      if (h.metric().equals("production") && h.stage().equals("magnet")) {
        assertThat(c.error()).as(h.describe()).isLessThan(35);
      }
      if (h.metric().equals("share_china") && h.stage().equals("mining")) {
        // 2024: Myanmar's seizure by the KIA (31 of 50 kt, USGS) is not replayed in base (an event there
        // would bind every child's axis), so Myanmar runs near its capacity and China's share is ~7 points low
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(7);
      }
      if (h.metric().equals("share_china") && h.stage().equals("separation")) {
        // one market has no ore-to-plant ties: with China's idle nameplate the ex-China separators run
        // below their own mines' feed (WoodMac 86 % against 95 % in 2023; IEA 92 %)
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(9.5);
      }
      if (h.metric().equals("share_china") && h.stage().equals("magnet")) {
        // sticky trade keeps the makers outside China in business (README: within 2-5 points)
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(5.5);
      }
    }
  }

  @Test
  void theLiteralClaimContradictsHistoryAndTheIncrementDoesNot() {
    List<ConsistencyCheck.Finding> total = ConsistencyCheck.run(ScenarioLoader.load("claim-total-120kt"));
    assertThat(total).anySatisfy(f -> {
      assertThat(f.year()).isEqualTo(2028);
      assertThat(f.stage()).isEqualTo("magnet");
      assertThat(f.region()).isEqualTo("CN");
      assertThat(f.capacity()).isEqualTo(120_000, org.assertj.core.api.Assertions.within(1e-6));
      // Argus 300 kt of blanks in 2024 x 71.3 % = 213.9 kt finished, against 120 kt: short by 93.9 kt
      assertThat(f.shortfall()).isCloseTo(300_000 * 0.713 - 120_000, within(1.0));
    });
    assertThat(ConsistencyCheck.run(ScenarioLoader.load("claim-increment-120kt"))).isEmpty();
    assertThat(ConsistencyCheck.run(BASE)).isEmpty();
  }
}
