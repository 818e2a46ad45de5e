package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.core.problem.Problem;

/** The rule catalogue: every template formats, and a formatted message is recognised as its rule. */
class RuleTest {
  private static Problem problem(String rule) {
    return new Problem("f.yaml", 1, 1, "x", null, rule, null);
  }

  @ParameterizedTest
  @EnumSource(value = Rule.class, names = {"BAD_UNIT", "INVALID_CHAIN"}, mode = EnumSource.Mode.EXCLUDE)
  void aFormattedMessageIsRecognisedAsItsRule(Rule rule) {
    // arguments that carry no template text, so the most specific template must win
    String msg;
    try {
      msg = rule.format("a1", "b2", "c3");
    } catch (java.util.IllegalFormatConversionException e) {
      msg = rule.format(2015, 2040, 12); // the templates with %d (years, months)
    }
    assertThat(Rule.of(problem(msg))).isEqualTo(rule);
  }

  @Test
  void theMostSpecificTemplateWins() {
    assertThat(Rule.of(problem("unknown key `floor` for `outage`"))).isEqualTo(Rule.EVENT_KEY_OF_OTHER_TYPE);
    assertThat(Rule.of(problem("unknown key `flor`"))).isEqualTo(Rule.UNKNOWN_KEY);
    assertThat(Rule.of(problem("unknown region"))).isEqualTo(Rule.UNKNOWN_CHOICE);
    assertThat(Rule.of(problem("missing"))).isEqualTo(Rule.MISSING);
    assertThat(Rule.of(problem("something no rule says"))).isNull();
  }
}
