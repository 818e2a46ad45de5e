package org.lodestone.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultVector;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Suggest;

/**
 * A small expression over the tidy results: a metric, or a ratio of two, optionally compared with a
 * number (an event). Grammar (spaces allowed between tokens):
 *
 * <pre>
 *   event  := side OP number ['%']          OP is one of  &gt;  &gt;=  &lt;  &lt;=
 *   side   := term [ '/' term ]
 *   term   := METRIC [ '[' filter { ',' filter } ']' ]
 *   filter := DIM '=' VALUE                 DIM is one of  stage product region sector year
 * </pre>
 *
 * METRIC is one of {@link TidyResults#METRICS}. A term names one row per year: the one that matches
 * its filters and, among the dimensions it leaves out, has the most blanks (totals: world, all
 * sectors) — so {@code unserved} is world unserved demand, {@code unserved[region=US]} the US's and
 * {@code production[stage=magnet]} world magnet output. A term that still names two rows (for example
 * {@code price}, which exists for oxides, metals and magnets) is an error asking for a filter. Without
 * {@code year=} a term is read in each reported year; with it, in that year only.
 *
 * <p>Examples: {@code unserved/demand>0.05} (world shortfall above 5 % of demand, per year),
 * {@code unserved[region=US]/demand[region=US] > 5%},
 * {@code price[stage=magnet] >= 300}, {@code share_china[stage=magnet,year=2030] < 0.5}.
 */
public final class MetricExpression {
  /** Comparison of an event. */
  public enum Op {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(double a, double b) {
      return switch (this) {
        case GT -> a > b;
        case GE -> a >= b;
        case LT -> a < b;
        case LE -> a <= b;
      };
    }
  }

  /** Filterable dimensions. */
  public static final List<String> DIMENSIONS = List.of("stage", "product", "region", "sector", "year");

  private record Term(String metric, Map<String, String> filters, int column) {
  }

  private final String text;
  private final String option;
  private final Term numerator;
  private final Term denominator;
  private final Op op;
  private final double threshold;

  private MetricExpression(String text, String option, Term numerator, Term denominator, Op op, double threshold) {
    this.text = text;
    this.option = option;
    this.numerator = numerator;
    this.denominator = denominator;
    this.op = op;
    this.threshold = threshold;
  }

  /** Parses an event ({@code side OP number}); problems name {@code option} (e.g. {@code --prob}). */
  public static MetricExpression parseEvent(String text, String option) {
    return new Parser(text, option).parse(true);
  }

