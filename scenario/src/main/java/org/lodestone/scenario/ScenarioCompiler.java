package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.EnumeratedRealDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TriangularDistribution;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.lodestone.core.model.ChainEditor;
import org.lodestone.core.model.Dynamics;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Substitute;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.stock.LifetimeLaws; // hook:misc14
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.scenario.Units.DriverDimension;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.Units.Quantity;
import org.lodestone.scenario.uncertainty.UncertainParameter;
// hook:misc14 UncertainScenario moved to this package (the package cycle scenario <-> scenario.uncertainty); no import
import org.lodestone.scenario.yaml.Node;

/**
 * Validates a merged scenario tree and builds the model input. Collects every problem with its
 * position, then fails once. The rules are those of {@code docs/SCENARIO-FORMAT.md}.
 */
final class ScenarioCompiler {
  static final int MIN_YEAR = 1900;
  static final int MAX_YEAR = 2200;
  static final int DEFAULT_FIRST_YEAR = 2015;
  static final int DEFAULT_LAST_YEAR = 2040;
  private static final Set<String> CONFIDENCE = Set.of("H", "M", "L", "D", "E");

  private static final List<String> TOP = List.of("name", "title", "description", "parent", "years",
      "investment",
      "sources", "regions", "elements", "magnet", "deposits", "producers", "sectors", "history",
      "capacityTargets", "events", "market", "projects");
  private static final List<String> CITED = List.of("value", "source", "confidence", "method", "note",
      "alternatives", "year", "unit");
  private static final List<String> PATH_META = List.of("unit", "growthAfter", "source", "confidence",
      "method", "note");

  private final List<Problem> problems = new ArrayList<>();
  /** Producers, sectors and trade before the events (for drawing uncertain scenarios). */
  private Object[] preEvents;
  private SupplyChain preEventChain;
  private Events events;
  private Node eventsNode;
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private TimeAxis axis;

  private ScenarioCompiler() {
  }

  static Scenario compile(Node.MapNode root, String origin, List<String> lineage) {
    return new ScenarioCompiler().build(root, origin, lineage);
  }

  /** Compiles with its uncertain parameters (distributions written in place of numbers). */
  static UncertainScenario compileUncertain(Node.MapNode root, String origin, List<String> lineage) {
    ScenarioCompiler c = new ScenarioCompiler();
    Scenario nominal = c.build(root, origin, lineage);
    List<UncertainScenario.Binding> bound = List.copyOf(c.bindings);
    Events events = c.events;
    Node eventsNode = c.eventsNode;
    // draws edit the chain before its events, then replay the events (their magnitudes and yearly
    // occurrences may be uncertain too) on the edited chain
    return new UncertainScenario(nominal, c.preEventChain, c.params, (editor, values) -> {
      for (UncertainScenario.Binding b : bound) {
        b.apply(editor, values);
      }
    }, (chain, values) -> {
      if (eventsNode == null) {
        return chain;
      }
      List<Investment> available = new ArrayList<>();
      Events.Applied a = applyEvents(events.replay(values), eventsNode, chain.producers(), chain.sectors(),
          chain.trade(), chain.dynamics().investments(), available);
      return new SupplyChain(chain.axis(), chain.regionCodes(), chain.depositCodes(), splitOf(chain),
          a.producers(), a.sectors(), chain.market(), a.trade(),
          new Dynamics(chain.dynamics().substitutes(), available));
    });
  }

  /**
   * Numbers for {@code events:} and {@code projects:}: read like every model number (units, citations,
   * distributions registered as uncertain parameters); events may also have a yearly probability.
   */
  private Events.Numbers eventNumbers(boolean probabilities) {
    return new Events.Numbers() {
      @Override
      public Events.Num read(Node n, String path, Kind kind, double min, double max) {
        double v = number(n, path, kind, null, Prov.NONE);
        checkPendingRange(path, min, max, true);
        int param = pending.isEmpty() ? -1 : pending.get(0);
        pending.clear();
        return new Events.Num(v, param);
      }

      @Override
      public int bernoulli(String path, double prob, String file, int line) {
        if (!probabilities) {
          throw new UnsupportedOperationException("projects have no probabilities");
        }
        int k = params.size();
        params.add(new UncertainParameter(path, "discrete",
            new EnumeratedRealDistribution(new double[] {0, 1}, new double[] {1 - prob, prob}), prob, file, line));
        return k;
      }
    };
  }

  /**
   * Applies the events. Capacity built by investment is not in the data (its producers' paths are
   * zero), so outages act on it through each rule's availability: the events are applied to paths of
   * ones for those producers, read back as the share of built capacity available each year (an outage
   * of 50 % gives 0.5), and the data paths are set back to zero. A {@code capacity_delay} (which
   * leaves a path of ones unchanged) is read from the events as the year each year's built capacity
   * now comes from, so built capacity is delayed like a data path.
   */
  private static Events.Applied applyEvents(Events events, Node eventsNode, List<Producer> producers,
      List<Sector> sectors, Trade trade, List<Investment> investments, List<Investment> out) {
    List<Producer> probe = new ArrayList<>(producers);
    for (Investment inv : investments) {
      double[] ones = new double[probe.get(inv.producer()).capacityT().length];
      Arrays.fill(ones, 1);
      probe.set(inv.producer(), probe.get(inv.producer()).withCapacityT(ones));
    }
    Events.Applied a = events.apply(eventsNode, probe, sectors, trade);
    List<Producer> result = new ArrayList<>(a.producers());
    for (Investment inv : investments) {
      Producer p = result.get(inv.producer());
      double[] avail = p.capacityT();
      boolean always = true;
      for (double x : avail) {
        always &= x == 1;
      }
      out.add(inv.withAvailabilityT(always ? null : avail).withSourceYearT(events.yearSource(inv.producer())));
      result.set(inv.producer(), p.withCapacityT(new double[avail.length]));
    }
    return new Events.Applied(result, a.sectors(), a.trade(), a.changedAnything());
  }

  private static double[] splitOf(SupplyChain chain) {
    double[] split = new double[chain.depositCodes().size() * Element.COUNT];
    for (int d = 0; d < chain.depositCodes().size(); d++) {
      for (int e = 0; e < Element.COUNT; e++) {
        split[d * Element.COUNT + e] = chain.depositSplit(d, e);
      }
    }
    return split;
  }

  /** Provenance defaults inherited from a path (its own source/confidence/method). */
  private record Prov(String source, String confidence, String method) {
    static final Prov NONE = new Prov("", "", "");
  }

  private Scenario build(Node.MapNode root, String origin, List<String> lineage) {
    checkKeys(root, "", TOP);
    String name = requiredText(root, "name", "");
    if (name != null && !name.matches("[a-z0-9][a-z0-9-]*")) {
      at(root.get("name"), "name", name, "must be lower-case letters, digits and `-`", null);
    }
    String title = optionalText(root, "title");
    String description = optionalText(root, "description");
    axis = years(root.get("years"));
    readSources(root.get("sources"));
    List<String> regionCodes = readRegions(root.get("regions"));
    regionCount = regionCodes.size();
    regionList = regionCodes;
    MarketParameters market = readMarket(root.get("elements"), root.get("magnet"));
    List<String> depositCodes = new ArrayList<>();
    double[] split = readDeposits(root.get("deposits"), depositCodes);
    List<Producer> producers = readProducers(root.get("producers"), regionCodes, depositCodes);
    List<Sector> sectors = readSectors(root.get("sectors"), regionCodes);
    List<HistorySeries> history = readHistory(root.get("history"), regionCodes, sectors);
    producers = applyTargets(root.get("capacityTargets"), producers, regionCodes);
    // investment rules add their (empty) producers before the events, which apply to them too
    producers = new ArrayList<>(producers);
    List<Investment> investments = readInvestment(root.get("investment"), regionCodes, depositCodes, producers);
    Trade trade = readMarket(root.get("market"), regionCodes, producers, sectors);
    preEvents = new Object[] {new ArrayList<>(producers), new ArrayList<>(sectors), trade};
    // delays, haircuts and ramps of unbuilt capacity (Projects.java); draws start from the paths before
    producers = Projects.read(root.get("projects"), eventNumbers(false), this::report, axis.size()).apply(producers, bindings);
    events = new Events(this::report, eventNumbers(true), axis, regionCodes);
    eventsNode = root.get("events");
    List<Investment> available = new ArrayList<>();
    Events.Applied applied = applyEvents(events, eventsNode, producers, sectors, trade, investments, available);
    producers = applied.producers();
    sectors = applied.sectors();
    trade = applied.trade();
    Dynamics dynamics = new Dynamics(substitutes, available);
    checkFigureSources();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    SupplyChain chain;
    try {
      @SuppressWarnings("unchecked")
      List<Producer> preProducers = (List<Producer>) preEvents[0];
      @SuppressWarnings("unchecked")
      List<Sector> preSectors = (List<Sector>) preEvents[1];
      preEventChain = new SupplyChain(axis, regionCodes, depositCodes, split, preProducers, preSectors,
          market, (Trade) preEvents[2], dynamics);
      chain = new SupplyChain(axis, regionCodes, depositCodes, split, producers, sectors, market, trade,
          dynamics);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(new Problem(root.file(), root.line(), root.column(), null, null,
          e.getMessage(), null));
    }
    return new Scenario(name, title, description, origin, lineage, chain, sources, figures, history);
  }

  // ---- sections ----------------------------------------------------------------------------

