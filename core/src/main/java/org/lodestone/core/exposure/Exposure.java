package org.lodestone.core.exposure;

import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;

/**
 * What a run of the supply chain means for one buyer, year by year. Pure; thread-safe.
 *
 * <p>Per product line i and year index t (sector s, sourcing shares σ_q over the regions' markets):
 * <ul>
 *   <li>magnets needed M = units × kg per unit / 1000 (t); element content M × grade (t metal), the
 *       product's own grade or the sector's delivered grade in the run;</li>
 *   <li>supply at risk A = M × Σ_q σ_q u_{s,q}, with u_{s,q} the share of sector s's demand left
 *       unserved in region q's market ({@link RunResult#unservedShare}): the buyer takes its pro-rata
 *       share of the unserved demand in its sector in the markets it buys in (one global market: the
 *       sector's world share);</li>
 *   <li>stock on hand H = stock months / 12 × M (t), assumed restored each year; shortfall
 *       max(0, A − H);</li>
 *   <li>cost at market prices C_m = M × 1000 × Σ_q σ_q p_q (USD; p_q the magnet price in region q's
 *       market), and with contracts C = c × M × 1000 × p_contract + (1 − c) × C_m, c the contract
 *       share.</li>
 * </ul>
 * The buyer's totals sum the product lines.
 */
public final class Exposure {
  private Exposure() {
  }

  /** Computes the buyer's exposure in every year of {@code r}'s axis. */
  public static ExposureResult compute(RunResult r, Buyer buyer) {
    int years = r.chain().axis().size();
    int nR = r.chain().regionCodes().size();
    int nE = Element.COUNT;
    double[] magnets = new double[years];
    double[] elements = new double[years * nE];
    double[] atRisk = new double[years];
    double[] shortfall = new double[years];
    double[] stock = new double[years];
    double[] costMarket = new double[years];
    double[] cost = new double[years];
    for (BuyerProduct p : buyer.products()) {
      int s = p.sector();
      for (int t = 0; t < years; t++) {
        double m = p.units(t) * p.kgMagnetPerUnit() / 1000;
        double unservedShare = 0;
        double price = 0;
        for (int q = 0; q < nR; q++) {
          double sigma = p.sourcing(q);
          if (sigma > 0) {
            unservedShare += sigma * r.unservedShare(t, s, q);
            price += sigma * r.magnetPrice(t, q);
          }
        }
        double a = m * unservedShare;
        double h = p.stockMonths() / 12 * m;
        magnets[t] += m;
        atRisk[t] += a;
        stock[t] += h;
        shortfall[t] += Math.max(0, a - h);
        for (int e = 0; e < nE; e++) {
          double g = p.grade() == null ? r.sectorGrade(t, s, e) : p.gradeOf(e);
          elements[t * nE + e] += m * g;
        }
        double market = m * 1000 * price;
        costMarket[t] += market;
        cost[t] += p.contractShare() * m * 1000 * p.contractPriceUsdPerKg() + (1 - p.contractShare()) * market;
      }
    }
    return new ExposureResult(r.chain().axis().firstYear(), magnets, elements, atRisk, stock, shortfall,
        costMarket, cost);
  }

  /**
   * Months of the buyer's magnet use that cover a shortfall of {@code shortfallT} in a year of use
   * {@code useT}: 12 × shortfall / use (0 when there is no use).
   */
  public static double monthsToCover(double shortfallT, double useT) {
    return useT > 0 ? 12 * shortfallT / useT : 0;
  }
}
