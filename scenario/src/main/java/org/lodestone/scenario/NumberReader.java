package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;
import static org.lodestone.scenario.Reader.written;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.EnumeratedRealDistribution;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.Reader.Prov;
import org.lodestone.scenario.Units.DriverDimension;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.Units.Quantity;
import org.lodestone.scenario.uncertainty.UncertainParameter;
import org.lodestone.scenario.yaml.Node;

/**
 * The number reader every block compiler shares: bare numbers, numbers with units, cited figures
 * ({@code {value, source, confidence, method, alternatives}}), distributions ({@code {dist: LAW,
 * ...}}) and paths (values by year). Each read returns its value with its recipe: a {@link Num}
 * carries the index of the uncertain parameter a distribution registered, a {@link Path} the recipe
 * that recomputes it from drawn values. Every figure read is recorded (with its provenance) for the
 * scenario's figure list. One per compilation; not thread-safe.
 */
final class NumberReader {
  static final List<String> CITED = List.of("value", "source", "confidence", "method", "note",
      "alternatives", "year", "unit");
  static final List<String> PATH_META = List.of("unit", "growthAfter", "source", "confidence",
      "method", "note");

  /** A quantity read, with its parameter index (−1 when certain). */
  private record Read(Quantity q, int param) {
  }

  /**
   * A path over the axis and, when some of its points or its growth are distributions, the recipe
   * that recomputes it from drawn values (else null).
   *
   * @param values    by year index, in base units
   * @param recipe    null when certain
   * @param dimension for drivers and intensities, the dimension of its units; else null
   */
  record Path(double[] values, PathRecipe recipe, DriverDimension dimension) {
  }

  /** A path whose points (or growth) are uncertain: recomputed from drawn values. */
  static final class PathRecipe {
    private final TimeAxis axis;
    private final TreeMap<Integer, Double> points;
    private final Map<Integer, Integer> paramByYear;
    private final double growth;
    private final int growthParam;
    private final boolean zeroBefore;

    PathRecipe(TimeAxis axis, TreeMap<Integer, Double> points, Map<Integer, Integer> paramByYear, double growth,
        int growthParam, boolean zeroBefore) {
      this.axis = axis;
      this.points = points;
      this.paramByYear = paramByYear;
      this.growth = growth;
      this.growthParam = growthParam;
      this.zeroBefore = zeroBefore;
    }

    /** The parameters the path depends on. */
    List<Integer> params() {
      List<Integer> out = new ArrayList<>(paramByYear.values());
      if (growthParam >= 0) {
        out.add(growthParam);
      }
      return out;
    }

    double[] evaluate(double[] values) {
      TreeMap<Integer, Double> pts = new TreeMap<>(points);
      paramByYear.forEach((year, k) -> pts.put(year, values[k]));
      return interpolate(axis, pts, zeroBefore, growthParam >= 0 ? values[growthParam] : growth);
    }
  }

  private final Reader r;
  private final TimeAxis axis;
  private final List<UncertainParameter> params = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();

  private final DistributionReader distributions;

  NumberReader(Reader r, TimeAxis axis) {
    this.r = r;
    this.axis = axis;
    this.distributions = new DistributionReader(r, params, figures);
  }

  /** The uncertain parameters registered so far, in coordinate order (live). */
  List<UncertainParameter> params() {
    return params;
  }

  /** Every figure read, in reading order (live). */
  List<Figure> figures() {
    return figures;
  }

  /** Reads a number (bare, with unit, cited, or a distribution) in base units; NaN after a problem. */
  Num number(Node n, String p, Kind kind, String unit, Prov prov) {
    Read q = quantity(n, p, kind, unit, prov);
    return q == null ? Num.of(Double.NaN) : new Num(q.q().value(), q.param());
  }

