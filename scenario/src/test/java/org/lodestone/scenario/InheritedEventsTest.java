package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/**
 * Events and a child's {@code years:} on the tiny fixture (axis 2020-2024; producer 3 is magnet-a,
 * 4 is magnet-b, 100 t each). A parent {@code p.yaml} carries two outages; its child {@code c.yaml}
 * runs 2020-2022. As a route outside the axis is inactive, an event inherited from a parent whose
 * window lies wholly outside the child's years is inactive, with a note; an event written in the
 * child's own file outside its years stays a positioned error, and so does an inherited one that
 * overlaps the child's years only in part (it would act in some of its years and not others).
 */
class InheritedEventsTest extends OnTinyFixture {
  private static final String PARENT_EVENTS = """
      events:
        - {type: outage, producer: magnet-a, from: 2021, to: 2022, fraction: 50 %}
        - {type: outage, producer: magnet-b, from: 2024, fraction: 100 %}
      """;

  private Path parent(String events) throws IOException {
    return fixture.child("p", events);
  }

  private Path child(String body) throws IOException {
    Path c = dir.resolve("c.yaml");
    Files.writeString(c, "name: c\nparent: p.yaml\nyears: {from: 2020, to: 2022}\n" + body);
    return c;
  }

  private static List<Problem> problems(Path file) {
    try {
      ScenarioLoader.load(file.toString());
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected a problem");
  }

  @Test
  void anInheritedEventWhollyOutsideTheChildsYearsIsInactiveWithANote() throws IOException {
    Path p = parent(PARENT_EVENTS);
    Scenario onParent = ScenarioLoader.load(p.toString());
    assertThat(onParent.chain().producers().get(4).capacityT()).containsExactly(100, 100, 100, 100, 0);
    assertThat(onParent.notes()).isEmpty();

    Scenario c = ScenarioLoader.load(child("").toString());
    SupplyChain chain = c.chain();
    assertThat(chain.axis().firstYear()).isEqualTo(2020);
    assertThat(chain.axis().lastYear()).isEqualTo(2022);
    // the inherited outage inside the years still acts; the 2024 one is set aside
    assertThat(chain.producers().get(3).capacityT()).containsExactly(100, 50, 50);
    assertThat(chain.producers().get(4).capacityT()).containsExactly(100, 100, 100);
    // the note names the parent's file and line (line 5: header 2 lines, `events:`, the first event)
    assertThat(c.notes()).singleElement().asString()
        .startsWith(p.toString() + ":5 events[1] (outage, 2024): inactive: inherited from a parent")
        .endsWith("outside this scenario's axis 2020..2022");
  }

  @Test
  void anEventInTheChildsOwnFileOutsideItsYearsStaysAPositionedError() throws IOException {
    parent(PARENT_EVENTS);
    Path c = child("events:\n  - {type: outage, producer: magnet-b, from: 2024, fraction: 100 %}\n");
    Problem pr = problems(c).get(0);
    assertThat(pr.file()).isEqualTo(c.toString());
    assertThat(pr.line()).isEqualTo(5);
    assertThat(pr.path()).isEqualTo("events[2].from");
    assertThat(pr.rule()).isEqualTo("year outside the scenario's axis 2020..2022");
  }

  @Test
  void anInheritedEventThatOverlapsTheChildsYearsInPartStaysAnError() throws IOException {
    Path p = parent("events:\n  - {type: outage, producer: magnet-b, from: 2022, to: 2024, fraction: 100 %}\n");
    Problem pr = problems(child("")).get(0);
    assertThat(pr.file()).isEqualTo(p.toString());
    assertThat(pr.line()).isEqualTo(4);
    assertThat(pr.path()).isEqualTo("events[0].to");
    assertThat(pr.rule()).contains("outside the scenario's axis 2020..2022");
  }

  @Test
  void anInheritedEventBeforeTheChildsYearsIsInactiveToo() throws IOException {
    parent("events:\n  - {type: demand_shock, sector: ev, from: 2020, fraction: -20 %}\n");
    Path c = dir.resolve("late.yaml");
    Files.writeString(c, "name: late\nparent: p.yaml\nyears: {from: 2022, to: 2024}\n");
    Scenario s = ScenarioLoader.load(c.toString());
    assertThat(s.notes()).singleElement().asString().contains("events[0] (demand_shock, 2020): inactive");
    assertThat(s.chain().sectors().get(0).referenceDemandT(0)).isEqualTo(150);
  }
}
