package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lodestone exposure} on the tiny fixture with magnet-b (100 t) out in 2022: 100 t of magnet
 * capacity for 150 t of inelastic demand, so a third of the sector's demand is unserved that year.
 */
class ExposureCommandTest extends CliTestSupport {
  @TempDir
  Path dir;

  private static final String OUTAGE = "name: out\nparent: tiny.yaml\n"
      + "events:\n  - {type: outage, producer: magnet-b, from: 2022, to: 2022, fraction: 100 %}\n";

  private static final String BUYER = """
      name: Tiny buyer
      carryingCostRate: 0.1
      products:
        motor:
          sector: ev
          units: {2020: 1000}
          kgMagnetPerUnit: 3
          sourcing: {CN: 1}
          contract: {share: 0.5, priceUsdPerKg: 20}
      """;

  @Test
  void theBuyerGetsItsProRataShareOfTheShortfall() throws Exception {
    fixture(dir);
    Files.writeString(dir.resolve("out.yaml"), OUTAGE);
    Path buyer = dir.resolve("buyer.yaml");
    Files.writeString(buyer, BUYER);
    Path outDir = dir.resolve("res");
    assertThat(run("exposure", buyer.toString(), "--scenario", dir.resolve("out.yaml").toString(),
        "--out", outDir.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Exposure of Tiny buyer to out");
    java.util.List<String> csv = Files.readAllLines(outDir.resolve("exposure.csv"));
    assertThat(csv.get(0)).isEqualTo("year,metric,product,value,unit");
    // 3 t needed; a third at risk in 2022 (1 t), none in the other years
    assertThat(csv).contains("2022,magnets_needed,,3,t", "2022,supply_at_risk,,1,t", "2021,supply_at_risk,,0,t");
    // 12 x 1 t / 3 t = 4 months of use cover the 2022 shortfall
    assertThat(csv).contains("2022,stockpile_months,,4,months");
    assertThat(out.toString()).contains("Stockpile: 4.0 months");
  }

  @Test
  void withNoSupplyAtRiskNoStockpileIsSized() throws Exception {
    fixture(dir);
    Path buyer = dir.resolve("buyer.yaml");
    Files.writeString(buyer, BUYER);
    assertThat(run("exposure", buyer.toString(), "--scenario", dir.resolve("tiny.yaml").toString(),
        "--from", "2020", "--to", "2024")).as(err.toString()).isZero();
    // the tiny fixture serves its demand in every year: no year "most needs" a stockpile of 0 months
    assertThat(out.toString()).contains("Stockpile: none needed, no nominal supply at risk in any year 2020-2024.")
        .doesNotContain("most needed");
  }

  @Test
  void ensemblesGiveTheSameRowsOnOneAndTwoThreads() throws Exception {
    fixture(dir);
    Path buyer = dir.resolve("buyer.yaml");
    Files.writeString(buyer, BUYER);
    Path u = dir.resolve("u.yaml");
    Files.writeString(u, "name: u\nparent: tiny.yaml\nsectors:\n"
        + "  ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 100, sd: 5}, 2024: 75}}\n");
    assertThat(run("exposure", buyer.toString(), "--scenario", u.toString(), "--runs", "50", "--seed", "3",
        "--threads", "1", "--out", dir.resolve("a").toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("P(shortfall)", "Probability of a shortfall in any year");
    assertThat(run("exposure", buyer.toString(), "--scenario", u.toString(), "--runs", "50", "--seed", "3",
        "--threads", "2", "--out", dir.resolve("b").toString())).isZero();
    assertThat(Files.readString(dir.resolve("b/exposure.csv"))).isEqualTo(Files.readString(dir.resolve("a/exposure.csv")));
    assertThat(Files.readString(dir.resolve("a/exposure.csv"))).contains(",shortfall_p95,", ",cost_p50,");
  }

  @Test
  void aBadBuyerFileExitsTwoWithPositionsAndWritesNothing() throws Exception {
    fixture(dir);
    Path buyer = dir.resolve("bad.yaml");
    Files.writeString(buyer, BUYER.replace("sector: ev", "sector: evv").replace("{CN: 1}", "{CN: 0.5, XX: 0.2}")
        .replace("{2020: 1000}", "{2020: -1000}"));
    Path outDir = dir.resolve("res");
    assertThat(run("exposure", buyer.toString(), "--scenario", dir.resolve("tiny.yaml").toString(),
        "--out", outDir.toString())).isEqualTo(2);
    String e = err.toString();
    assertThat(e).contains(buyer + ":6:").contains("products.motor.sector = evv: unknown sector; did you mean `ev`?");
    assertThat(e).contains("products.motor.units.2020 = -1000: must be >= 0");
    assertThat(e).contains("products.motor.sourcing.XX: unknown region");
    assertThat(e).contains("3 problems found; nothing was run.");
    assertThat(outDir).doesNotExist();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void sourcingSharesNotSummingToOneExitTwoAndWriteNothing() throws Exception {
    fixture(dir);
    Path buyer = dir.resolve("half.yaml");
    Files.writeString(buyer, BUYER.replace("{CN: 1}", "{CN: 0.5}"));
    Path outDir = dir.resolve("res");
    assertThat(run("exposure", buyer.toString(), "--scenario", dir.resolve("tiny.yaml").toString(),
        "--out", outDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(buyer + ":8:")
        .contains("products.motor.sourcing: shares sum to 0.5: must sum to 1")
        .contains("1 problem found; nothing was run.");
    assertThat(outDir).doesNotExist();
    assertThat(out.toString()).isEmpty();
  }
}
