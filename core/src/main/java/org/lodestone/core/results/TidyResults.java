package org.lodestone.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lodestone.core.engine.MassBalance;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.metrics.Concentration;
import org.lodestone.core.metrics.Risk;
import org.lodestone.core.metrics.SupplyRisk;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.Governance;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TradedProduct;

/**
 * Turns a {@link RunResult} into tidy rows, pushed to a sink (the model never writes files).
 *
 * <p>Metrics and their dimensions:
 * <ul>
 *   <li>{@code capacity}, {@code production}: by stage (region blank = world) and by stage and region;
 *       production also by stage and element ({@code separation}: oxide separated, {@code metal}:
 *       metal made). Unit {@code t REO} for mining and separation totals, else {@code t}. Magnet
 *       production without a product is finished magnets; product {@link #BLANK} is the same
 *       production on a blank basis (finished / manufacturing yield), world and by region. Mining
 *       and separation production with product {@link #REPORTED} leave out the off-quota tranches
 *       (the basis of official statistics), for chains that have them; so does {@code share_china}
 *       of those stages with product {@link #REPORTED}.</li>
 *   <li>{@code demand_reference} (at the reference price), {@code demand} (at the market price),
 *       {@code served}, {@code unserved}: product {@code magnet}, by sector and in total, world and
 *       by region; t magnet.</li>
 *   <li>{@code price}: {@code magnet} (stage magnet), oxides (stage separation) and metals (stage
 *       metal) of NdPr, Dy and Tb; USD/kg.</li>
 *   <li>{@code surplus}: oxide separated but not bought, by element; t.</li>
 *   <li>{@code recycled}: oxide recovered from machining scrap (stage {@code recycling}, the
 *       pre-consumer loop), by element; t.</li>
 *   <li>with end-of-life recycling: {@code collected} (end-of-life magnets collected, t magnet),
 *       {@code recycled_eol} (product {@code magnet}: magnets processed; by element: oxide
 *       recovered), stage {@code recycling}.</li>
 *   <li>{@code stock_in_use} (end of year) and {@code eol_outflow}: magnets in use and leaving use,
 *       by sector (for sectors with a lifetime) and in total, product {@code magnet} and by element
 *       (the sector's grade); world and by region; t.</li>
 *   <li>{@code recycled_share}: share of each element's oxide supply (separated + recycled) that
 *       comes from recycling, both loops; stage {@code recycling}.</li>
 *   <li>{@code substituted}, {@code substitution_share}, {@code investment}: see
 *       {@link #emitDynamics}.</li>
 *   <li>{@code share_china} (share of the stage's production in CN, 0–1), {@code hhi_country} and
 *       {@code hhi_company} (0–10,000), by stage.</li>
 *   <li>risk: {@code share_top1}, {@code share_top3} by stage ({@code product} = {@code country} or
 *       {@code company}); {@code import_reliance} by stage, product and region; {@code days_of_cover}
 *       of stockpiles and inventories ({@code sector} = {@code stockpile} or {@code inventory}; the element-price
 *       market's oxide storage too, {@code emitStorage});
 *       {@code price_change} and {@code volatility} of world prices. Regional markets also give each
 *       oxide's world {@code price} weighted by use ({@code sector} = {@link #USE_WEIGHTED}). Definitions in
 *       {@link org.lodestone.core.metrics.Risk}; emission in {@code emitTopShares},
 *       {@code emitPriceRisk}, {@code emitRegionalRisk} and at the end of each year (global market
 *       import reliance).</li>
 *   <li>{@code net_exports}: exports less imports by stage, product and region, t. Regional markets:
 *       from the trade flows, every traded product. One market (no flows): the implied net exports of
 *       magnets, a region's makers' finished output less the magnets bought in its market
 *       ({@link #impliedNetExports}); they sum to zero over the regions.</li>
 *   <li>{@code supply_risk} (unit {@code index}) where the chain has {@link Governance} data: by stage
 *       (region blank: global supply only, every market model) and by region for the stages whose
 *       product trades (regional markets: mining/REO and magnet, sourcing = own production + imports by
 *       origin; one global market: magnet, imports drawn from the net exporters pro rata to their
 *       implied net exports), with the same stage's import reliance ({@code emitSupplyRisk}). One
 *       market's magnet import reliance places demand as {@code net_exports} does: apparent consumption
 *       = the magnets bought in the region's market, net imports = {@code -net_exports}.</li>
 * </ul>
 * The rows depend only on the chain's structure (which regions have producers of a stage, where the
 * sectors' demand is), never on the values, so every run of a chain yields the same keys — except
 * that a share, HHI, import reliance, days of cover or price change that is undefined in a run (a
 * stage that produced nothing, no apparent consumption, no use, a zero price) is left out.
 */
public final class TidyResults {
  /** Metric names, as used in results and by {@code --metric} options. */
  public static final List<String> METRICS = List.of("capacity", "production", "demand_reference",
      "demand", "served", "unserved", "price", "surplus", "recycled", "stock_in_use", "eol_outflow",
      "share_china", "hhi_country", "hhi_company", "trade", "exports", "imports", "stockpile", "collected",
      "recycled_eol", "recycled_share", "substituted", "substitution_share", "investment", "inventory",
      "import_reliance", "share_top1", "share_top3", "days_of_cover", "price_change", "volatility",
      "supply_risk", "net_exports", "oxide_use");

