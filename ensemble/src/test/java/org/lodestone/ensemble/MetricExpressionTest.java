package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultVector;

/** The event and metric grammar: resolution to result keys, and positioned errors. */
class MetricExpressionTest {
  @TempDir
  Path dir;

  ResultVector layout;

  @BeforeEach
  void layout() {
    layout = ResultVector.layout(Fixtures.tiny(dir, "").nominal().chain(), 2020, 2024);
  }

  Problem reject(String text) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> MetricExpression.parseEvent(text, "--prob").bind(layout));
    assertThat(e).as(text).isNotNull();
    return e.problems().get(0);
  }

  @Test
  void aBareMetricIsTheWorldTotal() {
    MetricExpression.Bound b = MetricExpression.parseEvent("unserved/demand>0.05", "--prob").bind(layout);
    assertThat(b.size()).isEqualTo(5);
    double[] v = new double[layout.size()];
    for (int k = 0; k < layout.size(); k++) {
      ResultVector.Key key = layout.keys().get(k);
      if (key.year() == 2021 && key.sector().isEmpty() && key.region().isEmpty()) {
        v[k] = key.metric().equals("unserved") ? 10 : key.metric().equals("demand") ? 100 : -1;
      }
    }
    assertThat(b.value(v, 0, 1)).isEqualTo(0.1);
    assertThat(b.holds(v, 0, 1)).isEqualTo(1);
    assertThat(b.holds(v, 0, 0)).isEqualTo(-1); // 0/0: undefined
  }

  @Test
  void filtersPercentAndFixedYears() {
    MetricExpression e = MetricExpression.parseEvent(
        " unserved[region=CN, year=2022] / demand[region=CN,year=2022] >= 5 %", "--prob");
    MetricExpression.Bound b = e.bind(layout);
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.year(0)).isEqualTo(2022);
    assertThat(MetricExpression.parseEvent("price[stage=magnet] < 300", "--prob").bind(layout).size()).isEqualTo(5);
  }

  @Test
  void unknownMetricIsPositionedWithASuggestion() {
    Problem p = reject("unserved/demnad>0.05");
    assertThat(p.path()).isEqualTo("--prob");
    assertThat(p.rule()).isEqualTo("at column 10: unknown metric `demnad`");
    assertThat(p.hint()).contains("`demand`");
    assertThat(p.format()).startsWith("--prob = 'unserved/demnad>0.05': at column 10: unknown metric");
  }

  @Test
  void badSyntaxAndAmbiguityAreExplained() {
    assertThat(reject("unserved").rule()).contains("at column 9: expected a comparison");
    assertThat(reject("unserved > x").rule()).contains("expected a number");
    assertThat(reject("unserved[colour=red] > 1").rule()).contains("unknown dimension `colour`");
    assertThat(reject("unserved > 1 extra").rule()).contains("unexpected `extra`");
    Problem amb = reject("price > 100");
    assertThat(amb.rule()).contains("ambiguous");
    assertThat(amb.hint()).contains("[stage=");
    Problem none = reject("unserved[sector=wind] > 0");
    assertThat(none.rule()).contains("no result matches `unserved[sector=wind]`");
    assertThat(none.hint()).contains("sector=ev");
    assertThat(reject("unserved[year=1999] > 0").rule()).contains("outside the reported years 2020..2024");
  }
}
