package org.lodestone.scenario;

import java.util.Locale;
import java.util.regex.Pattern;
import org.lodestone.core.problem.Problem;

/**
 * The validation rules of scenario files, each with its message template (one catalogue, as
 * Hipparchus' {@code LocalizedCoreFormats} and Orekit's {@code OrekitMessages}). Readers report
 * {@code rule.format(args)} as a {@link Problem}'s rule; tests ask {@link #of(Problem)} which rule a
 * problem broke instead of matching its prose.
 */
enum Rule {
  MISSING("missing"),
  MISSING_BECAUSE("missing: %s"),
  UNKNOWN_KEY("unknown key `%s`"),
  UNKNOWN_CHOICE("unknown %s"),
  NOT_A_MAPPING("must be a mapping of keys"),
  NOT_A_MAPPING_OF("must be a mapping%s"),
  NOT_A_LIST("must be a list%s"),
  NOT_A_TEXT("must be a text"),
  NOT_A_CODE("must be a %s"),
  NOT_A_NON_EMPTY_TEXT("must be a non-empty text"),
  NOT_A_NUMBER("must be a number%s"),
  NOT_A_YEAR("must be a year"),
  YEAR_NOT_IN_RANGE("must be a year in %d..%d"),
  YEAR_OFF_AXIS("year outside the scenario's axis %d..%d"),
  YEAR_BEFORE("must not be before %s"),
  AT_LEAST("must be >= %s"),
  ABOVE("must be > %s"),
  AT_MOST("must be <= %s"),
  IN_UNIT_INTERVAL("must be in [0, 100 %%]"),
  ABOVE_MINUS_100("must be above -100 %%"),
  WHOLE_YEARS("must be a whole number of years"),
  BAD_UNIT("%s"),
  DISTRIBUTION_OUT_OF_RANGE("the distribution reaches %s, outside the field's range %s"),
  DISTRIBUTION_FORBIDDEN("a distribution cannot stand here (%s)"),
  EVENT_TYPE_UNKNOWN("unknown event type"),
  EVENT_KEY_OF_OTHER_TYPE("unknown key `%s` for `%s`"),
  EVENT_NEEDS_REGIONAL("acts between regions, and this scenario clears one global market"),
  EVENT_NO_TARGET("no %s producer in %s"),
  EVENT_WINDOW_TOO_SHORT("must not be longer than the event's window (%d months)"),
  STOCKPILE_CONCENTRATE("stockpiles hold oxides, metals or magnets"),
  NOT_FINITE("reaches a value that is not a finite number in %d"),
  INVALID_CHAIN("%s");

  private final String template;
  private final Pattern pattern;
  private final int literal;

  Rule(String template) {
    this.template = template;
    String[] parts = template.replace("%%", "%").split("%[sd]", -1);
    StringBuilder re = new StringBuilder();
    int lit = 0;
    for (int i = 0; i < parts.length; i++) {
      re.append(Pattern.quote(parts[i]));
      lit += parts[i].length();
      if (i < parts.length - 1) {
        re.append("(?s).*");
      }
    }
    this.pattern = Pattern.compile(re.toString(), Pattern.DOTALL);
    this.literal = lit;
  }

  /** The rule's message with its arguments. */
  String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }

  /**
   * The rule a problem broke: the most specific template its rule text matches (the one with the
   * most fixed text), or null for a message that is not in the catalogue.
   */
  static Rule of(Problem p) {
    Rule best = null;
    for (Rule r : values()) {
      if (p.rule() != null && r.pattern.matcher(p.rule()).matches() && r != BAD_UNIT && r != INVALID_CHAIN
          && (best == null || r.literal > best.literal)) {
        best = r;
      }
    }
    return best;
  }
}