  /**
   * Qualifier (in {@code sector}) of the world oxide {@code price} rows of markets by region weighted by
   * use: the oxide price each region's magnet makers paid, weighted by the oxide their output holds
   * ({@link org.lodestone.core.engine.RunResult#oxidePriceUseWeighted}); the row without it is weighted
   * by separation.
   */
  public static final String USE_WEIGHTED = "use-weighted";

  /**
   * Product of the magnet-stage {@code production} rows on a blank basis (magnets before machining,
   * t): finished production / manufacturing yield. The rows without a product are finished magnets.
   */
  public static final String BLANK = "magnet-blank";

  /**
   * Product of the mining- and separation-stage {@code production} rows on the basis of official
   * statistics: production without the off-quota tranches ({@link ElementMarket#isOffQuota}), whose
   * output is illegal and unreported (USGS's China mine production equals the quota, AUDIT.md Part B
   * 3.2). Emitted, world and by region, only for chains that have an off-quota tranche.
   */
  public static final String REPORTED = "reported";

  private TidyResults() {
  }

  /** Receives the rows one by one, without creating row objects (the hot path of ensembles). */
  @FunctionalInterface
  public interface RowSink {
    void row(int year, String metric, String stage, String product, String region, String sector,
        double value, String unit);
  }

  /** Emits the rows for years {@code fromYear..toYear} (clipped to the axis) to {@code sink}. */
  public static void emit(RunResult r, int fromYear, int toYear, Consumer<ResultRow> sink) {
    emit(r, fromYear, toYear, false, (y, m, st, pr, rg, sc, v, u) -> sink.accept(new ResultRow(y, m, st, pr, rg, sc, v, u)));
  }

