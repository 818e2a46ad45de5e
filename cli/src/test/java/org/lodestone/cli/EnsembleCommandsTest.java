package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lodestone mc} and {@code lodestone sensitivity}, driven in process on the tiny chain. */
class EnsembleCommandsTest extends CliTestSupport {
  @TempDir
  Path dir;

  Path uncertain() throws Exception {
    fixture(dir);
    Path p = dir.resolve("u.yaml");
    Files.writeString(p, """
        name: u
        parent: tiny.yaml
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 75, sd: 5}, 2024: {dist: uniform, min: 60, max: 140}}}
        producers:
          magnet-a: {cost: {dist: triangular, min: 5 USD/kg, mode: 10 USD/kg, max: 30 USD/kg}}
        """);
    return p;
  }

  @Test
  void mcWritesBandsAndProbabilities() throws Exception {
    Path u = uncertain();
    Path outDir = dir.resolve("out");
    assertThat(run("mc", u.toString(), "--runs", "300", "--seed", "5", "--threads", "2", "--out", outDir.toString(),
        "--prob", "unserved/demand>0.05", "--prob", "price[stage=magnet,year=2024] >= 40")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Ensemble of u: 300 draws, seed 5, 3 uncertain parameters (local, 2 threads")
        .contains("magnet demand (kt)").contains("P(unserved/demand>0.05)");
    List<String> csv = Files.readAllLines(outDir.resolve("ensemble.csv"));
    assertThat(csv.get(0)).isEqualTo("year,metric,stage,product,region,sector,value,unit,p05,p25,p50,p75,p95,mean,draws");
    // 2020 reference demand: nominal 150 t, N(150, 10): median near 150 over 300 draws
    String line = csv.stream().filter(l -> l.startsWith("2020,demand_reference,,magnet,,ev,")).findFirst().orElseThrow();
    String[] f = line.split(",", -1);
    assertThat(f[6]).isEqualTo("150");
    assertThat(Double.parseDouble(f[10])).isBetween(147.0, 153.0);
    assertThat(f[14]).isEqualTo("300");
    List<String> probs = Files.readAllLines(outDir.resolve("probabilities.csv"));
    assertThat(probs.get(0)).isEqualTo("event,year,probability,std_error,hits,draws");
    assertThat(probs).hasSize(1 + 5 + 1);
    // demand above 200 t (driver > 100 k) must be short of the 200 t of magnet capacity
    assertThat(probs.get(5)).startsWith("unserved/demand>0.05,2024,");
    assertThat(Double.parseDouble(probs.get(5).split(",")[2])).isGreaterThan(0.2);
  }

  @Test
  void outputIsIdenticalOnOneAndTwoThreads() throws Exception {
    Path u = uncertain();
    assertThat(run("mc", u.toString(), "--runs", "97", "--threads", "1", "--out", dir.resolve("a").toString(),
        "--prob", "unserved>1")).isZero();
    assertThat(run("mc", u.toString(), "--runs", "97", "--threads", "2", "--out", dir.resolve("b").toString(),
        "--prob", "unserved>1")).isZero();
    for (String f : List.of("ensemble.csv", "probabilities.csv")) {
      assertThat(Files.readString(dir.resolve("b").resolve(f))).isEqualTo(Files.readString(dir.resolve("a").resolve(f)));
    }
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws Exception {
    Path u = uncertain();
    Path outDir = dir.resolve("never");
    assertThat(run("mc", u.toString(), "--runs", "0", "--out", outDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--runs = 0: must be > 0");
    assertThat(run("mc", u.toString(), "--runs", "10", "--prob", "unservd/demand>0.05", "--out", outDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--prob = 'unservd/demand>0.05': at column 1: unknown metric `unservd`")
        .contains("did you mean `unserved`");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\nparent: tiny.yaml\nproducers:\n  magnet-a: {cost: {dist: normal, mean: 10, sd: -1}}\n");
    assertThat(run("mc", bad.toString(), "--runs", "10", "--out", outDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.yaml:4").contains("producers.magnet-a.cost.sd");
    assertThat(run("mc", u.toString(), "--runs", "10", "--engine", "spark")).isEqualTo(2);
    assertThat(err.toString()).contains("Spark is not on this command's classpath").contains("spark-submit --class");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void sensitivityRanksTheDriverFirst() throws Exception {
    Path u = uncertain();
    Path outDir = dir.resolve("s");
    assertThat(run("sensitivity", u.toString(), "--metric", "demand_reference", "--year", "2020", "--samples", "256",
        "--bootstrap", "50", "--out", outDir.toString())).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("Sobol indices of demand_reference in 2020, u: 3 parameters, 256 samples (1280 runs)");
    assertThat(lines.get(2)).startsWith("sectors.ev.driver.2020");
    List<String> csv = Files.readAllLines(outDir.resolve("sobol.csv"));
    assertThat(csv.get(0)).isEqualTo("parameter,law,file,line,S1,S1_low,S1_high,ST,ST_low,ST_high");
    assertThat(csv).hasSize(4);
    assertThat(run("sensitivity", u.toString(), "--metric", "unserved", "--year", "2024", "--tornado")).isZero();
    assertThat(out.toString()).contains("Tornado of unserved in 2024").contains("sectors.ev.driver.2024");
  }

  @Test
  void sensitivityBadInputExitsTwo() throws Exception {
    Path u = uncertain();
    assertThat(run("sensitivity", u.toString(), "--metric", "prices")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown metric `prices`");
    assertThat(run("sensitivity", u.toString(), "--metric", "price")).isEqualTo(2);
    assertThat(err.toString()).contains("ambiguous");
    assertThat(run("sensitivity", fixture(dir).toString(), "--metric", "unserved")).isEqualTo(2);
    assertThat(err.toString()).contains("has no distributions");
    assertThat(run("sensitivity", u.toString(), "--metric", "capacity[stage=mining]", "--year", "2020")).isEqualTo(2);
    assertThat(err.toString()).contains("does not vary");
  }
}
