package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;
import static org.lodestone.scenario.Reader.written;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lodestone.core.engine.RegionalEngine;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code market: {model: global|regional, tradeCost: {concentrate, oxide, metal, magnet}, inventory, routes}}
 * ({@code model: elements} is read by {@link MarketBlock}):
 * the regional model needs a unit trade cost for every form; the draft's trade stays null for one
 * global market. Trade costs and inventories may not be distributions.
 */
final class TradeBlock implements Block {
  private static final List<String> MODELS = List.of("global", "regional", "regional-lp", "elements");
  private static final List<String> FORMS = List.of("concentrate", "oxide", "metal", "magnet");
  private static final List<String> INVENTORY_PRODUCTS = List.of("NdPr", "Dy", "Tb", "magnet");

  @Override
  public List<String> keys() {
    return List.of("market");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    Node.MapNode m = r.optionalMap(root, "market");
    if (m == null) {
      return;
    }
    if (MarketBlock.isElements(m)) { // the element-price market: its own keys; trade when it has costs
      c.elementMarket = MarketBlock.read(m, c.num().forEvents(false), r::report, c.axis(), c.producers,
          c.regions);
      if (m.get("tradeCost") != null) {
        double[] costs = costs(m.get("tradeCost"), c);
        if (costs != null) {
          c.trade = Trade.free(c.axis().size(), c.regions.size(), costs);
        }
      }
      if (m.get("assembledInChina") != null) {
        // by region it routes demand to China's market; on one market it places the magnets bought
        // for the implied net exports (TidyResults.impliedNetExports) and does not act on clearing
        Num share = c.num().optional(m, "assembledInChina", "market", Kind.FRACTION, 0, 0, 1);
        c.num().forbid(share, "the share assembled in China");
        if (!share.isNaN()) {
          if (c.elementMarket != null) {
            c.elementMarket.assembledInChina(share.value());
          }
          if (c.trade != null) {
            c.trade = c.trade.withAssembledInChinaShare(share.value());
          }
        }
      }
      routes(m, c);
      return;
    }
    r.checkKeys(m, "market", List.of("model", "tradeCost", "inventory", "routes", "note"));
    String model = r.requiredChoice(m, "model", "market", MODELS);
    if (model == null || model.equals("global")) {
      if (model != null && m.get("tradeCost") != null) {
        r.at(m.get("tradeCost"), "market.tradeCost", null, "trade costs apply only to `model: regional`", null);
      }
      if (model != null && m.get("inventory") != null) {
        r.at(m.get("inventory"), "market.inventory", null, "inventories act only on `model: regional`", null);
      }
      if (model != null && m.get("routes") != null) {
        r.at(m.get("routes"), "market.routes", null, "concentrate routes act only on `model: regional`", null);
      }
      return;
    }
    List<Inventory> inventories = readInventories(m.get("inventory"), c);
    Node tn = m.get("tradeCost");
    if (tn == null) {
      r.at(m, "market.tradeCost", null, Rule.MISSING.format(), "give a unit cost for " + String.join(", ", FORMS));
      return;
    }
    double[] costs = costs(tn, c);
    if (costs == null) {
      return;
    }
    c.trade = Trade.free(c.axis().size(), c.regions.size(), costs).withInventories(inventories);
    routes(m, c);
    // the linear programme separates a mine's whole basket where its ore goes: it has no elements rule
    if (c.trade != null && m.get("routes") instanceof Node.ListNode list) {
      java.util.List<org.lodestone.core.model.FeedRoutes.Rule> rules = c.trade.routes().rules();
      for (int i = 0; i < rules.size() && i < list.items().size(); i++) {
        if (rules.get(i).kind() == org.lodestone.core.model.FeedRoutes.Kind.ELEMENTS) {
          r.at(list.items().get(i), "market.routes[" + i + "].rule", "elements",
              "an elements rule acts only on the element market (model: elements)", "use model: elements");
        }
      }
    }
  }

  /**
   * {@code market.routes} ({@link RoutesBlock}) onto the draft's trade: only markets by region have
   * routes (one market separates every mine's ore in one pool), so without trade it is an error.
   */
  private static void routes(Node.MapNode m, Compilation c) {
    Node n = m.get("routes");
    if (n == null) {
      return;
    }
    if (m.get("tradeCost") == null) {
      c.read.at(n, "market.routes", null, "concentrate routes act only on markets by region: one market"
          + " separates every mine's ore in one pool", "give market.tradeCost");
      return;
    }
    org.lodestone.core.model.FeedRoutes routes = RoutesBlock.read(n, c);
    if (routes != null && c.trade != null) {
      c.trade = c.trade.withRoutes(routes);
    }
  }

