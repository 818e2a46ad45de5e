package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.ChainEditor;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.EolRecycling;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Recycler;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code elements:} (oxide-to-metal factors, reference prices and caps per element) and
 * {@code magnet:} (magnet prices, yields, scrap recovery and the end-of-life loop): the
 * {@link MarketParameters}.
 */
final class MaterialsBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("elements", "magnet");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    NumberReader num = c.num();
    double[] otm = new double[Element.COUNT];
    double[] ref = new double[Element.COUNT];
    double[] cap = new double[Element.COUNT];
    Arrays.fill(otm, 1);
    Arrays.fill(ref, 1);
    Arrays.fill(cap, 1);
    Node elementsNode = root.get("elements");
    Node.MapNode els = elementsNode == null ? null : r.map(elementsNode, "elements");
    if (elementsNode == null) {
      r.report(new Problem(null, 0, 0, "elements", null, Rule.MISSING.format(), "start from `parent: base`"));
    }
    if (els != null) {
      r.checkKeys(els, "elements", Reader.codes());
      for (Element el : Element.values()) {
        String p = "elements." + el.code();
        Node en = els.get(el.code());
        if (en == null) {
          r.report(new Problem(els.file(), els.line(), els.column(), p, null, Rule.MISSING.format(), null));
          continue;
        }
        Node.MapNode em = r.map(en, p);
        if (em == null) {
          continue;
        }
        r.checkKeys(em, p, List.of("oxideToMetal", "referencePrice", "priceCap", "note"));
        int e = el.ordinal();
        Num o = num.required(em, "oxideToMetal", p, Kind.NUMBER, null, 0, 1, false);
        c.bind(o, (ed, v) -> ed.oxideToMetal(e, v));
        Num rp = num.required(em, "referencePrice", p, Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        c.bind(rp, (ed, v) -> ed.oxideReferencePrice(e, v));
        Num pc = num.required(em, "priceCap", p, Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        c.bind(pc, (ed, v) -> ed.oxidePriceCap(e, v));
        otm[e] = o.value();
        ref[e] = rp.value();
        cap[e] = pc.value();
        if (ref[e] > 0 && cap[e] > 0 && cap[e] < ref[e]) {
          r.at(em.get("priceCap"), p + ".priceCap", String.valueOf(cap[e]),
              "must be at least the reference price (" + ref[e] + " USD/kg)", null);
        }
      }
    }
    double mRef = 1;
    double mCap = 1;
    double mfg = 1;
    double metalYield = 1;
    double[] scrapRecovery = new double[Element.COUNT];
    EolRecycling eol = null;
    Node magnetNode = root.get("magnet");
    if (magnetNode == null) {
      r.report(new Problem(null, 0, 0, "magnet", null, Rule.MISSING.format(), "start from `parent: base`"));
    } else {
      Node.MapNode mm = r.map(magnetNode, "magnet");
      if (mm != null) {
        r.checkKeys(mm, "magnet", List.of("referencePrice", "priceCap", "manufacturingYield", "metalYield",
            "scrapRecovery", "eolRecycling", "note"));
        eol = readEol(mm.get("eolRecycling"), c);
        mRef = scalar(c, num.required(mm, "referencePrice", "magnet", Kind.PRICE, null, 0, Double.MAX_VALUE, false),
            ChainEditor::magnetReferencePrice);
        mCap = scalar(c, num.required(mm, "priceCap", "magnet", Kind.PRICE, null, 0, Double.MAX_VALUE, false),
            ChainEditor::magnetPriceCap);
        mfg = scalar(c, num.required(mm, "manufacturingYield", "magnet", Kind.FRACTION, null, 0, 1, false),
            ChainEditor::manufacturingYield);
        metalYield = scalar(c, num.required(mm, "metalYield", "magnet", Kind.FRACTION, null, 0, 1, false),
            ChainEditor::metalYield);
        scrapRecovery = readScrapRecovery(mm, c);
        if (mRef > 0 && mCap > 0 && mCap < mRef) {
          r.at(mm.get("priceCap"), "magnet.priceCap", String.valueOf(mCap),
              "must be at least the reference price (" + mRef + " USD/kg)", null);
        }
      }
    }
    if (r.problems().isEmpty()) {
      c.market = new MarketParameters(otm, ref, cap, mRef, mCap, mfg, metalYield, scrapRecovery, eol);
    }
  }

  /**
   * {@code magnet.scrapRecovery}: one fraction for every element ({@code 95 %}, {@code {value: 95 %}}, a
   * distribution), or a mapping by element code ({@code {NdPr: 95 %, Dy: 78 %, Tb: 78 %}}) that names
   * every element; absent, nothing is recovered.
   */
  private static double[] readScrapRecovery(Node.MapNode mm, Compilation c) {
    double[] rate = new double[Element.COUNT];
    Node n = mm.get("scrapRecovery");
    if (n == null) {
      return rate;
    }
    NumberReader num = c.num();
    if (n instanceof Node.MapNode m && m.get("value") == null && m.get("dist") == null
        && m.entries().keySet().stream().anyMatch(Reader.codes()::contains)) {
      String p = "magnet.scrapRecovery";
      List<String> allowed = new ArrayList<>(Reader.codes());
      allowed.add("note");
      c.read.checkKeys(m, p, allowed);
      for (Element el : Element.values()) {
        int e = el.ordinal();
        Num v = num.required(m, el.code(), p, Kind.FRACTION, null, 0, 1, true);
        c.bind(v, (ed, x) -> ed.scrapRecoveryRate(e, x));
        rate[e] = v.value();
      }
      return rate;
    }
    Arrays.fill(rate, scalar(c, num.required(mm, "scrapRecovery", "magnet", Kind.FRACTION, null, 0, 1, true),
        ChainEditor::scrapRecoveryRate));
    return rate;
  }

  private static double scalar(Compilation c, Num n, Compilation.Setter setter) {
    c.bind(n, setter);
    return n.value();
  }

  /**
   * {@code magnet.eolRecycling: {collectionRate, recyclingYield, capacity: {path in t magnet}}}: the
   * end-of-life loop. Its numbers may not be distributions (the loop is rebuilt only at load).
   */
  private static EolRecycling readEol(Node n, Compilation c) {
    if (n == null) {
      return null;
    }
    Reader r = c.read;
    NumberReader num = c.num();
    String p = "magnet.eolRecycling";
    Node.MapNode m = r.map(n, p);
    if (m == null) {
      return null;
    }
    r.checkKeys(m, p, List.of("collectionRate", "recyclingYield", "capacity", "recyclers", "note"));
    Num collection = num.required(m, "collectionRate", p, Kind.FRACTION, null, 0, 1, true);
    num.forbid(collection, "the end-of-life loop");
    Num yield = num.required(m, "recyclingYield", p, Kind.FRACTION, null, 0, 1, true);
    num.forbid(yield, "the end-of-life loop");
    double[] capacity = m.get("capacity") == null && m.get("recyclers") != null ? new double[c.axis().size()]
        : certain(num, num.path(m, "capacity", p, Kind.MASS, true, true), "the end-of-life loop");
    List<Recycler> plants = new ArrayList<>();
    if (m.get("recyclers") != null) {
      Node.MapNode rm = r.map(m.get("recyclers"), p + ".recyclers");
      if (rm != null) {
        for (Node.Entry e : rm.entries().values()) {
          String q = p + ".recyclers." + e.key();
          Node.MapNode pm = r.map(e.value(), q);
          if (pm == null) {
            continue;
          }
          r.checkKeys(pm, q, List.of("name", "region", "owner", "cost", "capacity", "note"));
          String region = r.requiredChoice(pm, "region", q, c.regions);
          String name = r.optionalText(pm, "name");
          String owner = r.optionalText(pm, "owner");
          Num cost = num.required(pm, "cost", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
          num.forbid(cost, "recycling plants' costs");
          double[] cap = certain(num, num.path(pm, "capacity", q, Kind.MASS, true, true),
              "recycling plants' capacities");
          if (region == null || cost.isNaN() || cap == null) {
            continue;
          }
          plants.add(new Recycler(e.key(), name.isEmpty() ? e.key() : name, c.regions.indexOf(region),
              owner.isEmpty() ? (name.isEmpty() ? e.key() : name) : owner, cap, cost.value()));
        }
      }
    }
    if (collection.isNaN() || yield.isNaN() || capacity == null) {
      return null;
    }
    return new EolRecycling(collection.value(), yield.value(), capacity, plants);
  }

  /** A path's values, refusing its distributions (reported at each one). */
  static double[] certain(NumberReader num, NumberReader.Path path, String where) {
    if (path == null) {
      return null;
    }
    if (path.recipe() != null) {
      path.recipe().params().forEach(k -> num.forbid(new Num(Double.NaN, k), where));
    }
    return path.values();
  }
}
