package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Sector;
import org.lodestone.core.stock.LifetimeLaws;
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.scenario.Reader.Prov;
import org.lodestone.scenario.Units.DriverDimension;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code sectors:}: demand (driver × intensity), magnet grade, price elasticity, lifetime, regional
 * shares, and each sector's {@code substitution:} ({@link SubstitutionReader}).
 */
final class SectorsBlock implements Block {
  /** Upper bound (exclusive) of a grade's summed element shares, kg per kg of magnet. */
  static final double MAX_GRADE = 0.5;

  @Override
  public List<String> keys() {
    return List.of("sectors");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    NumberReader num = c.num();
    Node.MapNode m = r.optionalMap(root, "sectors");
    if (m == null) {
      return;
    }
    List<Sector> out = c.sectors;
    SubstitutionReader substitution = new SubstitutionReader(c);
    for (Node.Entry e : m.entries().values()) {
      String p = "sectors." + e.key();
      Node.MapNode sm = r.map(e.value(), p);
      if (sm == null) {
        continue;
      }
      r.checkKeys(sm, p, List.of("name", "driver", "intensity", "grade", "elasticity", "lifetime",
          "regions", "substitution", "note", "remove"));
      String name = r.optionalText(sm, "name");
      final int sectorIndex = out.size();
      NumberReader.Path driver = num.path(sm, "driver", p, Kind.DRIVER, false, true);
      NumberReader.Path intensity = num.path(sm, "intensity", p, Kind.INTENSITY, false, true);
      bindDemand(c, sectorIndex, driver, intensity);
      if (driver != null && intensity != null && driver.dimension() != null && intensity.dimension() != null
          && driver.dimension() != intensity.dimension()) {
        r.at(sm.get("intensity"), p + ".intensity", null, "intensity is per " + dimName(intensity.dimension())
            + " but the driver is in " + dimName(driver.dimension()), "make the units agree (e.g. GW with kg/MW)");
      }
      double[] grade = new double[Element.COUNT];
      boolean gradeOk = true;
      Node gn = sm.get("grade");
      if (gn == null) {
        r.at(sm, p + ".grade", null, Rule.MISSING.format(), "give NdPr, Dy and Tb as wt% of the magnet");
      } else {
        Node.MapNode gm = r.map(gn, p + ".grade");
        if (gm != null) {
          List<String> keys = new ArrayList<>(Reader.codes());
          keys.add("note");
          r.checkKeys(gm, p + ".grade", keys);
          double sum = 0;
          for (Element el : Element.values()) {
            Num g = num.required(gm, el.code(), p + ".grade", Kind.FRACTION, null, 0, 1, true);
            final int ge = el.ordinal();
            c.bind(g, (ed, v) -> ed.grade(sectorIndex, ge, v));
            grade[el.ordinal()] = g.isNaN() ? 0 : g.value();
            sum += grade[el.ordinal()];
          }
          // sintered NdFeB holds 29-32.5 wt% rare earths in all (research 10_composition_yields.csv l.3,
          // SDM Magnetic; Nd2Fe14B itself 26.7 %): a grade above half the magnet is not an NdFeB grade, and
          // with Dy/Tb content rising as they get cheap the engine's mix would exceed 1 kg per kg
          if (sum >= MAX_GRADE) {
            r.at(gm, p + ".grade", null, "element shares sum to " + sum + ": must be below " + MAX_GRADE,
                "NdFeB holds 29-32.5 wt% rare earths in all");
            gradeOk = false;
          }
        }
      }
      Num elasticity = sm.get("elasticity") == null ? Num.of(0)
          : num.required(sm, "elasticity", p, Kind.NUMBER, null, -Double.MAX_VALUE, 0, true);
      c.bind(elasticity, (ed, v) -> ed.elasticity(sectorIndex, v));
      LifetimeModel lifetime = readLifetime(sm.get("lifetime"), p + ".lifetime", c);
      double[] share = readShares(sm.get("regions"), p + ".regions", c, sm);
      substitution.read(sm.get("substitution"), p + ".substitution", sectorIndex);
      if (driver == null || intensity == null || share == null || elasticity.isNaN() || !gradeOk || gn == null) {
        continue;
      }
      double[] demand = new double[c.axis().size()];
      boolean finite = true;
      for (int t = 0; t < demand.length; t++) {
        demand[t] = driver.values()[t] * intensity.values()[t] / 1000.0; // kg → t
        if (finite && !Double.isFinite(demand[t])) {
          r.at(sm.get("driver"), p + ".driver", null, Rule.NOT_FINITE.format(c.axis().year(t)),
              "driver x intensity must be a finite demand in t");
          finite = false;
        }
      }
      if (!finite) {
        continue;
      }
      out.add(new Sector(e.key(), name.isEmpty() ? e.key() : name, demand, grade, elasticity.value(), share,
          lifetime));
    }
  }

