package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.MarketModel;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.Problem;

/**
 * The {@code market: {model: elements}} block on the tiny fixture (one mine of 30 % NdPr at 10 USD/kg
 * REO, one separator at 5, metal at 20, magnet makers A in CN and B in ROW): parsing, the off-quota
 * tranche, nameplate factors, and a negative test for every validation rule.
 */
class MarketBlockTest extends OnTinyFixture {
  static final String BLOCK = "market:\n  model: elements\n";

  SupplyChain load(String body) throws IOException {
    return fixture.load("el", body).chain();
  }

  List<Problem> reject(String body) throws IOException {
    return fixture.problems("el", body);
  }

  @Test
  void theBlockSetsTheModelCapsAndAnOffQuotaTranche() throws IOException {
    SupplyChain c = load(BLOCK
        + "  supplyCurve: {mining: 0.1}\n"
        + "  gradeElasticity: {Dy: -0.3}\n"
        + "  otherOxideValue: 2 USD/kg\n"
        + "  nameplate: [{producers: [sep], factor: {2020: 2, 2024: 3}}]\n"
        + "  caps: [{id: quota, producers: [mine], values: {unit: t REO, 2020: 100, 2022: 200},"
        + " offQuota: {share: 10 %, costFactor: 2}}]\n"
        + "  storage: [{element: NdPr, capacity: 50 t, initial: 10 t, interestRate: 5 %, carryingCost: 1 %,"
        + " width: 40 %, trailingYears: 2, anchor: 25 %}]\n"
        + "  sticky: {share: 30 %, premium: 15 USD/kg}\n");
    assertThat(MarketModel.of(c)).isEqualTo(MarketModel.ELEMENTS);
    ElementMarket em = c.elementMarket();
    assertThat(em.curvature(Stage.MINING)).isEqualTo(0.1);
    assertThat(em.curvature(Stage.MAGNET)).isEqualTo(0.05);
    assertThat(em.gradeElasticity(1)).isEqualTo(-0.3);
    assertThat(em.otherReoValueUsdPerKg()).isEqualTo(2);
    assertThat(em.stickyShare()).isEqualTo(0.3);
    assertThat(em.switchPremiumUsdPerKg()).isEqualTo(15);
    assertThat(em.storage()).containsExactly(new ElementMarket.Storage(0, 50, 10, 0.05, 0.01, 0.4, 2, 0.25));
    // the cap path: 100 (2020), 150 (2021, linear), 200 after
    assertThat(em.caps().get(0).capT()).containsExactly(100, 150, 200, 200, 200);
    Producer sep = c.producers().stream().filter(p -> p.id().equals("sep")).findFirst().orElseThrow();
    assertThat(sep.capacityT(0)).isEqualTo(2000);
    assertThat(sep.capacityT(2)).isEqualTo(2500);
    // the tranche: 10 % of the cap at twice the mine's cost, outside the cap
    Producer off = c.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
    assertThat(off.capacityT(0)).isCloseTo(10, within(1e-9));
    assertThat(off.capacityT(4)).isCloseTo(20, within(1e-9));
    assertThat(off.offerCostT(0)).isEqualTo(20);
    assertThat(em.caps().get(0).members()).containsExactly(c.producers().indexOf(
        c.producers().stream().filter(p -> p.id().equals("mine")).findFirst().orElseThrow()));
    RunResult r = AnnualEngine.run(c);
    int mine = em.caps().get(0).member(0);
    for (int t = 0; t < 5; t++) {
      assertThat(r.production(t, mine)).isLessThanOrEqualTo(em.caps().get(0).capT(t) * (1 + 1e-7));
    }
  }