  private TimeAxis years(Node n) {
    int from = DEFAULT_FIRST_YEAR;
    int to = DEFAULT_LAST_YEAR;
    if (n != null) {
      Node.MapNode m = map(n, "years");
      if (m != null) {
        checkKeys(m, "years", List.of("from", "to"));
        Integer f = yearValue(m.get("from"), "years.from");
        Integer t = yearValue(m.get("to"), "years.to");
        if (f != null) {
          from = f;
        }
        if (t != null) {
          to = t;
        }
        if (f != null && t != null && t < f) {
          at(m.get("to"), "years.to", String.valueOf(t), "must not be before years.from (" + f + ")", null);
          to = from;
        }
      }
    }
    return new TimeAxis(from, to);
  }

  private void readSources(Node n) {
    if (n == null) {
      return;
    }
    Node.MapNode m = map(n, "sources");
    if (m == null) {
      return;
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "sources." + e.key();
      Node.MapNode s = map(e.value(), p);
      if (s == null) {
        continue;
      }
      checkKeys(s, p, List.of("title", "publisher", "year", "url", "via", "note", "accessed"));
      String title = requiredText(s, "title", p);
      Integer year = s.get("year") == null ? null : yearValue(s.get("year"), p + ".year");
      sources.put(e.key(), new Source(e.key(), title == null ? "" : title,
          optionalText(s, "publisher"), year == null ? 0 : year, optionalText(s, "url"),
          optionalText(s, "via")));
    }
  }

  private List<String> readRegions(Node n) {
    List<String> codes = new ArrayList<>();
    if (n == null) {
      problems.add(new Problem(null, 0, 0, "regions", null, "missing: a scenario needs regions",
          "start from `parent: base`"));
      return codes;
    }
    Node.MapNode m = map(n, "regions");
    if (m == null) {
      return codes;
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "regions." + e.key();
      if (!e.key().matches("[A-Z]{2,5}")) {
        problems.add(new Problem(e.value().file(), e.line(), e.column(), p, null,
            "a region code is 2 to 5 capital letters", "use ISO 3166 codes such as CN, US, AU"));
      }
      Node.MapNode r = map(e.value(), p);
      if (r != null) {
        checkKeys(r, p, List.of("name", "note"));
        requiredText(r, "name", p);
      }
      codes.add(e.key());
    }
    return codes;
  }

