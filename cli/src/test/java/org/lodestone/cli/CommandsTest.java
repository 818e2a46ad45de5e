package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of every command and its exit codes, driven in process. */
class CommandsTest extends CliTestSupport {
  @TempDir
  Path dir;

  @Test
  void runPrintsTheSummaryTableForTheTinyChain() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("run", tiny.toString())).as(err.toString()).isZero();
    String table = out.toString();
    assertThat(table).contains("scenario tiny").contains("magnet capacity").contains("NdFeB magnet")
        .contains("2020").contains("2024").contains("ev");
    // 150 t demand cleared at 36 USD/kg (the engine's hand-computed known answer)
    assertThat(table).containsPattern("NdFeB magnet\\s+36\\.0");
  }

  @Test
  void theBaseRunShowsItsResponsesToPrices() throws Exception {
    // the README's first command: the summary has a responses section, and the tidy rows carry the
    // substitution, investment and recycling metrics by 2040
    assertThat(run("run")).as(err.toString()).isZero();
    String table = out.toString();
    assertThat(table).contains("Responses to prices").contains("magnets substituted (kt)")
        .contains("new mining capacity").contains("recycled share of NdPr");
    out.getBuffer().setLength(0);
    assertThat(run("run", "--format", "csv", "--from", "2040", "--to", "2040")).isZero();
    List<String> csv = List.of(out.toString().split("\n"));
    // the rows are there; whether they are non-zero is the outlook's answer (since the off-quota fit of
    // 2026-12 no substitute has started by 2040 in base: the 2040 magnet price is 75 USD/kg)
    assertThat(csv).anyMatch(l -> l.startsWith("2040,substituted,,magnet-free,,,"));
    assertThat(csv).anyMatch(l -> l.startsWith("2040,substitution_share,,eesm-or-induction,,ev-traction,"));
    assertThat(csv).anyMatch(l -> l.startsWith("2040,investment,mining,,AU,,"));
    assertThat(csv).anyMatch(l -> l.startsWith("2040,production,recycling,magnet,,,"));
    assertThat(csv).anyMatch(l -> l.startsWith("2040,stock_in_use,,magnet,,,"));
    assertThat(csv).anyMatch(l -> l.startsWith("2040,recycled_share,recycling,NdPr,,,"));
  }

  @Test
  void runWritesTidyCsvAndJsonWithTheContractColumns() throws Exception {
    Path tiny = fixture(dir);
    Path outDir = dir.resolve("out");
    assertThat(run("run", tiny.toString(), "--out", outDir.toString(), "--format", "csv")).isZero();
    List<String> csv = Files.readAllLines(outDir.resolve("results.csv"));
    assertThat(csv.get(0)).isEqualTo("year,metric,stage,product,region,sector,value,unit");
    assertThat(csv).contains("2020,price,magnet,magnet,,,36,USD/kg");
    assertThat(csv).contains("2020,production,magnet,,,,150,t");
    assertThat(csv).contains("2020,served,,magnet,,ev,150,t");
    assertThat(csv).contains("2020,unserved,,magnet,,ev,0,t");
    assertThat(csv).contains("2020,share_china,magnet,,,,0.666666667,share");
    // HHI of 100 t (CN) and 50 t (ROW): (66.67)² + (33.33)² = 5555.6
    assertThat(csv).contains("2020,hhi_country,magnet,,,,5555.55556,HHI");
    assertThat(out.toString()).isEqualTo(String.join("\n", csv) + "\n");
    JsonNode json = new ObjectMapper().readTree(outDir.resolve("results.json").toFile());
    assertThat(json.isArray()).isTrue();
    assertThat(json.size()).isEqualTo(csv.size() - 1);
    assertThat(json.get(0).fieldNames()).toIterable()
        .containsExactly("year", "metric", "stage", "product", "region", "sector", "value", "unit");
    for (String metric : List.of("capacity", "production", "demand", "served", "unserved", "price",
        "share_china", "hhi_country", "hhi_company")) {
      assertThat(csv).anyMatch(l -> l.split(",", -1)[1].equals(metric));
    }
  }

  @Test
  void fromAndToLimitTheYears() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("run", tiny.toString(), "--format", "json", "--from", "2022", "--to", "2023")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    for (JsonNode row : json) {
      assertThat(row.get("year").asInt()).isBetween(2022, 2023);
    }
  }

  @Test
  void aYearOffTheAxisIsBadInputAndNothingIsWritten() throws Exception {
    Path tiny = fixture(dir);
    Path outDir = dir.resolve("never");
    assertThat(run("run", tiny.toString(), "--from", "1990", "--out", outDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--from = 1990: year outside the scenario's axis 2020..2024");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void badScenarioExitsTwoWithAPositionedMessageAndWritesNothing() throws Exception {
    fixture(dir);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\nparent: tiny.yaml\nproducers:\n  magnet-a: {capacity: {2020: -3 kt}}\n");
    Path outDir = dir.resolve("out");
    assertThat(run("run", bad.toString(), "--out", outDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.yaml:4").contains("producers.magnet-a.capacity.2020 = -3 kt: must be >= 0")
        .contains("1 problem found").doesNotContain("Exception");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void missingFileExitsTwo() {
    assertThat(run("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml").contains("no such file");
  }

  @Test
  void unknownOptionExitsTwo() {
    assertThat(run("run", "--formt", "csv")).isEqualTo(2);
    assertThat(err.toString()).contains("--formt");
  }

  @Test
  void validateReportsOkAndProblems() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("validate", tiny.toString())).isZero();
    assertThat(out.toString()).contains("ok: ").contains("5 producers");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\nparent: tiny.yaml\nproducers:\n  magnet-a: {capactiy: 3}\n");
    assertThat(run("validate", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.yaml:4").contains("did you mean `capacity`?");
  }

  @Test
  void checkFlagsCapacityBelowObservedProduction() throws Exception {
    Path tiny = fixture(dir);
    // the fixture's CN magnet capacity is 100 t; observed production 90 t (2020) and 100 t (2022)
    assertThat(run("check", tiny.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("consistent");
    Path cut = dir.resolve("cut.yaml");
    Files.writeString(cut, "name: cut\nparent: tiny.yaml\ncapacityTargets:\n"
        + "  - {stage: magnet, region: CN, year: 2024, total: 40 t, from: 2021}\n");
    assertThat(run("check", cut.toString())).isEqualTo(CheckCommand.CONTRADICTIONS);
    assertThat(out.toString())
        .contains("magnet     CN    2022: capacity below the production observed that year, 100 t produced in 2022 [test]; worst 2022: capacity 80 t, short by 20 t")
        .contains("magnet     CN    2023-2024: capacity below 100 t produced in 2022 [test]; worst 2024: capacity 40 t, short by 60 t");
  }

  @Test
  void compareShowsTheDifferenceOfTwoScenarios() throws Exception {
    Path tiny = fixture(dir);
    Path dear = dir.resolve("dear.yaml");
    // magnet maker B costs 5 USD/kg more: the marginal cost, and so the price, rises by 5
    Files.writeString(dear, "name: dear\nparent: tiny.yaml\nproducers:\n  magnet-b: {cost: 20}\n");
    assertThat(run("compare", tiny.toString(), dear.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Compare tiny (A) with dear (B)").contains("41.0 (+5.0)");
    assertThat(run("compare", tiny.toString(), dear.toString(), "--format", "csv")).isZero();
    assertThat(out.toString()).startsWith("year,metric,stage,product,region,sector,a,b,difference,unit\n")
        .contains("2020,price,magnet,magnet,,,36,41,5,USD/kg");
  }

  /**
   * Regional markets on the tiny chain (A: CN, 10 USD/kg; B: ROW, 15 USD/kg; metal made only in CN;
   * demand 90 t in CN and 60 t in ROW; magnets cost 2 USD/kg to move, metal 1). Free trade: A serves
   * CN and sends 10 t to ROW, B (15 + 0.3 × 71 = 36.3) sets the ROW price, CN = 36.3 − 2 = 34.3.
   * With CN's magnet exports capped at 0 t, CN's price falls to A's cost 31 and the gap, 5.3,
   * exceeds the trade cost.
   */
  @Test
  void aBindingExportCapSplitsRegionalPricesAndRemovingItClosesTheGap() throws Exception {
    fixture(dir);
    String market = "market:\n  model: regional\n  tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}\n";
    Path free = dir.resolve("free.yaml");
    Files.writeString(free, "name: free\nparent: tiny.yaml\n" + market);
    Path capped = dir.resolve("capped.yaml");
    Files.writeString(capped, "name: capped\nparent: free.yaml\nevents:\n"
        + "  - {type: export_control, exporter: CN, products: [magnet], from: 2020, cap: 0 t}\n");
    assertThat(run("run", capped.toString(), "--format", "csv", "--to", "2020")).as(err.toString()).isZero();
    double cn = price(out.toString(), "CN");
    double row = price(out.toString(), "ROW");
    assertThat(row - cn).isGreaterThan(2.0).isCloseTo(5.3, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(run("run", free.toString(), "--format", "csv", "--to", "2020")).isZero();
    assertThat(price(out.toString(), "ROW") - price(out.toString(), "CN"))
        .isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(out.toString()).contains("2020,trade,magnet,magnet,CN>ROW,,10,t");
  }

  private static double price(String csv, String region) {
    for (String line : csv.split("\n")) {
      if (line.startsWith("2020,price,magnet,magnet," + region + ",")) {
        return Double.parseDouble(line.split(",")[6]);
      }
    }
    throw new AssertionError("no magnet price for " + region);
  }

  @Test
  void backtestComparesTheRunWithObservedSeries() throws Exception {
    Path tiny = fixture(dir);
    // the fixture observes CN magnet production of 90 t (2020) and 100 t (2022); the model makes
    // A's 100 t in both years: errors 11.1 % and 0 % → MAPE 5.6 %
    assertThat(run("backtest", tiny.toString(), "--from", "2020", "--to", "2024")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("production magnet CN (test)").containsPattern("\\s6%\\s+2020-2022 \\(2\\)");
  }

  @Test
  void backtestOfBaseComparesEachSeriesOnItsBasisAndTradeAsImpliedNetExports() {
    assertThat(run("backtest")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("production magnet magnet-blank CN (argus)")
        .contains("price NdPr CN (china-domestic)").contains("price magnet CN (china-export-unit-value)")
        // China's customs magnet exports meet the one market's implied net exports, and the row says so
        .containsPattern("exports magnet magnet CN \\(china-customs\\)\\s+\\d+%\\s+2021-2024 \\(3\\)\\s+2021: 48\\.8k -> .*"
            + "\\[basis: observed exports vs model net_exports, see below\\]")
        .containsPattern("net_exports magnet magnet CN \\(china-customs-net\\)\\s+\\d+%\\s+2016-2017 \\(2\\)")
        .contains("observed exports are compared with the model's implied net exports")
        .contains("56.7 % of the use elsewhere, market.assembledInChina")
        // the Myanmar ore series has no counterpart on one market
        .contains("trade: 1 observed trade series not compared (exports mining REO MM (ord-minnett-myanmar-to-china))");
  }

  @Test
  void viabilityListsMarginsAndOutWritesProducersCsv() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("viability", tiny.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("magnet-a").contains("magnet-b").contains("viable");
    Path outDir = dir.resolve("o");
    assertThat(run("run", tiny.toString(), "--out", outDir.toString(), "--to", "2020")).isZero();
    List<String> csv = Files.readAllLines(outDir.resolve("producers.csv"));
    assertThat(csv.get(0)).isEqualTo("year,producer,stage,region,owner,capacity,production,utilisation,"
        + "price_received,input_cost,cash_cost,margin");
    assertThat(csv).contains("2020,magnet-a,magnet,CN,magnet-a,100,100,1,36,21,10,5");
  }

  @Test
  void scenariosListsTheShippedOnes() {
    assertThat(run("scenarios")).isZero();
    assertThat(out.toString()).contains("base").contains("claim-total-120kt").contains("claim-increment-120kt");
  }

  @Test
  void dataSourcesListsSourcesWithCitationCounts() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("data", "sources", tiny.toString())).isZero();
    assertThat(out.toString()).contains("test-source").contains("Test figures").contains("figures");
    assertThat(run("data", "estimates", tiny.toString())).isZero();
    assertThat(out.toString()).contains("uncited input");
  }

  @Test
  void helpAndVersionExitZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("run").contains("validate").contains("check").contains("scenarios");
    assertThat(run("--version")).isZero();
  }
}
