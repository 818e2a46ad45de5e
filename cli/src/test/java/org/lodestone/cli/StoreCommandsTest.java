package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --save}, {@code runs} and {@code export} against a results store, in process. */
class StoreCommandsTest extends CliTestSupport {
  @TempDir
  Path dir;

  @Test
  void saveListAndExportARun() throws Exception {
    Path tiny = fixture(dir);
    Path db = dir.resolve("r.duckdb");
    assertThat(run("runs", "--db", db.toString())).isZero();
    assertThat(out.toString()).contains("no runs");
    assertThat(run("run", tiny.toString(), "--save", "--db", db.toString(), "--format", "csv")).as(err.toString()).isZero();
    String id = err.toString().replaceAll("(?s).*saved run ([a-z0-9-]+) .*", "$1").strip();
    assertThat(run("runs", "--db", db.toString())).isZero();
    assertThat(out.toString()).contains(id).contains("tiny").contains("1 run in");
    for (String f : new String[] {"csv", "json", "parquet", "xlsx"}) {
      Path target = dir.resolve("out." + f);
      assertThat(run("export", id, "--db", db.toString(), "--format", f, "--out", target.toString())).as(err.toString()).isZero();
      assertThat(Files.size(target)).isPositive();
    }
    assertThat(Files.readAllLines(dir.resolve("out.csv"))).contains("2020,price,magnet,magnet,,,36,USD/kg");
    assertThat(run("export", "nope", "--db", db.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("RUN = nope: no such run");
    assertThat(run("serve", "--host", "0.0.0.0", "--db", db.toString(), "--data", dir.resolve("d").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("needs a token");
  }
}