  /** A required number in [min, max] (min exclusive unless {@code minInclusive}); NaN after a problem. */
  Num required(Node.MapNode m, String key, String parent, Kind kind, String unit, double min, double max,
      boolean minInclusive) {
    String p = parent.isEmpty() ? key : parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      r.at(m, p, null, Rule.MISSING.format(), "expected " + describe(kind));
      return Num.of(Double.NaN);
    }
    Num v = number(n, p, kind, unit, Prov.NONE);
    if (v.isNaN()) {
      return v;
    }
    checkRange(v, p, min, max, minInclusive);
    boolean low = minInclusive ? v.value() < min : v.value() <= min;
    if (low) {
      r.at(n, p, written(n), minInclusive ? Rule.AT_LEAST.format(fmt(min)) : Rule.ABOVE.format(fmt(min)), null);
      return Num.of(Double.NaN);
    }
    if (v.value() > max) {
      r.at(n, p, written(n), Rule.AT_MOST.format(kind == Kind.FRACTION ? "100 %" : fmt(max)), null);
      return Num.of(Double.NaN);
    }
    return v;
  }

  /** An optional number in [min, max]; {@code fallback} when absent, NaN after a problem. */
  Num optional(Node.MapNode m, String key, String parent, Kind kind, double fallback, double min, double max) {
    if (m.get(key) == null) {
      return Num.of(fallback);
    }
    return required(m, key, parent, kind, null, min, max, true);
  }

  /** A whole number of years, at least {@code min}; {@code fallback} when absent (null: required). */
  Integer wholeYears(Node.MapNode m, String key, String parent, Integer fallback, int min) {
    String p = parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      if (fallback == null) {
        r.at(m, p, null, Rule.MISSING.format(), "a whole number of years");
      }
      return fallback;
    }
    Num v = number(n, p, Kind.NUMBER, null, Prov.NONE);
    forbid(v, "a number of years");
    if (v.isNaN()) {
      return null;
    }
    if (v.value() != Math.rint(v.value()) || v.value() < min || v.value() > 200) {
      r.at(n, p, written(n), "must be a whole number of years, at least " + min, null);
      return null;
    }
    return (int) v.value();
  }

  static String describe(Kind kind) {
    return kind == Kind.NUMBER ? "a number" : kind.accepted();
  }

  /**
   * Reads a path (values by year) into an array over the axis. Capacities are zero before the first
   * point; drivers and intensities hold their first value. Returns null on error.
   */
  Path path(Node.MapNode owner, String key, String parent, Kind kind, boolean zeroBefore, boolean required) {
    String p = parent + "." + key;
    Node n = owner.get(key);
    if (n == null) {
      if (required) {
        r.at(owner, p, null, Rule.MISSING.format(), "give values by year, e.g. `" + key + ": {2024: ...}`");
      }
      return null;
    }
    Node.MapNode m = r.map(n, p);
    if (m == null) {
      return null;
    }
    String unit = m.get("unit") == null ? null : r.optionalText(m, "unit");
    Prov prov = r.provOf(m, p);
    TreeMap<Integer, Double> points = new TreeMap<>();
    Map<Integer, Integer> paramByYear = new HashMap<>();
    int growthParam = -1;
    double growth = 0;
    boolean ok = true;
    DriverDimension dim = null;
    for (Node.Entry e : m.entries().values()) {
      if (PATH_META.contains(e.key())) {
        if (e.key().equals("growthAfter")) {
          Num g = number(e.value(), p + ".growthAfter", Kind.GROWTH, null, prov);
          growth = g.value();
          if (g.isNaN()) {
            ok = false;
          } else if (growth <= -1) {
            r.at(e.value(), p + ".growthAfter", fmt(growth), "must be above -100 %/yr", null);
            ok = false;
          }
          checkRange(g, p + ".growthAfter", -1, Double.MAX_VALUE, false);
          growthParam = g.param();
        }
        continue;
      }
      Integer y = r.yearKey(e, p, PATH_META);
      if (y == null) {
        ok = false;
        continue;
      }
      Read q = quantity(e.value(), p + "." + e.key(), kind, unit, prov);
      if (q == null) {
        ok = false;
        continue;
      }
      if (q.q().value() < 0) {
        r.at(e.value(), p + "." + e.key(), written(e.value()), Rule.AT_LEAST.format("0"), null);
        ok = false;
        continue;
      }
      Num point = new Num(q.q().value(), q.param());
      checkRange(point, p + "." + e.key(), 0, Double.MAX_VALUE, true);
      if (q.param() >= 0) {
        paramByYear.put(y, q.param());
      }
      if (dim == null) {
        dim = q.q().dimension();
      } else if (q.q().dimension() != null && q.q().dimension() != dim) {
        r.at(e.value(), p + "." + e.key(), written(e.value()), "unit does not match the path's other points",
            "use one kind of unit per path");
        ok = false;
      }
      points.put(y, q.q().value());
    }
    if (points.isEmpty() && ok) {
      r.at(m, p, null, "has no values by year", "e.g. `" + key + ": {unit: t, 2024: 1000}`");
      return null;
    }
    if (!ok) {
      return null;
    }
    PathRecipe recipe = !paramByYear.isEmpty() || growthParam >= 0
        ? new PathRecipe(axis, points, paramByYear, growth, growthParam, zeroBefore) : null;
    double[] values = interpolate(axis, points, zeroBefore, growth);
    for (int t = 0; t < values.length; t++) {
      if (!Double.isFinite(values[t])) {
        r.at(m, p, null, Rule.NOT_FINITE.format(axis.year(t)), "use smaller values or growth");
        return null;
      }
    }
    return new Path(values, recipe, dim);
  }

  static double[] interpolate(TimeAxis axis, TreeMap<Integer, Double> points, boolean zeroBefore, double growth) {
    double[] out = new double[axis.size()];
    int firstYear = points.firstKey();
    int lastYear = points.lastKey();
    for (int t = 0; t < out.length; t++) {
      int y = axis.year(t);
      if (y < firstYear) {
        out[t] = zeroBefore ? 0 : points.firstEntry().getValue();
      } else if (y >= lastYear) {
        out[t] = points.lastEntry().getValue() * Math.pow(1 + growth, y - lastYear);
      } else {
        Map.Entry<Integer, Double> lo = points.floorEntry(y);
        Map.Entry<Integer, Double> hi = points.ceilingEntry(y);
        if (lo.getKey().equals(hi.getKey())) {
          out[t] = lo.getValue();
        } else {
          double w = (double) (y - lo.getKey()) / (hi.getKey() - lo.getKey());
          out[t] = lo.getValue() + w * (hi.getValue() - lo.getValue());
        }
      }
    }
    return out;
  }

  private Read quantity(Node n, String p, Kind kind, String unit, Prov prov) {
    if (n instanceof Node.MapNode dm && dm.get("dist") != null) {
      Quantity q = distributions.read(dm, p, kind, unit, prov);
      return q == null ? null : new Read(q, params.size() - 1);
    }
    Node valueNode = n;
    String source = prov.source();
    String confidence = prov.confidence();
    String method = prov.method();
    String localUnit = unit;
    if (n instanceof Node.MapNode m) {
      r.checkKeys(m, p, CITED);
      valueNode = m.get("value");
      if (valueNode == null) {
        r.at(m, p + ".value", null, Rule.MISSING.format(), "a cited figure is `{value: ..., source: ...}`");
        return null;
      }
      if (m.get("unit") != null) {
        localUnit = r.optionalText(m, "unit");
      }
      Prov own = r.provOf(m, p);
      source = own.source().isEmpty() ? source : own.source();
      confidence = own.confidence().isEmpty() ? confidence : own.confidence();
      method = own.method().isEmpty() ? method : own.method();
      Node alts = m.get("alternatives");
      if (alts != null) {
        if (alts instanceof Node.ListNode al) {
          for (int i = 0; i < al.items().size(); i++) {
            Read alt = quantity(al.items().get(i), p + ".alternatives[" + i + "]", kind, localUnit, Prov.NONE);
            if (alt != null) {
              forbid(new Num(alt.q().value(), alt.param()), "alternatives are cited figures beside the value");
            }
          }
        } else {
          r.at(alts, p + ".alternatives", null, "must be a list of cited values", null);
        }
      }
    }
    if (!(valueNode instanceof Node.Scalar s)) {
      r.at(valueNode, p, null, Rule.NOT_A_NUMBER.format(kind == Kind.NUMBER ? "" : " with a unit"),
          "expected " + describe(kind));
      return null;
    }
    try {
      Quantity q = Units.parse(s.text(), kind, localUnit);
      figures.add(new Figure(p, s.text() + (localUnit != null && s.text().matches("[-+0-9.eE]+") ? " " + localUnit : ""),
          source, confidence, method, s.file(), s.line()));
      if (s.file().startsWith(ScenarioLoader.SHIPPED_PREFIX) && source.isEmpty()
          && !(confidence.equals("E") || confidence.equals("D"))) {
        r.at(s, p, s.text(), "a shipped figure needs a `source`, or confidence E or D with a `method`", null);
      }
      return new Read(q, -1);
    } catch (Units.UnitException ex) {
      r.at(s, p, s.text(), Rule.BAD_UNIT.format(ex.getMessage()), null);
      return null;
    }
  }

  /** Lowest and highest values a parameter can take (its tails cut at {@link UncertainParameter#TAIL}). */
  private double[] range(int param) {
    UncertainParameter u = params.get(param);
    return new double[] {u.valueAt(0), u.valueAt(1)};
  }

  /** The lowest or highest value {@code n} takes in any draw (its value when certain). */
  double bound(Num n, boolean upper) {
    if (n.param() < 0 || n.isNaN()) {
      return n.value();
    }
    return range(n.param())[upper ? 1 : 0];
  }

  /** Reports a problem if {@code n} is a distribution that leaves the field's range. */
  void checkRange(Num n, String p, double min, double max, boolean minInclusive) {
    if (n.param() < 0) {
      return;
    }
    UncertainParameter u = params.get(n.param());
    double[] rg = range(n.param());
    boolean low = minInclusive ? rg[0] < min : rg[0] <= min;
    if (low || rg[1] > max) {
      r.report(new Problem(u.file(), u.line(), 0, p, u.law(),
          Rule.DISTRIBUTION_OUT_OF_RANGE.format(fmt(low ? rg[0] : rg[1]), (minInclusive ? "[" : "(") + fmt(min)
              + ", " + (max == Double.MAX_VALUE ? "inf" : fmt(max)) + "]"),
          "use a log-normal, triangular or uniform law, or a smaller sd"));
    }
  }

  /** Rejects a distribution where the model has no use for one. */
  void forbid(Num n, String where) {
    if (n.param() < 0) {
      return;
    }
    UncertainParameter u = params.get(n.param());
    r.report(new Problem(u.file(), u.line(), 0, u.path(), u.law(), Rule.DISTRIBUTION_FORBIDDEN.format(where),
        "write a number"));
  }

  /**
   * Numbers for {@code events:} and {@code projects:}: read like every model number (units, citations,
   * distributions registered as uncertain parameters); events may also have a yearly probability.
   */
  Events.Numbers forEvents(boolean probabilities) {
    return new Events.Numbers() {
      @Override
      public Num read(Node n, String path, Kind kind, double min, double max) {
        Num v = number(n, path, kind, null, Prov.NONE);
        checkRange(v, path, min, max, true);
        return v;
      }

      @Override
      public int bernoulli(String path, double prob, String file, int line) {
        if (!probabilities) {
          throw new UnsupportedOperationException("projects have no probabilities");
        }
        params.add(new UncertainParameter(path, "discrete",
            new EnumeratedRealDistribution(new double[] {0, 1}, new double[] {1 - prob, prob}), prob, file, line));
        return params.size() - 1;
      }

      @Override
      public void forbid(Num n, String where) {
        NumberReader.this.forbid(n, where);
      }

      @Override
      public double bound(Num n, boolean upper) {
        return NumberReader.this.bound(n, upper);
      }
    };
  }
}