  /**
   * Emits the rows to a {@link RowSink}. With {@code keepUndefined}, shares and HHIs of a stage that
   * produced nothing are emitted as {@code NaN} instead of left out, so every run of a chain gives
   * the same keys in the same order.
   */
  public static void emit(RunResult r, int fromYear, int toYear, boolean keepUndefined, RowSink rows) {
    RowSink sink = rows;
    SupplyChain chain = r.chain();
    List<String> regions = chain.regionCodes();
    List<Producer> producers = chain.producers();
    List<Sector> sectors = chain.sectors();
    Map<String, Integer> owners = new LinkedHashMap<>();
    for (Producer p : producers) {
      owners.putIfAbsent(p.owner(), owners.size());
    }
    int first = Math.max(fromYear, chain.axis().firstYear());
    int last = Math.min(toYear, chain.axis().lastYear());
    int nR = regions.size();
    boolean[] separates = new boolean[nR]; // regions with a separation plant
    for (Producer pr : producers) {
      if (pr.stage() == Stage.SEPARATION) {
        separates[pr.region()] = true;
      }
    }
    double[][] stageByRegion = new double[Stage.values().length][];
    boolean offQuota = false;
    // per producer, looked up once rather than in every year and stage
    int[] ownerOf = new int[producers.size()];
    boolean[] offQuotaOf = new boolean[producers.size()];
    for (int p = 0; p < producers.size(); p++) {
      offQuotaOf[p] = ElementMarket.isOffQuota(producers.get(p).id());
      offQuota |= offQuotaOf[p];
      ownerOf[p] = owners.get(producers.get(p).owner());
    }
    for (int year = first; year <= last; year++) {
      int t = chain.axis().index(year);
      for (Stage stage : Stage.values()) {
        String st = stage.code();
        double[] capByRegion = new double[nR];
        double[] prodByRegion = new double[nR];
        double[] prodByOwner = new double[owners.size()];
        double[] reportedByRegion = new double[nR];
        boolean[] present = new boolean[nR];
        for (int p = 0; p < producers.size(); p++) {
          Producer pr = producers.get(p);
          if (pr.stage() != stage) {
            continue;
          }
          present[pr.region()] = true;
          capByRegion[pr.region()] += r.capacity(t, p);
          prodByRegion[pr.region()] += r.production(t, p);
          if (!offQuotaOf[p]) {
            reportedByRegion[pr.region()] += r.production(t, p);
          }
          prodByOwner[ownerOf[p]] += r.production(t, p);
        }
        sink.row(year, "capacity", st, "", "", "", sum(capByRegion), stage.unit());
        sink.row(year, "production", st, "", "", "", sum(prodByRegion), stage.unit());
        for (int g = 0; g < nR; g++) {
          if (present[g]) { // every region with a producer of the stage: the same rows in every run
            sink.row(year, "capacity", st, "", regions.get(g), "", capByRegion[g], stage.unit());
            sink.row(year, "production", st, "", regions.get(g), "", prodByRegion[g], stage.unit());
          }
        }
        if (offQuota && (stage == Stage.MINING || stage == Stage.SEPARATION)) {
          sink.row(year, "production", st, REPORTED, "", "", sum(reportedByRegion), stage.unit());
          for (int g = 0; g < nR; g++) {
            if (present[g]) {
              sink.row(year, "production", st, REPORTED, regions.get(g), "", reportedByRegion[g], stage.unit());
            }
          }
        }
        if (stage == Stage.MAGNET) {
          // the same magnets as blanks (before machining): finished / manufacturing yield, the basis
          // of China's output statistics (MIIT "sintered blanks", Adamas, Argus)
          double y = chain.market().manufacturingYield();
          sink.row(year, "production", st, BLANK, "", "", sum(prodByRegion) / y, stage.unit());
          for (int g = 0; g < nR; g++) {
            if (present[g]) {
              sink.row(year, "production", st, BLANK, regions.get(g), "", prodByRegion[g] / y, stage.unit());
            }
          }
        }
        int cn = chain.chinaRegion();
        if (cn >= 0) {
          emitIfDefined(sink, keepUndefined, year, "share_china", st, Concentration.share(prodByRegion, cn), "share");
          if (offQuota && (stage == Stage.MINING || stage == Stage.SEPARATION)) {
            emitIfDefined(sink, keepUndefined, year, "share_china", st, REPORTED, "", "",
                Concentration.share(reportedByRegion, cn), "share");
          }
        }
        emitIfDefined(sink, keepUndefined, year, "hhi_country", st, Concentration.hhi(prodByRegion), "HHI");
        emitIfDefined(sink, keepUndefined, year, "hhi_company", st, Concentration.hhi(prodByOwner), "HHI");
        emitTopShares(sink, keepUndefined, year, st, prodByRegion, prodByOwner);
        Governance gov = chain.governance();
        if (gov != null) {
          // global supply only (Blengini et al. 2017, §4.2): SR = HHI_WGI,t(GS) x (1 - EoL-RIR) x SI
          emitIfDefined(sink, keepUndefined, year, "supply_risk", st, "", "", "",
              SupplyRisk.supplyRisk(SupplyRisk.hhiWgiT(prodByRegion, gov.wgiScaled(), gov.trade()), Double.NaN, 1,
                  gov.eolRecyclingInputRate(), gov.substitutionIndex()), "index");
        }
        stageByRegion[stage.ordinal()] = prodByRegion;
      }
      double[] used = new double[Element.COUNT];
      for (Element e : Element.values()) {
        int k = e.ordinal();
        used[k] = r.elementUsed(t, k);
        sink.row(year, "production", "separation", e.code(), "", "", r.elementSeparated(t, k), "t");
        if (r.elementSeparatedByRegion()) {
          // by the region of the separation plant, each separating its market's average feed
          for (int g = 0; g < nR; g++) {
            if (separates[g]) {
              sink.row(year, "production", "separation", e.code(), regions.get(g), "", r.elementSeparatedIn(t, k, g), "t");
            }
          }
        }
        double recycled = r.elementRecycled(t, k);
        // metal made = metal in the alloy of the magnets made, less any released from stockpiles
        // or sold by inventories (plus what they bought)
        double metal = r.stageProduction(t, Stage.MAGNET) * r.metalPerMagnet(t, k);
        if (r.isRegional()) {
          for (int q = 0; q < nR; q++) {
            metal -= r.stockpileFlow(t, TradedProduct.metal(k).ordinal(), q)
                + r.inventoryFlow(t, TradedProduct.metal(k).ordinal(), q);
          }
        }
        sink.row(year, "recycled", "recycling", e.code(), "", "", recycled, "t");
        if (chain.market().eolRecycling() != null) {
          sink.row(year, "recycled_eol", "recycling", e.code(), "", "", r.elementEolRecycled(t, k), "t");
        }
        sink.row(year, "production", "metal", e.code(), "", "", metal, "t");
        sink.row(year, "surplus", "separation", e.code(), "", "",
            beyondBalance(r.elementSurplus(t, k), r.elementSeparated(t, k) + recycled + used[k]), "t");
        if (usesOutsideMagnets(chain, k)) {
          // oxide bought by the uses outside magnets (phosphors, alloys): market.oxideUses
          sink.row(year, "oxide_use", "separation", e.code(), "", "", r.oxideUse(t, k), "t");
        }
        sink.row(year, "price", "separation", e.code(), "", "", r.oxidePrice(t, k), "USD/kg");
        if (r.isRegional()) {
          // what the year's magnet makers paid, weighted by the oxide their output holds: the basis of a
          // volume-weighted price over consumption (RunResult.oxidePriceUseWeighted)
          sink.row(year, "price", "separation", e.code(), "", USE_WEIGHTED, r.oxidePriceUseWeighted(t, k), "USD/kg");
        }
        sink.row(year, "price", "metal", e.code(), "", "", r.metalPrice(t, k), "USD/kg");
      }
      sink.row(year, "price", "magnet", "magnet", "", "", r.magnetPrice(t), "USD/kg");
      emitPriceRisk(r, t, year, keepUndefined, sink);
      for (Element e : Element.values()) {
        int k = e.ordinal();
        double recycledAll = r.elementRecycled(t, k) + r.elementEolRecycled(t, k);
        double supply = r.elementSeparated(t, k) + recycledAll;
        if (supply > 0 || keepUndefined) {
          sink.row(year, "recycled_share", "recycling", e.code(), "", "",
              supply > 0 ? recycledAll / supply : Double.NaN, "share");
        }
      }
      emitDynamics(r, t, year, sink);
      if (chain.market().eolRecycling() != null) {
        sink.row(year, "collected", "recycling", "magnet", "", "", r.eolCollected(t), "t");
        sink.row(year, "recycled_eol", "recycling", "magnet", "", "", r.eolProcessed(t), "t");
        emitRecyclers(r, t, year, regions, sink);
      }
      if (r.isRegional()) {
        emitRegional(r, t, year, regions, keepUndefined, sink);
        emitRegionalRisk(r, t, year, regions, stageByRegion, keepUndefined, sink);
      } else if (r.chain().elementMarket() != null) {
        emitStorage(r, t, year, keepUndefined, sink);
      }
      double[][] byRegion = new double[4][nR];
      double[] total = new double[4];
      for (int s = 0; s < sectors.size(); s++) {
        Sector sec = sectors.get(s);
        double[] v = {r.demandReference(t, s), r.demand(t, s), r.served(t, s),
            beyondBalance(r.unserved(t, s), r.demand(t, s))};
        for (int m = 0; m < 4; m++) {
          sink.row(year, DEMAND_METRICS.get(m), "", "magnet", "", sec.id(), v[m], "t");
          total[m] += v[m];
          for (int g = 0; g < nR; g++) {
            byRegion[m][g] += v[m] * sec.regionShare(g);
          }
        }
      }
      // unserved (m = 3) of the total and of a region: 0 within the tolerance of its own demand, as a sector's
      for (int m = 0; m < 4; m++) {
        sink.row(year, DEMAND_METRICS.get(m), "", "magnet", "", "", m == 3 ? beyondBalance(total[3], total[1]) : total[m],
            "t");
      }
      emitStocks(r, t, year, regions, sink);
      boolean[] demandIn = new boolean[nR];
      for (Sector sec : sectors) {
        for (int g = 0; g < nR; g++) {
          demandIn[g] |= sec.regionShare(g) > 0;
        }
      }
      for (int g = 0; g < nR; g++) {
        if (demandIn[g]) {
          for (int m = 0; m < 4; m++) {
            sink.row(year, DEMAND_METRICS.get(m), "", "magnet", regions.get(g), "",
                m == 3 ? beyondBalance(byRegion[3][g], byRegion[1][g]) : byRegion[m][g], "t");
          }
        }
      }
      if (!r.isRegional()) {
        // one global market: no trade flows; a region's net exports are the implied ones (its makers'
        // output less the magnets bought in its market, impliedNetExports), and import reliance and
        // supply_risk's sourcing use the same placement of demand: apparent consumption = the magnets
        // bought in the region's market = made - net, net imports = -net
        double[] made = stageByRegion[Stage.MAGNET.ordinal()];
        boolean[] makers = new boolean[nR];
        for (Producer pr : producers) {
          makers[pr.region()] |= pr.stage() == Stage.MAGNET;
        }
        double assembled = chain.elementMarket() == null ? 0 : chain.elementMarket().assembledInChinaShare();
        double[] implied = impliedNetExports(made, byRegion[2], chain.chinaRegion(), assembled);
        for (int g = 0; g < nR; g++) {
          if (demandIn[g] || makers[g]) {
            sink.row(year, "net_exports", "magnet", "magnet", regions.get(g), "", implied[g], "t");
          }
        }
        double netExports = 0;
        for (int g = 0; g < nR; g++) {
          netExports += Math.max(0, implied[g]);
        }
        Governance gov = chain.governance();
        for (int g = 0; g < nR; g++) {
          if (demandIn[g] || makers[g]) {
            double imports = Math.max(0, -implied[g]);
            double ir = Risk.importReliance(made[g], imports, Math.max(0, implied[g]));
            emitIfDefined(sink, keepUndefined, year, "import_reliance", "magnet", "magnet", regions.get(g), "",
                ir, "share");
            if (gov != null) {
              // one pool: the region's imports come from the net exporters pro rata to their net exports
              double[] sourcing = new double[nR];
              for (int a = 0; a < nR; a++) {
                sourcing[a] = a == g ? made[g] : netExports > 0 ? imports * Math.max(0, implied[a]) / netExports : 0;
              }
              emitSupplyRisk(sink, keepUndefined, year, "magnet", "magnet", regions.get(g), gov, made, sourcing, ir);
            }
          }
        }
      }
    }
  }

