package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.BuyerProduct;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/** Buyer files against the base dataset's chain: a valid one, and a negative test for every rule. */
class BuyerLoaderTest {
  private static SupplyChain chain;

  @BeforeAll
  static void load() {
    chain = ScenarioLoader.load("base").chain();
  }

  private static final String VALID = """
      name: Test car maker
      carryingCostRate: {value: 0.1, confidence: E, method: cost of capital plus storage}
      products:
        bev:
          sector: ev-traction
          units: {2024: 100000, 2030: 400000}
          kgMagnetPerUnit: {value: 2, source: mp-fort-worth}
          sourcing: {EU: 0.75, CN: 0.25}
          contract: {share: 0.5, priceUsdPerKg: 80}
          stockMonths: 2
        wind:
          sector: wind
          units: {2024: 100}
          kgMagnetPerUnit: 600
          grade: {NdPr: 0.3, Dy: 0.03}
          sourcing: {EU: 1}
      """;

  private static List<String> problems(String text) {
    try {
      BuyerLoader.parse("buyer.yaml", text, chain);
    } catch (InvalidInputException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void readsAndResolvesAValidFile() {
    String wind = chain.sectors().stream().anyMatch(s -> s.id().equals("wind")) ? "wind"
        : chain.sectors().stream().filter(s -> s.id().startsWith("wind")).findFirst().get().id();
    Buyer b = BuyerLoader.parse("buyer.yaml", VALID.replace("sector: wind", "sector: " + wind), chain);
    assertThat(b.name()).isEqualTo("Test car maker");
    assertThat(b.carryingCostRate()).isEqualTo(0.1);
    BuyerProduct bev = b.products().get(0);
    assertThat(chain.sectors().get(bev.sector()).id()).isEqualTo("ev-traction");
    int t24 = chain.axis().index(2024);
    // linear between 2024 and 2030: 2027 is half way; flat before and after
    assertThat(bev.units(t24)).isEqualTo(100000);
    assertThat(bev.units(t24 + 3)).isCloseTo(250000, within(1e-9));
    assertThat(bev.units(0)).isEqualTo(100000);
    assertThat(bev.units(chain.axis().size() - 1)).isEqualTo(400000);
    assertThat(bev.sourcing(chain.regionCodes().indexOf("EU"))).isEqualTo(0.75);
    assertThat(bev.grade()).isNull();
    assertThat(bev.contractShare()).isEqualTo(0.5);
    assertThat(bev.stockMonths()).isEqualTo(2);
    assertThat(b.products().get(1).grade()).containsExactly(0.3, 0.03, 0);
  }

  @Test
  void unknownSectorIsPositionedWithASuggestion() {
    assertThat(problems(VALID.replace("sector: ev-traction", "sector: ev-tracton")))
        .anyMatch(p -> p.startsWith("buyer.yaml:5:") && p.contains("products.bev.sector = ev-tracton: unknown sector")
            && p.contains("did you mean `ev-traction`?"));
  }

  @Test
  void unknownRegion() {
    assertThat(problems(VALID.replace("{EU: 0.75, CN: 0.25}", "{EU: 0.75, XX: 0.25}")))
        .anyMatch(p -> p.startsWith("buyer.yaml:8:") && p.contains("products.bev.sourcing.XX: unknown region"));
  }

  @Test
  void sharesNotSummingToOne() {
    assertThat(problems(VALID.replace("{EU: 0.75, CN: 0.25}", "{EU: 0.75, CN: 0.2}")))
        .anyMatch(p -> p.startsWith("buyer.yaml:8:") && p.contains("products.bev.sourcing: shares sum to 0.95: must sum to 1"));
  }

  @Test
  void negativeUnits() {
    assertThat(problems(VALID.replace("2030: 400000", "2030: -4")))
        .anyMatch(p -> p.startsWith("buyer.yaml:6:") && p.contains("products.bev.units.2030 = -4: must be >= 0"));
  }

  @Test
  void everyProblemAtOnce() {
    List<String> all = problems(VALID.replace("sector: ev-traction", "sector: nope")
        .replace("2030: 400000", "2030: -4").replace("stockMonths: 2", "stockMonth: 2")
        .replace("share: 0.5", "share: 1.5").replace("NdPr: 0.3", "Nd: 0.3"));
    assertThat(all).hasSize(5);
    assertThat(all).anyMatch(p -> p.contains("unknown key `stockMonth`; did you mean `stockMonths`?"));
    assertThat(all).anyMatch(p -> p.contains("products.bev.contract.share = 1.5: must be in [0, 1]"));
    assertThat(all).anyMatch(p -> p.contains("products.wind.grade.Nd: unknown element"));
  }

  @Test
  void missingFieldsAndEstimatesWithoutMethod() {
    List<String> all = problems("""
        name: x
        carryingCostRate: {value: 0.1, confidence: E}
        products:
          a: {sector: ev-traction, units: {2024: 1}}
        """);
    assertThat(all).anyMatch(p -> p.startsWith("buyer.yaml:2:") && p.contains("carryingCostRate.method: is required for an estimate"));
    assertThat(all).anyMatch(p -> p.startsWith("buyer.yaml:4:") && p.contains("products.a.kgMagnetPerUnit: is required"));
    assertThat(all).anyMatch(p -> p.contains("products.a.sourcing: is required"));
    assertThat(problems("name: x\ncarryingCostRate: 0.1\n")).anyMatch(p -> p.contains("products: is required"));
  }

  @Test
  void theShippedExampleBuyerIsValid() {
    Buyer b = BuyerLoader.load(java.nio.file.Path.of("../docs/examples/eu-car-maker.yaml"), chain);
    assertThat(b.products()).isNotEmpty();
  }
}
