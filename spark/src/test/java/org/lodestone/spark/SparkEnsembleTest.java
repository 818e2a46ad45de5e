package org.lodestone.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.cli.Main;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.ensemble.ScenarioSource;
import picocli.CommandLine;

/** Same seed → bit-identical ensembles on 1 thread, 2 threads and Spark local[2]. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkEnsembleTest {
  @TempDir
  Path dir;

  Path scenario() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/tiny.yaml")) {
      Files.copy(in, dir.resolve("tiny.yaml"));
    }
    Path p = dir.resolve("u.yaml");
    Files.writeString(p, """
        name: u
        parent: tiny.yaml
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 75, sd: 5}, 2024: {dist: uniform, min: 60, max: 140}}}
        producers:
          magnet-a: {cost: {dist: triangular, min: 5 USD/kg, mode: 10 USD/kg, max: 30 USD/kg}}
          magnet-b: {capacity: {2022: {dist: lognormal, mean: 100, sd: 30}}}
        """);
    return p;
  }

  int cli(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void sparkLocalModeGivesTheLocalEnginesBits() throws Exception {
    Path u = scenario();
    ScenarioSource source = ScenarioSource.of(u.toString());
    EnsembleSpec spec = new EnsembleSpec(200, 2026, 2020, 2024);
    Draws one = new LocalEngine(1).run(source, spec, ProgressListener.NONE);
    Draws two = new LocalEngine(2).run(source, spec, ProgressListener.NONE);
    Draws spark = new SparkEnsembleEngine("local[2]").run(source, spec, ProgressListener.NONE);
    assertThat(two.values()).isEqualTo(one.values());
    assertThat(spark.values()).isEqualTo(one.values());
    assertThat(spark.layout().keys()).isEqualTo(one.layout().keys());

    // end to end: the CLI with --engine spark writes the same files as with 1 thread
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(cli(out, err, "mc", u.toString(), "--runs", "200", "--seed", "2026", "--threads", "1",
        "--prob", "unserved/demand>0.05", "--out", dir.resolve("local").toString())).as(err.toString()).isZero();
    assertThat(cli(out, err, "mc", u.toString(), "--runs", "200", "--seed", "2026", "--engine", "spark",
        "--master", "local[2]", "--prob", "unserved/demand>0.05", "--out", dir.resolve("spark").toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("spark local[2]");
    for (String f : List.of("ensemble.csv", "probabilities.csv")) {
      assertThat(Files.readString(dir.resolve("spark").resolve(f)))
          .isEqualTo(Files.readString(dir.resolve("local").resolve(f)));
    }
  }

  /**
   * An unreachable standalone master is bad input (exit 2) with a message naming it, within seconds:
   * an unknown host, a closed port, a typo in the URL. Before the check Spark retried for a minute and the
   * command died with an internal error (IllegalStateException: LiveListenerBus is stopped).
   */
  @Test
  void unreachableMasterIsAUserErrorWithinSeconds() throws Exception {
    Path u = scenario();
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    for (String master : List.of("spark://unreachable.invalid:7077", "spark://127.0.0.1:" + closedPort,
        "spark://localhost:70x7", "nonsense://here")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long t0 = System.nanoTime();
      int code = cli(out, err, "mc", u.toString(), "--runs", "10", "--engine", "spark", "--master", master);
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(code).as(err.toString()).isEqualTo(2);
      assertThat(err.toString()).contains("--master = " + master).contains("local[2]")
          .doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(seconds).as(master).isLessThan(30);
    }
  }

  /**
   * A port that accepts connections but is no Spark master: the session start is bounded (here 2 s; 30 s
   * in the CLI), not Spark's minute of retries. Runs last: Spark's abandoned start goes on in the
   * background until its own retries end, and must not meet the other tests' sessions.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aSilentPortIsAUserErrorAfterTheStartTimeout() throws Exception {
    Path u = scenario();
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String master = "spark://127.0.0.1:" + s.getLocalPort();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> new SparkEnsembleEngine(master, 2000).run(ScenarioSource.of(u.toString()),
          new EnsembleSpec(10, 1, 2020, 2024), ProgressListener.NONE))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("--master = " + master).hasMessageContaining("within 2.0 s");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }
    // local and cluster-manager masters are Spark's to check
    assertThatCode(() -> SparkEnsembleEngine.checkReachable("local[2]", 500)).doesNotThrowAnyException();
    assertThatCode(() -> SparkEnsembleEngine.checkReachable("yarn", 500)).doesNotThrowAnyException();
    assertThatCode(() -> SparkEnsembleEngine.checkReachable("local[*]", 500)).doesNotThrowAnyException();
    assertThatCode(() -> SparkEnsembleEngine.checkReachable("local", 500)).doesNotThrowAnyException();
  }

  @Test
  void aListeningMasterPassesTheCheck() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatCode(() -> SparkEnsembleEngine.checkReachable(
          "spark://unreachable.invalid:7077,127.0.0.1:" + s.getLocalPort(), 2000)).doesNotThrowAnyException();
    }
  }
}