  /** {@code market.tradeCost}: a unit cost per traded product, or null after a problem. */
  private static double[] costs(Node tn, Compilation c) {
    Reader r = c.read;
    Node.MapNode tm = r.map(tn, "market.tradeCost");
    if (tm == null) {
      return null;
    }
    List<String> keys = new ArrayList<>(FORMS);
    keys.add("note");
    r.checkKeys(tm, "market.tradeCost", keys);
    double[] costs = new double[TradedProduct.COUNT];
    for (String form : FORMS) {
      Num cost = c.num().required(tm, form, "market.tradeCost", Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      c.num().forbid(cost, "trade costs");
      for (TradedProduct tp : TradedProduct.values()) {
        if (tp.form().equals(form)) {
          costs[tp.ordinal()] = cost.isNaN() ? 0 : cost.value();
        }
      }
    }
    return costs;
  }

  /**
   * {@code market.inventory: [{product, form, region, capacity, initial, band, maxFlow,
   * trailingYears}]}: commercial inventories of the regional markets (see {@link Inventory}). Element
   * products are oxides unless {@code form: metal}; one inventory per product, form and region; the
   * region must have a market for the product.
   */
  private static List<Inventory> readInventories(Node n, Compilation c) {
    Reader r = c.read;
    NumberReader num = c.num();
    List<Inventory> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof Node.ListNode list)) {
      r.at(n, "market.inventory", null, Rule.NOT_A_LIST.format(" of inventories"),
          "- {product: NdPr, region: CN, capacity: 5000 t, band: 20 %}");
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      String p = "market.inventory[" + i + "]";
      Node.MapNode im = r.map(list.items().get(i), p);
      if (im == null) {
        continue;
      }
      r.checkKeys(im, p, List.of("product", "form", "region", "capacity", "initial", "band", "maxFlow",
          "trailingYears", "note"));
      String productCode = r.requiredText(im, "product", p);
      int product = product(r, im, p, productCode);
      String code = r.requiredText(im, "region", p);
      int region = code == null ? -1 : c.regions.indexOf(code);
      if (code != null && region < 0) {
        r.at(im.get("region"), p + ".region", code, Rule.UNKNOWN_CHOICE.format("region"),
            Reader.suggestion(code, c.regions));
      }
      double capacity = certain(num, num.required(im, "capacity", p, Kind.MASS, null, 0, Double.MAX_VALUE, true));
      double initial = certain(num, num.optional(im, "initial", p, Kind.MASS, 0, 0, Double.MAX_VALUE));
      double band = certain(num, num.required(im, "band", p, Kind.FRACTION, null, 0, 1, true));
      if (band >= 1) {
        r.at(im.get("band"), p + ".band", written(im.get("band")), "must be < 100 %",
            "the holder buys at up to (1 - band) x its reference price");
        band = Double.NaN;
      }
      double maxFlow = certain(num, num.optional(im, "maxFlow", p, Kind.MASS, Double.isNaN(capacity) ? 0 : capacity, 0,
          Double.MAX_VALUE));
      Integer trailing = num.wholeYears(im, "trailingYears", p, Inventory.DEFAULT_TRAILING_YEARS, 1);
      if (!Double.isNaN(capacity) && !Double.isNaN(initial) && initial > capacity) {
        r.at(im.get("initial"), p + ".initial", written(im.get("initial")),
            "must not exceed the capacity (" + fmt(capacity) + " t)", null);
        initial = Double.NaN;
      }
      if (product < 0 || region < 0) {
        continue;
      }
      String form = TradedProduct.values()[product].form();
      if (!seen.add(product + "@" + region)) {
        r.at(im, p, null, "a second inventory of " + productCode + " (" + form + ") in " + code,
            "give one inventory per product, form and region");
        continue;
      }
      if (!RegionalEngine.marketOpen(c.producers, c.sectors, product, region)) {
        r.at(im.get("region"), p + ".region", code, "has no market for " + productCode + " (" + form
            + "): no producer that makes or uses it there"
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

  private static double certain(NumberReader num, Num n) {
    num.forbid(n, "inventories");
    return n.value();
  }

  /** The traded product an inventory holds, or −1 after a problem. */
  private static int product(Reader r, Node.MapNode im, String p, String productCode) {
    if (productCode == null) {
      return -1;
    }
    if (productCode.equals("concentrate")) {
      r.at(im.get("product"), p + ".product", productCode, "inventories hold oxides, metals or magnets", null);
      return -1;
    }
    if (!INVENTORY_PRODUCTS.contains(productCode)) {
      r.at(im.get("product"), p + ".product", productCode, Rule.UNKNOWN_CHOICE.format("product"),
          Reader.suggestion(productCode, INVENTORY_PRODUCTS));
      return -1;
    }
    String form = productCode.equals("magnet") ? "magnet" : "oxide";
    if (im.get("form") != null) {
      String f = r.requiredText(im, "form", p);
      if (productCode.equals("magnet")) {
        r.at(im.get("form"), p + ".form", f, "only NdPr, Dy and Tb come as oxide or metal", null);
        f = null;
      } else if (f != null && !List.of("oxide", "metal").contains(f)) {
        r.at(im.get("form"), p + ".form", f, Rule.UNKNOWN_CHOICE.format("form"), "oxide or metal");
        f = null;
      }
      form = f;
    }
    for (TradedProduct tp : TradedProduct.values()) {
      if (form != null && tp.product().equals(productCode) && tp.form().equals(form)) {
        return tp.ordinal();
      }
    }
    return -1;
  }
}
