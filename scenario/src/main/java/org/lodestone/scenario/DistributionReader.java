package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;
import static org.lodestone.scenario.Reader.written;

import java.util.List;
import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.EnumeratedRealDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TriangularDistribution;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.lodestone.scenario.Reader.Prov;
import org.lodestone.scenario.Units.DriverDimension;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.Units.Quantity;
import org.lodestone.scenario.uncertainty.UncertainParameter;
import org.lodestone.scenario.yaml.Node;

/**
 * Reads a distribution written in place of a number ({@code {dist: normal|lognormal|triangular|
 * uniform|discrete, ...}}) for the {@link NumberReader}: checks its parameters, registers it as the
 * next uncertain parameter and records it as a figure.
 */
final class DistributionReader {
  private static final List<String> DIST_KEYS = List.of("dist", "mean", "sd", "min", "mode", "max",
      "values", "probabilities", "unit", "source", "confidence", "method", "note");
  private static final List<String> LAWS = List.of("normal", "lognormal", "triangular", "uniform",
      "discrete");

  private final Reader r;
  private final List<UncertainParameter> params;
  private final List<Figure> figures;

  DistributionReader(Reader r, List<UncertainParameter> params, List<Figure> figures) {
    this.r = r;
    this.params = params;
    this.figures = figures;
  }

    /**
   * Reads {@code {dist: LAW, ...}}: registers an uncertain parameter (the last of {@code params},
   * bound to the model by the caller) and returns its nominal value, the mean; null after a problem.
   */
  Quantity read(Node.MapNode m, String p, Kind kind, String unit, Prov prov) {
    r.checkKeys(m, p, DIST_KEYS);
    String law = r.requiredChoice(m, "dist", p, LAWS);
    String localUnit = m.get("unit") != null ? r.optionalText(m, "unit") : unit;
    Prov own = r.provOf(m, p);
    if (law == null) {
      return null;
    }
    RealDistribution dist;
    DriverDimension dim = null;
    try {
      switch (law) {
        case "normal", "lognormal" -> {
          Quantity mean = distParam(m, "mean", p, kind, localUnit);
          Quantity sd = distParam(m, "sd", p, kind, localUnit);
          if (mean == null || sd == null) {
            return null;
          }
          dim = mean.dimension();
          if (!(sd.value() > 0)) {
            r.at(m.get("sd"), p + ".sd", written(m.get("sd")), "must be > 0", null);
            return null;
          }
          if (law.equals("normal")) {
            dist = new NormalDistribution(mean.value(), sd.value());
          } else {
            if (!(mean.value() > 0)) {
              r.at(m.get("mean"), p + ".mean", written(m.get("mean")), "must be > 0 for a log-normal", null);
              return null;
            }
            // parameters of the underlying normal from the mean m and sd s of the value itself:
            // sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2 (Johnson, Kotz & Balakrishnan 1994, ch. 14)
            double s2 = Math.log(1 + sd.value() * sd.value() / (mean.value() * mean.value()));
            dist = new LogNormalDistribution(Math.log(mean.value()) - s2 / 2, Math.sqrt(s2));
          }
        }
        case "triangular", "uniform" -> {
          Quantity min = distParam(m, "min", p, kind, localUnit);
          Quantity max = distParam(m, "max", p, kind, localUnit);
          Quantity mode = law.equals("triangular") ? distParam(m, "mode", p, kind, localUnit) : null;
          if (min == null || max == null || (law.equals("triangular") && mode == null)) {
            return null;
          }
          dim = min.dimension();
          if (!(max.value() > min.value())) {
            r.at(m.get("max"), p + ".max", written(m.get("max")), "must be above min", null);
            return null;
          }
          if (mode != null && (mode.value() < min.value() || mode.value() > max.value())) {
            r.at(m.get("mode"), p + ".mode", written(m.get("mode")), "must lie between min and max", null);
            return null;
          }
          dist = mode != null ? new TriangularDistribution(min.value(), mode.value(), max.value())
              : new UniformRealDistribution(min.value(), max.value());
        }
        default -> { // discrete
          if (!(m.get("values") instanceof Node.ListNode vl) || !(m.get("probabilities") instanceof Node.ListNode pl)) {
            r.at(m, p, null, "a discrete law needs `values: [...]` and `probabilities: [...]`", null);
            return null;
          }
          if (vl.items().size() != pl.items().size() || vl.items().isEmpty()) {
            r.at(pl, p + ".probabilities", null, "needs one probability per value", null);
            return null;
          }
          double[] vs = new double[vl.items().size()];
          double[] ps = new double[vs.length];
          double sum = 0;
          for (int i = 0; i < vs.length; i++) {
            Quantity q = quantityValue(vl.items().get(i), p + ".values[" + i + "]", kind, localUnit);
            Quantity pr = quantityValue(pl.items().get(i), p + ".probabilities[" + i + "]", Kind.FRACTION, null);
            if (q == null || pr == null) {
              return null;
            }
            dim = q.dimension();
            vs[i] = q.value();
            ps[i] = pr.value();
            if (ps[i] < 0 || ps[i] > 1) {
              r.at(pl.items().get(i), p + ".probabilities[" + i + "]", written(pl.items().get(i)), "must be in [0, 1]", null);
              return null;
            }
            sum += ps[i];
          }
          if (Math.abs(sum - 1) > 1e-9) {
            r.at(pl, p + ".probabilities", null, "sum to " + sum + ", not 1", null);
            return null;
          }
          dist = new EnumeratedRealDistribution(vs, ps);
        }
      }
    } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
      r.at(m, p, null, "impossible " + law + " parameters: " + e.getMessage(), null);
      return null;
    }
    double nominal = dist.getNumericalMean();
    Node.Scalar where = m.get("dist") instanceof Node.Scalar ds ? ds : null;
    String file = where == null ? m.file() : where.file();
    int line = where == null ? m.line() : where.line();
    figures.add(new Figure(p, law + " distribution (mean " + fmt(nominal) + ")",
        own.source().isEmpty() ? prov.source() : own.source(),
        own.confidence().isEmpty() ? (prov.confidence().isEmpty() ? "E" : prov.confidence()) : own.confidence(),
        own.method().isEmpty() ? prov.method() : own.method(), file, line));
    params.add(new UncertainParameter(p, law, dist, nominal, file, line));
    return new Quantity(nominal, dim);
  }

  private Quantity distParam(Node.MapNode m, String key, String p, Kind kind, String unit) {
    Node n = m.get(key);
    if (n == null) {
      r.at(m, p + "." + key, null, Rule.MISSING.format(), "the " + r.optionalText(m, "dist") + " law needs it");
      return null;
    }
    return quantityValue(n, p + "." + key, kind, unit);
  }

  private Quantity quantityValue(Node n, String p, Kind kind, String unit) {
    if (!(n instanceof Node.Scalar s)) {
      r.at(n, p, null, Rule.NOT_A_NUMBER.format(""), null);
      return null;
    }
    try {
      return Units.parse(s.text(), kind, unit);
    } catch (Units.UnitException ex) {
      r.at(s, p, s.text(), Rule.BAD_UNIT.format(ex.getMessage()), null);
      return null;
    }
  }
}