  /**
   * Implied net exports of magnets on one market, which has no trade flows: a region's makers'
   * finished output less the magnets bought in its market. Sectors' region shares say where the
   * products are sold; magnets in products assembled in China and sold elsewhere are bought in China's
   * market and never cross a border as magnets, which is what customs count. So China's market buys
   * its own use plus {@code assembledShare} of the use elsewhere, and every other region
   * {@code 1 - assembledShare} of its use:
   * <pre>
   *   net[CN] = made[CN] - use[CN] - a * sum(use[q], q != CN)
   *   net[g]  = made[g] - (1 - a) * use[g]                       (g != CN)
   * </pre>
   * The regions' net exports sum to world output less world use (zero on a cleared market). Without a
   * China region ({@code china < 0}) a region buys its own use.
   *
   * @param made          finished magnets made by region, t
   * @param use           magnets used (served demand) by region, t
   * @param china         index of China's region, or -1
   * @param assembledShare share of the use outside China bought in China's market, in [0, 1]
   * @return net exports by region, t (negative: net imports)
   */
  public static double[] impliedNetExports(double[] made, double[] use, int china, double assembledShare) {
    int nR = made.length;
    double[] net = new double[nR];
    double a = china >= 0 ? assembledShare : 0;
    double toChina = 0;
    for (int g = 0; g < nR; g++) {
      if (g != china) {
        net[g] = made[g] - (1 - a) * use[g];
        toChina += a * use[g];
      }
    }
    if (china >= 0) {
      net[china] = made[china] - use[china] - toChina;
    }
    return net;
  }

  /**
   * {@code share_top1}, {@code share_top3}: the largest holder's and the three largest holders' share
   * of the stage's production ({@link Risk#topShare}), {@code product} = {@code country} (holders
   * are regions) or {@code company} (owners).
   */
  private static void emitTopShares(RowSink sink, boolean keepUndefined, int year, String st,
      double[] byRegion, double[] byOwner) {
    emitIfDefined(sink, keepUndefined, year, "share_top1", st, "country", "", "", Risk.topShare(byRegion, 1), "share");
    emitIfDefined(sink, keepUndefined, year, "share_top3", st, "country", "", "", Risk.topShare(byRegion, 3), "share");
    emitIfDefined(sink, keepUndefined, year, "share_top1", st, "company", "", "", Risk.topShare(byOwner, 1), "share");
    emitIfDefined(sink, keepUndefined, year, "share_top3", st, "company", "", "", Risk.topShare(byOwner, 3), "share");
  }

