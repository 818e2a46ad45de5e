package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.problem.Problem;

/**
 * Event types each check their own keys: one valid event per type on the tiny fixture (regional
 * markets for the trade types), and the same event with a key that belongs to another type, which
 * must be refused at that key's position with the hint naming the type it belongs to.
 */
class EventTypesTest extends OnTinyFixture {
  private static final String REGIONAL =
      "market: {model: regional, tradeCost: {concentrate: 0.5, oxide: 1, metal: 1, magnet: 2}}\n";
  /** The element-price market with a cap and its off-quota tranche, which `off_quota` names. */
  static final String TRANCHE = "market: {model: elements, caps: [{id: quota, producers: [mine], values: {2020: 100},"
      + " offQuota: {share: 50 %, costFactor: 2}}]}\n";

  /** type, a valid event of it (flow mapping without braces), a key of another type, its owner. */
  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("outage", "producer: magnet-a, from: 2021, fraction: 50 %", "floor: 20 USD/kg", "price_floor"),
        Arguments.of("capacity_delay", "producer: magnet-b, years: 1", "fraction: 10 %", "outage"),
        Arguments.of("demand_shock", "sector: ev, from: 2021, fraction: 10 %", "producer: magnet-a", "outage"),
        Arguments.of("subsidy", "producer: magnet-b, from: 2021, amount: 2 USD/kg", "floor: 20 USD/kg", "price_floor"),
        Arguments.of("price_floor", "producer: magnet-b, from: 2021, floor: 20 USD/kg", "years: 2", "capacity_delay"),
        Arguments.of("off_quota", "cap: quota, from: 2021, fraction: 100 %", "years: 2", "capacity_delay"),
        Arguments.of("export_control", "exporter: CN, products: [magnet], from: 2021, cap: 50 %", "amount: 2 USD/kg",
            "subsidy"),
        Arguments.of("tariff", "importer: ROW, exporter: CN, products: [magnet], from: 2021, amount: 2 USD/kg",
            "licensingDelay: 3 months", "export_control"),
        Arguments.of("stockpile_release", "region: ROW, products: [magnet], from: 2021, amount: 5 t", "cap: 10 t",
            "export_control"),
        Arguments.of("stockpile_build", "region: ROW, products: [magnet], from: 2021, amount: 5 t", "sector: ev",
            "demand_shock"));
  }

  private static String event(String type, String body) {
    return (type.equals("off_quota") ? TRANCHE
        : Events.typeNames().indexOf(type) >= Events.typeNames().indexOf("export_control") ? REGIONAL : "")
        + "events:\n  - {type: " + type + ", " + body + "}\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aValidEventOfEachTypeCompiles(String type, String body, String foreign, String owner) throws IOException {
    assertThat(fixture.loadUncertain("ok", event(type, body)).nominal().chain()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aKeyOfAnotherTypeIsRefusedWithItsOwner(String type, String body, String foreign, String owner)
      throws IOException {
    List<Problem> problems = fixture.problems("bad", event(type, body + ", " + foreign));
    String key = foreign.substring(0, foreign.indexOf(':'));
    assertThat(problems).hasSize(1);
    Problem p = problems.get(0);
    assertThat(p.path()).isEqualTo("events[0]." + key);
    assertThat(p.line()).isEqualTo(event(type, body).startsWith("market") ? 5 : 4);
    assertThat(p.column()).isGreaterThan(1);
    assertThat(Rule.of(p)).isEqualTo(Rule.EVENT_KEY_OF_OTHER_TYPE);
    assertThat(p.hint()).contains("`" + key + "` is a key of ").contains("`" + owner + "`")
        .endsWith("not of `" + type + "`");
  }

  @Test
  void everyEventClassIsRegisteredAndEveryTypeIsTested() {
    assertThat(Event.class.getPermittedSubclasses()).hasSize(Events.typeNames().size());
    assertThat(types().map(a -> (String) a.get()[0]).toList()).containsExactlyInAnyOrderElementsOf(Events.typeNames());
  }

  @Test
  void anUnknownTypeIsAPositionedErrorNotAPriceFloor() throws IOException {
    Problem p = fixture.problems("u", "events:\n  - {type: price_flor, producer: magnet-b, floor: 20, from: 2021}\n")
        .get(0);
    assertThat(p.path()).isEqualTo("events[0].type");
    assertThat(p.line()).isEqualTo(4);
    assertThat(Rule.of(p)).isEqualTo(Rule.EVENT_TYPE_UNKNOWN);
    assertThat(p.hint()).isEqualTo("did you mean `price_floor`?");
    Problem missing = fixture.problems("m", "events:\n  - {producer: magnet-b, floor: 20, from: 2021}\n").get(0);
    assertThat(missing.path()).isEqualTo("events[0].type");
    assertThat(Rule.of(missing)).isEqualTo(Rule.MISSING);
  }

  @Test
  void aMisspeltKeyOfNoTypeGetsTheClosestOwnKey() throws IOException {
    Problem p = fixture.problems("k", "events:\n  - {type: outage, producer: magnet-a, from: 2021, fracton: 5 %}\n")
        .get(0);
    assertThat(p.path()).isEqualTo("events[0].fracton");
    assertThat(p.hint()).isEqualTo("did you mean `fraction`?");
  }

  @Test
  void nullEntriesAndNullWordsArePositionedProblems() throws IOException {
    // a null in a products list reached List.contains(null) (NullPointerException) before
    Problem products = fixture.problems("n1", REGIONAL
        + "events:\n  - {type: tariff, importer: ROW, products: [magnet, null], from: 2021, amount: 2}\n").get(0);
    assertThat(products.path()).isEqualTo("events[0].products");
    assertThat(products.line()).isEqualTo(5);
    assertThat(Rule.of(products)).isEqualTo(Rule.UNKNOWN_CHOICE);
    assertThat(products.rule()).isEqualTo(Rule.UNKNOWN_CHOICE.format("product"));
    Problem forms = fixture.problems("n2", REGIONAL
        + "events:\n  - {type: tariff, importer: ROW, products: [Dy], forms: [~], from: 2021, amount: 2}\n").get(0);
    assertThat(forms.path()).isEqualTo("events[0].forms");
    // a null stage word reached Suggest.closest(null) before
    Problem stage = fixture.problems("n3", "events:\n  - {type: outage, stage: null, region: CN, from: 2021, fraction: 5 %}\n")
        .get(0);
    assertThat(stage.path()).isEqualTo("events[0].stage");
    assertThat(Rule.of(stage)).isEqualTo(Rule.UNKNOWN_CHOICE);
    Problem producers = fixture.problems("n4", "events:\n  - {type: outage, producers: [null], from: 2021, fraction: 5 %}\n")
        .get(0);
    assertThat(producers.path()).isEqualTo("events[0].producers");
    assertThat(Suggest.closest(null, List.of("a"))).isNull();
    assertThat(Arrays.asList(producers.file(), producers.line())).doesNotContainNull();
  }
}
