package org.lodestone.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.core.results.ResultRow;

class ResultsStoreTest {
  @TempDir
  Path dir;

  static final String SCENARIO = "name: toy\nparent: base\n";

  static List<StoredRow> rows(int n) {
    List<StoredRow> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(StoredRow.of(new ResultRow(2020 + i % 5, i % 2 == 0 ? "production" : "price",
          i % 2 == 0 ? "magnet" : "separation", i % 2 == 0 ? "" : "NdPr", i % 3 == 0 ? "CN" : "", "",
          i * 1.5, i % 2 == 0 ? "t" : "USD/kg")));
    }
    return out;
  }

  static RunRecord run(String id) {
    return new RunRecord(id, ResultsStore.hash(SCENARIO), "toy", 0, "annual/1", Instant.parse("2026-01-02T03:04:05Z"),
        "ok", 12, 2020, 2024, 0, 0);
  }

  @Test
  void savesAndReadsBackARunWithFilters() {
    try (ResultsStore s = ResultsStore.open(dir.resolve("a.duckdb"))) {
      RunRecord saved = s.saveRun(run("r1"), "toy", SCENARIO, rows(10), null);
      assertThat(saved.rows()).isEqualTo(10);
      assertThat(s.runs()).extracting(RunRecord::id).containsExactly("r1");
      assertThat(s.rows("r1", ResultsQuery.ALL)).hasSize(10).first()
          .satisfies(r -> assertThat(r.row()).isEqualTo(rows(1).get(0).row()));
      assertThat(s.rows("r1", ResultsQuery.ALL.withMetrics(List.of("price")))).hasSize(5)
          .allMatch(r -> r.row().metric().equals("price") && r.draw() == null && r.percentile() == null);
      ResultsQuery q = new ResultsQuery(List.of(), List.of("magnet"), List.of(), List.of("CN"), List.of(), 2021, 2023);
      assertThat(s.rows("r1", q)).extracting(r -> r.row().value()).containsExactly(9.0);
      assertThat(s.scenarioContent(saved.scenarioHash())).contains(SCENARIO);
      assertThat(s.integrityProblems()).isEmpty();
    }
  }

  static List<ProducerRow> producers() {
    return List.of(
        new ProducerRow(2020, "m1", "magnet", "CN", "Acme", 1000, 800, 0.8, 60, 40, 12, 8),
        new ProducerRow(2021, "m1", "magnet", "CN", "Acme", 1000, 900, 0.9, 62, 41, 12, 9),
        new ProducerRow(2020, "s1", "separation", "US", "Beta", 0, 0, Double.NaN, 50, 45, 10, -5));
  }

  @Test
  void producersAreSavedWithTheRunAndReadBackByStage() {
    Path f = dir.resolve("p.duckdb");
    try (ResultsStore s = ResultsStore.open(f)) {
      s.saveRun(run("r1"), "toy", SCENARIO, rows(4), producers(), null);
      // a failure while writing the results leaves no producers either (same transaction)
      List<StoredRow> bad = new ArrayList<>(rows(10));
      bad.set(5, null);
      assertThatThrownBy(() -> s.saveRun(run("r2"), "toy", SCENARIO, bad, producers(), null))
          .isInstanceOf(RuntimeException.class);
      List<ProducerRow> badProducers = new ArrayList<>(producers());
      badProducers.add(null);
      assertThatThrownBy(() -> s.saveRun(run("r3"), "toy", SCENARIO, rows(4), badProducers, null))
          .isInstanceOf(RuntimeException.class);
      s.saveRun(run("r4"), "toy", SCENARIO, rows(4), null);
    }
    try (ResultsStore s = ResultsStore.open(f)) {
      assertThat(s.runs()).extracting(RunRecord::id).containsExactlyInAnyOrder("r1", "r4");
      assertThat(s.producers("r1", List.of())).hasSize(3).first().isEqualTo(producers().get(0));
      assertThat(s.producers("r1", List.of("separation"))).singleElement()
          .satisfies(p -> {
            assertThat(p.producer()).isEqualTo("s1");
            assertThat(p.utilisation()).isNaN();
            assertThat(p.margin()).isEqualTo(-5.0);
          });
      assertThat(s.producers("r2", List.of())).isEmpty();
      assertThat(s.producers("r3", List.of())).isEmpty();
      assertThat(s.producers("r4", List.of())).isEmpty();
      assertThat(s.scalar("SELECT count(*) FROM producers")).isEqualTo(3L);
      assertThat(s.integrityProblems()).isEmpty();
    }
  }

  @Test
  void runsSurviveReopeningAndAFailedSaveLeavesNothing() {
    Path f = dir.resolve("b.duckdb");
    try (ResultsStore s = ResultsStore.open(f)) {
      s.saveRun(run("r1"), "toy", SCENARIO, rows(100), null);
      List<StoredRow> bad = new ArrayList<>(rows(100));
      bad.set(50, null); // fails half-way through the appender
      assertThatThrownBy(() -> s.saveRun(run("r2"), "toy", SCENARIO, bad, null)).isInstanceOf(RuntimeException.class);
      // the same id again fails on the primary key and leaves the first run alone
      assertThatThrownBy(() -> s.saveRun(run("r1"), "toy", SCENARIO, rows(3), null)).isInstanceOf(StoreException.class);
    }
    try (ResultsStore s = ResultsStore.open(f)) {
      assertThat(s.runs()).extracting(RunRecord::id).containsExactly("r1");
      assertThat(s.rows("r1", ResultsQuery.ALL)).hasSize(100);
      assertThat(s.scalar("SELECT count(*) FROM results")).isEqualTo(100L);
      assertThat(s.integrityProblems()).isEmpty();
    }
  }

  @Test
  void exportsEveryFormat() throws Exception {
    try (ResultsStore s = ResultsStore.open(dir.resolve("c.duckdb"))) {
      s.saveRun(run("r1"), "toy", SCENARIO, rows(6), null);
      Path csv = dir.resolve("r.csv");
      s.export("r1", ExportFormat.csv, csv);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo("year,metric,stage,product,region,sector,value,unit");
      assertThat(lines).hasSize(7).contains("2020,production,magnet,,CN,,0,t", "2021,price,separation,NdPr,,,1.5,USD/kg");
      Path json = dir.resolve("r.json");
      s.export("r1", ExportFormat.json, json);
      var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
      assertThat(tree.size()).isEqualTo(6);
      assertThat(tree.get(1).get("value").asDouble()).isEqualTo(1.5);
      Path parquet = dir.resolve("r.parquet");
      s.export("r1", ExportFormat.parquet, parquet);
      assertThat(new String(Files.readAllBytes(parquet), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
      assertThat(s.scalar("SELECT sum(value) FROM read_parquet('" + parquet + "')")).isEqualTo(22.5);
      Path xlsx = dir.resolve("r.xlsx");
      s.export("r1", ExportFormat.xlsx, xlsx);
      try (ReadableWorkbook wb = new ReadableWorkbook(xlsx.toFile())) {
        List<Row> rs = wb.getFirstSheet().read();
        assertThat(rs).hasSize(7);
        assertThat(rs.get(0).getCellText(0)).isEqualTo("year");
        assertThat(rs.get(2).getCellAsNumber(6)).hasValueSatisfying(v -> assertThat(v.doubleValue()).isEqualTo(1.5));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      s.export("r1", ExportFormat.parquet, bytes, dir.resolve("scratch"));
      assertThat(bytes.size()).isGreaterThan(100);
      assertThatThrownBy(() -> s.export("nope", ExportFormat.csv, dir.resolve("x.csv"))).isInstanceOf(StoreException.class);
    }
  }

  @Test
  void exportsWriteNoiseAroundZeroAsZeroAndTheStoreKeepsTheValue() throws Exception {
    try (ResultsStore s = ResultsStore.open(dir.resolve("n.duckdb"))) {
      List<StoredRow> noisy = List.of(
          StoredRow.of(new ResultRow(2030, "price", "separation", "Dy", "", "", -7.46e-15, "USD/kg")),
          StoredRow.of(new ResultRow(2030, "unserved", "", "magnet", "", "ev", 2e-9, "t")));
      s.saveRun(run("n1"), "toy", SCENARIO, noisy, null);
      assertThat(s.rows("n1", ResultsQuery.ALL).get(0).row().value()).isEqualTo(-7.46e-15);
      Path csv = dir.resolve("n.csv");
      s.export("n1", ExportFormat.csv, csv);
      assertThat(Files.readAllLines(csv)).contains("2030,price,separation,Dy,,,0,USD/kg", "2030,unserved,,magnet,,ev,0.000000002,t");
      Path json = dir.resolve("n.json");
      s.export("n1", ExportFormat.json, json);
      assertThat(Files.readString(json)).contains("\"value\":0,").doesNotContain("E-15");
      Path parquet = dir.resolve("n.parquet");
      s.export("n1", ExportFormat.parquet, parquet);
      assertThat(s.scalar("SELECT value FROM read_parquet('" + parquet + "') WHERE metric = 'price'")).isEqualTo(0.0);
      assertThat(s.scalar("SELECT value FROM read_parquet('" + parquet + "') WHERE metric = 'unserved'")).isEqualTo(2e-9);
      Path xlsx = dir.resolve("n.xlsx");
      s.export("n1", ExportFormat.xlsx, xlsx);
      try (ReadableWorkbook wb = new ReadableWorkbook(xlsx.toFile())) {
        assertThat(wb.getFirstSheet().read().get(1).getCellAsNumber(6))
            .hasValueSatisfying(v -> assertThat(v.doubleValue()).isEqualTo(0.0));
      }
    }
  }

  @Test
  void ensembleRowsCarryDrawAndPercentile() throws Exception {
    try (ResultsStore s = ResultsStore.open(dir.resolve("d.duckdb"))) {
      ResultRow r = new ResultRow(2030, "price", "magnet", "magnet", "", "", 80, "USD/kg");
      RunRecord ens = new RunRecord("e1", ResultsStore.hash(SCENARIO), "toy", 42, "annual/1", Instant.now(), "ok",
          5, 2030, 2030, 0, 2);
      s.saveRun(ens, "toy", SCENARIO, List.of(new StoredRow(r, 0, null), new StoredRow(r, 1, null),
          new StoredRow(r, null, 95.0)), null);
      assertThat(s.rows("e1", ResultsQuery.ALL)).extracting(StoredRow::draw).containsExactly(0, 1, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.export("e1", ExportFormat.csv, out, dir);
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
          "year,metric,stage,product,region,sector,draw,percentile,value,unit\n2030,price,magnet,magnet,,,0,,80,USD/kg\n")
          .contains("2030,price,magnet,magnet,,,,95,80,USD/kg");
    }
  }

  @Test
  void aSecondProcessCannotOpenTheSameFileAndIsToldWhy() {
    // within one process DuckDB shares the instance; the lock message is exercised by the CLI test
    assertThatThrownBy(() -> new RunRecord("../etc", "h", "n", 0, "e", Instant.now(), "ok", 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