  /**
   * World prices' annual log change ({@code price_change}, from year index 1) and volatility
   * ({@code volatility}, {@link Risk#volatility}, from year index {@link Risk#VOLATILITY_YEARS}):
   * oxides and metals of each element and magnets, with the dimensions of {@code price}. Undefined
   * (no row) where a price in the window is zero (a co-product nobody buys), zero as the results print
   * it ({@link Noise#clean}: within {@link Noise#ZERO_BELOW} USD/kg): the solver leaves such a price at
   * dust like 1e-15 USD/kg, printed 0, whose log change would be a number like -21 (quota-crisis-2010's
   * Tb oxide 2015) from prices that read 0 and 0.
   */
  private static void emitPriceRisk(RunResult r, int t, int year, boolean keepUndefined, RowSink sink) {
    int w = Risk.VOLATILITY_YEARS;
    double[] window = new double[w + 1];
    for (int series = 0; series < 2 * Element.COUNT + 1; series++) {
      String stage = series == 2 * Element.COUNT ? "magnet" : series % 2 == 0 ? "separation" : "metal";
      String product = series == 2 * Element.COUNT ? "magnet" : Element.values()[series / 2].code();
      if (t >= 1) {
        emitIfDefined(sink, keepUndefined, year, "price_change", stage, product, "", "",
            priceChange(worldPrice(r, t - 1, series), worldPrice(r, t, series)), "log");
      }
      if (t >= w) {
        for (int i = 0; i <= w; i++) {
          window[i] = Noise.clean(worldPrice(r, t - w + i, series));
        }
        emitIfDefined(sink, keepUndefined, year, "volatility", stage, product, "", "",
            Risk.volatility(window, w, 1, 0), "log");
      }
    }
  }

  /**
   * {@code price_change} from two prices, USD/kg: ln(price / previous), NaN (no row) where either is
   * zero as printed (within {@link Noise#ZERO_BELOW}).
   */
  static double priceChange(double previous, double price) {
    return Risk.logChange(Noise.clean(previous), Noise.clean(price));
  }

  /** World price of series k: 2e = oxide of element e, 2e + 1 = its metal, 2 * COUNT = magnets. */
  private static double worldPrice(RunResult r, int t, int k) {
    if (k == 2 * Element.COUNT) {
      return r.magnetPrice(t);
    }
    return k % 2 == 0 ? r.oxidePrice(t, k / 2) : r.metalPrice(t, k / 2);
  }

