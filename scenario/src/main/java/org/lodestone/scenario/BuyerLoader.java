package org.lodestone.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.exposure.BuyerProduct;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;
import org.lodestone.scenario.yaml.YamlReader;

/**
 * Reads a buyer file (docs/BUYER-FORMAT.md) and resolves it against a scenario's chain: sector ids
 * and region codes to indices, the units path onto the chain's time axis. Every problem is
 * collected with its file, line and field, then reported at once ({@link InvalidInputException}).
 *
 * <p>A number is written plain ({@code 2.0}) or with its provenance ({@code {value: 2.0, source: ...}}
 * or {@code {value: 2.0, confidence: E, method: ...}}). Units paths are {@code {YEAR: units, ...}},
 * interpolated linearly between the years given and held flat before the first and after the last.
 */
public final class BuyerLoader {
  private static final List<String> TOP = List.of("name", "description", "carryingCostRate", "products", "note");
  private static final List<String> PRODUCT = List.of("sector", "units", "kgMagnetPerUnit", "grade", "sourcing",
      "contract", "stockMonths", "note");
  private static final List<String> CONTRACT = List.of("share", "priceUsdPerKg");
  private static final List<String> NUMBER = List.of("value", "source", "confidence", "method", "note");
  /** Tolerance of the check that sourcing shares sum to 1. */
  static final double SHARE_SUM_TOLERANCE = 1e-6;

  private final String file;
  private final SupplyChain chain;
  private final List<Problem> problems = new ArrayList<>();
  /** The mapping being read: where a missing key is reported. */
  private Node where;

  private BuyerLoader(String file, SupplyChain chain) {
    this.file = file;
    this.chain = chain;
  }

