package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * The {@code stockHistory:} block: world magnet output before the first year of the run, put in use
 * so that the stock in use does not start empty and end-of-life flows include the magnets made
 * before it.
 *
 * <pre>
 * stockHistory:
 *   basis: blank          # blank (x magnet.manufacturingYield) or finished
 *   1987: {value: 285 t, source: ..., confidence: L}
 *   2000: {value: 13940 t, source: ..., confidence: L}
 *   2014: {value: 120000 t, confidence: E, method: ...}
 * </pre>
 *
 * Years between points are linear between them; the first point's year is the first year put in
 * use. A run that starts later than the year after the last point (a child of {@code base} with a
 * later {@code years.from}) has no inflow for the years in between: they are years it does not
 * simulate, whose magnets a run from its own first year never had in stock either. Each year's world
 * output (finished: blanks × manufacturing yield when {@code basis: blank}) is split over the
 * sectors that have a lifetime in proportion to their reference demand in the first year of the
 * run, and enters each sector's stock at its grade ({@link Sector#priorInflowT()}).
 */
final class StockHistory {
  private static final List<String> KEYS = List.of("basis", "note");

  private final double[] worldFinishedT;

  private StockHistory(double[] worldFinishedT) {
    this.worldFinishedT = worldFinishedT;
  }

  /**
   * Reads {@code stockHistory:} (may be null), reporting problems with their positions.
   *
   * @param manufacturingYield finished magnet per blank, in (0, 1]
   */
  static StockHistory read(Node n, Events.Numbers numbers, Consumer<Problem> problems, TimeAxis axis,
      double manufacturingYield) {
    if (n == null) {
      return new StockHistory(new double[0]);
    }
    if (!(n instanceof Node.MapNode m)) {
      problems.accept(at(n, "stockHistory", null, "must be a mapping of years to world magnet output",
          "e.g. `stockHistory: {basis: blank, 2000: {value: 13940 t, source: ...}, 2014: ...}`"));
      return new StockHistory(new double[0]);
    }
    double factor = 1;
    TreeMap<Integer, Double> points = new TreeMap<>();
    int last = axis.firstYear() - 1;
    for (Node.Entry e : m.entries().values()) {
      String p = "stockHistory." + e.key();
      if (e.key().equals("note")) {
        continue;
      }
      if (e.key().equals("basis")) {
        String b = e.value() instanceof Node.Scalar s ? s.text() : "";
        if (b.equals("blank")) {
          factor = manufacturingYield;
        } else if (!b.equals("finished")) {
          problems.accept(at(e.value(), p, b, "must be `blank` or `finished`",
              "blank: output statistics before machining (converted by magnet.manufacturingYield)"));
        }
        continue;
      }
      if (!e.key().matches("\\d{4}")) {
        String best = Suggest.closest(e.key(), KEYS);
        problems.accept(new Problem(e.value().file(), e.line(), e.column(), p, null,
            "unknown key `" + e.key() + "`", best != null ? "did you mean `" + best + "`?"
                : "give years before the run (" + last + " at the latest), `basis` or `note`"));
        continue;
      }
      int year = Integer.parseInt(e.key());
      if (year > last) {
        problems.accept(new Problem(e.value().file(), e.line(), e.column(), p, null,
            "must be before the first year of the run (" + axis.firstYear() + ")",
            "the run's own years are served by the model"));
        continue;
      }
      Num v = numbers.read(e.value(), p, Units.Kind.MASS, 0, Double.POSITIVE_INFINITY);
      if (v.param() >= 0) {
        problems.accept(at(e.value(), p, null, "must be a number, not a distribution",
            "history before the run is data"));
        continue;
      }
      if (!Double.isNaN(v.value())) {
        if (v.value() < 0) {
          problems.accept(at(e.value(), p, String.valueOf(v.value()), "must be >= 0", null));
          continue;
        }
        points.put(year, v.value());
      }
    }
    if (points.isEmpty()) {
      return new StockHistory(new double[0]);
    }
    int first = points.firstKey();
    double[] world = new double[last - first + 1];
    for (int y = first; y <= points.lastKey(); y++) {
      var lo = points.floorEntry(y);
      var hi = points.ceilingEntry(y);
      double v = lo.getKey().equals(hi.getKey()) ? lo.getValue()
          : lo.getValue() + (hi.getValue() - lo.getValue()) * (y - lo.getKey()) / (double) (hi.getKey() - lo.getKey());
      world[y - first] = v * factor;
    }
    return new StockHistory(world);
  }

  /** World finished magnets put in use before the run, t per year, oldest first. */
  double[] worldFinishedT() {
    return worldFinishedT.clone();
  }

  /**
   * The sectors with their shares of the earlier inflow: each sector with a lifetime gets
   * {@code world × referenceDemand(first year) / Σ referenceDemand(first year)} over sectors with a
   * lifetime. Unchanged when the block is absent.
   */
  List<Sector> apply(List<Sector> sectors) {
    if (worldFinishedT.length == 0) {
      return sectors;
    }
    double total = 0;
    for (Sector s : sectors) {
      if (s.lifetime() != null) {
        total += s.referenceDemandT(0);
      }
    }
    List<Sector> out = new ArrayList<>(sectors.size());
    for (Sector s : sectors) {
      if (s.lifetime() == null || total <= 0) {
        out.add(s);
        continue;
      }
      double share = s.referenceDemandT(0) / total;
      double[] prior = new double[worldFinishedT.length];
      for (int i = 0; i < prior.length; i++) {
        prior[i] = worldFinishedT[i] * share;
      }
      out.add(s.withPriorInflowT(prior));
    }
    return out;
  }

  private static Problem at(Node n, String p, String value, String rule, String hint) {
    return new Problem(n.file(), n.line(), n.column(), p, value, rule, hint);
  }
}