  /** Parses a metric or ratio without comparison ({@code side}). */
  public static MetricExpression parseMetric(String text, String option) {
    return new Parser(text, option).parse(false);
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** Whether this is an event (has a comparison). */
  public boolean isEvent() {
    return op != null;
  }

  /**
   * Resolves the terms to keys of {@code layout}, for every reported year.
   *
   * @throws InvalidInputException if a term matches no key or several
   */
  public Bound bind(ResultVector layout) {
    List<Integer> years = new ArrayList<>();
    Integer fixedNum = year(numerator, layout);
    Integer fixedDen = denominator == null ? null : year(denominator, layout);
    boolean allFixed = fixedNum != null && (denominator == null || fixedDen != null);
    if (allFixed) {
      years.add(fixedNum);
    } else {
      for (int y = layout.firstYear(); y <= layout.lastYear(); y++) {
        years.add(y);
      }
    }
    int[] yr = new int[years.size()];
    int[] num = new int[years.size()];
    int[] den = new int[years.size()];
    for (int i = 0; i < yr.length; i++) {
      int y = years.get(i);
      yr[i] = y;
      num[i] = resolve(numerator, fixedNum == null ? y : fixedNum, layout);
      den[i] = denominator == null ? -1 : resolve(denominator, fixedDen == null ? y : fixedDen, layout);
    }
    return new Bound(this, yr, num, den);
  }

  private Integer year(Term term, ResultVector layout) {
    String y = term.filters().get("year");
    if (y == null) {
      return null;
    }
    int year;
    try {
      year = Integer.parseInt(y);
    } catch (NumberFormatException e) {
      throw problem(term.column(), "year `" + y + "` is not a year", null);
    }
    if (year < layout.firstYear() || year > layout.lastYear()) {
      throw problem(term.column(), "year " + year + " is outside the reported years " + layout.firstYear() + ".."
          + layout.lastYear(), "change --from/--to or the year");
    }
    return year;
  }

  private int resolve(Term term, int year, ResultVector layout) {
    List<ResultVector.Key> keys = layout.keys();
    int best = -1;
    int bestScore = Integer.MAX_VALUE;
    int ties = 0;
    List<ResultVector.Key> tied = new ArrayList<>();
    boolean metricSeen = false;
    for (int k = 0; k < keys.size(); k++) {
      ResultVector.Key key = keys.get(k);
      if (key.year() != year || !key.metric().equals(term.metric())) {
        continue;
      }
      metricSeen = true;
      if (!matches(key, term.filters())) {
        continue;
      }
      int score = 0;
      for (String dim : DIMENSIONS) {
        if (!dim.equals("year") && !term.filters().containsKey(dim) && !dimension(key, dim).isEmpty()) {
          score++;
        }
      }
      if (score < bestScore) {
        bestScore = score;
        best = k;
        ties = 1;
        tied.clear();
        tied.add(key);
      } else if (score == bestScore) {
        ties++;
        tied.add(key);
      }
    }
    if (best < 0) {
      String hint = null;
      if (metricSeen) {
        hint = "available: " + available(term, year, layout);
      }
      throw problem(term.column(), "no result matches `" + show(term) + "` in " + year, hint);
    }
    if (ties > 1) {
      throw problem(term.column(), "`" + show(term) + "` is ambiguous: it matches " + ties + " rows ("
          + describe(tied.get(0)) + ", " + describe(tied.get(1)) + (ties > 2 ? ", ..." : "") + ")",
          "add a filter, e.g. " + suggestFilter(tied));
    }
    return best;
  }

  private static String suggestFilter(List<ResultVector.Key> tied) {
    for (String dim : DIMENSIONS) {
      if (!dimension(tied.get(0), dim).equals(dimension(tied.get(1), dim))) {
        return "[" + dim + "=" + dimension(tied.get(0), dim) + "]";
      }
    }
    return "[stage=...]";
  }

  private static String describe(ResultVector.Key key) {
    StringBuilder b = new StringBuilder(key.metric()).append('[');
    boolean first = true;
    for (String dim : DIMENSIONS) {
      String v = dim.equals("year") ? "" : dimension(key, dim);
      if (!v.isEmpty()) {
        b.append(first ? "" : ",").append(dim).append('=').append(v);
        first = false;
      }
    }
    return b.append(']').toString();
  }

  private static String available(Term term, int year, ResultVector layout) {
    Set<String> seen = new LinkedHashSet<>();
    for (ResultVector.Key key : layout.keys()) {
      if (key.year() == year && key.metric().equals(term.metric())) {
        seen.add(describe(key));
      }
    }
    List<String> list = new ArrayList<>(seen);
    return String.join(", ", list.subList(0, Math.min(8, list.size()))) + (list.size() > 8 ? ", ..." : "");
  }

  private static boolean matches(ResultVector.Key key, Map<String, String> filters) {
    for (Map.Entry<String, String> f : filters.entrySet()) {
      if (f.getKey().equals("year")) {
        continue;
      }
      if (!dimension(key, f.getKey()).equals(f.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static String dimension(ResultVector.Key key, String dim) {
    return switch (dim) {
      case "stage" -> key.stage();
      case "product" -> key.product();
      case "region" -> key.region();
      case "sector" -> key.sector();
      case "year" -> String.valueOf(key.year());
      default -> throw new IllegalArgumentException(dim);
    };
  }

  private static String show(Term t) {
    if (t.filters().isEmpty()) {
      return t.metric();
    }
    StringBuilder b = new StringBuilder(t.metric()).append('[');
    boolean first = true;
    for (Map.Entry<String, String> f : t.filters().entrySet()) {
      b.append(first ? "" : ",").append(f.getKey()).append('=').append(f.getValue());
      first = false;
    }
    return b.append(']').toString();
  }

  private InvalidInputException problem(int column, String rule, String hint) {
    return problem(text, option, column, rule, hint);
  }

  private static InvalidInputException problem(String text, String option, int column, String rule, String hint) {
    return new InvalidInputException(new Problem(null, 0, 0, option, "'" + text + "'",
        "at column " + column + ": " + rule, hint));
  }

  /**
   * The expression resolved against a layout: per reported year, the key of the numerator and of the
   * denominator ({@code -1}: none).
   */
  public static final class Bound {
    private final MetricExpression expression;
    private final int[] years;
    private final int[] numerator;
    private final int[] denominator;

    Bound(MetricExpression expression, int[] years, int[] numerator, int[] denominator) {
      this.expression = expression;
      this.years = years;
      this.numerator = numerator;
      this.denominator = denominator;
    }

    public MetricExpression expression() {
      return expression;
    }

    /** Number of reported years. */
    public int size() {
      return years.length;
    }

    /** The i-th reported year. */
    public int year(int i) {
      return years[i];
    }

    /** The value in year slot {@code i} of a run whose vector starts at {@code values[offset]}; NaN if undefined. */
    public double value(double[] values, int offset, int i) {
      double a = values[offset + numerator[i]];
      if (denominator[i] < 0) {
        return a;
      }
      double b = values[offset + denominator[i]];
      return b == 0 ? Double.NaN : a / b;
    }

    /** 1 if the event holds, 0 if not, -1 if undefined (NaN value, or a zero denominator). */
    public int holds(double[] values, int offset, int i) {
      double v = value(values, offset, i);
      if (Double.isNaN(v)) {
        return -1;
      }
      return expression.op.test(v, expression.threshold) ? 1 : 0;
    }
  }

  /** Recursive-descent parser with column positions (1-based). */
  private static final class Parser {
    private final String s;
    private final String option;
    private int pos;

    Parser(String s, String option) {
      this.s = s;
      this.option = option;
    }

    MetricExpression parse(boolean event) {
      skip();
      if (pos >= s.length()) {
        throw fail("expected a metric", "e.g. unserved/demand>0.05");
      }
      Term num = term();
      Term den = null;
      skip();
      if (peek() == '/') {
        pos++;
        den = term();
        skip();
      }
      Op op = null;
      double threshold = Double.NaN;
      if (event) {
        int at = pos;
        if (s.startsWith(">=", pos)) {
          op = Op.GE;
        } else if (s.startsWith("<=", pos)) {
          op = Op.LE;
        } else if (peek() == '>') {
          op = Op.GT;
        } else if (peek() == '<') {
          op = Op.LT;
        } else {
          throw fail("expected a comparison (>, >=, <, <=) after the metric", "e.g. unserved/demand>0.05");
        }
        pos = at + op.symbol().length();
        skip();
        int start = pos;
        while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
          pos++;
        }
        String number = s.substring(start, pos);
        try {
          threshold = Double.parseDouble(number);
        } catch (NumberFormatException e) {
          pos = start;
          throw fail("expected a number after " + op.symbol(), null);
        }
        skip();
        if (peek() == '%') {
          threshold /= 100;
          pos++;
          skip();
        }
      }
      if (pos < s.length()) {
        throw fail("unexpected `" + s.substring(pos) + "`", event ? null : "a metric has no comparison here");
      }
      return new MetricExpression(s, option, num, den, op, threshold);
    }

    private Term term() {
      skip();
      int column = pos + 1;
      String metric = word("a metric");
      if (!TidyResults.METRICS.contains(metric)) {
        String near = Suggest.closest(metric, TidyResults.METRICS);
        int at = pos - metric.length();
        pos = at;
        throw fail("unknown metric `" + metric + "`", near != null ? "did you mean `" + near + "`?"
            : "one of " + String.join(", ", TidyResults.METRICS));
      }
      Map<String, String> filters = new LinkedHashMap<>();
      skip();
      if (peek() == '[') {
        pos++;
        while (true) {
          skip();
          int at = pos;
          String dim = word("a dimension");
          if (!DIMENSIONS.contains(dim)) {
            pos = at;
            throw fail("unknown dimension `" + dim + "`", "one of " + String.join(", ", DIMENSIONS));
          }
          skip();
          expect('=');
          skip();
          String value = word("a value");
          if (filters.put(dim, value) != null) {
            pos = at;
            throw fail("`" + dim + "` given twice", null);
          }
          skip();
          if (peek() == ',') {
            pos++;
            continue;
          }
          expect(']');
          break;
        }
      }
      return new Term(metric, filters, column);
    }

    private String word(String what) {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_-.".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      if (start == pos) {
        throw fail("expected " + what, null);
      }
      return s.substring(start, pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw fail("expected `" + c + "`", null);
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private InvalidInputException fail(String rule, String hint) {
      return problem(s, option, pos + 1, rule, hint);
    }
  }
}
