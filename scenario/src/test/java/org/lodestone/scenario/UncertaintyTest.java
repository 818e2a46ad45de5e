package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.Problem;

/** Distributions written in place of numbers, on the tiny fixture. */
class UncertaintyTest extends OnTinyFixture {
  UncertainScenario load(String body) throws IOException {
    return fixture.loadUncertain("u", body);
  }

  Problem reject(String body) throws IOException {
    return fixture.problems("u", body).get(0);
  }

  @Test
  void aScenarioWithoutDistributionsHasNoParameters() throws IOException {
    assertThat(load("").dimension()).isZero();
  }

  @Test
  void scalarAndPathDistributionsMapTheUnitCubeToTheModel() throws IOException {
    UncertainScenario u = load("""
        producers:
          magnet-a: {cost: {dist: uniform, min: 8 USD/kg, max: 12 USD/kg}}
        sectors:
          ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 75, sd: 5}, 2024: 75}}
        """);
    assertThat(u.dimension()).isEqualTo(2);
    assertThat(u.parameters().get(0).path()).isEqualTo("producers.magnet-a.cost");
    assertThat(u.parameters().get(1).path()).isEqualTo("sectors.ev.driver.2020");
    // nominal = the means: cost 10, driver 75 k units x 2 kg = 150 t
    assertThat(u.nominal().chain().producers().get(3).costUsdPerKg()).isEqualTo(10);
    assertThat(u.nominal().chain().sectors().get(0).referenceDemandT(0)).isCloseTo(150, within(1e-9));
    SupplyChain c = u.chainAt(new double[] {0.25, 0.5});
    assertThat(c.producers().get(3).costUsdPerKg()).isCloseTo(9, within(1e-12));
    assertThat(c.sectors().get(0).referenceDemandT(0)).isCloseTo(150, within(1e-9));
    // normal at u = 0.8413447 (one sd above): driver 80 k in 2020 → 160 t; 2022 interpolates to 155 t
    SupplyChain hi = u.chainAt(new double[] {0.5, 0.8413447460685429});
    assertThat(hi.sectors().get(0).referenceDemandT(0)).isCloseTo(160, within(1e-6));
    assertThat(hi.sectors().get(0).referenceDemandT(2)).isCloseTo(155, within(1e-6));
    assertThat(hi.sectors().get(0).referenceDemandT(4)).isCloseTo(150, within(1e-9));
    // the nominal chain is not changed by drawing
    assertThat(u.nominal().chain().producers().get(3).costUsdPerKg()).isEqualTo(10);
  }

  @Test
  void lawsHaveTheirDocumentedMeans() throws IOException {
    UncertainScenario u = load("""
        magnet:
          scrapRecovery: {dist: triangular, min: 60 %, mode: 90 %, max: 100 %}
          referencePrice: {dist: lognormal, mean: 40 USD/kg, sd: 10 USD/kg}
        producers:
          magnet-b: {cost: {dist: discrete, values: [15, 30], probabilities: [0.75, 0.25]}}
        """);
    // parameters come in the order the model reads them: magnet.referencePrice, scrapRecovery, cost
    assertThat(u.parameters()).extracting(p -> p.path()).containsExactly("magnet.referencePrice",
        "magnet.scrapRecovery", "producers.magnet-b.cost");
    assertThat(u.parameters().get(1).nominal()).isCloseTo((0.6 + 0.9 + 1.0) / 3, within(1e-12));
    assertThat(u.parameters().get(0).distribution().getNumericalMean()).isCloseTo(40, within(1e-9));
    assertThat(u.parameters().get(0).distribution().getNumericalVariance()).isCloseTo(100, within(1e-6));
    assertThat(u.parameters().get(2).nominal()).isCloseTo(18.75, within(1e-12));
    SupplyChain c = u.chainAt(new double[] {0.5, 0.5, 0.9});
    assertThat(c.producers().get(4).costUsdPerKg()).isEqualTo(30);
    assertThat(u.chainAt(new double[] {0.5, 0.5, 0.5}).producers().get(4).costUsdPerKg()).isEqualTo(15);
  }