  /** Binds a sector's demand to draws of its driver or intensity path. */
  private static void bindDemand(Compilation c, int sector, NumberReader.Path driver, NumberReader.Path intensity) {
    if (driver == null || intensity == null || (driver.recipe() == null && intensity.recipe() == null)) {
      return;
    }
    c.bindings.add((ed, values) -> {
      double[] dr = driver.recipe() == null ? driver.values() : driver.recipe().evaluate(values);
      double[] in = intensity.recipe() == null ? intensity.values() : intensity.recipe().evaluate(values);
      double[] demand = new double[dr.length];
      for (int t = 0; t < demand.length; t++) {
        demand[t] = dr[t] * in[t] / 1000.0;
      }
      ed.demand(sector, demand);
    });
  }

  private static String dimName(DriverDimension d) {
    return switch (d) {
      case COUNT -> "units";
      case POWER_MW -> "MW";
      case MASS_T -> "t";
    };
  }

  private static LifetimeModel readLifetime(Node n, String p, Compilation c) {
    Reader r = c.read;
    Node.MapNode m = n == null ? null : r.map(n, p);
    if (m == null) {
      return null;
    }
    r.checkKeys(m, p, List.of("law", "mean", "sd", "shape", "scale", "source", "confidence", "method", "note"));
    String law = r.requiredChoice(m, "law", p, LifetimeLaws.names());
    if (law == null) {
      return null;
    }
    Prov prov = r.provOf(m, p);
    List<String> params = LifetimeLaws.parameters(law);
    Map<String, Double> v = new LinkedHashMap<>();
    boolean ok = true;
    for (String k : params) {
      if (m.get(k) == null) {
        r.at(m, p + "." + k, null, Rule.MISSING_BECAUSE.format("the " + law + " law needs " + String.join(" and ", params)),
            null);
        ok = false;
      } else {
        Num x = c.num().number(m.get(k), p + "." + k, Kind.NUMBER, null, prov);
        c.num().forbid(x, "lifetimes are not used by the market model yet");
        if (x.isNaN()) {
          ok = false;
        } else if (x.value() < 0) {
          r.at(m.get(k), p + "." + k, fmt(x.value()), Rule.AT_LEAST.format("0"), null);
          ok = false;
        }
        v.put(k, x.value());
      }
    }
    for (String k : List.of("mean", "sd", "shape", "scale")) {
      if (m.get(k) != null && !params.contains(k)) {
        r.at(m.get(k), p + "." + k, null, "the " + law + " law does not take " + k,
            "it takes " + String.join(" and ", params));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    try {
      return LifetimeLaws.create(law, v);
    } catch (IllegalArgumentException e) {
      r.at(m, p, null, e.getMessage(), null);
      return null;
    }
  }

  private static double[] readShares(Node n, String p, Compilation c, Node.MapNode owner) {
    Reader r = c.read;
    List<String> regions = c.regions;
    double[] share = new double[regions.size()];
    if (n == null) {
      int row = regions.indexOf("ROW");
      if (row < 0) {
        r.at(owner, p, null, "missing, and there is no region ROW to put the demand in",
            "give shares by region summing to 100 %");
        return null;
      }
      share[row] = 1;
      return share;
    }
    Node.MapNode m = r.map(n, p);
    if (m == null) {
      return null;
    }
    double sum = 0;
    boolean ok = true;
    for (Node.Entry e : m.entries().values()) {
      int k = regions.indexOf(e.key());
      if (k < 0) {
        r.atKey(e, p + "." + e.key(), Rule.UNKNOWN_CHOICE.format("region"), Reader.suggestion(e.key(), regions));
        ok = false;
        continue;
      }
      Num v = c.num().number(e.value(), p + "." + e.key(), Kind.FRACTION, null, Prov.NONE);
      c.num().forbid(v, "region shares");
      if (v.isNaN()) {
        ok = false;
        continue;
      }
      if (v.value() < 0 || v.value() > 1) {
        r.at(e.value(), p + "." + e.key(), fmt(v.value()), Rule.IN_UNIT_INTERVAL.format(), null);
        ok = false;
      }
      share[k] = v.value();
      sum += v.value();
    }
    if (ok && Math.abs(sum - 1) > 1e-6) {
      r.at(m, p, null, "shares sum to " + fmt(100 * sum) + " %, not 100 %", "make them add up");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    for (int k = 0; k < share.length; k++) {
      share[k] /= sum;
    }
    return share;
  }
}