  /** Reads and resolves a buyer file from disk. */
  public static Buyer load(Path path, SupplyChain chain) {
    String text;
    if (Files.isDirectory(path)) {
      throw new InvalidInputException(Problem.of(path.toString(), "is a directory, not a buyer file"));
    }
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.of(path.toString(), "no such file"));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.of(path.toString(), "cannot read: " + e.getMessage()));
    }
    return parse(path.toString(), text, chain);
  }

  /** Reads and resolves a buyer file's text; {@code file} names it in messages. */
  public static Buyer parse(String file, String text, SupplyChain chain) {
    Node root;
    try (Reader r = new StringReader(text)) {
      root = YamlReader.read(file, r);
    } catch (IOException e) {
      throw new InvalidInputException(Problem.of(file, "cannot read: " + e.getMessage()));
    }
    return new BuyerLoader(file, chain).read(root);
  }

  private Buyer read(Node root) {
    if (!(root instanceof Node.MapNode m)) {
      throw new InvalidInputException(problem(root, "", null, "a buyer file is a mapping",
          "start with `name:` and `products:`"));
    }
    where = m;
    checkKeys(m, "", TOP);
    String name = text(m, "name", "");
    if (name == null || name.isBlank()) {
      problems.add(problem(m, "name", null, "is required", "the buyer's name"));
    }
    double carrying = number(m.get("carryingCostRate"), "carryingCostRate", true);
    if (carrying < 0) {
      problems.add(problem(m.get("carryingCostRate"), "carryingCostRate", String.valueOf(carrying), "must be >= 0",
          "a share of the stock's value per year, e.g. 0.1"));
    }
    List<BuyerProduct> products = new ArrayList<>();
    Node ps = m.get("products");
    if (ps == null) {
      problems.add(problem(m, "products", null, "is required", "at least one product line"));
    } else if (!(ps instanceof Node.MapNode pm) || pm.entries().isEmpty()) {
      problems.add(problem(ps, "products", null, "must be a mapping of product ids to product lines", null));
    } else {
      for (Node.Entry e : pm.entries().values()) {
        BuyerProduct p = product(e.key(), e.value());
        if (p != null) {
          products.add(p);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Buyer(name, products, carrying);
  }

  private BuyerProduct product(String id, Node n) {
    String path = "products." + id;
    if (!(n instanceof Node.MapNode m)) {
      problems.add(problem(n, path, null, "must be a mapping", "with sector, units, kgMagnetPerUnit, sourcing"));
      return null;
    }
    int before = problems.size();
    where = m;
    checkKeys(m, path, PRODUCT);
    List<String> sectorIds = chain.sectors().stream().map(Sector::id).toList();
    String sectorId = text(m, "sector", path);
    int sector = sectorId == null ? -1 : sectorIds.indexOf(sectorId);
    if (sectorId != null && sector < 0) {
      String near = Suggest.closest(sectorId, sectorIds);
      problems.add(problem(m.get("sector"), path + ".sector", sectorId, "unknown sector",
          near != null ? "did you mean `" + near + "`?" : "one of " + String.join(", ", sectorIds)));
    }
    double[] units = units(m.get("units"), path + ".units");
    double kg = number(m.get("kgMagnetPerUnit"), path + ".kgMagnetPerUnit", true);
    if (kg < 0) {
      problems.add(problem(m.get("kgMagnetPerUnit"), path + ".kgMagnetPerUnit", String.valueOf(kg), "must be >= 0", null));
    }
    double[] grade = grade(m.get("grade"), path + ".grade");
    double[] sourcing = sourcing(m.get("sourcing"), path + ".sourcing");
    double share = 0;
    double price = 0;
    Node c = m.get("contract");
    if (c != null) {
      if (!(c instanceof Node.MapNode cm)) {
        problems.add(problem(c, path + ".contract", null, "must be a mapping", "{share: 0.5, priceUsdPerKg: 80}"));
      } else {
        checkKeys(cm, path + ".contract", CONTRACT);
        where = cm;
        share = number(cm.get("share"), path + ".contract.share", true);
        if (share < 0 || share > 1) {
          problems.add(problem(cm.get("share"), path + ".contract.share", String.valueOf(share), "must be in [0, 1]",
              "the share of the magnets bought at the contract price"));
        }
        if (cm.get("priceUsdPerKg") == null && share > 0) {
          problems.add(problem(cm, path + ".contract.priceUsdPerKg", null, "is required when share > 0", "USD/kg magnet"));
        } else if (cm.get("priceUsdPerKg") != null) {
          price = number(cm.get("priceUsdPerKg"), path + ".contract.priceUsdPerKg", true);
          if (price < 0) {
            problems.add(problem(cm.get("priceUsdPerKg"), path + ".contract.priceUsdPerKg", String.valueOf(price),
                "must be >= 0", null));
          }
        }
      }
    }
    where = m;
    double months = m.get("stockMonths") == null ? 0 : number(m.get("stockMonths"), path + ".stockMonths", true);
    if (months < 0) {
      problems.add(problem(m.get("stockMonths"), path + ".stockMonths", String.valueOf(months), "must be >= 0", null));
    }
    if (problems.size() > before || units == null || sourcing == null || sector < 0) {
      return null;
    }
    return new BuyerProduct(id, sector, units, kg, grade, sourcing, share, price, months);
  }

  /** units: {YEAR: n, ...} → a value per year of the axis. */
  private double[] units(Node n, String path) {
    if (n == null) {
      problems.add(problem(where, path, null, "is required", "units made per year, {2024: 100000, 2030: 250000}"));
      return null;
    }
    if (!(n instanceof Node.MapNode m) || m.entries().isEmpty()) {
      problems.add(problem(n, path, null, "must be a mapping of years to units per year", "{2024: 100000, 2030: 250000}"));
      return null;
    }
    TreeMap<Integer, Double> points = new TreeMap<>();
    boolean ok = true;
    for (Node.Entry e : m.entries().values()) {
      int year;
      try {
        year = Integer.parseInt(e.key().trim());
      } catch (NumberFormatException ex) {
        problems.add(new Problem(file, e.line(), e.column(), path + "." + e.key(), null, "must be a year", "e.g. 2024"));
        ok = false;
        continue;
      }
      double v = number(e.value(), path + "." + e.key(), true);
      if (v < 0) {
        problems.add(problem(e.value(), path + "." + e.key(), numberText(e.value()), "must be >= 0", "units per year"));
        ok = false;
      } else if (Double.isNaN(v)) {
        ok = false;
      }
      points.put(year, v);
    }
    if (!ok) {
      return null;
    }
    double[] out = new double[chain.axis().size()];
    for (int t = 0; t < out.length; t++) {
      int year = chain.axis().firstYear() + t;
      Map.Entry<Integer, Double> lo = points.floorEntry(year);
      Map.Entry<Integer, Double> hi = points.ceilingEntry(year);
      if (lo == null) {
        out[t] = hi.getValue();
      } else if (hi == null || hi.getKey().equals(lo.getKey())) {
        out[t] = lo.getValue();
      } else {
        double f = (double) (year - lo.getKey()) / (hi.getKey() - lo.getKey());
        out[t] = lo.getValue() + f * (hi.getValue() - lo.getValue());
      }
    }
    return out;
  }

  private double[] grade(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (!(n instanceof Node.MapNode m)) {
      problems.add(problem(n, path, null, "must be a mapping of elements to mass shares", "{NdPr: 0.30, Dy: 0.02, Tb: 0.005}"));
      return null;
    }
    double[] g = new double[Element.COUNT];
    List<String> codes = new ArrayList<>();
    for (Element e : Element.values()) {
      codes.add(e.code());
    }
    double sum = 0;
    for (Node.Entry e : m.entries().values()) {
      int k = codes.indexOf(e.key());
      if (k < 0) {
        String near = Suggest.closest(e.key(), codes);
        problems.add(new Problem(file, e.line(), e.column(), path + "." + e.key(), null, "unknown element",
            near != null ? "did you mean `" + near + "`?" : "one of " + String.join(", ", codes)));
        continue;
      }
      double v = number(e.value(), path + "." + e.key(), true);
      if (v < 0 || v >= 1) {
        problems.add(problem(e.value(), path + "." + e.key(), numberText(e.value()), "must be in [0, 1)",
            "a mass share, e.g. 0.30 for 30 wt%"));
      }
      g[k] = v;
      sum += v;
    }
    if (sum >= 1) {
      problems.add(problem(n, path, null, "shares sum to " + sum + ": must be < 1", "the rest of a magnet is iron and boron"));
    }
    return g;
  }

  private double[] sourcing(Node n, String path) {
    if (n == null) {
      problems.add(problem(where, path, null, "is required", "shares of the magnets bought in each region's market, {EU: 0.8, CN: 0.2}"));
      return null;
    }
    if (!(n instanceof Node.MapNode m) || m.entries().isEmpty()) {
      problems.add(problem(n, path, null, "must be a mapping of region codes to shares", "{EU: 0.8, CN: 0.2}"));
      return null;
    }
    List<String> regions = chain.regionCodes();
    double[] s = new double[regions.size()];
    double sum = 0;
    boolean ok = true;
    for (Node.Entry e : m.entries().values()) {
      int q = regions.indexOf(e.key());
      if (q < 0) {
        String near = Suggest.closest(e.key(), regions);
        problems.add(new Problem(file, e.line(), e.column(), path + "." + e.key(), null, "unknown region",
            near != null ? "did you mean `" + near + "`?" : "one of " + String.join(", ", regions)));
        ok = false;
        continue;
      }
      double v = number(e.value(), path + "." + e.key(), true);
      if (v < 0 || v > 1) {
        problems.add(problem(e.value(), path + "." + e.key(), numberText(e.value()), "must be in [0, 1]", null));
        ok = false;
      }
      s[q] = v;
      sum += v;
    }
    if (ok && Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      problems.add(problem(n, path, null, "shares sum to " + (float) sum + ": must sum to 1",
          "the shares of all the magnets the product line buys"));
      ok = false;
    }
    return ok ? s : null;
  }

  /** A plain number or {value: ..., source|confidence/method}; NaN (and a problem) when missing or bad. */
  private double number(Node n, String path, boolean required) {
    if (n == null) {
      if (required) {
        problems.add(problem(where, path, null, "is required", null));
      }
      return Double.NaN;
    }
    Node v = n;
    if (n instanceof Node.MapNode m) {
      checkKeys(m, path, NUMBER);
      v = m.get("value");
      if (v == null) {
        problems.add(problem(n, path + ".value", null, "is required", "the number itself"));
        return Double.NaN;
      }
      Node conf = m.get("confidence");
      if (conf instanceof Node.Scalar cs && "E".equals(cs.text()) && m.get("method") == null) {
        problems.add(problem(n, path + ".method", null, "is required for an estimate (confidence E)",
            "say how the number was made"));
      }
    }
    if (!(v instanceof Node.Scalar s) || s.text() == null) {
      problems.add(problem(v, path, null, "must be a number", null));
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(s.text().trim().replace("_", ""));
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      problems.add(problem(v, path, s.text(), "must be a number", null));
      return Double.NaN;
    }
  }

  private static String numberText(Node n) {
    Node v = n instanceof Node.MapNode m ? m.get("value") : n;
    return v instanceof Node.Scalar s ? s.text() : null;
  }

  private String text(Node.MapNode m, String key, String parent) {
    Node n = m.get(key);
    String path = parent.isEmpty() ? key : parent + "." + key;
    if (n == null) {
      problems.add(problem(m, path, null, "is required", null));
      return null;
    }
    if (!(n instanceof Node.Scalar s) || s.text() == null) {
      problems.add(problem(n, path, null, "must be text", null));
      return null;
    }
    return s.text();
  }

  private void checkKeys(Node.MapNode m, String path, List<String> allowed) {
    for (Node.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        String near = Suggest.closest(e.key(), allowed);
        problems.add(new Problem(file, e.line(), e.column(), (path.isEmpty() ? "" : path + ".") + e.key(), null,
            "unknown key `" + e.key() + "`", near != null ? "did you mean `" + near + "`?"
                : "one of " + String.join(", ", allowed)));
      }
    }
  }

  private Problem problem(Node n, String path, String value, String rule, String hint) {
    return n == null ? new Problem(file, 0, 0, path, value, rule, hint)
        : new Problem(n.file(), n.line(), n.column(), path, value, rule, hint);
  }
}
