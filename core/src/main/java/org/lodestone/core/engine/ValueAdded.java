package org.lodestone.core.engine;

import org.lodestone.core.model.Element;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * What a kg of a stage's product fetches and what its inputs cost at market prices, in one region and
 * year: the basis of producers' margins and of the investment signal. Prices are those of the region's
 * market on regional markets (where the region has no market for a product, the best price reachable
 * by trade: the netback {@code max_b p_b − c(q→b)} for what it sells, the landed cost
 * {@code min_b p_b + c(b→q)} for what it buys) and the world's on one global market.
 * <ul>
 *   <li>magnet maker: magnet price; inputs: metal in the alloy (m_e × metal price) less machining
 *       scrap sold back as oxide;</li>
 *   <li>metal maker: for the year's metal mix, metal price; inputs: oxide per kg of metal × oxide
 *       price;</li>
 *   <li>separation: per kg REO, the oxides it yields (the element shares of the REO separated that
 *       year) at oxide prices; input: the REO price (one global market: the oxides' value less the
 *       marginal separation cost, so separation earns its merit-order rent);</li>
 *   <li>mine: per kg REO, the REO price where its ore can be separated (one global market: its own
 *       basket at oxide prices less the marginal separation cost); no input.</li>
 * </ul>
 */
public final class ValueAdded {
  private static final int E = Element.COUNT;

  private ValueAdded() {
  }

  /** Price received per kg, USD. {@code deposit} matters for mines only. */
  public static double received(RunResult r, int t, Stage stage, int q, int deposit) {
    SupplyChain chain = r.chain();
    switch (stage) {
      case MAGNET -> {
        return sellPrice(r, t, TradedProduct.MAGNET, q);
      }
      case METAL -> {
        double metalTotal = metalTotal(r, t);
        double received = 0;
        for (int e = 0; e < E; e++) {
          double w = metalTotal > 0 ? r.metalPerMagnet(t, e) / metalTotal : 0;
          received += w * sellPrice(r, t, TradedProduct.metal(e), q);
        }
        return received;
      }
      case SEPARATION -> {
        double separatedReo = r.stageProduction(t, Stage.MINING);
        double received = 0;
        for (int e = 0; e < E; e++) {
          double share = separatedReo > 0 ? r.elementSeparated(t, e) / separatedReo : 0;
          received += share * sellPrice(r, t, TradedProduct.oxide(e), q);
        }
        return received;
      }
      default -> {
        if (r.isRegional()) {
          return reoPriceForMine(r, t, q);
        }
        double received = -r.separationMargin(t);
        double other = 1;
        for (int e = 0; e < E; e++) {
          received += chain.depositSplit(deposit, e) * r.oxidePrice(t, e);
          other -= chain.depositSplit(deposit, e);
        }
        // the element-price market values the rest of the basket too
        if (chain.elementMarket() != null) {
          received += Math.max(0, other) * chain.elementMarket().otherReoValueUsdPerKg();
        }
        return received;
      }
    }
  }

  /** Inputs per kg of product at market prices, USD. */
  public static double input(RunResult r, int t, Stage stage, int q) {
    SupplyChain chain = r.chain();
    switch (stage) {
      case MAGNET -> {
        double input = 0;
        for (int e = 0; e < E; e++) {
          input += r.metalPerMagnet(t, e) * buyPrice(r, t, TradedProduct.metal(e), q)
              - r.recycledPerMagnet(t, e) * sellPrice(r, t, TradedProduct.oxide(e), q);
        }
        return input;
      }
      case METAL -> {
        double metalTotal = metalTotal(r, t);
        double input = 0;
        for (int e = 0; e < E; e++) {
          double w = metalTotal > 0 ? r.metalPerMagnet(t, e) / metalTotal : 0;
          input += w * buyPrice(r, t, TradedProduct.oxide(e), q)
              / (chain.market().oxideToMetal(e) * chain.market().metalYield());
        }
        return input;
      }
      case SEPARATION -> {
        if (r.isRegional()) {
          return buyPrice(r, t, TradedProduct.CONCENTRATE, q);
        }
        return received(r, t, Stage.SEPARATION, q, -1) - r.separationMargin(t);
      }
      default -> {
        return 0;
      }
    }
  }

  /** Received − inputs, USD per kg of product: what covers the cash cost and capital. */
  public static double valueAdded(RunResult r, int t, Stage stage, int q, int deposit) {
    return received(r, t, stage, q, deposit) - input(r, t, stage, q);
  }

  private static double metalTotal(RunResult r, int t) {
    double m = 0;
    for (int e = 0; e < E; e++) {
      m += r.metalPerMagnet(t, e);
    }
    return m;
  }

  /**
   * REO price a mine in region q gets: at home if its region separates, or the best REO price
   * elsewhere net of the concentrate trade cost (where it would ship), whichever is higher.
   */
  private static double reoPriceForMine(RunResult r, int t, int q) {
    int conc = TradedProduct.CONCENTRATE.ordinal();
    double home = r.regionalPrice(t, conc, q);
    double best = Double.isNaN(home) ? Double.NEGATIVE_INFINITY : home;
    int nR = r.chain().regionCodes().size();
    for (int b = 0; b < nR; b++) {
      double pb = r.regionalPrice(t, conc, b);
      if (b != q && !Double.isNaN(pb)) {
        best = Math.max(best, pb - r.chain().trade().cost(t, conc, q, b));
      }
    }
    return Double.isInfinite(best) ? 0 : best;
  }

  /** Where q sells: its own market, or the best netback by trade; 0 if none. */
  static double sellPrice(RunResult r, int t, TradedProduct product, int q) {
    return tradedPrice(r, t, product, q, true);
  }

  /** Where q buys: its own market, or the cheapest landed price by trade; 0 if none. */
  static double buyPrice(RunResult r, int t, TradedProduct product, int q) {
    return tradedPrice(r, t, product, q, false);
  }

  /**
   * The price in q's own market, or where q has none, the best it could trade at: the highest
   * netback {@code p_b − c(q→b)} when selling, the lowest landed price {@code p_b + c(b→q)} when
   * buying.
   */
  private static double tradedPrice(RunResult r, int t, TradedProduct product, int q, boolean selling) {
    if (!r.isRegional()) {
      return globalPrice(r, t, product);
    }
    int p = product.ordinal();
    double home = r.regionalPrice(t, p, q);
    if (!Double.isNaN(home)) {
      return home;
    }
    double best = selling ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (int b = 0; b < r.chain().regionCodes().size(); b++) {
      double pb = r.regionalPrice(t, p, b);
      if (b == q || Double.isNaN(pb)) {
        continue;
      }
      best = selling ? Math.max(best, pb - r.chain().trade().cost(t, p, q, b))
          : Math.min(best, pb + r.chain().trade().cost(t, p, b, q));
    }
    return Double.isInfinite(best) ? 0 : selling ? Math.max(0, best) : best;
  }

  private static double globalPrice(RunResult r, int t, TradedProduct product) {
    return switch (product.form()) {
      case "oxide" -> r.oxidePrice(t, product.element().ordinal());
      case "metal" -> r.metalPrice(t, product.element().ordinal());
      case "concentrate" -> Double.NaN;
      default -> r.magnetPrice(t);
    };
  }
}
