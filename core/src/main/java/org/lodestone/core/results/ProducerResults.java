package org.lodestone.core.results;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * Producers' margins: per kg of its product, the price it fetches minus its inputs at market prices
 * minus its cash cost. Prices are those of the producer's market (its region's on regional markets,
 * the world's on one global market):
 * <ul>
 *   <li>magnet maker: magnet price − metal in the alloy (m_e × metal price) + machining scrap sold back
 *       as oxide − cash cost;</li>
 *   <li>metal maker: for the year's metal mix, metal price − oxide per kg of metal × oxide price − cash
 *       cost;</li>
 *   <li>separation: per kg REO, the oxides it yields (the element shares of the REO processed there)
 *       at oxide prices − the REO price − cash cost; on one global market the REO price is the oxides'
 *       value less the marginal separation cost, so separation earns its merit-order rent;</li>
 *   <li>mine: per kg REO, the REO price where its ore is separated (on one global market: its own
 *       basket at oxide prices less the marginal separation cost) − cash cost.</li>
 * </ul>
 * A producer whose price floor or subsidy keeps it running shows the margin the market alone would
 * give it.
 */
public final class ProducerResults {
  private static final int E = Element.COUNT;

  private ProducerResults() {
  }

  /** The producers' rows for years {@code fromYear..toYear}, clipped to the axis. */
  public static List<ProducerRow> rows(RunResult r, int fromYear, int toYear) {
    SupplyChain chain = r.chain();
    List<ProducerRow> out = new ArrayList<>();
    int first = Math.max(fromYear, chain.axis().firstYear());
    int last = Math.min(toYear, chain.axis().lastYear());
    double otmYield = chain.market().metalYield();
    for (int year = first; year <= last; year++) {
      int t = chain.axis().index(year);
      double metalTotal = 0;
      for (int e = 0; e < E; e++) {
        metalTotal += r.metalPerMagnet(t, e);
      }
      for (int p = 0; p < chain.producers().size(); p++) {
        Producer pr = chain.producers().get(p);
        int q = pr.region();
        double received;
        double input;
        switch (pr.stage()) {
          case MAGNET -> {
            received = price(r, t, TradedProduct.MAGNET, q);
            input = 0;
            for (int e = 0; e < E; e++) {
              input += r.metalPerMagnet(t, e) * price(r, t, TradedProduct.metal(e), q)
                  - r.recycledPerMagnet(t, e) * price(r, t, TradedProduct.oxide(e), q);
            }
          }
          case METAL -> {
            received = 0;
            input = 0;
            for (int e = 0; e < E; e++) {
              double w = metalTotal > 0 ? r.metalPerMagnet(t, e) / metalTotal : 0;
              received += w * price(r, t, TradedProduct.metal(e), q);
              input += w * price(r, t, TradedProduct.oxide(e), q) / (chain.market().oxideToMetal(e) * otmYield);
            }
          }
          case SEPARATION -> {
            double separatedReo = 0;
            for (int k = 0; k < chain.producers().size(); k++) {
              if (chain.producers().get(k).stage() == org.lodestone.core.model.Stage.MINING) {
                separatedReo += r.production(t, k);
              }
            }
            received = 0;
            for (int e = 0; e < E; e++) {
              double share = separatedReo > 0 ? r.elementSeparated(t, e) / separatedReo : 0;
              received += share * price(r, t, TradedProduct.oxide(e), q);
            }
            input = r.isRegional() ? nanToZero(r.regionalPrice(t, TradedProduct.CONCENTRATE.ordinal(), q))
                : received - r.separationMargin(t);
          }
          default -> { // mining
            if (r.isRegional()) {
              received = reoPriceForMine(r, t, q);
            } else {
              received = -r.separationMargin(t);
              for (int e = 0; e < E; e++) {
                received += chain.depositSplit(pr.deposit(), e) * price(r, t, TradedProduct.oxide(e), q);
              }
            }
            input = 0;
          }
        }
        double cap = r.capacity(t, p);
        double prod = r.production(t, p);
        out.add(new ProducerRow(year, pr.id(), pr.stage().code(), chain.regionCodes().get(q), pr.owner(), cap,
            prod, cap > 0 ? prod / cap : Double.NaN, received, input, pr.costUsdPerKg(),
            received - input - pr.costUsdPerKg()));
      }
    }
    return out;
  }

  /** The price of a product where producer region q sells or buys it (world price on one market). */
  private static double price(RunResult r, int t, TradedProduct product, int q) {
    if (!r.isRegional()) {
      return switch (product.form()) {
        case "oxide" -> r.oxidePrice(t, product.element().ordinal());
        case "metal" -> r.metalPrice(t, product.element().ordinal());
        default -> r.magnetPrice(t);
      };
    }
    return nanToZero(r.regionalPrice(t, product.ordinal(), q));
  }

  /**
   * REO price a mine in region q gets: at home if its region separates, else the best REO price
   * elsewhere net of the concentrate trade cost (where it would ship).
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

  private static double nanToZero(double x) {
    return Double.isNaN(x) ? 0 : x;
  }
}
