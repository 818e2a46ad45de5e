package org.lodestone.ensemble;

import java.util.ArrayList;
import java.util.List;

/**
 * Probabilities of events over an ensemble: per event and reported year, the share of draws in which
 * the event holds, among the draws where it is defined (a ratio with a zero denominator is not), with
 * its Monte Carlo standard error {@code sqrt(p (1 - p) / n)}. Counted in draw order.
 */
public final class Probabilities {
  /**
   * One event in one year.
   *
   * @param event       the expression as written
   * @param year        the year
   * @param probability share of defined draws where it holds; NaN if none is defined
   * @param stdError    Monte Carlo standard error of the probability
   * @param hits        draws where it holds
   * @param defined     draws where it is defined
   */
  public record Row(String event, int year, double probability, double stdError, int hits, int defined) {
  }

  private Probabilities() {
  }

  /** Evaluates every event (already bound to {@code draws.layout()}). */
  public static List<Row> of(Draws draws, List<MetricExpression.Bound> events) {
    int size = draws.layout().size();
    double[] values = draws.values();
    List<Row> rows = new ArrayList<>();
    for (MetricExpression.Bound e : events) {
      for (int y = 0; y < e.size(); y++) {
        int hits = 0;
        int defined = 0;
        for (int i = 0; i < draws.runs(); i++) {
          int h = e.holds(values, i * size, y);
          if (h >= 0) {
            defined++;
            hits += h;
          }
        }
        double p = defined == 0 ? Double.NaN : (double) hits / defined;
        double se = defined == 0 ? Double.NaN : Math.sqrt(p * (1 - p) / defined);
        rows.add(new Row(e.expression().text(), e.year(y), p, se, hits, defined));
      }
    }
    return rows;
  }
}
