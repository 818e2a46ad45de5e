package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The robustness sweep of the command line: bad input of every kind — missing files, a folder instead of
 * a file, empty YAML, bad options, bad years, unknown scenarios and stages, paths that cannot be written,
 * ports out of range or in use — exits 2 with a message and never as an internal error or a stack trace
 * (STYLE.md: 0 ok, 2 bad usage or input, 1 internal error).
 */
class BadInputTest extends CliTestSupport {
  @TempDir
  static Path dir;

  static Stream<List<String>> badCommandLines() throws Exception {
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.createDirectories(dir.resolve("adir"));
    Files.writeString(dir.resolve("broken.yaml"), "name: [\n");
    Files.writeString(dir.resolve("a-file"), "x");
    Files.writeString(dir.resolve("bad.csv"), "year,value\n2001,abc\n");
    String empty = dir.resolve("empty.yaml").toString();
    String adir = dir.resolve("adir").toString();
    String file = dir.resolve("a-file").toString();
    return Stream.of(
        List.of("run", "nosuch"),
        List.of("run", dir.resolve("missing.yaml").toString()),
        List.of("run", empty),
        List.of("run", adir),
        List.of("run", dir.resolve("broken.yaml").toString()),
        List.of("run", "tiny-does-not-exist", "--from", "abc"),
        List.of("run", "base", "--from", "1990"),
        List.of("run", "base", "--from", "2030", "--to", "2020"),
        List.of("run", "base", "--format", "xml"),
        List.of("run", "base", "--bogus"),
        // --out onto an existing file, and under a file (no folder can be made there)
        List.of("run", "base", "--from", "2024", "--to", "2024", "--out", file),
        List.of("run", "base", "--from", "2024", "--to", "2024", "--out", file + "/sub"),
        List.of("validate", empty, adir),
        List.of("check", adir),
        List.of("backtest", "base", "--from", "2030", "--to", "2020"),
        List.of("backtest", "base", "--from", "1900"),
        List.of("viability", "base", "--stage", "nosuch"),
        List.of("reconcile", "base", "--year", "1900"),
        List.of("calibrate", "base", "--fit", "2020-2015", "--test", "2021-2024"),
        List.of("compare", "base", "nosuch"),
        List.of("data", "sources", "nosuch"),
        List.of("stock", "--inflow", adir, "--lifetime", "fixed:mean=5"),
        List.of("stock", "--inflow", dir.resolve("bad.csv").toString(), "--lifetime", "fixed:mean=5"),
        List.of("stock", "--inflow", empty, "--lifetime", "bogus"),
        List.of("mc", "nosuch", "--runs", "10"),
        List.of("mc", "base", "--runs", "0"),
        List.of("mc", "base", "--runs", "5", "--from", "1800"),
        List.of("mc", "base", "--runs", "5", "--prob", "garbage!!"),
        List.of("exposure", adir),
        List.of("exposure", empty),
        List.of("sensitivity", "base", "--metric", "nosuch"),
        List.of("export", "nosuch", "--format", "csv", "--db", dir.resolve("none.duckdb").toString()),
        List.of("serve", "--port", "-5"),
        List.of("serve", "--port", "99999"),
        List.of("serve", "--max-runs", "0"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badInputExitsTwoWithAMessageAndNoStackTrace(List<String> args) {
    int code = run(args.toArray(String[]::new));
    String e = err.toString();
    assertThat(code).as(args + "\n" + e).isEqualTo(2);
    assertThat(e).as(args.toString()).isNotBlank().doesNotContain("internal error").doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void aPortInUseIsAUserError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String> args = new ArrayList<>(List.of("serve", "--port", String.valueOf(taken.getLocalPort()),
          "--data", dir.resolve("serve-data").toString(), "--db", dir.resolve("serve.duckdb").toString()));
      int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(args.toArray(String[]::new)));
      assertThat(code).as(err.toString()).isEqualTo(2);
      assertThat(err.toString()).contains("--host/--port = 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("internal error");
    }
  }
}