  @Test
  void capacityDistributionsKeepCapacityTargets() throws IOException {
    UncertainScenario u = load("""
        producers:
          magnet-a: {capacity: {2020: {dist: uniform, min: 100, max: 300}}}
        capacityTargets:
          - {stage: magnet, region: CN, year: 2024, total: 100 t, from: 2022}
        """);
    // nominal 200 t scaled to 100 t by 2024 (factor 0.5); a draw of 300 t gives 150 t in 2024
    assertThat(u.nominal().chain().producers().get(3).capacityT(4)).isCloseTo(100, within(1e-9));
    assertThat(u.chainAt(new double[] {1 - 1e-12}).producers().get(3).capacityT(4)).isCloseTo(150, within(1e-6));
  }

  @Test
  void impossibleParametersArePositioned() throws IOException {
    Problem p = reject("producers:\n  magnet-a: {cost: {dist: normal, mean: 10, sd: 0}}\n");
    assertThat(p.path()).isEqualTo("producers.magnet-a.cost.sd");
    assertThat(p.rule()).isEqualTo("must be > 0");
    assertThat(p.line()).isEqualTo(4);
    p = reject("producers:\n  magnet-a: {cost: {dist: triangular, min: 10, mode: 20, max: 15}}\n");
    assertThat(p.path()).isEqualTo("producers.magnet-a.cost.mode");
    p = reject("producers:\n  magnet-a: {cost: {dist: gaussian, mean: 10, sd: 1}}\n");
    assertThat(p.format()).contains("unknown dist");
    p = reject("producers:\n  magnet-a: {cost: {dist: discrete, values: [1, 2], probabilities: [0.5, 0.6]}}\n");
    assertThat(p.rule()).contains("not 1");
  }

  @Test
  void aDistributionThatLeavesTheFieldsRangeIsRejected() throws IOException {
    Problem p = reject("producers:\n  magnet-a: {capacity: {2020: {dist: normal, mean: 100, sd: 50}}}\n");
    assertThat(p.rule()).contains("outside the field's range");
    assertThat(p.hint()).contains("log-normal");
    p = reject("magnet:\n  scrapRecovery: {dist: uniform, min: 50 %, max: 120 %}\n");
    assertThat(p.path()).isEqualTo("magnet.scrapRecovery");
  }

  @Test
  void eventsTakeUncertainMagnitudesAndYearlyProbabilities() throws IOException {
    UncertainScenario u = load("events:\n"
        + "  - {type: outage, producer: magnet-a, from: 2021, to: 2022, probability: 30 %,\n"
        + "     fraction: {dist: uniform, min: 20 %, max: 60 %}}\n");
    // one "does it happen" per year of the window, then the fraction
    assertThat(u.parameters()).extracting(p -> p.path()).containsExactly("events[0].probability.2021",
        "events[0].probability.2022", "events[0].fraction");
    // deterministic runs take the more likely outcome: a 30 % outage does not happen
    assertThat(u.nominal().chain().producers().get(3).capacityT()).containsExactly(100, 100, 100, 100, 100);
    // fraction 40 % (u = 0.5); happens in 2021 (u = 0.9 > 1 - 0.3), not in 2022 (u = 0.1)
    SupplyChain c = u.chainAt(new double[] {0.9, 0.1, 0.5});
    assertThat(c.producers().get(3).capacityT()).containsExactly(100, 60, 100, 100, 100);
    // events and distributions elsewhere combine: a capacity distribution, then the outage on top
    UncertainScenario both = load("producers:\n  magnet-a: {capacity: {2020: {dist: uniform, min: 100, max: 300}}}\n"
        + "events:\n  - {type: outage, producer: magnet-a, from: 2021, fraction: 50 %}\n");
    assertThat(both.chainAt(new double[] {0.5}).producers().get(3).capacityT())
        .containsExactly(200, 100, 200, 200, 200);
  }

  @Test
  void distributionsAreRefusedWhereTheModelCannotUseThem() throws IOException {
    Problem p = reject("history:\n  - {metric: production, stage: magnet, unit: t, values: {2020: {dist: uniform, min: 1, max: 2}}}\n");
    assertThat(p.rule()).contains("history holds observations");
  }
}