  private MarketParameters readMarket(Node elementsNode, Node magnetNode) {
    double[] otm = new double[Element.COUNT];
    double[] ref = new double[Element.COUNT];
    double[] cap = new double[Element.COUNT];
    Arrays.fill(otm, 1);
    Arrays.fill(ref, 1);
    Arrays.fill(cap, 1);
    Node.MapNode els = elementsNode == null ? null : map(elementsNode, "elements");
    if (elementsNode == null) {
      problems.add(new Problem(null, 0, 0, "elements", null, "missing", "start from `parent: base`"));
    }
    if (els != null) {
      checkKeys(els, "elements", codes());
      for (Element el : Element.values()) {
        String p = "elements." + el.code();
        Node en = els.get(el.code());
        if (en == null) {
          problems.add(new Problem(els.file(), els.line(), els.column(), p, null, "missing", null));
          continue;
        }
        Node.MapNode em = map(en, p);
        if (em == null) {
          continue;
        }
        checkKeys(em, p, List.of("oxideToMetal", "referencePrice", "priceCap", "note"));
        int e = el.ordinal();
        otm[e] = required(em, "oxideToMetal", p, Kind.NUMBER, null, 0, 1, false);
        bindScalar((ed, v) -> ed.oxideToMetal(e, v));
        ref[e] = required(em, "referencePrice", p, Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        bindScalar((ed, v) -> ed.oxideReferencePrice(e, v));
        cap[e] = required(em, "priceCap", p, Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        bindScalar((ed, v) -> ed.oxidePriceCap(e, v));
        if (ref[e] > 0 && cap[e] > 0 && cap[e] < ref[e]) {
          at(em.get("priceCap"), p + ".priceCap", String.valueOf(cap[e]),
              "must be at least the reference price (" + ref[e] + " USD/kg)", null);
        }
      }
    }
    double mRef = 1;
    double mCap = 1;
    double mfg = 1;
    double metalYield = 1;
    double scrapRecovery = 0;
    org.lodestone.core.model.EolRecycling eol = null;
    if (magnetNode == null) {
      problems.add(new Problem(null, 0, 0, "magnet", null, "missing", "start from `parent: base`"));
    } else {
      Node.MapNode mm = map(magnetNode, "magnet");
      if (mm != null) {
        checkKeys(mm, "magnet", List.of("referencePrice", "priceCap", "manufacturingYield", "metalYield",
            "scrapRecovery", "eolRecycling", "note"));
        eol = readEol(mm.get("eolRecycling"));
        mRef = required(mm, "referencePrice", "magnet", Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        bindScalar(ChainEditor::magnetReferencePrice);
        mCap = required(mm, "priceCap", "magnet", Kind.PRICE, null, 0, Double.MAX_VALUE, false);
        bindScalar(ChainEditor::magnetPriceCap);
        mfg = required(mm, "manufacturingYield", "magnet", Kind.FRACTION, null, 0, 1, false);
        bindScalar(ChainEditor::manufacturingYield);
        metalYield = required(mm, "metalYield", "magnet", Kind.FRACTION, null, 0, 1, false);
        bindScalar(ChainEditor::metalYield);
        scrapRecovery = mm.get("scrapRecovery") == null ? 0
            : required(mm, "scrapRecovery", "magnet", Kind.FRACTION, null, 0, 1, true);
        bindScalar(ChainEditor::scrapRecoveryRate);
        if (mRef > 0 && mCap > 0 && mCap < mRef) {
          at(mm.get("priceCap"), "magnet.priceCap", String.valueOf(mCap),
              "must be at least the reference price (" + mRef + " USD/kg)", null);
        }
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new MarketParameters(otm, ref, cap, mRef, mCap, mfg, metalYield, scrapRecovery, eol);
  }

  private static final List<String> MARKET_MODELS = List.of("global", "regional");
  private static final List<String> TRADE_FORMS = List.of("concentrate", "oxide", "metal", "magnet");

  /**
   * {@code market: {model: global|regional, tradeCost: {concentrate, oxide, metal, magnet}}}: the
   * regional model needs a unit trade cost for every form. Returns null for one global market.
   */
  private Trade readMarket(Node n, List<String> regionCodes, List<Producer> producers, List<Sector> sectors) {
    if (n == null) {
      return null;
    }
    Node.MapNode m = map(n, "market");
    if (m == null) {
      return null;
    }
    checkKeys(m, "market", List.of("model", "tradeCost", "inventory", "note"));
    String model = requiredChoice(m, "model", "market", MARKET_MODELS);
    if (model == null || model.equals("global")) {
      if (model != null && m.get("tradeCost") != null) {
        at(m.get("tradeCost"), "market.tradeCost", null, "trade costs apply only to `model: regional`", null);
      }
      if (model != null && m.get("inventory") != null) {
        at(m.get("inventory"), "market.inventory", null, "inventories act only on `model: regional`", null);
      }
      return null;
    }
    List<Inventory> inventories = readInventories(m.get("inventory"), regionCodes, producers, sectors);
    Node tn = m.get("tradeCost");
    if (tn == null) {
      at(m, "market.tradeCost", null, "missing", "give a unit cost for " + String.join(", ", TRADE_FORMS));
      return null;
    }
    Node.MapNode tm = map(tn, "market.tradeCost");
    if (tm == null) {
      return null;
    }
    List<String> keys = new ArrayList<>(TRADE_FORMS);
    keys.add("note");
    checkKeys(tm, "market.tradeCost", keys);
    double[] costs = new double[TradedProduct.COUNT];
    for (String form : TRADE_FORMS) {
      double c = required(tm, form, "market.tradeCost", Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      forbidDistributions("trade costs");
      for (TradedProduct tp : TradedProduct.values()) {
        if (tp.form().equals(form)) {
          costs[tp.ordinal()] = Double.isNaN(c) ? 0 : c;
        }
      }
    }
    return Trade.free(axis.size(), regionCount, costs).withInventories(inventories);
  }

  private static final List<String> INVENTORY_PRODUCTS = List.of("NdPr", "Dy", "Tb", "magnet");

  /**
   * {@code market.inventory: [{product, form, region, capacity, initial, band, maxFlow,
   * trailingYears}]}: commercial inventories of the regional markets (see {@link Inventory}). Element
   * products are oxides unless {@code form: metal}; one inventory per product, form and region; the
   * region must have a market for the product. Numbers may not be distributions.
   */
  private List<Inventory> readInventories(Node n, List<String> regionCodes, List<Producer> producers,
      List<Sector> sectors) {
    List<Inventory> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof Node.ListNode list)) {
      at(n, "market.inventory", null, "must be a list of inventories",
          "- {product: NdPr, region: CN, capacity: 5000 t, band: 20 %}");
      return out;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      String p = "market.inventory[" + i + "]";
      Node.MapNode im = map(list.items().get(i), p);
      if (im == null) {
        continue;
      }
      checkKeys(im, p, List.of("product", "form", "region", "capacity", "initial", "band", "maxFlow",
          "trailingYears", "note"));
      String productCode = requiredText(im, "product", p);
      int product = -1;
      if (productCode != null && productCode.equals("concentrate")) {
        at(im.get("product"), p + ".product", productCode, "inventories hold oxides, metals or magnets", null);
      } else if (productCode != null && !INVENTORY_PRODUCTS.contains(productCode)) {
        at(im.get("product"), p + ".product", productCode, "unknown product", suggestion(productCode, INVENTORY_PRODUCTS));
      } else if (productCode != null) {
        String form = productCode.equals("magnet") ? "magnet" : "oxide";
        if (im.get("form") != null) {
          String f = requiredText(im, "form", p);
          if (productCode.equals("magnet")) {
            at(im.get("form"), p + ".form", f, "only NdPr, Dy and Tb come as oxide or metal", null);
            f = null;
          } else if (f != null && !List.of("oxide", "metal").contains(f)) {
            at(im.get("form"), p + ".form", f, "unknown form", "oxide or metal");
            f = null;
          }
          form = f;
        }
        for (TradedProduct tp : TradedProduct.values()) {
          if (form != null && tp.product().equals(productCode) && tp.form().equals(form)) {
            product = tp.ordinal();
          }
        }
      }
      String code = requiredText(im, "region", p);
      int region = code == null ? -1 : regionCodes.indexOf(code);
      if (code != null && region < 0) {
        at(im.get("region"), p + ".region", code, "unknown region", suggestion(code, regionCodes));
      }
      double capacity = required(im, "capacity", p, Kind.MASS, null, 0, Double.MAX_VALUE, true);
      forbidDistributions("inventories");
      double initial = optionalNumber(im, "initial", p, Kind.MASS, 0, 0, Double.MAX_VALUE);
      forbidDistributions("inventories");
      double band = required(im, "band", p, Kind.FRACTION, null, 0, 1, true);
      forbidDistributions("inventories");
      if (band >= 1) {
        at(im.get("band"), p + ".band", written(im.get("band")), "must be < 100 %",
            "the holder buys at up to (1 - band) x its reference price");
        band = Double.NaN;
      }
      double maxFlow = optionalNumber(im, "maxFlow", p, Kind.MASS, Double.isNaN(capacity) ? 0 : capacity, 0,
          Double.MAX_VALUE);
      forbidDistributions("inventories");
      Integer trailing = wholeYears(im, "trailingYears", p, Inventory.DEFAULT_TRAILING_YEARS, 1);
      if (!Double.isNaN(capacity) && !Double.isNaN(initial) && initial > capacity) {
        at(im.get("initial"), p + ".initial", written(im.get("initial")),
            "must not exceed the capacity (" + fmt(capacity) + " t)", null);
        initial = Double.NaN;
      }
      if (product < 0 || region < 0) {
        continue;
      }
      if (!seen.add(product + "@" + region)) {
        at(im, p, null, "a second inventory of " + productCode + " (" + TradedProduct.values()[product].form()
            + ") in " + code, "give one inventory per product, form and region");
        continue;
      }
      if (!org.lodestone.core.engine.RegionalEngine.marketOpen(producers, sectors, product, region)) {
        at(im.get("region"), p + ".region", code, "has no market for " + productCode + " ("
            + TradedProduct.values()[product].form() + "): no producer that makes or uses it there"
            + (product == TradedProduct.MAGNET.ordinal() ? ", no demand" : ""), null);
        continue;
      }
      if (Double.isNaN(capacity) || Double.isNaN(initial) || Double.isNaN(band) || Double.isNaN(maxFlow)
          || trailing == null) {
        continue;
      }
      out.add(new Inventory(product, region, capacity, initial, band, maxFlow, trailing));
    }
    return out;
  }

  private int regionCount;
  private List<String> regionList = List.of();

  /**
   * {@code magnet.eolRecycling: {collectionRate, recyclingYield, capacity: {path in t magnet}}}: the
   * end-of-life loop. Its numbers may not be distributions (the loop is rebuilt only at load).
   */
  private org.lodestone.core.model.EolRecycling readEol(Node n) {
    if (n == null) {
      return null;
    }
    String p = "magnet.eolRecycling";
    Node.MapNode m = map(n, p);
    if (m == null) {
      return null;
    }
    checkKeys(m, p, List.of("collectionRate", "recyclingYield", "capacity", "recyclers", "note"));
    double collection = required(m, "collectionRate", p, Kind.FRACTION, null, 0, 1, true);
    double yield = required(m, "recyclingYield", p, Kind.FRACTION, null, 0, 1, true);
    double[] capacity = m.get("capacity") == null && m.get("recyclers") != null ? new double[axis.size()]
        : path(m, "capacity", p, Kind.MASS, true, true);
    forbidDistributions("the end-of-life loop");
    List<org.lodestone.core.model.Recycler> plants = new ArrayList<>();
    if (m.get("recyclers") != null) {
      Node.MapNode rm = map(m.get("recyclers"), p + ".recyclers");
      if (rm != null) {
        for (Node.Entry e : rm.entries().values()) {
          String q = p + ".recyclers." + e.key();
          Node.MapNode pm = map(e.value(), q);
          if (pm == null) {
            continue;
          }
          checkKeys(pm, q, List.of("name", "region", "owner", "cost", "capacity", "note"));
          String region = requiredChoice(pm, "region", q, regionList);
          String name = optionalText(pm, "name");
          String owner = optionalText(pm, "owner");
          double cost = required(pm, "cost", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
          forbidDistributions("recycling plants' costs");
          double[] cap = path(pm, "capacity", q, Kind.MASS, true, true);
          forbidDistributions("recycling plants' capacities");
          if (region == null || Double.isNaN(cost) || cap == null) {
            continue;
          }
          plants.add(new org.lodestone.core.model.Recycler(e.key(), name.isEmpty() ? e.key() : name,
              regionList.indexOf(region), owner.isEmpty() ? (name.isEmpty() ? e.key() : name) : owner, cap, cost));
        }
      }
    }
    if (Double.isNaN(collection) || Double.isNaN(yield) || capacity == null) {
      return null;
    }
    return new org.lodestone.core.model.EolRecycling(collection, yield, capacity, plants);
  }

  private double[] readDeposits(Node n, List<String> codes) {
    List<Double> split = new ArrayList<>();
    if (n == null) {
      return new double[0];
    }
    Node.MapNode m = map(n, "deposits");
    if (m == null) {
      return new double[0];
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "deposits." + e.key();
      codes.add(e.key());
      Node.MapNode d = map(e.value(), p);
      double sum = 0;
      for (Element el : Element.values()) {
        double f = d == null ? 0 : required(d, el.code(), p, Kind.FRACTION, null, 0, 1, true);
        final int dep = codes.size() - 1;
        final int ee = el.ordinal();
        bindScalar((ed, v) -> ed.depositSplit(dep, ee, v));
        split.add(Double.isNaN(f) ? 0 : f);
        sum += Double.isNaN(f) ? 0 : f;
      }
      if (d != null) {
        List<String> keys = new ArrayList<>(codes());
        keys.addAll(List.of("name", "note"));
        checkKeys(d, p, keys);
        if (sum >= 1) {
          at(d, p, null, "element shares sum to " + sum + ": must be below 1 (the rest is other rare earths)", null);
        }
      }
    }
    return split.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private List<Producer> readProducers(Node n, List<String> regions, List<String> deposits) {
    List<Producer> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    Node.MapNode m = map(n, "producers");
    if (m == null) {
      return out;
    }
    List<String> stages = Arrays.stream(Stage.values()).map(Stage::code).toList();
    List<String> statuses = Arrays.stream(ProducerStatus.values()).map(ProducerStatus::code).toList();
    for (Node.Entry e : m.entries().values()) {
      String p = "producers." + e.key();
      Node.MapNode pm = map(e.value(), p);
      if (pm == null) {
        continue;
      }
      checkKeys(pm, p, List.of("name", "stage", "region", "owner", "deposit", "status", "cost",
          "capacity", "note", "remove"));
      String stageCode = requiredChoice(pm, "stage", p, stages);
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      String region = requiredChoice(pm, "region", p, regions);
      String statusCode = requiredChoice(pm, "status", p, statuses);
      String name = optionalText(pm, "name");
      String owner = optionalText(pm, "owner");
      int deposit = -1;
      if (stage == Stage.MINING) {
        String d = requiredChoice(pm, "deposit", p, deposits);
        deposit = d == null ? -1 : deposits.indexOf(d);
      } else if (pm.get("deposit") != null && stage != null) {
        at(pm.get("deposit"), p + ".deposit", null, "only mines have a deposit", "remove it");
      }
      final int index = out.size();
      double cost = required(pm, "cost", p, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      bindScalar((ed, v) -> ed.cost(index, v));
      Kind capKind = stage == Stage.MINING || stage == Stage.SEPARATION ? Kind.MASS_REO : Kind.MASS;
      double[] capacity = path(pm, "capacity", p, capKind, true, true);
      if (lastRecipe != null) {
        PathRecipe recipe = lastRecipe;
        bindings.add((ed, values) -> {
          double[] c = recipe.evaluate(values);
          double[] f = targetFactors.get(index);
          if (f != null) {
            for (int t = 0; t < c.length; t++) {
              c[t] *= f[t];
            }
          }
          ed.capacity(index, c);
        });
      }
      if (stage == null || region == null || statusCode == null || capacity == null
          || (stage == Stage.MINING && deposit < 0) || Double.isNaN(cost)) {
        continue;
      }
      out.add(new Producer(e.key(), name.isEmpty() ? e.key() : name, stage, regions.indexOf(region),
          owner.isEmpty() ? (name.isEmpty() ? e.key() : name) : owner,
          ProducerStatus.ofCode(statusCode), deposit, cost, capacity));
    }
    return out;
  }

  private List<Sector> readSectors(Node n, List<String> regions) {
    List<Sector> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    Node.MapNode m = map(n, "sectors");
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "sectors." + e.key();
      Node.MapNode sm = map(e.value(), p);
      if (sm == null) {
        continue;
      }
      checkKeys(sm, p, List.of("name", "driver", "intensity", "grade", "elasticity", "lifetime",
          "regions", "substitution", "note", "remove"));
      String name = optionalText(sm, "name");
      DriverDimension[] driverDim = new DriverDimension[1];
      DriverDimension[] intensityDim = new DriverDimension[1];
      final int sectorIndex = out.size();
      double[] driver = path(sm, "driver", p, Kind.DRIVER, false, true, driverDim);
      PathRecipe driverRecipe = lastRecipe;
      double[] intensity = path(sm, "intensity", p, Kind.INTENSITY, false, true, intensityDim);
      PathRecipe intensityRecipe = lastRecipe;
      if ((driverRecipe != null || intensityRecipe != null) && driver != null && intensity != null) {
        double[] nominalDriver = driver;
        double[] nominalIntensity = intensity;
        bindings.add((ed, values) -> {
          double[] dr = driverRecipe == null ? nominalDriver : driverRecipe.evaluate(values);
          double[] in = intensityRecipe == null ? nominalIntensity : intensityRecipe.evaluate(values);
          double[] demand = new double[dr.length];
          for (int t = 0; t < demand.length; t++) {
            demand[t] = dr[t] * in[t] / 1000.0;
          }
          ed.demand(sectorIndex, demand);
        });
      }
      if (driverDim[0] != null && intensityDim[0] != null && driverDim[0] != intensityDim[0]) {
        at(sm.get("intensity"), p + ".intensity", null, "intensity is per " + dimName(intensityDim[0])
            + " but the driver is in " + dimName(driverDim[0]), "make the units agree (e.g. GW with kg/MW)");
      }
      double[] grade = new double[Element.COUNT];
      boolean gradeOk = true;
      Node gn = sm.get("grade");
      if (gn == null) {
        at(sm, p + ".grade", null, "missing", "give NdPr, Dy and Tb as wt% of the magnet");
      } else {
        Node.MapNode gm = map(gn, p + ".grade");
        if (gm != null) {
          List<String> keys = new ArrayList<>(codes());
          keys.add("note");
          checkKeys(gm, p + ".grade", keys);
          double sum = 0;
          for (Element el : Element.values()) {
            double g = required(gm, el.code(), p + ".grade", Kind.FRACTION, null, 0, 1, true);
            final int ge = el.ordinal();
            bindScalar((ed, v) -> ed.grade(sectorIndex, ge, v));
            grade[el.ordinal()] = Double.isNaN(g) ? 0 : g;
            sum += grade[el.ordinal()];
          }
          if (sum >= 1) {
            at(gm, p + ".grade", null, "element shares sum to " + sum + ": must be below 1", null);
            gradeOk = false;
          }
        }
      }
      double elasticity = sm.get("elasticity") == null ? 0
          : required(sm, "elasticity", p, Kind.NUMBER, null, -Double.MAX_VALUE, 0, true);
      bindScalar((ed, v) -> ed.elasticity(sectorIndex, v));
      LifetimeModel lifetime = readLifetime(sm.get("lifetime"), p + ".lifetime");
      forbidDistributions("lifetimes are not used by the market model yet");
      double[] share = readShares(sm.get("regions"), p + ".regions", regions, sm);
      forbidDistributions("region shares");
      readSubstitution(sm.get("substitution"), p + ".substitution", sectorIndex);
      if (driver == null || intensity == null || share == null || Double.isNaN(elasticity) || !gradeOk
          || gn == null) {
        continue;
      }
      double[] demand = new double[axis.size()];
      for (int t = 0; t < demand.length; t++) {
        demand[t] = driver[t] * intensity[t] / 1000.0; // kg → t
      }
      out.add(new Sector(e.key(), name.isEmpty() ? e.key() : name, demand, grade, elasticity, share,
          lifetime));
    }
    return out;
  }

  private static String dimName(DriverDimension d) {
    return switch (d) {
      case COUNT -> "units";
      case POWER_MW -> "MW";
      case MASS_T -> "t";
    };
  }

  private LifetimeModel readLifetime(Node n, String p) {
    if (n == null) {
      return null;
    }
    Node.MapNode m = map(n, p);
    if (m == null) {
      return null;
    }
    checkKeys(m, p, List.of("law", "mean", "sd", "shape", "scale", "source", "confidence", "method", "note"));
    List<String> laws = LifetimeLaws.names(); // hook:misc14 one lifetime-law factory (core.stock.LifetimeLaws)
    String law = requiredChoice(m, "law", p, laws);
    if (law == null) {
      return null;
    }
    Prov prov = provOf(m, p);
    List<String> params = LifetimeLaws.parameters(law); // hook:misc14
    Map<String, Double> v = new LinkedHashMap<>();
    boolean ok = true;
    for (String k : params) {
      if (m.get(k) == null) {
        at(m, p + "." + k, null, "missing: the " + law + " law needs " + String.join(" and ", params), null);
        ok = false;
      } else {
        double x = number(m.get(k), p + "." + k, Kind.NUMBER, null, prov);
        if (Double.isNaN(x)) {
          ok = false;
        } else if (x < 0) {
          at(m.get(k), p + "." + k, fmt(x), "must be >= 0", null);
          ok = false;
        }
        v.put(k, x);
      }
    }
    for (String k : List.of("mean", "sd", "shape", "scale")) {
      if (m.get(k) != null && !params.contains(k)) {
        at(m.get(k), p + "." + k, null, "the " + law + " law does not take " + k,
            "it takes " + String.join(" and ", params));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    try {
      return LifetimeLaws.create(law, v); // hook:misc14
    } catch (IllegalArgumentException e) {
      at(m, p, null, e.getMessage(), null);
      return null;
    }
  }

  private double[] readShares(Node n, String p, List<String> regions, Node.MapNode owner) {
    double[] share = new double[regions.size()];
    if (n == null) {
      int row = regions.indexOf("ROW");
      if (row < 0) {
        at(owner, p, null, "missing, and there is no region ROW to put the demand in",
            "give shares by region summing to 100 %");
        return null;
      }
      share[row] = 1;
      return share;
    }
    Node.MapNode m = map(n, p);
    if (m == null) {
      return null;
    }
    double sum = 0;
    boolean ok = true;
    for (Node.Entry e : m.entries().values()) {
      int r = regions.indexOf(e.key());
      if (r < 0) {
        problems.add(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), null,
            "unknown region", suggestion(e.key(), regions)));
        ok = false;
        continue;
      }
      double v = number(e.value(), p + "." + e.key(), Kind.FRACTION, null, Prov.NONE);
      if (Double.isNaN(v)) {
        ok = false;
        continue;
      }
      if (v < 0 || v > 1) {
        at(e.value(), p + "." + e.key(), fmt(v), "must be in [0, 100 %]", null);
        ok = false;
      }
      share[r] = v;
      sum += v;
    }
    if (ok && Math.abs(sum - 1) > 1e-6) {
      at(m, p, null, "shares sum to " + fmt(100 * sum) + " %, not 100 %", "make them add up");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    for (int r = 0; r < share.length; r++) {
      share[r] /= sum;
    }
    return share;
  }

  private static final List<String> HISTORY_METRICS =
      List.of("production", "capacity", "price", "share_china", "demand", "exports", "imports", "quota");

  private List<HistorySeries> readHistory(Node n, List<String> regions, List<Sector> sectors) {
    List<HistorySeries> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof Node.ListNode list)) {
      at(n, "history", null, "must be a list of series", "start each series with `- metric: ...`");
      return out;
    }
    List<String> stages = Arrays.stream(Stage.values()).map(Stage::code).toList();
    List<String> products = new ArrayList<>(codes());
    products.add("magnet");
    List<String> regionsW = new ArrayList<>(regions);
    regionsW.add("WORLD");
    List<String> sectorIds = sectors.stream().map(Sector::id).toList();
    for (int i = 0; i < list.items().size(); i++) {
      String p = "history[" + i + "]";
      Node.MapNode m = map(list.items().get(i), p);
      if (m == null) {
        continue;
      }
      checkKeys(m, p, List.of("metric", "stage", "product", "region", "sector", "unit", "source",
          "label", "values", "note", "confidence", "method"));
      String metric = requiredChoice(m, "metric", p, HISTORY_METRICS);
      String stage = m.get("stage") == null ? "" : requiredChoice(m, "stage", p, stages);
      String product = m.get("product") == null ? "" : requiredChoice(m, "product", p, products);
      String region = m.get("region") == null ? "" : requiredChoice(m, "region", p, regionsW);
      String sector = m.get("sector") == null ? "" : requiredChoice(m, "sector", p, sectorIds);
      String unit = requiredText(m, "unit", p);
      String source = optionalText(m, "source");
      Prov prov = provOf(m, p);
      Kind kind = unit == null ? null : switch (unit) {
        case "t", "kt", "Mt" -> Kind.MASS;
        case "t REO", "kt REO", "Mt REO" -> Kind.MASS_REO;
        case "USD/kg", "USD/t" -> Kind.PRICE;
        case "%" -> Kind.FRACTION;
        default -> null;
      };
      if (unit != null && kind == null) {
        at(m.get("unit"), p + ".unit", unit, "unknown unit", "use t, t REO, USD/kg or %");
      }
      Node vn = m.get("values");
      TreeMap<Integer, Double> values = new TreeMap<>();
      if (vn == null) {
        at(m, p + ".values", null, "missing", "give values by year: `values: {2023: 280000}`");
      } else {
        Node.MapNode vm = map(vn, p + ".values");
        if (vm != null && kind != null) {
          for (Node.Entry e : vm.entries().values()) {
            Integer y = yearKey(e, p + ".values");
            if (y == null) {
              continue;
            }
            double v = number(e.value(), p + ".values." + e.key(), kind, unit, prov);
            forbidDistributions("history holds observations");
            if (!Double.isNaN(v)) {
              if (v < 0) {
                at(e.value(), p + ".values." + e.key(), fmt(v), "must be >= 0", null);
              }
              values.put(y, v);
            }
          }
        }
      }
      if (metric == null || stage == null || product == null || region == null || sector == null
          || unit == null || kind == null) {
        continue;
      }
      String baseUnit = switch (kind) {
        case MASS -> "t";
        case MASS_REO -> "t REO";
        case PRICE -> "USD/kg";
        default -> "share";
      };
      out.add(new HistorySeries(metric, stage, product, region, sector, baseUnit, source,
          optionalText(m, "label"), values.keySet().stream().mapToInt(Integer::intValue).toArray(),
          values.values().stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return out;
  }

  private List<Producer> applyTargets(Node n, List<Producer> producers, List<String> regions) {
    if (n == null) {
      return producers;
    }
    if (!(n instanceof Node.ListNode list)) {
      at(n, "capacityTargets", null, "must be a list", "start each target with `- stage: ...`");
      return producers;
    }
    List<String> stages = Arrays.stream(Stage.values()).map(Stage::code).toList();
    List<Producer> out = new ArrayList<>(producers);
    for (int i = 0; i < list.items().size(); i++) {
      String p = "capacityTargets[" + i + "]";
      Node.MapNode m = map(list.items().get(i), p);
      if (m == null) {
        continue;
      }
      checkKeys(m, p, List.of("stage", "region", "year", "total", "from", "source", "confidence",
          "method", "note"));
      String stageCode = requiredChoice(m, "stage", p, stages);
      String region = requiredChoice(m, "region", p, regions);
      Integer year = m.get("year") == null ? null : axisYear(m.get("year"), p + ".year");
      if (m.get("year") == null) {
        at(m, p + ".year", null, "missing", null);
      }
      Integer from = m.get("from") == null ? null : axisYear(m.get("from"), p + ".from");
      if (m.get("from") == null) {
        at(m, p + ".from", null, "missing", "the year from which capacity moves toward the target");
      }
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      Kind kind = stage == Stage.MINING || stage == Stage.SEPARATION ? Kind.MASS_REO : Kind.MASS;
      double total = m.get("total") == null ? Double.NaN
          : number(m.get("total"), p + ".total", kind, null, provOf(m, p));
      forbidDistributions("capacity target totals");
      if (m.get("total") == null) {
        at(m, p + ".total", null, "missing", null);
      } else if (total < 0) {
        at(m.get("total"), p + ".total", fmt(total), "must be >= 0", null);
      }
      if (year != null && from != null && from > year) {
        at(m.get("from"), p + ".from", String.valueOf(from), "must not be after year (" + year + ")", null);
        continue;
      }
      if (stage == null || region == null || year == null || from == null || !(total >= 0)) {
        continue;
      }
      int r = regions.indexOf(region);
      int ty = axis.index(year);
      double current = 0;
      for (Producer pr : out) {
        if (pr.stage() == stage && pr.region() == r) {
          current += pr.capacityT(ty);
        }
      }
      if (current <= 0) {
        at(m, p, null, "no " + stageCode + " capacity in " + region + " in " + year + " to scale",
            "add a producer instead");
        continue;
      }
      double factor = total / current;
      int tf = axis.index(from);
      for (int k = 0; k < out.size(); k++) {
        Producer pr = out.get(k);
        if (pr.stage() != stage || pr.region() != r) {
          continue;
        }
        double[] cap = pr.capacityT();
        double[] f = targetFactors.computeIfAbsent(k, x -> {
          double[] ones = new double[cap.length];
          Arrays.fill(ones, 1);
          return ones;
        });
        for (int t = tf + 1; t < cap.length; t++) {
          double w = t >= ty ? 1 : (double) (t - tf) / (ty - tf);
          cap[t] *= 1 + w * (factor - 1);
          f[t] *= 1 + w * (factor - 1);
        }
        out.set(k, pr.withCapacityT(cap));
      }
    }
    return out;
  }

  private void checkFigureSources() {
    for (Figure f : figures) {
      if (!f.source().isEmpty() && !sources.containsKey(f.source())) {
        problems.add(new Problem(f.file(), f.line(), 0, f.path() + ".source", f.source(),
            "unknown source", suggestion(f.source(), new ArrayList<>(sources.keySet()))));
      }
    }
  }

  // ---- values -----------------------------------------------------------------------------

  /**
   * Reads a path (values by year) into an array over the axis. Capacities are zero before the first
   * point; drivers and intensities hold their first value. Returns null on error.
   */
  private double[] path(Node.MapNode owner, String key, String p, Kind kind, boolean zeroBefore,
      boolean required) {
    return path(owner, key, p, kind, zeroBefore, required, new DriverDimension[1]);
  }

  private double[] path(Node.MapNode owner, String key, String parent, Kind kind, boolean zeroBefore,
      boolean required, DriverDimension[] dim) {
    String p = parent + "." + key;
    Node n = owner.get(key);
    if (n == null) {
      if (required) {
        at(owner, p, null, "missing", "give values by year, e.g. `" + key + ": {2024: ...}`");
      }
      return null;
    }
    Node.MapNode m = map(n, p);
    if (m == null) {
      return null;
    }
    String unit = m.get("unit") == null ? null : optionalText(m, "unit");
    Prov prov = provOf(m, p);
    TreeMap<Integer, Double> points = new TreeMap<>();
    Map<Integer, Integer> paramByYear = new java.util.HashMap<>();
    int growthParam = -1;
    double growth = 0;
    boolean ok = true;
    lastRecipe = null;
    pending.clear();
    for (Node.Entry e : m.entries().values()) {
      if (PATH_META.contains(e.key())) {
        if (e.key().equals("growthAfter")) {
          growth = number(e.value(), p + ".growthAfter", Kind.GROWTH, null, prov);
          if (Double.isNaN(growth)) {
            ok = false;
          } else if (growth <= -1) {
            at(e.value(), p + ".growthAfter", fmt(growth), "must be above -100 %/yr", null);
            ok = false;
          }
          checkPendingRange(p + ".growthAfter", -1, Double.MAX_VALUE, false);
          if (!pending.isEmpty()) {
            growthParam = pending.get(0);
            pending.clear();
          }
        }
        continue;
      }
      Integer y = yearKey(e, p);
      if (y == null) {
        ok = false;
        continue;
      }
      Quantity q = quantity(e.value(), p + "." + e.key(), kind, unit, prov);
      if (q == null) {
        ok = false;
        continue;
      }
      if (q.value() < 0) {
        at(e.value(), p + "." + e.key(), written(e.value()), "must be >= 0", null);
        ok = false;
        continue;
      }
      checkPendingRange(p + "." + e.key(), 0, Double.MAX_VALUE, true);
      if (!pending.isEmpty()) {
        paramByYear.put(y, pending.get(0));
        pending.clear();
      }
      if (dim[0] == null) {
        dim[0] = q.dimension();
      } else if (q.dimension() != null && q.dimension() != dim[0]) {
        at(e.value(), p + "." + e.key(), written(e.value()), "unit does not match the path's other points",
            "use one kind of unit per path");
        ok = false;
      }
      points.put(y, q.value());
    }
    if (points.isEmpty() && ok) {
      at(m, p, null, "has no values by year", "e.g. `" + key + ": {unit: t, 2024: 1000}`");
      return null;
    }
    if (!ok) {
      return null;
    }
    if (!paramByYear.isEmpty() || growthParam >= 0) {
      lastRecipe = new PathRecipe(points, paramByYear, growth, growthParam, zeroBefore);
    }
    return interpolate(points, zeroBefore, growth);
  }

  private double[] interpolate(TreeMap<Integer, Double> points, boolean zeroBefore, double growth) {
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

  private Integer yearKey(Node.Entry e, String p) {
    try {
      int y = Integer.parseInt(e.key().strip());
      if (y < MIN_YEAR || y > MAX_YEAR) {
        problems.add(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), null,
            "year out of range " + MIN_YEAR + ".." + MAX_YEAR, null));
        return null;
      }
      return y;
    } catch (NumberFormatException ex) {
      String hint = Suggest.closest(e.key(), PATH_META);
      problems.add(new Problem(e.value().file(), e.line(), e.column(), p + "." + e.key(), null,
          "unknown key `" + e.key() + "`: expected a year or one of " + String.join(", ", PATH_META),
          hint == null ? null : "did you mean `" + hint + "`?"));
      return null;
    }
  }

  private double required(Node.MapNode m, String key, String parent, Kind kind, String unit,
      double min, double max, boolean minInclusive) {
    String p = parent.isEmpty() ? key : parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      at(m, p, null, "missing", "expected " + describe(kind));
      return Double.NaN;
    }
    double v = number(n, p, kind, unit, Prov.NONE);
    if (Double.isNaN(v)) {
      return v;
    }
    checkPendingRange(p, min, max, minInclusive);
    boolean low = minInclusive ? v < min : v <= min;
    if (low) {
      at(n, p, written(n), "must be " + (minInclusive ? ">= " : "> ") + fmt(min), null);
      return Double.NaN;
    }
    if (v > max) {
      at(n, p, written(n), "must be <= " + (kind == Kind.FRACTION ? "100 %" : fmt(max)), null);
      return Double.NaN;
    }
    return v;
  }

  private static String describe(Kind kind) {
    return kind == Kind.NUMBER ? "a number" : kind.accepted();
  }

  /** Reads a number (bare, with unit, or cited) in base units; NaN after reporting a problem. */
  private double number(Node n, String p, Kind kind, String unit, Prov prov) {
    Quantity q = quantity(n, p, kind, unit, prov);
    return q == null ? Double.NaN : q.value();
  }

  private Quantity quantity(Node n, String p, Kind kind, String unit, Prov prov) {
    if (n instanceof Node.MapNode dm && dm.get("dist") != null) {
      return distribution(dm, p, kind, unit, prov);
    }
    Node valueNode = n;
    String source = prov.source;
    String confidence = prov.confidence;
    String method = prov.method;
    String localUnit = unit;
    if (n instanceof Node.MapNode m) {
      checkKeys(m, p, CITED);
      valueNode = m.get("value");
      if (valueNode == null) {
        at(m, p + ".value", null, "missing", "a cited figure is `{value: ..., source: ...}`");
        return null;
      }
      if (m.get("unit") != null) {
        localUnit = optionalText(m, "unit");
      }
      Prov own = provOf(m, p);
      source = own.source.isEmpty() ? source : own.source;
      confidence = own.confidence.isEmpty() ? confidence : own.confidence;
      method = own.method.isEmpty() ? method : own.method;
      Node alts = m.get("alternatives");
      if (alts != null) {
        if (alts instanceof Node.ListNode al) {
          for (int i = 0; i < al.items().size(); i++) {
            quantity(al.items().get(i), p + ".alternatives[" + i + "]", kind, localUnit, Prov.NONE);
          }
        } else {
          at(alts, p + ".alternatives", null, "must be a list of cited values", null);
        }
      }
    }
    if (!(valueNode instanceof Node.Scalar s)) {
      at(valueNode, p, null, "must be a number" + (kind == Kind.NUMBER ? "" : " with a unit"),
          "expected " + describe(kind));
      return null;
    }
    try {
      Quantity q = Units.parse(s.text(), kind, localUnit);
      figures.add(new Figure(p, s.text() + (localUnit != null && s.text().matches("[-+0-9.eE]+") ? " " + localUnit : ""),
          source, confidence, method, s.file(), s.line()));
      if (s.file().startsWith(ScenarioLoader.SHIPPED_PREFIX) && source.isEmpty()
          && !(confidence.equals("E") || confidence.equals("D"))) {
        at(s, p, s.text(), "a shipped figure needs a `source`, or confidence E or D with a `method`", null);
      }
      return q;
    } catch (Units.UnitException ex) {
      at(s, p, s.text(), ex.getMessage(), null);
      return null;
    }
  }

  // ---- uncertainty ------------------------------------------------------------------------

  private static final List<String> DIST_KEYS = List.of("dist", "mean", "sd", "min", "mode", "max",
      "values", "probabilities", "unit", "source", "confidence", "method", "note");
  private static final List<String> LAWS = List.of("normal", "lognormal", "triangular", "uniform",
      "discrete");

  private final List<UncertainParameter> params = new ArrayList<>();
  private final List<Integer> pending = new ArrayList<>();
  private final List<UncertainScenario.Binding> bindings = new ArrayList<>();
  private final Map<Integer, double[]> targetFactors = new java.util.HashMap<>();

  /** Writes one drawn value into an editor. */
  private interface Setter {
    void set(ChainEditor editor, double value);
  }

  /**
   * Reads {@code {dist: LAW, ...}} in place of a number: registers an uncertain parameter (bound to
   * the model by the caller) and returns its nominal value, the mean.
   */
  private Quantity distribution(Node.MapNode m, String p, Kind kind, String unit, Prov prov) {
    checkKeys(m, p, DIST_KEYS);
    String law = requiredChoice(m, "dist", p, LAWS);
    String localUnit = m.get("unit") != null ? optionalText(m, "unit") : unit;
    Prov own = provOf(m, p);
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
            at(m.get("sd"), p + ".sd", written(m.get("sd")), "must be > 0", null);
            return null;
          }
          if (law.equals("normal")) {
            dist = new NormalDistribution(mean.value(), sd.value());
          } else {
            if (!(mean.value() > 0)) {
              at(m.get("mean"), p + ".mean", written(m.get("mean")), "must be > 0 for a log-normal", null);
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
            at(m.get("max"), p + ".max", written(m.get("max")), "must be above min", null);
            return null;
          }
          if (mode != null && (mode.value() < min.value() || mode.value() > max.value())) {
            at(m.get("mode"), p + ".mode", written(m.get("mode")), "must lie between min and max", null);
            return null;
          }
          dist = mode != null ? new TriangularDistribution(min.value(), mode.value(), max.value())
              : new UniformRealDistribution(min.value(), max.value());
        }
        default -> { // discrete
          if (!(m.get("values") instanceof Node.ListNode vl) || !(m.get("probabilities") instanceof Node.ListNode pl)) {
            at(m, p, null, "a discrete law needs `values: [...]` and `probabilities: [...]`", null);
            return null;
          }
          if (vl.items().size() != pl.items().size() || vl.items().isEmpty()) {
            at(pl, p + ".probabilities", null, "needs one probability per value", null);
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
              at(pl.items().get(i), p + ".probabilities[" + i + "]", written(pl.items().get(i)), "must be in [0, 1]", null);
              return null;
            }
            sum += ps[i];
          }
          if (Math.abs(sum - 1) > 1e-9) {
            at(pl, p + ".probabilities", null, "sum to " + sum + ", not 1", null);
            return null;
          }
          dist = new EnumeratedRealDistribution(vs, ps);
        }
      }
    } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
      at(m, p, null, "impossible " + law + " parameters: " + e.getMessage(), null);
      return null;
    }
    double nominal = dist.getNumericalMean();
    Node.Scalar where = m.get("dist") instanceof Node.Scalar ds ? ds : null;
    String file = where == null ? m.file() : where.file();
    int line = where == null ? m.line() : where.line();
    figures.add(new Figure(p, law + " distribution (mean " + fmt(nominal) + ")",
        own.source.isEmpty() ? prov.source : own.source,
        own.confidence.isEmpty() ? (prov.confidence.isEmpty() ? "E" : prov.confidence) : own.confidence,
        own.method.isEmpty() ? prov.method : own.method, file, line));
    pending.add(params.size());
    params.add(new UncertainParameter(p, law, dist, nominal, file, line));
    return new Quantity(nominal, dim);
  }

  private Quantity distParam(Node.MapNode m, String key, String p, Kind kind, String unit) {
    Node n = m.get(key);
    if (n == null) {
      at(m, p + "." + key, null, "missing", "the " + optionalText(m, "dist") + " law needs it");
      return null;
    }
    return quantityValue(n, p + "." + key, kind, unit);
  }

  private Quantity quantityValue(Node n, String p, Kind kind, String unit) {
    if (!(n instanceof Node.Scalar s)) {
      at(n, p, null, "must be a number", null);
      return null;
    }
    try {
      return Units.parse(s.text(), kind, unit);
    } catch (Units.UnitException ex) {
      at(s, p, s.text(), ex.getMessage(), null);
      return null;
    }
  }

  /** Lowest and highest values a parameter can take (its tails cut at {@link UncertainParameter#TAIL}). */
  private static double[] effectiveRange(UncertainParameter u) {
    return new double[] {u.valueAt(0), u.valueAt(1)};
  }

  /** Checks the pending distributions against a field's range; reports a problem if they leave it. */
  private void checkPendingRange(String p, double min, double max, boolean minInclusive) {
    for (int k : pending) {
      UncertainParameter u = params.get(k);
      double[] r = effectiveRange(u);
      boolean low = minInclusive ? r[0] < min : r[0] <= min;
      if (low || r[1] > max) {
        problems.add(new Problem(u.file(), u.line(), 0, p, u.law(),
            "the distribution reaches " + fmt(low ? r[0] : r[1]) + ", outside the field's range "
                + (minInclusive ? "[" : "(") + fmt(min) + ", " + (max == Double.MAX_VALUE ? "inf" : fmt(max)) + "]",
            "use a log-normal, triangular or uniform law, or a smaller sd"));
      }
    }
  }

  /** Binds the pending distributions of a scalar field to the model. */
  private void bindScalar(Setter setter) {
    for (int k : pending) {
      bindings.add((editor, values) -> setter.set(editor, values[k]));
    }
    pending.clear();
  }

  /** Rejects pending distributions where the model has no use for them. */
  private void forbidDistributions(String where) {
    for (int k : pending) {
      UncertainParameter u = params.get(k);
      problems.add(new Problem(u.file(), u.line(), 0, u.path(), u.law(),
          "a distribution cannot stand here (" + where + ")", "write a number"));
    }
    pending.clear();
  }

  /** A path whose points (or growth) are uncertain: recomputed from drawn values. */
  private final class PathRecipe {
    final TreeMap<Integer, Double> points;
    final Map<Integer, Integer> paramByYear;
    final double growth;
    final int growthParam;
    final boolean zeroBefore;

    PathRecipe(TreeMap<Integer, Double> points, Map<Integer, Integer> paramByYear, double growth,
        int growthParam, boolean zeroBefore) {
      this.points = points;
      this.paramByYear = paramByYear;
      this.growth = growth;
      this.growthParam = growthParam;
      this.zeroBefore = zeroBefore;
    }

    double[] evaluate(double[] values) {
      TreeMap<Integer, Double> pts = new TreeMap<>(points);
      paramByYear.forEach((year, k) -> pts.put(year, values[k]));
      return interpolate(pts, zeroBefore, growthParam >= 0 ? values[growthParam] : growth);
    }
  }

  /** The recipe of the last path read, or null when it had no distributions. */
  private PathRecipe lastRecipe;

  private Prov provOf(Node.MapNode m, String p) {
    String source = optionalText(m, "source");
    String confidence = optionalText(m, "confidence");
    String method = optionalText(m, "method");
    if (!confidence.isEmpty() && !CONFIDENCE.contains(confidence)) {
      at(m.get("confidence"), p + ".confidence", confidence, "must be one of H, M, L, D, E", null);
    }
    if ((confidence.equals("D") || confidence.equals("E")) && method.isEmpty()) {
      at(m, p + ".method", null, "missing: a " + confidence + " figure must say how it was made", null);
    }
    return new Prov(source, confidence, method);
  }

  private Integer yearValue(Node n, String p) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.Scalar s && s.text() != null && s.text().strip().matches("\\d{4}")) {
      int y = Integer.parseInt(s.text().strip());
      if (y >= MIN_YEAR && y <= MAX_YEAR) {
        return y;
      }
    }
    at(n, p, written(n), "must be a year in " + MIN_YEAR + ".." + MAX_YEAR, null);
    return null;
  }

  private Integer axisYear(Node n, String p) {
    Integer y = yearValue(n, p);
    if (y != null && !axis.contains(y)) {
      at(n, p, String.valueOf(y), "year outside the scenario's axis " + axis.firstYear() + ".."
          + axis.lastYear(), "change `years:` or the year");
      return null;
    }
    return y;
  }

  // ---- dynamics: substitution and investment ------------------------------------------------

  private final List<Substitute> substitutes = new ArrayList<>();
  private static final List<String> SUBSTITUTE_KEYS = List.of("kind", "signal", "maxShare",
      "maxChangePerYear", "maxReturnPerYear", "lag", "signalYears", "trigger", "full", "reduction",
      "initialShare", "from", "name", "note", "remove");

  /**
   * A sector's {@code substitution:} block: substitutes by id, each a lagged, bounded response to a
   * relative price ({@link Substitute}).
   */
  private void readSubstitution(Node n, String p, int sector) {
    if (n == null) {
      return;
    }
    Node.MapNode m = map(n, p);
    if (m == null) {
      return;
    }
    List<String> kinds = Arrays.stream(Substitute.Kind.values()).map(Substitute.Kind::code).toList();
    List<String> signals = new ArrayList<>(List.of("magnet", "heavy"));
    signals.addAll(codes());
    double magnetFree = 0;
    boolean magnetFreeDrawn = false;
    for (Node.Entry e : m.entries().values()) {
      String q = p + "." + e.key();
      Node.MapNode sm = map(e.value(), q);
      if (sm == null) {
        continue;
      }
      checkKeys(sm, q, SUBSTITUTE_KEYS);
      if (!e.key().matches("[a-z0-9][a-z0-9-]*")) {
        at(e.value(), q, e.key(), "a substitute's id must be lower-case letters, digits and `-`", null);
      }
      String kindCode = requiredChoice(sm, "kind", q, kinds);
      Substitute.Kind kind = kindCode == null ? null
          : Substitute.Kind.values()[kinds.indexOf(kindCode)];
      String signalCode = sm.get("signal") == null
          ? (kind == Substitute.Kind.HEAVY_FREE ? "heavy" : "magnet")
          : requiredChoice(sm, "signal", q, signals);
      if (signalCode != null && kind != null
          && (signalCode.equals("heavy") != (kind == Substitute.Kind.HEAVY_FREE) && !codes().contains(signalCode))) {
        at(sm.get("signal"), q + ".signal", signalCode, kind == Substitute.Kind.HEAVY_FREE
            ? "a heavy-free grade responds to `heavy` (the Dy and Tb in its magnets) or one element's price"
            : "`heavy` is for heavy-free grades", "use `magnet` or an element");
        signalCode = null;
      }
      Element signal = signalCode == null || !codes().contains(signalCode) ? null
          : Element.values()[codes().indexOf(signalCode)];
      final int k = substitutes.size();
      double maxShare = required(sm, "maxShare", q, Kind.FRACTION, null, 0, 1, true);
      double maxShareHigh = pendingBound(maxShare, true);
      bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 0, v)));
      double up = required(sm, "maxChangePerYear", q, Kind.GROWTH, null, 0, 1, true);
      bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 1, v)));
      double down = optionalNumber(sm, "maxReturnPerYear", q, Kind.GROWTH, 0, 0, 1);
      bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 2, v)));
      double trigger = required(sm, "trigger", q, Kind.NUMBER, null, 0, Double.MAX_VALUE, false);
      double triggerHigh = pendingBound(trigger, true);
      bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 3, v)));
      double full = required(sm, "full", q, Kind.NUMBER, null, 0, Double.MAX_VALUE, false);
      double fullLow = pendingBound(full, false);
      bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 4, v)));
      double reduction = 0;
      if (kind == Substitute.Kind.HEAVY_FREE) {
        reduction = required(sm, "reduction", q, Kind.FRACTION, null, 0, 1, true);
        bindScalar((ed, v) -> ed.substitute(k, s -> substituteWith(s, 5, v)));
      } else if (sm.get("reduction") != null && kind != null) {
        at(sm.get("reduction"), q + ".reduction", null, "only heavy-free substitutes reduce Dy/Tb",
            "remove it, or use kind: heavy-free");
      }
      double initial = optionalNumber(sm, "initialShare", q, Kind.FRACTION, 0, 0, 1);
      forbidDistributions("the initial share is a starting point, not a model parameter");
      Integer lag = wholeYears(sm, "lag", q, 1, 1);
      Integer signalYears = wholeYears(sm, "signalYears", q, 1, 1);
      // a start before the axis means from its first year, after it never (a child may shorten the axis)
      Integer from = sm.get("from") == null ? Integer.valueOf(axis.firstYear()) : yearValue(sm.get("from"), q + ".from");
      if (!Double.isNaN(trigger) && !Double.isNaN(full) && !(fullLow > triggerHigh)) {
        at(sm.get("full"), q + ".full", fmt(full), "must be above trigger (" + fmt(trigger) + ")"
            + (fullLow != full || triggerHigh != trigger ? " in every draw: lowest full "
            + String.format(java.util.Locale.ROOT, "%.4g", fullLow) + ", highest trigger "
            + String.format(java.util.Locale.ROOT, "%.4g", triggerHigh) : ""),
            "the target share rises from 0 at `trigger` to maxShare at `full` (prices relative to the reference)");
        full = Double.NaN;
      }
      if (!Double.isNaN(initial) && !Double.isNaN(maxShare) && initial > maxShare) {
        at(sm.get("initialShare"), q + ".initialShare", fmt(initial), "must not exceed maxShare ("
            + fmt(maxShare) + ")", null);
        initial = Double.NaN;
      }
      if (kind == Substitute.Kind.MAGNET_FREE && !Double.isNaN(maxShare)) {
        // with distributions, every draw must keep the sum within 100 %: the upper ends count
        magnetFree += maxShareHigh;
        magnetFreeDrawn |= maxShareHigh != maxShare;
        if (magnetFree > 1 + 1e-9) {
          at(sm.get("maxShare"), q + ".maxShare", fmt(maxShare), "the sector's magnet-free maximum shares sum to "
              + String.format(java.util.Locale.ROOT, "%.4g", magnetFree)
              + (magnetFreeDrawn ? " with distributions at their upper ends" : "") + ", above 100 %",
              "lower one of them");
        }
      }
      if (kind == null || signalCode == null || lag == null || signalYears == null || from == null
          || Double.isNaN(maxShare)
          || Double.isNaN(up)
          || Double.isNaN(down) || Double.isNaN(trigger) || Double.isNaN(full) || Double.isNaN(reduction)
          || Double.isNaN(initial)) {
        continue;
      }
      substitutes.add(new Substitute(e.key(), sector, kind, signal, maxShare, up, down, lag, trigger, full,
          reduction, initial, startIndex(from), signalYears));
    }
  }

  /** A copy of {@code s} with one drawn number: 0 maxShare, 1 up, 2 down, 3 trigger, 4 full, 5 reduction. */
  private static Substitute substituteWith(Substitute s, int field, double v) {
    return new Substitute(s.id(), s.sector(), s.kind(), s.signal(),
        field == 0 ? v : s.maxShare(), field == 1 ? v : s.maxChangePerYear(),
        field == 2 ? v : s.maxReturnPerYear(), s.lagYears(), field == 3 ? v : s.trigger(),
        field == 4 ? v : s.full(), field == 5 ? v : s.heavyReduction(), Math.min(s.initialShare(),
            field == 0 ? v : s.maxShare()), s.fromIndex(), s.signalYears());
  }

  private static final List<String> INVESTMENT_KEYS = List.of("name", "stage", "region", "deposit",
      "leadTime", "rampUp", "capex", "costOfCapital", "life", "operatingCost", "subsidy", "maxGrowth",
      "trailingYears", "minUtilisation", "from", "note", "remove");

  /**
   * The top-level {@code investment:} block: rules by id, each adding a producer (id = the rule's id,
   * capacity 0 in the data, filled by the run) of its stage and region ({@link Investment}).
   */
  private List<Investment> readInvestment(Node n, List<String> regions, List<String> deposits,
      List<Producer> producers) {
    List<Investment> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    Node.MapNode m = map(n, "investment");
    if (m == null) {
      return out;
    }
    List<String> stages = Arrays.stream(Stage.values()).map(Stage::code).toList();
    java.util.Set<String> ids = new java.util.HashSet<>();
    producers.forEach(pr -> ids.add(pr.id()));
    java.util.Set<String> stageRegions = new java.util.HashSet<>();
    for (Node.Entry e : m.entries().values()) {
      String q = "investment." + e.key();
      Node.MapNode im = map(e.value(), q);
      if (im == null) {
        continue;
      }
      checkKeys(im, q, INVESTMENT_KEYS);
      if (!ids.add(e.key())) {
        at(e.value(), q, e.key(), "an investment rule's id names its new producer: a producer `" + e.key()
            + "` exists already", "choose another id, e.g. new-" + e.key());
      }
      String stageCode = requiredChoice(im, "stage", q, stages);
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      String region = requiredChoice(im, "region", q, regions);
      if (stage != null && region != null && !stageRegions.add(stageCode + "/" + region)) {
        at(im, q, null, "a second investment rule for " + stageCode + " in " + region, "merge the two rules");
      }
      int deposit = -1;
      if (stage == Stage.MINING) {
        String d = requiredChoice(im, "deposit", q, deposits);
        deposit = d == null ? -1 : deposits.indexOf(d);
      } else if (im.get("deposit") != null && stage != null) {
        at(im.get("deposit"), q + ".deposit", null, "only mines have a deposit", "remove it");
      }
      final int i = out.size();
      Integer lead = wholeYears(im, "leadTime", q, null, 1);
      Integer ramp = wholeYears(im, "rampUp", q, 1, 1);
      Integer life = wholeYears(im, "life", q, null, 1);
      Integer trailing = wholeYears(im, "trailingYears", q, 3, 1);
      Integer from = im.get("from") == null ? Integer.valueOf(axis.firstYear()) : yearValue(im.get("from"), q + ".from");
      double capex = required(im, "capex", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 0, v)));
      double rate = required(im, "costOfCapital", q, Kind.GROWTH, null, 0, 1, true);
      if (!Double.isNaN(rate) && rate >= 1) {
        at(im.get("costOfCapital"), q + ".costOfCapital", fmt(rate), "must be below 100 %", null);
        rate = Double.NaN;
      }
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 1, v)));
      double opex = required(im, "operatingCost", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 2, v)));
      double subsidy = optionalNumber(im, "subsidy", q, Kind.PRICE, 0, 0, Double.MAX_VALUE);
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 3, v)));
      double growth = required(im, "maxGrowth", q, Kind.GROWTH, null, 0, 1, true);
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 4, v)));
      double minUtil = optionalNumber(im, "minUtilisation", q, Kind.FRACTION, 0, 0, 1);
      bindScalar((ed, v) -> ed.investment(i, x -> investmentWith(x, 5, v)));
      String name = optionalText(im, "name");
      if (stage == null || region == null || (stage == Stage.MINING && deposit < 0) || lead == null
          || ramp == null || life == null || trailing == null || from == null || Double.isNaN(capex) || Double.isNaN(rate)
          || Double.isNaN(opex) || Double.isNaN(subsidy) || Double.isNaN(growth) || Double.isNaN(minUtil)) {
        continue;
      }
      int r = regions.indexOf(region);
      double[] offer = new double[axis.size()];
      Arrays.fill(offer, Math.max(0, opex - subsidy));
      producers.add(new Producer(e.key(), name.isEmpty() ? "new " + stageCode + " capacity, " + region : name,
          stage, r, "new entrants (" + region + ")", ProducerStatus.ANNOUNCED, deposit, opex,
          new double[axis.size()], offer));
      out.add(new Investment(e.key(), stage, r, producers.size() - 1, lead, ramp, capex, rate, life, opex,
          subsidy, growth, trailing, startIndex(from), minUtil));
    }
    return out;
  }

  /** A copy of {@code x} with one drawn number: 0 capex, 1 cost of capital, 2 opex, 3 subsidy, 4 max growth, 5 min utilisation. */
  private static Investment investmentWith(Investment x, int field, double v) {
    return new Investment(x.id(), x.stage(), x.region(), x.producer(), x.leadYears(), x.rampYears(),
        field == 0 ? v : x.capexUsdPerKgYear(), field == 1 ? v : x.costOfCapital(), x.lifeYears(),
        field == 2 ? v : x.operatingCost(), field == 3 ? v : x.subsidy(), field == 4 ? v : x.maxGrowth(),
        x.trailingYears(), x.fromIndex(), field == 5 ? v : x.minUtilisation(), x.availabilityT(), x.sourceYearT());
  }

  /**
   * The lower or upper end of the values a pending distribution can draw (the nominal value when the
   * number just read is not a distribution). Call before the binding consumes it.
   */
  private double pendingBound(double nominal, boolean upper) {
    if (pending.isEmpty() || Double.isNaN(nominal)) {
      return nominal;
    }
    double[] range = effectiveRange(params.get(pending.get(0)));
    return upper ? range[1] : range[0];
  }

  /** Year index of a response's first year: 0 before the axis, the axis size (never) after it. */
  private int startIndex(int year) {
    return Math.max(0, Math.min(axis.size(), year - axis.firstYear()));
  }

  /** An optional number in [min, max]; {@code fallback} when absent, NaN after a problem. */
  private double optionalNumber(Node.MapNode m, String key, String parent, Kind kind, double fallback,
      double min, double max) {
    if (m.get(key) == null) {
      return fallback;
    }
    return required(m, key, parent, kind, null, min, max, true);
  }

  /** A whole number of years, at least {@code min}; {@code fallback} when absent (null: required). */
  private Integer wholeYears(Node.MapNode m, String key, String parent, Integer fallback, int min) {
    String p = parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      if (fallback == null) {
        at(m, p, null, "missing", "a whole number of years");
      }
      return fallback;
    }
    double v = number(n, p, Kind.NUMBER, null, Prov.NONE);
    forbidDistributions("a number of years");
    if (Double.isNaN(v)) {
      return null;
    }
    if (v != Math.rint(v) || v < min || v > 200) {
      at(n, p, written(n), "must be a whole number of years, at least " + min, null);
      return null;
    }
    return (int) v;
  }

  // ---- structure helpers -------------------------------------------------------------------

  private static List<String> codes() {
    return Arrays.stream(Element.values()).map(Element::code).toList();
  }

  private Node.MapNode map(Node n, String p) {
    if (n instanceof Node.MapNode m) {
      return m;
    }
    at(n, p, written(n), "must be a mapping of keys", null);
    return null;
  }

  private void checkKeys(Node.MapNode m, String p, List<String> allowed) {
    for (Node.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        String best = Suggest.closest(e.key(), allowed);
        problems.add(new Problem(e.value().file(), e.line(), e.column(),
            p.isEmpty() ? e.key() : p + "." + e.key(), null, "unknown key `" + e.key() + "`",
            best != null ? "did you mean `" + best + "`?" : "expected one of " + String.join(", ", allowed)));
      }
    }
  }

  private String requiredText(Node.MapNode m, String key, String parent) {
    String p = parent.isEmpty() ? key : parent + "." + key;
    Node n = m.get(key);
    if (n == null) {
      at(m, p, null, "missing", null);
      return null;
    }
    if (n instanceof Node.Scalar s && s.text() != null && !s.text().isBlank()) {
      return s.text().strip();
    }
    at(n, p, null, "must be a non-empty text", null);
    return null;
  }

  private String optionalText(Node.MapNode m, String key) {
    Node n = m.get(key);
    if (n instanceof Node.Scalar s && s.text() != null) {
      return s.text().strip();
    }
    if (n != null) {
      at(n, key, null, "must be a text", null);
    }
    return "";
  }

  private String requiredChoice(Node.MapNode m, String key, String parent, List<String> choices) {
    String v = requiredText(m, key, parent);
    if (v == null) {
      return null;
    }
    if (!choices.contains(v)) {
      String p = parent + "." + key;
      String hint = suggestion(v, choices);
      at(m.get(key), p, v, "unknown " + key, hint);
      return null;
    }
    return v;
  }

  private static String suggestion(String v, List<String> choices) {
    String best = Suggest.closest(v, choices);
    if (best != null) {
      return "did you mean `" + best + "`?";
    }
    return choices.size() <= 16 ? "expected one of " + String.join(", ", choices) : null;
  }

  private void report(Problem p) {
    problems.add(p);
  }

  private void at(Node n, String p, String value, String rule, String hint) {
    if (n == null) {
      problems.add(new Problem(null, 0, 0, p, value, rule, hint));
    } else {
      problems.add(new Problem(n.file(), n.line(), n.column(), p, value, rule, hint));
    }
  }

  private static String written(Node n) {
    return n instanceof Node.Scalar s ? s.text() : null;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
