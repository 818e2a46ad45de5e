package org.lodestone.io.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.results.ResultRow;

class ResultsWriterTest {
  @TempDir
  Path dir;

  private static final List<ResultRow> ROWS = List.of(
      new ResultRow(2024, "price", "magnet", "magnet", "", "", 49.2, "USD/kg"),
      new ResultRow(2024, "served", "", "magnet", "CN", "ev, \"traction\"", 1.0e7, "t"));

  @Test
  void csvHasTheContractHeaderAndQuotesOnlyWhenNeeded() throws IOException {
    StringWriter w = new StringWriter();
    ResultsWriter.writeCsv(ROWS, w);
    assertThat(w.toString()).isEqualTo("year,metric,stage,product,region,sector,value,unit\n"
        + "2024,price,magnet,magnet,,,49.2,USD/kg\n"
        + "2024,served,,magnet,CN,\"ev, \"\"traction\"\"\",10000000,t\n");
  }

  @Test
  void oneQuotingRuleForEveryCsvField() {
    assertThat(ResultsWriter.csvText("MM>IN")).isEqualTo("MM>IN");
    assertThat(ResultsWriter.csvText("")).isEmpty();
    assertThat(ResultsWriter.csvText("a,b")).isEqualTo("\"a,b\"");
    assertThat(ResultsWriter.csvText("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ResultsWriter.csvText("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(ResultsWriter.csvKey(ROWS.get(1))).isEqualTo("2024,served,,magnet,CN,\"ev, \"\"traction\"\"\"");
  }

  @Test
  void numbersArePlainDecimals() {
    assertThat(ResultsWriter.number(0)).isEqualTo("0");
    assertThat(ResultsWriter.number(1e-7)).isEqualTo("0.0000001");
    assertThat(ResultsWriter.number(2.0 / 3)).isEqualTo("0.666666667");
    assertThat(ResultsWriter.number(123456789012.0)).isEqualTo("123456789000");
    assertThatThrownBy(() -> ResultsWriter.number(Double.NaN)).hasMessageContaining("non-finite");
  }

  @Test
  void noiseWithinTheBalanceToleranceOfZeroIsWrittenAsZeroInCsvAndJson() throws IOException {
    List<ResultRow> rows = List.of(
        new ResultRow(2030, "price", "separation", "Dy", "", "", -0.00000000000000746, "USD/kg"),
        new ResultRow(2015, "unserved", "", "magnet", "", "ev-traction", 1.36424205e-11, "t"),
        new ResultRow(2015, "surplus", "separation", "Tb", "", "", -0.0, "t"),
        new ResultRow(2015, "trade", "mining", "REO", "MM>IN", "", 6.7953868e-7, "t"));
    StringWriter csv = new StringWriter();
    ResultsWriter.writeCsv(rows, csv);
    assertThat(csv.toString()).isEqualTo("year,metric,stage,product,region,sector,value,unit\n"
        + "2030,price,separation,Dy,,,0,USD/kg\n"
        + "2015,unserved,,magnet,,ev-traction,0,t\n"
        + "2015,surplus,separation,Tb,,,0,t\n"
        + "2015,trade,mining,REO,MM>IN,,0.00000067953868,t\n");
    StringWriter json = new StringWriter();
    ResultsWriter.writeJson(rows, json);
    assertThat(json.toString()).doesNotContain("E-15").doesNotContain("E-11").doesNotContain("-0.0")
        .contains("\"value\" : 0.0").contains("\"value\" : 6.7953868E-7");
    assertThat(ResultsWriter.number(-7.46e-15)).isEqualTo("0");
    assertThat(ResultsWriter.number(-2e-9)).isEqualTo("-0.000000002");
  }

  @Test
  void folderGetsBothFilesAndNoTemporaryLeftovers() throws IOException {
    ResultsWriter.writeFolder(ROWS, dir.resolve("out"));
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results.csv", "results.json");
    }
    assertThat(Files.readString(dir.resolve("out/results.json"))).contains("\"metric\" : \"price\"");
  }

  @Test
  void aFailedWriteLeavesTheOldFileIntactAndNoTemporary() throws IOException {
    Path target = dir.resolve("results.csv");
    Files.writeString(target, "old");
    assertThatThrownBy(() -> ResultsWriter.atomicWrite(target, out -> {
      out.write("partial".getBytes());
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(target)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
