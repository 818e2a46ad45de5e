package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file with a commercial inventory through {@code lodestone run} (the known answer of
 * {@code InventoryScenarioTest} in the scenario module: a ROW magnet inventory buys 30 t in 2020 and
 * sells 20 t during a 70 % outage of ROW's magnet maker in 2022, where ROW's price is its ask, 38.115).
 */
class InventoryCommandTest extends CliTestSupport {
  @TempDir
  Path dir;

  private static final String SCENARIO = "name: held\nparent: tiny.yaml\nmarket:\n  model: regional\n"
      + "  tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}\n"
      + "  inventory:\n    - {product: magnet, region: ROW, capacity: 100 t, band: 5 %, maxFlow: 30 t}\n"
      + "events:\n  - {type: outage, producer: magnet-b, from: 2022, to: 2022, fraction: 70 %}\n";

  @Test
  void runReportsTheInventoryLevelAndItsEffectOnPrices() throws Exception {
    fixture(dir);
    Path held = dir.resolve("held.yaml");
    Files.writeString(held, SCENARIO);
    assertThat(run("run", held.toString(), "--format", "csv")).as(err.toString()).isZero();
    String csv = out.toString();
    assertThat(value(csv, "2020,inventory,magnet,magnet,ROW,")).isCloseTo(30, within(1e-6));
    assertThat(value(csv, "2022,inventory,magnet,magnet,ROW,")).isCloseTo(10, within(1e-6));
    assertThat(value(csv, "2024,inventory,magnet,magnet,ROW,")).isCloseTo(10, within(1e-6));
    assertThat(value(csv, "2022,price,magnet,magnet,ROW,")).isCloseTo(38.115, within(1e-6));
    assertThat(value(csv, "2022,unserved,,magnet,ROW,")).isCloseTo(0, within(1e-6));
  }

  @Test
  void aBadInventoryExitsTwoWithItsPosition() throws Exception {
    fixture(dir);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, SCENARIO.replace("band: 5 %", "band: 120 %"));
    assertThat(run("run", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.yaml:7").contains("market.inventory[0].band = 120 %")
        .doesNotContain("Exception");
  }

  private static double value(String csv, String prefix) {
    for (String line : csv.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] f = line.split(",");
        return Double.parseDouble(f[6]);
      }
    }
    throw new AssertionError("no row " + prefix);
  }
}
