package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCalibrateCommandsTest extends CliTestSupport {
  @TempDir
  Path dir;

  @Test
  void reconcilePrintsFlowsBalancesAndTheTests() throws Exception {
    Path tiny = fixture(dir);
    assertThat(run("reconcile", tiny.toString(), "--year", "2022")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Reconciliation of tiny, 2022")
        .contains("machining => finished magnets, CN").contains("test [ungraded]")
        .contains("magnet market").contains("chi-square global test").contains("measurement test");
    assertThat(run("reconcile", tiny.toString(), "--year", "1999")).isEqualTo(2);
    assertThat(err.toString()).contains("--year = 1999: outside the scenario's years 2020-2024");
  }

  @Test
  void calibrateFitsWritesTheChildAndRejectsBadWindows() throws Exception {
    fixture(dir);
    Path s = dir.resolve("cal.yaml");
    Files.writeString(s, """
        name: cal
        parent: tiny.yaml
        producers:
          mine: {capacity: {unit: t REO, 2020: 120, source: test-source, confidence: H}}
        sectors:
          ev: {elasticity: -0.5}
        history:
          - {metric: price, product: magnet, region: CN, unit: USD/kg, source: test-source, values: {2020: 97.65625, 2021: 97.65625, 2022: 97.65625, 2023: 97.65625}}
        calibrate:
          - {path: sectors.ev.elasticity, min: -1, max: -0.1, confidence: E, method: "test bounds"}
        """);
    Path child = dir.resolve("out").resolve("cal-calibrated.yaml");
    assertThat(run("calibrate", s.toString(), "--fit", "2020-2022", "--test", "2023-2024", "--evaluations", "300",
        "--out", child.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Calibration of cal: 1 parameter, fit 2020-2022, test 2023-2024")
        .contains("sectors.ev.elasticity").contains("-0.2500").contains("price magnet CN")
        .contains("the round trip reproduces the objective");
    assertThat(Files.readString(child)).contains("parent: ../cal.yaml").contains("elasticity: {value: -0.25");
    assertThat(run("data", "estimates", child.toString())).isZero();
    assertThat(out.toString()).contains("sectors.ev.elasticity").contains("calibrated: bounded least squares")
        .contains("1 of them calibrated");

    Path none = dir.resolve("none.yaml");
    assertThat(run("calibrate", s.toString(), "--fit", "2020-2023", "--test", "2023-2024", "--out", none.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--test = 2023-2024: must start after the fit window ends (2023)");
    assertThat(run("calibrate", s.toString(), "--fit", "2020:2022", "--out", none.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--fit = 2020:2022: expected FROM-TO");
    assertThat(run("calibrate", s.toString(), "--fit", "2010-2022", "--out", none.toString())).isEqualTo(2);
    assertThat(Files.exists(none)).isFalse();
    assertThat(run("calibrate", fixture(dir).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the scenario has no `calibrate:` block");
  }
}
