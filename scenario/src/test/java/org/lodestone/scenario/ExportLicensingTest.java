package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.problem.Problem;

/**
 * The licensing delay of {@code export_control}, through the regional engine on the tiny fixture:
 * magnet maker A (CN, 10 USD/kg, 100 t) and B (ROW, 15 USD/kg, 100 t), inelastic demand 150 t, 90 t in
 * CN and 60 t in ROW. Without controls A runs full and ships its 10 t of surplus to ROW (it is the
 * cheaper maker there too, after the 2 USD/kg trade cost).
 */
class ExportLicensingTest extends OnTinyFixture {
  private static final double TOL = 1e-6;
  private static final String REGIONAL =
      "market: {model: regional, tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}}\n";
  private static final int MAGNET = TradedProduct.MAGNET.ordinal();

  SupplyChain load(String body) throws IOException {
    return fixture.load("l", REGIONAL + body).chain();
  }

  Problem reject(String body) throws IOException {
    return fixture.problems("l", REGIONAL + body).get(0);
  }

  private static double cnExports(RunResult r, int t) {
    return r.trade(t, MAGNET, 0, 1);
  }

  @Test
  void withoutControlsChinaShipsItsSurplus() throws IOException {
    RunResult r = AnnualEngine.run(load(""));
    for (int t = 0; t < 5; t++) {
      assertThat(cnExports(r, t)).as("year %d", t).isCloseTo(10, within(TOL));
    }
  }

  @Test
  void aThreeMonthDelayAllowsThreeQuartersOfABindingCapInTheFirstYear() throws IOException {
    // cap 8 t in 2021-2022 binds (10 t would flow); licences pending 3 months → 8 x (1 - 3/12) = 6 t
    // in 2021, the full 8 t in 2022, free trade again in 2023
    SupplyChain c = load("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021, to: 2022,"
        + " cap: 8 t, licensingDelay: 3 months}\n");
    assertThat(c.trade().capTonnes(1, MAGNET, 0)).isCloseTo(6, within(1e-12));
    assertThat(c.trade().capTonnes(2, MAGNET, 0)).isCloseTo(8, within(1e-12));
    RunResult r = AnnualEngine.run(c);
    assertThat(cnExports(r, 1)).isCloseTo(6, within(TOL));
    assertThat(cnExports(r, 2)).isCloseTo(8, within(TOL));
    assertThat(cnExports(r, 3)).isCloseTo(10, within(TOL));
    // the binding cap splits the magnet price: ROW's exceeds China's by more than the 2 USD/kg trade cost
    assertThat(r.regionalPrice(1, MAGNET, 1) - r.regionalPrice(1, MAGNET, 0)).isGreaterThan(2);
  }

  @Test
  void aShareCapLosesTheSameShareOfTheYear() throws IOException {
    // 100 % of last year's 10 t, 3 months pending → 7.5 t in 2021; 45 days = 1.479 months → 8.77 t
    RunResult r = AnnualEngine.run(load("events:\n  - {type: export_control, exporter: CN, products: [magnet],"
        + " from: 2021, cap: 100 %, licensingDelay: 3}\n"));
    assertThat(cnExports(r, 1)).isCloseTo(7.5, within(TOL));
    assertThat(cnExports(r, 2)).isCloseTo(10, within(TOL));
    SupplyChain days = load("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021,"
        + " cap: 100 %, licensingDelay: {value: 45, unit: days, confidence: E, method: test}}\n");
    assertThat(days.trade().capShare(1, MAGNET, 0)).isCloseTo(1 - 45.0 / 365, within(1e-12));
  }

  @Test
  void aDelayLongerThanAYearRunsIntoTheNextYear() throws IOException {
    // 18 months over 2021-2022: nothing ships in 2021, half the cap in 2022
    SupplyChain c = load("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021, to: 2022,"
        + " cap: 8 t, licensingDelay: 18 months}\n");
    assertThat(c.trade().capTonnes(1, MAGNET, 0)).isZero();
    assertThat(c.trade().capTonnes(2, MAGNET, 0)).isCloseTo(4, within(1e-12));
    assertThat(ExportControl.licensingLoss(3, 0)).isEqualTo(0.25);
    assertThat(ExportControl.licensingLoss(3, 1)).isZero();
    assertThat(ExportControl.licensingLoss(18, 0)).isEqualTo(1);
    assertThat(ExportControl.licensingLoss(18, 1)).isEqualTo(0.5);
  }

  @Test
  void anUncertainDelayIsDrawn() throws IOException {
    Path p = dir.resolve("u.yaml");
    Files.writeString(p, "name: u\nparent: tiny.yaml\n" + REGIONAL + "events:\n  - {type: export_control,"
        + " exporter: CN, products: [magnet], from: 2021, cap: 8 t, licensingDelay: {dist: uniform, min: 0, max: 6}}\n");
    var u = ScenarioLoader.loadUncertain(p.toString());
    assertThat(u.dimension()).isEqualTo(1);
    assertThat(u.parameters().get(0).path()).isEqualTo("events[0].licensingDelay");
    // nominal 3 months → 6 t; u = 0.25 → 1.5 months → 7 t
    assertThat(u.nominal().chain().trade().capTonnes(1, MAGNET, 0)).isCloseTo(6, within(1e-12));
    assertThat(u.chainAt(new double[] {0.25}).trade().capTonnes(1, MAGNET, 0)).isCloseTo(7, within(1e-9));
  }

  @Test
  void badDelaysArePositioned() throws IOException {
    Problem p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021,"
        + " cap: 8 t, licensingDelay: -1 months}\n");
    assertThat(p.path()).isEqualTo("events[0].licensingDelay");
    assertThat(p.line()).isEqualTo(5);
    assertThat(p.rule()).contains("must be >= 0");
    p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021, to: 2022,"
        + " cap: 8 t, licensingDelay: 30 months}\n");
    assertThat(p.rule()).isEqualTo("must not be longer than the event's window (24 months)");
    p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021,"
        + " cap: 8 t, licensingDelay: 3 years}\n");
    assertThat(p.rule()).contains("months, weeks or days");
    p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021,"
        + " cap: 8 t, licensingDelay: {dist: uniform, min: 6, max: 18}}\n");
    assertThat(p.rule()).contains("outside the field's range");
    p = reject("events:\n  - {type: export_control, exporter: CN, products: [magnet], from: 2021,"
        + " cap: 8 t, licencingDelay: 3}\n");
    assertThat(p.hint()).contains("did you mean `licensingDelay`?");
  }
}