  /**
   * Regional markets: {@code import_reliance} ({@link Risk#importReliance}) of every region that
   * trades concentrate ({@code stage=mining, product=REO}, production = its mines' output, t REO)
   * or magnets ({@code stage=magnet}); and {@code days_of_cover} of strategic stockpiles
   * ({@code sector=stockpile}, level as in {@code stockpile}) and commercial inventories
   * ({@code sector=inventory}) against the region's use of the product: magnets served in the
   * region; for metal, the metal its magnet makers' output holds (production × metal per kg of
   * magnet); for oxide, the oxide that metal is made from (÷ oxide-to-metal factor × metal yield).
   */
  private static void emitRegionalRisk(RunResult r, int t, int year, List<String> regions,
      double[][] stageByRegion, boolean keepUndefined, RowSink sink) {
    SupplyChain chain = r.chain();
    int nR = regions.size();
    TradedProduct[] irProducts = {TradedProduct.CONCENTRATE, TradedProduct.MAGNET};
    Stage[] irStages = {Stage.MINING, Stage.MAGNET};
    for (int i = 0; i < irProducts.length; i++) {
      int p = irProducts[i].ordinal();
      double[] exports = new double[nR];
      double[] imports = new double[nR];
      double[] flow = new double[nR * nR];
      boolean[] trades = new boolean[nR];
      // the route flows as the trade rows print them (a residue of the world's trade is 0), so that a
      // supplier's residue is not a share of a region's sourcing
      double gross = grossTrade(r, t, p, nR);
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (org.lodestone.core.engine.RegionalEngine.routeOpen(chain, p, a, b)) {
            double f = beyondBalance(r.trade(t, p, a, b), gross);
            flow[a * nR + b] = f;
            exports[a] += f;
            imports[b] += f;
            trades[a] = true;
            trades[b] = true;
          }
        }
      }
      double[] made = stageByRegion[irStages[i].ordinal()];
      String product = irProducts[i] == TradedProduct.CONCENTRATE ? "REO" : "magnet";
      Governance gov = chain.governance();
      double world = 0;
      for (int q = 0; q < nR; q++) {
        world += made[q];
      }
      for (int q = 0; q < nR; q++) {
        if (trades[q]) {
          double ir = Risk.importReliance(made[q], imports[q], exports[q], world);
          emitIfDefined(sink, keepUndefined, year, "import_reliance", irStages[i].code(), product, regions.get(q), "",
              ir, "share");
          if (gov != null) {
            // the region's sourcing: its own production and its imports by origin
            double[] sourcing = new double[nR];
            for (int a = 0; a < nR; a++) {
              sourcing[a] = a == q ? made[q] : flow[a * nR + q];
            }
            emitSupplyRisk(sink, keepUndefined, year, irStages[i].code(), product, regions.get(q), gov, made, sourcing,
                ir);
          }
        }
      }
    }
    double[] use = new double[TradedProduct.COUNT * nR];
    double[] magnetsMade = stageByRegion[Stage.MAGNET.ordinal()];
    for (int s = 0; s < chain.sectors().size(); s++) {
      for (int q = 0; q < nR; q++) {
        use[TradedProduct.MAGNET.ordinal() * nR + q] += r.served(t, s) * chain.sectors().get(s).regionShare(q);
      }
    }
    for (int e = 0; e < Element.COUNT; e++) {
      double oxidePerMetal = 1 / (chain.market().oxideToMetal(e) * chain.market().metalYield());
      for (int q = 0; q < nR; q++) {
        double metalUse = magnetsMade[q] * r.metalPerMagnet(t, e);
        use[TradedProduct.metal(e).ordinal() * nR + q] = metalUse;
        use[TradedProduct.oxide(e).ordinal() * nR + q] = metalUse * oxidePerMetal;
      }
    }
    for (TradedProduct tp : TradedProduct.values()) {
      int p = tp.ordinal();
      for (int q = 0; q < nR; q++) {
        if (p > 0 && hasStockpile(r, p, q)) {
          double level = 0;
          for (int k = 0; k <= t; k++) {
            level -= r.stockpileFlow(k, p, q);
          }
          emitIfDefined(sink, keepUndefined, year, "days_of_cover", tp.stage(), tp.product(), regions.get(q),
              "stockpile", Risk.daysOfCover(level, use[p * nR + q]), "days");
        }
      }
    }
    List<org.lodestone.core.model.Inventory> inventories = chain.trade().inventories();
    for (int k = 0; k < inventories.size(); k++) {
      org.lodestone.core.model.Inventory inv = inventories.get(k);
      TradedProduct tp = TradedProduct.values()[inv.product()];
      emitIfDefined(sink, keepUndefined, year, "days_of_cover", tp.stage(), tp.product(), regions.get(inv.region()),
          "inventory", Risk.daysOfCover(r.inventoryLevel(t, k), use[inv.product() * nR + inv.region()]), "days");
    }
  }

  /**
   * Element-price market: each oxide's competitive storage ({@code inventory}, level at the end of the
   * year, t; world, as the market is one) and its {@code days_of_cover} ({@code sector=inventory},
   * {@link Risk#daysOfCover}) against the world's use of that oxide: the oxide the year's magnets
   * hold, magnet production × metal per kg of magnet ÷ (oxide-to-metal factor × metal yield) — the
   * same use as the regional markets' oxide cover, summed over regions.
   */
  /** Whether the chain's element market has a use of element e's oxide outside magnets. */
  private static boolean usesOutsideMagnets(SupplyChain chain, int e) {
    if (chain.elementMarket() == null) {
      return false;
    }
    for (org.lodestone.core.model.ElementMarket.OxideUse u : chain.elementMarket().oxideUses()) {
      if (u.element() == e) {
        return true;
      }
    }
    return false;
  }

  static void emitStorage(RunResult r, int t, int year, boolean keepUndefined, RowSink sink) {
    SupplyChain chain = r.chain();
    double magnets = r.stageProduction(t, Stage.MAGNET);
    for (org.lodestone.core.model.ElementMarket.Storage st : chain.elementMarket().storage()) {
      int e = st.element();
      TradedProduct tp = TradedProduct.oxide(e);
      double level = r.storageLevel(t, e);
      sink.row(year, "inventory", tp.stage(), tp.product(), "", "", level, "t");
      double use = magnets * r.metalPerMagnet(t, e) / (chain.market().oxideToMetal(e) * chain.market().metalYield());
      emitIfDefined(sink, keepUndefined, year, "days_of_cover", tp.stage(), tp.product(), "", "inventory",
          Risk.daysOfCover(level, use), "days");
    }
  }

  /**
   * {@code supply_risk} of one region for one stage ({@link SupplyRisk}, Blengini et al. 2017, eq. 4-5):
   * [HHI_WGI,t(global supply) × IR/2 + HHI_WGI,t(the region's sourcing) × (1 − IR/2)] × (1 − EoL-RIR) × SI,
   * with the region's import reliance IR of the same stage; undefined (left out) where IR is, or where
   * a supplier with a positive share has no WGI.
   */
  private static void emitSupplyRisk(RowSink sink, boolean keepUndefined, int year, String stage, String product,
      String region, Governance gov, double[] globalSupply, double[] sourcing, double importReliance) {
    double gs = SupplyRisk.hhiWgiT(globalSupply, gov.wgiScaled(), gov.trade());
    double src = SupplyRisk.hhiWgiT(sourcing, gov.wgiScaled(), gov.trade());
    double sr = Double.isNaN(importReliance) || Double.isNaN(src) ? Double.NaN
        : SupplyRisk.supplyRisk(gs, src, importReliance, gov.eolRecyclingInputRate(), gov.substitutionIndex());
    emitIfDefined(sink, keepUndefined, year, "supply_risk", stage, product, region, "", sr, "index");
  }

  private static void emitStocks(RunResult r, int t, int year, List<String> regions, RowSink sink) {
    List<Sector> sectors = r.chain().sectors();
    double[][] total = new double[2][1 + Element.COUNT];
    double[][][] byRegion = new double[2][regions.size()][1 + Element.COUNT];
    boolean[] present = new boolean[regions.size()];
    boolean any = false;
    for (int s = 0; s < sectors.size(); s++) {
      Sector sec = sectors.get(s);
      if (sec.lifetime() == null) {
        continue;
      }
      any = true;
      double[] v = {r.stockInUse(t, s), r.eolOutflow(t, s)};
      for (int m = 0; m < 2; m++) {
        sink.row(year, STOCK_METRICS.get(m), "", "magnet", "", sec.id(), v[m], "t");
        total[m][0] += v[m];
        for (int e = 0; e < Element.COUNT; e++) {
          total[m][1 + e] += m == 0 ? r.stockElement(t, s, e) : r.eolElement(t, s, e);
        }
        for (int g = 0; g < regions.size(); g++) {
          present[g] |= sec.regionShare(g) > 0;
          byRegion[m][g][0] += v[m] * sec.regionShare(g);
        }
      }
    }
    if (!any) {
      return;
    }
    for (int m = 0; m < 2; m++) {
      sink.row(year, STOCK_METRICS.get(m), "", "magnet", "", "", total[m][0], "t");
      for (Element e : Element.values()) {
        sink.row(year, STOCK_METRICS.get(m), "", e.code(), "", "", total[m][1 + e.ordinal()], "t");
      }
      for (int g = 0; g < regions.size(); g++) {
        if (present[g]) {
          sink.row(year, STOCK_METRICS.get(m), "", "magnet", regions.get(g), "", byRegion[m][g][0], "t");
        }
      }
    }
  }

  /**
   * Substitution: per sector and substitute ({@code product} = the substitute's id), the adopted
   * share ({@code substitution_share}) and the magnets it moved ({@code substituted}, t magnet: for
   * magnet-free substitutes share × reference demand, for heavy-free grades share × served magnets), with world totals by kind ({@code product} = {@code magnet-free} or
   * {@code heavy-free}, sector blank). Investment: capacity started in the year by each rule
   * ({@code investment}, by stage and region, in the stage's unit per year).
   */
  private static void emitDynamics(RunResult r, int t, int year, RowSink sink) {
    org.lodestone.core.model.Dynamics d = r.chain().dynamics();
    if (!d.substitutes().isEmpty()) {
      double[] byKind = new double[org.lodestone.core.model.Substitute.Kind.values().length];
      boolean[] kindPresent = new boolean[byKind.length];
      for (int k = 0; k < d.substitutes().size(); k++) {
        org.lodestone.core.model.Substitute sub = d.substitutes().get(k);
        Sector sec = r.chain().sectors().get(sub.sector());
        double share = r.substituteShare(t, k);
        // magnet-free: the reference demand that left NdFeB; heavy-free: the magnets made in those grades
        double moved = share * (sub.kind() == org.lodestone.core.model.Substitute.Kind.MAGNET_FREE
            ? r.demandReference(t, sub.sector()) : r.served(t, sub.sector()));
        sink.row(year, "substitution_share", "", sub.id(), "", sec.id(), share, "share");
        sink.row(year, "substituted", "", sub.id(), "", sec.id(), moved, "t");
        byKind[sub.kind().ordinal()] += moved;
        kindPresent[sub.kind().ordinal()] = true;
      }
      for (org.lodestone.core.model.Substitute.Kind kind : org.lodestone.core.model.Substitute.Kind.values()) {
        if (kindPresent[kind.ordinal()]) {
          sink.row(year, "substituted", "", kind.code(), "", "", byKind[kind.ordinal()], "t");
        }
      }
    }
    for (int i = 0; i < d.investments().size(); i++) {
      org.lodestone.core.model.Investment inv = d.investments().get(i);
      sink.row(year, "investment", inv.stage().code(), "", r.chain().regionCodes().get(inv.region()), "",
          r.investmentStarted(t, i), inv.stage().unit());
    }
  }

  /**
   * Recycling plants of the end-of-life loop: {@code capacity} and {@code production} (magnets
   * processed) at stage {@code recycling}, product {@code magnet}, world and by the plants' regions.
   */
  private static void emitRecyclers(RunResult r, int t, int year, List<String> regions, RowSink sink) {
    List<org.lodestone.core.model.Recycler> plants = r.chain().market().eolRecycling().recyclers();
    if (plants.isEmpty()) {
      return;
    }
    double[] cap = new double[regions.size()];
    double[] prod = new double[regions.size()];
    boolean[] present = new boolean[regions.size()];
    for (int k = 0; k < plants.size(); k++) {
      int q = plants.get(k).region();
      present[q] = true;
      cap[q] += plants.get(k).capacityT(t);
      prod[q] += r.recyclerProcessed(t, k);
    }
    sink.row(year, "capacity", "recycling", "magnet", "", "", sum(cap), "t");
    sink.row(year, "production", "recycling", "magnet", "", "", sum(prod), "t");
    for (int q = 0; q < regions.size(); q++) {
      if (present[q]) {
        sink.row(year, "capacity", "recycling", "magnet", regions.get(q), "", cap[q], "t");
        sink.row(year, "production", "recycling", "magnet", regions.get(q), "", prod[q], "t");
      }
    }
  }

  private static final List<String> STOCK_METRICS = List.of("stock_in_use", "eol_outflow");

  private static boolean hasStockpile(RunResult r, int p, int q) {
    org.lodestone.core.model.Trade trade = r.chain().trade();
    for (int t = 0; t < r.chain().axis().size(); t++) {
      if (trade.stockpileRelease(t, p, q) > 0 || trade.stockpilePurchase(t, p, q) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Regional markets: the price of every traded product in every region that has a market for it,
   * trade flows on every open route ({@code region} is {@code FROM>TO}), and exports, imports and net exports by
   * region, and the level of strategic stockpiles (counted from the first simulated year, so it starts
 * at zero and falls with releases). Concentrate is product {@code REO} at stage {@code mining}.
   * Commercial inventories: {@code inventory}, the level at the end of the year by product and
   * region, t.
   */
  private static void emitRegional(RunResult r, int t, int year, List<String> regions,
      boolean keepUndefined, RowSink sink) {
    int nR = regions.size();
    for (TradedProduct tp : TradedProduct.values()) {
      int p = tp.ordinal();
      String product = tp == TradedProduct.CONCENTRATE ? "REO" : tp.product();
      if (tp != TradedProduct.CONCENTRATE) {
        for (int q = 0; q < nR; q++) {
          double price = r.regionalPrice(t, p, q);
          if (!Double.isNaN(price)
              || (keepUndefined && org.lodestone.core.engine.RegionalEngine.marketOpen(r.chain(), p, q))) {
            sink.row(year, "price", tp.stage(), product, regions.get(q), "", price, "USD/kg");
          }
        }
      }
      double[] exports = new double[nR];
      double[] imports = new double[nR];
      boolean[] trades = new boolean[nR];
      // the world's trade in the product: a route's flow within the balance tolerance of it is a residue
      double gross = grossTrade(r, t, p, nR);
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (!org.lodestone.core.engine.RegionalEngine.routeOpen(r.chain(), p, a, b)) {
            continue;
          }
          double f = beyondBalance(r.trade(t, p, a, b), gross);
          sink.row(year, "trade", tp.stage(), product, regions.get(a) + ">" + regions.get(b), "",
              f, "t");
          exports[a] += f;
          imports[b] += f;
          trades[a] = true;
          trades[b] = true;
        }
      }
      for (int q = 0; q < nR; q++) {
        if (trades[q]) {
          sink.row(year, "exports", tp.stage(), product, regions.get(q), "", exports[q], "t");
          sink.row(year, "imports", tp.stage(), product, regions.get(q), "", imports[q], "t");
          sink.row(year, "net_exports", tp.stage(), product, regions.get(q), "",
              beyondBalance(exports[q] - imports[q], exports[q] + imports[q]), "t");
        }
        if (p > 0 && hasStockpile(r, p, q)) {
          // stockpile: held by the region's strategic stockpile at the end of the year, counted from
          // the first simulated year (releases draw it down, purchases fill it)
          double level = 0;
          for (int k = 0; k <= t; k++) {
            level -= r.stockpileFlow(k, p, q);
          }
          sink.row(year, "stockpile", tp.stage(), product, regions.get(q), "", level, "t");
        }
      }
    }
    java.util.List<org.lodestone.core.model.Inventory> inventories = r.chain().trade().inventories();
    for (int k = 0; k < inventories.size(); k++) {
      org.lodestone.core.model.Inventory inv = inventories.get(k);
      TradedProduct tp = TradedProduct.values()[inv.product()];
      sink.row(year, "inventory", tp.stage(), tp.product(), regions.get(inv.region()), "", r.inventoryLevel(t, k), "t");
    }
  }

  /**
   * A difference of flows ({@code unserved} = demand − served, {@code surplus} = oxide separated and
   * recycled − oxide bought, scaled by all three, {@code net_exports} = exports − imports) or a flow of a solver (a route's
   * {@code trade}), or 0 where it is within the mass balance's relative tolerance
   * ({@link MassBalance#RELATIVE_TOLERANCE}) of {@code scale}, the flows it is the difference of (for a
   * route: the world's trade in the product): the solver serves base's 2035 demand of ~100 kt to ~1e-14
   * of itself, and the 3e-9 t left is no unserved demand (it printed as {@code 0.00000000309137249});
   * 2.9e-9 t of ore "imported" by Russia in quota-crisis-2010's 2016 is no trade.
   */
  static double beyondBalance(double value, double scale) {
    return MassBalance.isResidue(value, scale) ? 0 : value;
  }

  /** The world's trade in product p in year t: the sum of |flow| over the open routes, t. */
  private static double grossTrade(RunResult r, int t, int p, int nR) {
    double gross = 0;
    for (int a = 0; a < nR; a++) {
      for (int b = 0; b < nR; b++) {
        if (org.lodestone.core.engine.RegionalEngine.routeOpen(r.chain(), p, a, b)) {
          gross += Math.abs(r.trade(t, p, a, b));
        }
      }
    }
    return gross;
  }

  private static final List<String> DEMAND_METRICS =
      List.of("demand_reference", "demand", "served", "unserved");

  /** All rows of a run, in memory. */
  public static List<ResultRow> rows(RunResult r, int fromYear, int toYear) {
    List<ResultRow> out = new ArrayList<>();
    emit(r, fromYear, toYear, out::add);
    return out;
  }

  private static void emitIfDefined(RowSink sink, boolean keepUndefined, int year, String metric,
      String stage, double value, String unit) {
    emitIfDefined(sink, keepUndefined, year, metric, stage, "", "", "", value, unit);
  }

  private static void emitIfDefined(RowSink sink, boolean keepUndefined, int year, String metric,
      String stage, String product, String region, String sector, double value, String unit) {
    if (keepUndefined || !Double.isNaN(value)) {
      sink.row(year, metric, stage, product, region, sector, value, unit);
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }
}