  @Test
  void theTrancheShareCanChangeByYear() throws IOException {
    // by hand: cap 100 t every year; share 40 % in 2020 and 10 % from 2022, linear between, held after:
    // tranche 0.40 x 100 = 40 (2020), 0.25 x 100 = 25 (2021), 10 (2022-2024)
    SupplyChain c = load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100},"
        + " offQuota: {share: {2020: 40 %, 2022: 10 %}, costFactor: 2}}]\n");
    Producer off = c.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
    assertThat(off.capacityT()).containsExactly(new double[] {40, 25, 10, 10, 10}, within(1e-9));
    // a cited scalar is still one share for every year
    SupplyChain d = load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100},"
        + " offQuota: {share: {value: 30 %, confidence: E, method: \"assumed\"}, costFactor: 2}}]\n");
    Producer offD = d.producers().stream().filter(p -> p.id().equals("mine-offquota")).findFirst().orElseThrow();
    assertThat(offD.capacityT()).containsExactly(new double[] {30, 30, 30, 30, 30}, within(1e-9));
  }

  @Test
  void theTrancheCanBeSwitchedOff() throws IOException {
    SupplyChain c = load(BLOCK
        + "  caps: [{id: quota, producers: [mine], values: {2020: 100}, offQuota: {share: 10 %, costFactor: 2, enabled: false}}]\n");
    assertThat(c.producers()).noneMatch(p -> p.id().endsWith("-offquota"));
    assertThat(c.elementMarket().caps()).hasSize(1);
  }

  @Test
  void aChildNamingAnotherModelReplacesTheBlock() throws IOException {
    fixture.child("el-parent", BLOCK + "  sticky: {share: 30 %, premium: 15 USD/kg}\n");
    java.nio.file.Path child = dir.resolve("el-child.yaml");
    java.nio.file.Files.writeString(child, "name: el-child\nparent: el-parent.yaml\nmarket: {model: global}\n");
    SupplyChain c = ScenarioLoader.load(child.toString()).chain();
    assertThat(MarketModel.of(c)).isEqualTo(MarketModel.MERIT_ORDER);
  }

  @Test
  void everyRuleHasAPositionedProblem() throws IOException {
    assertThat(reject(BLOCK + "  supplyCurv: {mining: 0.1}\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.supplyCurv");
      assertThat(p.hint()).contains("supplyCurve");
      assertThat(p.line()).isGreaterThan(0);
    });
    assertThat(reject(BLOCK + "  supplyCurve: {mining: -1}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.supplyCurve.mining"));
    assertThat(reject(BLOCK + "  gradeElasticity: {Dy: 0.5}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.gradeElasticity.Dy"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mien], values: {2020: 1}}]\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.caps[0].producers[0]");
      assertThat(p.hint()).contains("mine");
    });
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine, sep], values: {2020: 1}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("another stage"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1}},"
        + " {id: r, producers: [mine], values: {2020: 1}}]\n"))
        .anySatisfy(p -> assertThat(p.rule()).contains("another cap"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine]}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.caps[0].values"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1},"
        + " offQuota: {share: 10 %, costFactor: 2, enabled: maybe}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.caps[0].offQuota.enabled"));
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1},"
        + " offQuota: {share: {2020: 150 %}, costFactor: 2}}]\n")).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("market.caps[0].offQuota.share.2020");
      assertThat(p.line()).isGreaterThan(0);
    });
    assertThat(reject(BLOCK + "  caps: [{id: q, producers: [mine], values: {2020: 1},"
        + " offQuota: {share: {soon: 10 %}, costFactor: 2}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.caps[0].offQuota.share.soon"));
    assertThat(reject(BLOCK + "  storage: [{element: Nd, capacity: 5 t, initial: 1 t, interestRate: 5 %,"
        + " carryingCost: 1 %, width: 40 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.storage[0].element"));
    assertThat(reject(BLOCK + "  storage: [{element: NdPr, capacity: 5 t, initial: 9 t, interestRate: 5 %,"
        + " carryingCost: 1 %, width: 40 %}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.storage[0].initial"));
    assertThat(reject(BLOCK + "  sticky: {share: 30 %}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.sticky.premium"));
    assertThat(reject(BLOCK + "  nameplate: [{producers: [sep], factor: {twenty: 2}}]\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("market.nameplate[0].factor.twenty"));
  }
}
