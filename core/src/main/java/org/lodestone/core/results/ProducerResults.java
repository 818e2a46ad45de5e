package org.lodestone.core.results;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.engine.ValueAdded;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.SupplyChain;

/**
 * Producers' margins: per kg of its product, the price it fetches minus its inputs at market prices
 * minus its cash cost ({@link ValueAdded}). Prices are those of the producer's market (its region's on regional markets,
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
  private ProducerResults() {
  }

  /** The producers' rows for years {@code fromYear..toYear}, clipped to the axis. */
  public static List<ProducerRow> rows(RunResult r, int fromYear, int toYear) {
    SupplyChain chain = r.chain();
    List<ProducerRow> out = new ArrayList<>();
    int first = Math.max(fromYear, chain.axis().firstYear());
    int last = Math.min(toYear, chain.axis().lastYear());
    for (int year = first; year <= last; year++) {
      int t = chain.axis().index(year);
      for (int p = 0; p < chain.producers().size(); p++) {
        Producer pr = chain.producers().get(p);
        int q = pr.region();
        double received = ValueAdded.received(r, t, pr.stage(), q, pr.deposit());
        double input = ValueAdded.input(r, t, pr.stage(), q);
        double cap = r.capacity(t, p);
        double prod = r.production(t, p);
        out.add(new ProducerRow(year, pr.id(), pr.stage().code(), chain.regionCodes().get(q), pr.owner(), cap,
            prod, cap > 0 ? prod / cap : Double.NaN, received, input, pr.costUsdPerKg(),
            received - input - pr.costUsdPerKg()));
      }
    }
    return out;
  }
}
