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
  void everySourceOfEveryShippedScenarioGivesItsPublicationYear() {
    for (String name : ScenarioLoader.shippedNames()) {
      for (Source src : ScenarioLoader.load(name).sources().values()) {
        assertThat(src.year()).as("%s: source %s", name, src.id()).isBetween(1900, 2026);
      }
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
      // log changes may fall; net exports are signed (negative: net imports)
      if (!row.metric().equals("price") && !row.metric().equals("price_change") && !row.metric().equals("net_exports")) {
        assertThat(row.value()).as(row.toString()).isGreaterThanOrEqualTo(-1e-6);
      }
    }
    // the regions' implied net exports of magnets cancel: world output = world use on one market
    java.util.Map<Integer, Double> net = new java.util.TreeMap<>();
    java.util.Map<Integer, Double> output = new java.util.TreeMap<>();
    for (ResultRow row : rows) {
      if (row.metric().equals("net_exports")) {
        net.merge(row.year(), row.value(), Double::sum);
      } else if (row.metric().equals("production") && row.stage().equals("magnet") && row.product().isEmpty()
          && row.region().isEmpty()) {
        output.put(row.year(), row.value());
      }
    }
    assertThat(net).hasSize(26);
    for (var e : net.entrySet()) {
      assertThat(e.getValue()).as("net exports %d", e.getKey()).isCloseTo(0, within(1e-7 * output.get(e.getKey())));
    }
  }

  @Test
  void onOneMarketImportRelianceMatchesTheImpliedNetExports() {
    // apparent consumption = the magnets bought in the region's market = output - net exports;
    // import reliance x apparent consumption = net imports = max(0, -net_exports), every region and year
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(BASE.chain()), 2015, 2040);
    java.util.Map<String, Double> made = new java.util.HashMap<>();
    java.util.Map<String, Double> ir = new java.util.HashMap<>();
    java.util.Map<String, Double> net = new java.util.TreeMap<>();
    for (ResultRow row : rows) {
      String key = row.year() + " " + row.region();
      if (row.metric().equals("production") && row.stage().equals("magnet") && row.product().isEmpty()
          && !row.region().isEmpty()) {
        made.put(key, row.value());
      } else if (row.metric().equals("import_reliance") && row.stage().equals("magnet")) {
        ir.put(key, row.value());
      } else if (row.metric().equals("net_exports") && row.stage().equals("magnet")) {
        net.put(key, row.value());
      }
    }
    assertThat(net).hasSizeGreaterThan(26 * 4);
    int withImports = 0;
    for (var e : net.entrySet()) {
      double consumption = made.getOrDefault(e.getKey(), 0.0) - e.getValue();
      double netImports = Math.max(0, -e.getValue());
      withImports += netImports > 0 ? 1 : 0;
      if (consumption > 1e-9) {
        assertThat(ir).as(e.getKey()).containsKey(e.getKey());
        assertThat(ir.get(e.getKey()) * consumption).as(e.getKey())
            .isCloseTo(netImports, within(1e-9 * Math.max(1, consumption)));
      } else {
        assertThat(ir).as(e.getKey()).doesNotContainKey(e.getKey());
        assertThat(netImports).as(e.getKey()).isCloseTo(0, within(1e-6));
      }
    }
    assertThat(withImports).isGreaterThan(26);
  }

  @Test
  void metalMakingFollowsTheMagnetsAndNdPrMovesWithoutJumps() {
    // before the metal investment rule (new-metal-CN) China's metal capacity was held at its 2027 level
    // while the magnet rule added plants, and metal bound every year from 2028 (NdPr metal 348 USD/kg
    // against oxide 65 in 2040). Now metal making never runs at its nameplate in the outlook, and the
    // NdPr oxide price never moves by more than 2x a year without an event (issue #11)
    RunResult r = AnnualEngine.run(BASE.chain());
    SupplyChain c = BASE.chain();
    for (int t = c.axis().index(2028); t < c.axis().size(); t++) {
      double u = r.stageProduction(t, Stage.METAL) / r.stageCapacity(t, Stage.METAL);
      assertThat(u).as("metal utilisation in %d", c.axis().year(t)).isLessThan(0.98);
    }
    for (int t = 1; t < c.axis().size(); t++) {
      double ratio = r.oxidePrice(t, 0) / r.oxidePrice(t - 1, 0);
      assertThat(ratio).as("NdPr oxide %d / %d", c.axis().year(t), c.axis().year(t - 1)).isBetween(0.5, 2.0);
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
        // USGS counts the quota (product `reported`: without the off-quota tranche); the quota mines
        // run just below their cap, their supply curve rising towards capacity (measured: 2-7 %)
        assertThat(h.product()).as(h.describe()).isEqualTo(TidyResults.REPORTED);
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(8);
      }
      if (h.metric().equals("production") && h.stage().equals("magnet")) {
        assertThat(c.error()).as(h.describe()).isLessThan(35);
      }
      if (h.metric().equals("share_china") && h.stage().equals("mining")) {
        // 2024: Myanmar's seizure by the KIA (31 of 50 kt, USGS) is the cap myanmar-border, so China's
        // share is 65 % against USGS's 69 % (63 % when Myanmar ran at its capacity); IEA 2023: 1 point
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(5);
      }
      if (h.metric().equals("share_china") && h.stage().equals("separation")) {
        // one market has no ore-to-plant ties: with China's idle nameplate and the off-quota tranche
        // (80 % of the quota, calibrated) the ex-China separators run below their own mines' feed
        // (WoodMac 86 % against 98 % reported in 2023; IEA 92 %; Roskill 87 % in 2020 against 91 %)
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(12.5); // measured 12.0 with the HREE data
      }
      if (h.metric().equals("share_china") && h.stage().equals("magnet")) {
        // sticky trade keeps the makers outside China in business (README: within 2-5 points)
        assertThat(c.error()).as(h.describe()).isLessThanOrEqualTo(5.5);
      }
    }
  }

  @Test
  void myanmarsDipsAndTheIonicQuotaGroupAreCapsOfTheirOwn() {
    // Myanmar's capacity is the running maximum of observed output (50 kt from 2023); the border closures
    // and the KIA's seizure are the cap myanmar-border: output <= 12,000 t in 2022 and 31,000 t in 2024
    // (USGS MCS 2023 and 2025), no cap from 2025 (the capacity, 50 kt)
    SupplyChain c = BASE.chain();
    RunResult r = AnnualEngine.run(c);
    int mm = -1;
    int ionicOff = -1;
    int lightOff = -1;
    for (int p = 0; p < c.producers().size(); p++) {
      String id = c.producers().get(p).id();
      mm = id.equals("mm-kachin") ? p : mm;
      ionicOff = id.equals("cn-south-ionic-offquota") ? p : ionicOff;
      lightOff = id.equals("cn-northern-light-offquota") ? p : lightOff;
    }
    assertThat(c.producers().get(mm).capacityT(c.axis().index(2022))).isEqualTo(35_000, within(1e-6));
    assertThat(c.producers().get(mm).capacityT(c.axis().index(2024))).isEqualTo(50_000, within(1e-6));
    assertThat(r.production(c.axis().index(2022), mm)).isLessThanOrEqualTo(12_000 * (1 + 1e-9));
    assertThat(r.production(c.axis().index(2024), mm)).isLessThanOrEqualTo(31_000 * (1 + 1e-9));
    // the cap binds in 2022 (Dy and Tb are scarce), so the run reproduces USGS's 12,000 t to 1 %
    assertThat(r.production(c.axis().index(2022), mm)).isGreaterThan(12_000 * 0.99);
    // the ionic group's tranche is 100 % of the ionic quota, 19,150 t in 2020 (its only member), at 3.5x
    // the ionic cash cost of 5 USD/kg REO; the light group's tranche is its own (2.5x)
    int t2020 = c.axis().index(2020);
    assertThat(c.producers().get(ionicOff).capacityT(t2020)).isEqualTo(19_150, within(1e-6));
    assertThat(c.producers().get(ionicOff).costUsdPerKg()).isEqualTo(5 * 3.5, within(1e-9));
    Producer light = c.producers().stream().filter(p -> p.id().equals("cn-northern-light")).findFirst().orElseThrow();
    assertThat(c.producers().get(lightOff).costUsdPerKg()).isEqualTo(light.costUsdPerKg() * 2.5, within(1e-9));
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

  /**
   * The model's prices are annual averages, so every observed price is one, on a basis its label names
   * (issue #12's audit): no spot, single-month or half-year series is compared, and the USGS FOB China
   * series run 2015-2025 for each oxide. Known answers read from the sources by hand: MCS 2026 gives
   * 2022 NdPr oxide 124, Dy oxide 382, Tb oxide 2,050 USD/kg; MCS 2025 gives 2020 Tb oxide 670.
   */
  @Test
  void observedPricesAreAnnualAveragesOnANamedBasis() {
    Set<String> bases = Set.of("fob-china", "china-domestic", "mp-realized", "china-export-unit-value",
        "world-volume-weighted");
    int fob = 0;
    for (HistorySeries h : BASE.history()) {
      if (!h.metric().equals("price")) {
        continue;
      }
      assertThat(h.label()).as(h.describe()).isIn(bases);
      assertThat(h.note()).as(h.describe()).isNotEmpty();
      if (h.label().equals("fob-china")) {
        fob++;
        assertThat(h.years()).as(h.describe()).containsExactly(2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022,
            2023, 2024, 2025);
        double y2022 = switch (h.product()) {
          case "NdPr" -> 124;
          case "Dy" -> 382;
          case "Tb" -> 2050;
          default -> Double.NaN;
        };
        assertThat(h.value(2022)).as(h.describe()).isEqualTo(y2022);
        // by year, not by position in the list: a reordered list still passes, a missing point does not
        assertThat(h.pointSource(2022)).as(h.describe()).isEqualTo("usgs-mcs-2026");
        if (h.product().equals("NdPr")) {
          // a join of two products, stated in the note (the dashboard's tooltip and docs/DATASET.md show
          // it); the values stay as USGS published them: Nd oxide 48 (2015, MCS 2019), 49 (2020, MCS 2025)
          assertThat(h.note()).contains("JOINED").contains("Nd oxide 99.5 % 2015-2020")
              .contains("NdPr oxide 99 % 2021-2025").contains("mean 5.2 %");
          assertThat(h.value(2015)).isEqualTo(48);
          assertThat(h.value(2020)).isEqualTo(49);
        }
        if (h.product().equals("Tb")) {
          assertThat(h.value(2020)).isEqualTo(670);
          assertThat(h.pointSource(2020)).isEqualTo("usgs-mcs-2025-prices");
        }
      }
      // every point's source is a source of the dataset, by id
      for (String id : h.pointSources()) {
        assertThat(BASE.sources()).as(h.describe()).containsKey(id);
      }
    }
    assertThat(fob).isEqualTo(3);
  }
}
