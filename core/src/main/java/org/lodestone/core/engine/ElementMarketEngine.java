package org.lodestone.core.engine;

import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.FeedRoutes;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;

/**
 * The element-price market model ({@link MarketModel#ELEMENTS}): one market per year in which every
 * element's oxide has its own balance and price, solved by {@link ElementEquilibrium}.
 *
 * <h2>Each year</h2>
 * <ol>
 *   <li>Capacities (data plus investment, events applied) and offer costs of every producer; the year's
 *   production caps; end-of-life oxide from last year's collection.</li>
 *   <li>Material coefficients from the sectors' mix at last year's magnet price (design grades after
 *   heavy-free substitution); cleared again with the mix at the new price while it moves the grade by
 *   more than 0.1 % (at most three clearings), as in {@link AnnualEngine}.</li>
 *   <li>Storage: each oxide's holder expects the average of its last {@code trailingYears} prices
 *   (adaptive expectations; the reference price before there is any history).</li>
 *   <li>Equilibrium (see {@link ElementEquilibrium}): mines run on the value of their whole basket, an
 *   element in surplus is free, Dy and Tb content responds to their own prices, caps earn a rent when
 *   they bind, the buyers held to makers outside China pay a premium of at most the switching premium.</li>
 *   <li>Quantities: producers at their supply at the equilibrium prices; separation and metal making
 *   reconciled exactly to the ore mined and the metal needed (the solver leaves residuals of at most
 *   1e-11 of the flows); served and unserved demand by sector.</li>
 *   <li>Mass balance at every process and a relative non-negativity check of every surplus.</li>
 * </ol>
 *
 * <p>Not thread-safe: one instance per run; {@link #run} may be called from many threads at once.
 */
public final class ElementMarketEngine {
  private static final int E = Element.COUNT;
  private static final int MIX_ROUNDS = 3;
  /**
   * Tolerance of the Tikhonov phase in a mixing round that may be cleared again (a share of each node's
   * flows): the grade mix is read at a point within 1e-6 of the round's solution, six orders inside the
   * mix's 0.1 % test (the mix reads magnet prices where there is demand, which has curvature; a price in
   * a flat direction of Φ, where nothing is bought or traded, may be further from its tie-break point but
   * does not enter the mix), and the quadratic steps to 1e-12 are taken only in the round that stands
   * (2026-12-04, regional-markets: 458 Newton steps over the run against 542; prices within ~1e-6).
   */
  static final double ROUND_TOL = 1e-6;
  /** Relative tolerance of a production cap (a legal limit met to the solver's precision, not a mass balance). */
  static final double CAP_TOLERANCE = 1e-7;

  private final SupplyChain chain;
  private final ElementMarket em;
  private final MarketParameters market;
  private final List<Producer> producers;
  private final List<Sector> sectors;
  private final DynamicState dynamics;
  private final EndOfLifeFlows endOfLife;
  private final ElementEquilibrium eq;
  private final double[] eolOxide = new double[E];
  private final double[] eolByRegion;
  private final double[] gradeRaw = new double[E];
  private final double[] metal0 = new double[E];
  private final double[] rec0 = new double[E];
  /** Scratch for the scrap check: the booked metal content by element, kg per kg of magnet. */
  private final double[] bookedGrade = new double[E];
  private final double[] ox0 = new double[E];
  private final double[] storage = new double[E];
  private final ElementMarket.Storage[] holder = new ElementMarket.Storage[E];
  private final double[] weight;
  private boolean warm;
  /** Regions of the market (1: one market) and the geography's structure (R > 1). */
  private final int nR;
  private final int china;
  private final Trade trade;
  /** Export-cap group of (form group, exporter), {@code [group * nR + a]}, −1 for none; groups: concentrate, each element, magnets. */
  private final int[] groupOf;
  private final int[] groupKey;
  private final double[] previousExports;
  /** Traded product of each link (for its cost and the results), and the link's origin and destination regions. */
  private final int[] linkProduct;
  private final int[] linkA;
  private final int[] linkB;
  /** The mine (producer) of each route link, −1 for a link of a traded good. */
  private final int[] linkMine;
  /** Tests only: a generator that moves every year's starting point (uniqueness of prices). */
  private java.util.Random perturb;

  private ElementMarketEngine(SupplyChain chain) {
    this.chain = chain;
    this.em = chain.elementMarket();
    this.market = chain.market();
    this.producers = chain.producers();
    this.sectors = chain.sectors();
    this.dynamics = new DynamicState(chain);
    this.endOfLife = new EndOfLifeFlows(chain);
    this.eolByRegion = new double[E * chain.regionCodes().size()];
    this.useOf = new ElementMarket.OxideUse[E * Math.max(1, chain.regionCodes().size())];
    this.nR = chain.isRegional() ? chain.regionCodes().size() : 1;
    this.trade = chain.trade();
    int china = chain.chinaRegion();
    this.china = china;
    Geography geo = nR == 1 ? null : new Geography(chain);
    this.groupOf = geo == null ? new int[0] : geo.groupOf;
    this.groupKey = geo == null ? new int[0] : geo.groupKey;
    this.previousExports = new double[groupKey.length];
    this.eq = geo == null ? new ElementEquilibrium(producers.size(), em.caps().size(), sectors.size())
        : new ElementEquilibrium(producers.size(), em.caps().size(), sectors.size(), nR, geo.active,
            geo.groupKey.length, geo.routed, geo.linkA.size());
    this.linkProduct = geo == null ? new int[0] : geo.linkProduct.stream().mapToInt(Integer::intValue).toArray();
    this.linkA = geo == null ? new int[0] : geo.linkA.stream().mapToInt(Integer::intValue).toArray();
    this.linkB = geo == null ? new int[0] : geo.linkB.stream().mapToInt(Integer::intValue).toArray();
    this.linkMine = geo == null ? new int[0] : geo.linkMine.stream().mapToInt(Integer::intValue).toArray();
    if (geo != null) {
      if (!trade.inventories().isEmpty()) {
        throw new IllegalArgumentException("the element market by region holds oxides in competitive storage"
            + " (market.storage), not in market.inventory: use model regional-lp for inventories");
      }
      for (int t = 0; t < chain.axis().size(); t++) {
        for (int q = 0; q < nR; q++) {
          int pm = TradedProduct.MAGNET.ordinal();
          int pc = TradedProduct.CONCENTRATE.ordinal();
          if (trade.stockpileRelease(t, pm, q) != 0 || trade.stockpilePurchase(t, pm, q) != 0
              || trade.stockpileRelease(t, pc, q) != 0 || trade.stockpilePurchase(t, pc, q) != 0) {
            throw new IllegalArgumentException("the element market by region takes stockpiles of oxides and"
                + " metals, not of magnets or concentrate: use model regional-lp for those");
          }
        }
      }
      geo.fill(eq, chain);
    }
    this.weight = new double[sectors.size()];
    for (int p = 0; p < producers.size(); p++) {
      Producer pr = producers.get(p);
      eq.kind[p] = switch (pr.stage()) {
        case MINING -> ElementEquilibrium.MINE;
        case SEPARATION -> ElementEquilibrium.SEP;
        case METAL -> ElementEquilibrium.METAL;
        default -> ElementEquilibrium.MAGNET;
      };
      eq.exChina[p] = china >= 0 && pr.region() != china;
      eq.region[p] = nR == 1 ? 0 : pr.region();
      if (pr.stage() == Stage.MINING) {
        double sum = 0;
        for (int e = 0; e < E; e++) {
          eq.split[p * E + e] = chain.depositSplit(pr.deposit(), e);
          sum += eq.split[p * E + e];
        }
        eq.otherShare[p] = Math.max(0, 1 - sum);
      }
    }
    for (int c = 0; c < em.caps().size(); c++) {
      ElementMarket.ProductionCap cap = em.caps().get(c);
      for (int k = 0; k < cap.size(); k++) {
        eq.capOf[cap.member(k)] = c;
      }
    }
    for (int s = 0; s < sectors.size(); s++) {
      Sector sec = sectors.get(s);
      eq.eps[s] = sec.elasticity();
      if (nR == 1) {
        double outside = china >= 0 ? 1 - sec.regionShare(china) : 0;
        eq.sticky[s] = em.stickyShare() * Math.max(0, outside);
      } else {
        // with regions, the held share applies to the demand of every region outside China
        for (int q = 0; q < nR; q++) {
          eq.sticky[s * nR + q] = china >= 0 && q != china ? em.stickyShare() : 0;
        }
      }
    }
    // storage is held where most stocks are (China's reserves and exchanges), or in the first region
    // that has an oxide market
    eq.stRegion = nR == 1 ? 0 : (china >= 0 && eq.at(china, 0) >= 0 ? china : firstOxideRegion());
    for (ElementMarket.Storage st : em.storage()) {
      holder[st.element()] = st;
      storage[st.element()] = st.initialT();
    }
    eq.otherValue = em.otherReoValueUsdPerKg();
    eq.pRef = market.magnetReferencePrice();
    eq.pChoke = market.magnetPriceCap();
    eq.premiumCap = em.switchPremiumUsdPerKg();
    for (int e = 0; e < E; e++) {
      eq.pRefEl[e] = market.oxideReferencePrice(e);
      eq.eta[e] = -em.gradeElasticity(e);
    }
    eq.powerGrade = em.gradeForm() == ElementMarket.GradeForm.POWER;
    for (ElementMarket.OxideUse u : em.oxideUses()) {
      // a use buys in its region's oxide market, or in the storage region's (the one market; a region
      // with no oxide market)
      int q = nR == 1 || u.region() < 0 || eq.at(u.region(), u.element()) < 0 ? eq.stRegion : u.region();
      if (eq.useRef[q * E + u.element()] != 0 || useOf[q * E + u.element()] != null) {
        throw new IllegalArgumentException("two oxide uses of " + Element.values()[u.element()].code()
            + " buy in one market: " + u.id() + " and " + useOf[q * E + u.element()].id());
      }
      useOf[q * E + u.element()] = u;
      eq.useEps[q * E + u.element()] = u.elasticity();
    }
  }

  /** The oxide use buying in each market, {@code [region * E + e]}, or null. */
  private final ElementMarket.OxideUse[] useOf;

  private int firstOxideRegion() {
    for (int q = 0; q < nR; q++) {
      if (eq.at(q, 0) >= 0) {
        return q;
      }
    }
    return 0;
  }

  /**
   * The structure of the regional market (R > 1), the same in every year so that each year warm-starts
   * from the last: which region has which goods (from the producers and sectors there, whatever their
   * capacity in a year), the links between them and the export-cap groups the trade set-up caps in any
   * year. Oxides: where separation or magnet making is (metal making is a toll service, traded as
   * such: metal made abroad for a region's magnet makers from that region's oxide); separation where
   * separators are; metal making where metal or magnet makers are; magnets where makers or buyers are.
   * Every mine sells concentrate over routes to each region that separates, except along the routes the
   * scenario's {@link FeedRoutes} close (offtake contracts, plant feed lists).
   */
  private static final class Geography {
    final boolean[] active;
    final boolean[] routed;
    final java.util.List<Integer> linkProduct = new java.util.ArrayList<>();
    final java.util.List<Integer> linkA = new java.util.ArrayList<>();
    final java.util.List<Integer> linkB = new java.util.ArrayList<>();
    /** Per link: the producer (routes) or −1. */
    final java.util.List<Integer> linkMine = new java.util.ArrayList<>();
    final int[] groupOf;
    final int[] groupKey;
    final int nR;

    Geography(SupplyChain chain) {
      nR = chain.regionCodes().size();
      int g = ElementEquilibrium.G;
      boolean[][] has = new boolean[4][nR];
      for (Producer pr : chain.producers()) {
        has[pr.stage().ordinal()][pr.region()] = true;
      }
      boolean[] dem = new boolean[nR];
      for (Sector sec : chain.sectors()) {
        for (int q = 0; q < nR; q++) {
          dem[q] |= sec.regionShare(q) > 0;
        }
      }
      boolean[] sep = has[Stage.SEPARATION.ordinal()];
      boolean[] met = has[Stage.METAL.ordinal()];
      boolean[] mag = has[Stage.MAGNET.ordinal()];
      active = new boolean[nR * g];
      for (int q = 0; q < nR; q++) {
        boolean oxide = sep[q] || mag[q];
        for (int e = 0; e < E; e++) {
          active[q * g + e] = oxide;
        }
        active[q * g + ElementEquilibrium.IS] = sep[q];
        active[q * g + ElementEquilibrium.IT] = met[q] || mag[q];
        active[q * g + ElementEquilibrium.IM] = mag[q] || dem[q];
      }
      java.util.List<Producer> ps = chain.producers();
      routed = new boolean[ps.size()];
      // a route that the scenario's routes (offtake contracts, feed lists) close in every year is not
      // built; one closed in some years gets capacity 0 in those years (regionalYear)
      FeedRoutes routes = chain.trade().routes();
      int years = chain.axis().size();
      for (int p = 0; p < ps.size(); p++) {
        Producer pr = ps.get(p);
        if (pr.stage() == Stage.MINING) {
          routed[p] = true;
          for (int b = 0; b < nR; b++) {
            if (sep[b] && routes.everOpen(years, pr.id(), pr.region(), b)) {
              add(TradedProduct.CONCENTRATE.ordinal(), pr.region(), b, p);
            }
          }
        }
      }
      // oxides go to where they are used: magnet makers and the storage (China's market); a link into
      // a region that only separates could never carry anything (nobody there buys oxide, and with one
      // cost per form re-export costs more than the direct route)
      int china = chain.chinaRegion();
      for (int e = 0; e < E; e++) {
        for (int a = 0; a < nR; a++) {
          for (int b = 0; b < nR; b++) {
            if (a != b && active[a * g + e] && active[b * g + e] && (mag[b] || b == china)) {
              add(TradedProduct.oxide(e).ordinal(), a, b, -1);
            }
          }
        }
      }
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (a != b && met[a] && active[b * g + ElementEquilibrium.IT]) {
            add(TradedProduct.NDPR_METAL.ordinal(), a, b, -1);
          }
        }
      }
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (a != b && mag[a] && active[b * g + ElementEquilibrium.IM]) {
            add(TradedProduct.MAGNET.ordinal(), a, b, -1);
          }
        }
      }
      // export caps: concentrate, each element (oxide and metal), magnets, by exporter
      Trade trade = chain.trade();
      int groups = E + 2;
      groupOf = new int[groups * nR];
      java.util.Arrays.fill(groupOf, -1);
      java.util.List<Integer> keys = new java.util.ArrayList<>();
      for (int grp = 0; grp < groups; grp++) {
        for (int a = 0; a < nR; a++) {
          boolean capped = false;
          for (int t = 0; t < chain.axis().size(); t++) {
            for (int product : products(grp)) {
              capped |= !Double.isNaN(trade.capTonnes(t, product, a)) || !Double.isNaN(trade.capShare(t, product, a));
            }
          }
          if (capped) {
            groupOf[grp * nR + a] = keys.size();
            keys.add(grp * nR + a);
          }
        }
      }
      groupKey = keys.stream().mapToInt(Integer::intValue).toArray();
    }

    private void add(int product, int a, int b, int mine) {
      linkProduct.add(product);
      linkA.add(a);
      linkB.add(b);
      linkMine.add(mine);
    }

    /** Export-cap group of a link's traded product (the metal-making toll is under no element's cap). */
    static int group(int product) {
      TradedProduct tp = TradedProduct.values()[product];
      return switch (tp.form()) {
        case "concentrate" -> 0;
        case "oxide" -> 1 + tp.element().ordinal();
        case "magnet" -> E + 1;
        default -> -1;
      };
    }

    /** The traded products a group's cap is read from. */
    static int[] products(int grp) {
      if (grp == 0) {
        return new int[] {TradedProduct.CONCENTRATE.ordinal()};
      }
      if (grp == E + 1) {
        return new int[] {TradedProduct.MAGNET.ordinal()};
      }
      return new int[] {TradedProduct.oxide(grp - 1).ordinal(), TradedProduct.metal(grp - 1).ordinal()};
    }

    void fill(ElementEquilibrium eq, SupplyChain chain) {
      for (int li = 0; li < linkA.size(); li++) {
        int product = linkProduct.get(li);
        int a = linkA.get(li);
        int b = linkB.get(li);
        int mine = linkMine.get(li);
        if (mine >= 0) {
          eq.linkKind[li] = ElementEquilibrium.ROUTE;
          eq.linkFrom[li] = mine;
          eq.linkTo[li] = b;
        } else {
          TradedProduct tp = TradedProduct.values()[product];
          int good = switch (tp.form()) {
            case "oxide" -> tp.element().ordinal();
            case "metal" -> ElementEquilibrium.IT;
            default -> ElementEquilibrium.IM;
          };
          eq.linkKind[li] = ElementEquilibrium.TRADE;
          eq.linkFrom[li] = eq.at(a, good);
          eq.linkTo[li] = eq.at(b, good);
        }
        int grp = group(product);
        int k = grp < 0 || a == b ? -1 : groupOf[grp * nR + a];
        eq.linkGroup[li] = k < 0 ? -1 : eq.iX + k;
      }
    }
  }

  /** Runs every year of the chain's axis on the element-price market. */
  public static RunResult run(SupplyChain chain) {
    return run(chain, null);
  }

  /** As {@link #run(SupplyChain)}, each year's solve started from a point moved by {@code perturb} (tests). */
  static RunResult run(SupplyChain chain, java.util.Random perturb) {
    if (chain.elementMarket() == null) {
      throw new IllegalArgumentException("the chain has no element-market parameters");
    }
    ElementMarketEngine engine = new ElementMarketEngine(chain);
    engine.perturb = perturb;
    RunResult result = new RunResult(chain);
    for (int t = 0; t < chain.axis().size(); t++) {
      engine.dynamics.beginYear(t, result);
      engine.solveYear(t, result);
      engine.dynamics.deliveredGrades(t, result);
      engine.dynamics.endYear(t, result);
    }
    AnnualEngine.stocksInUse(chain, result);
    return result;
  }

  /**
   * The last year of a chain's run solved again and again from the previous year's solution, as a run
   * solves it (benchmarks: issue #11's "one regional year" warm-started, against a cold first year).
   * The constructor runs every year before the last and the last year's {@code beginYear}; each
   * {@link #solve} restores what solving the last year changes (the equilibrium's start point, which is
   * last year's solution, the stock held, last year's exports under caps and the year's trade rows) and
   * solves and records that year again, so every call returns the same bits as the whole run's last year.
   */
  public static final class WarmYear {
    private final ElementMarketEngine engine;
    private final RunResult result;
    private final int t;
    private final double[] x0;
    private final double[] storage0;
    private final double[] exports0;

    public WarmYear(SupplyChain chain) {
      if (chain.elementMarket() == null) {
        throw new IllegalArgumentException("the chain has no element-market parameters");
      }
      if (chain.axis().size() < 2) {
        throw new IllegalArgumentException("a warm year needs a year before it on the axis");
      }
      engine = new ElementMarketEngine(chain);
      result = new RunResult(chain);
      t = chain.axis().size() - 1;
      for (int u = 0; u < t; u++) {
        engine.dynamics.beginYear(u, result);
        engine.solveYear(u, result);
        engine.dynamics.deliveredGrades(u, result);
        engine.dynamics.endYear(u, result);
      }
      engine.dynamics.beginYear(t, result);
      x0 = engine.eq.x.clone();
      storage0 = engine.storage.clone();
      exports0 = engine.previousExports.clone();
    }

    /** Solves and records the last year from the previous year's solution; returns the run's result. */
    public RunResult solve() {
      System.arraycopy(x0, 0, engine.eq.x, 0, x0.length);
      System.arraycopy(storage0, 0, engine.storage, 0, storage0.length);
      System.arraycopy(exports0, 0, engine.previousExports, 0, exports0.length);
      if (result.tradeFlow != null) {
        // the year's trade rows are sums over the links (record adds each link's flow)
        int slice = result.tradeFlow.length / (t + 1);
        java.util.Arrays.fill(result.tradeFlow, t * slice, (t + 1) * slice, 0);
      }
      engine.solveYear(t, result);
      return result;
    }

    /** Index of the solved year on the chain's axis. */
    public int year() {
      return t;
    }
  }

  /** Sets the material coefficients from sector weights; returns false if the grade moved < 0.1 %. */
  private boolean coefficients(double[] w) {
    double[] g = new double[E];
    dynamics.mixGrade(w, g);
    boolean moved = false;
    for (int e = 0; e < E; e++) {
      if (Math.abs(g[e] - gradeRaw[e]) > 1e-3 * gradeRaw[e] + 1e-15) {
        moved = true;
      }
    }
    if (!moved) {
      return false; // keep the coefficients the equilibrium was solved with
    }
    for (int e = 0; e < E; e++) {
      gradeRaw[e] = g[e];
      metal0[e] = g[e] / market.manufacturingYield();
      rec0[e] = market.scrapOxidePerMagnet(e, g[e]);
      ox0[e] = metal0[e] / (market.oxideToMetal(e) * market.metalYield()) - rec0[e];
      eq.ox[e] = Math.max(ox0[e], 0);
      eq.met[e] = metal0[e];
      eq.kappa[e] = eq.ox[e] > 0 ? metal0[e] / eq.ox[e] : 0;
    }
    return true;
  }

  private void solveYear(int t, RunResult r) {
    int year = chain.axis().year(t);
    int nP = producers.size();
    int nS = sectors.size();
    for (int p = 0; p < nP; p++) {
      Producer pr = producers.get(p);
      double k = dynamics.capacity(p, t);
      r.capacity[t * nP + p] = k;
      eq.cap[p] = k;
      eq.c0[p] = pr.offerCostT(t);
      // the curve's scale: the cash cost, or (must-run plants offering at 0) the plant's own cost
      eq.a[p] = em.curvature(pr.stage()) * Math.max(Math.max(pr.offerCostT(t), pr.costUsdPerKg()), 0.01);
    }
    for (int c = 0; c < em.caps().size(); c++) {
      eq.capT[c] = em.caps().get(c).capT(t);
    }
    endOfLife.compute(t, r, eolByRegion, eolOxide);
    for (int k = 0; k < useOf.length && k < eq.useRef.length; k++) {
      eq.useRef[k] = useOf[k] == null ? 0 : useOf[k].demandT(t);
    }
    if (nR > 1) {
      regionalYear(t);
    }
    for (int e = 0; e < E; e++) {
      if (nR == 1) {
        eq.eol[e] = eolOxide[e];
      }
      ElementMarket.Storage st = holder[e];
      if (st == null) {
        eq.stCap[e] = 0;
        continue;
      }
      double expected = 0;
      int from = Math.max(0, t - st.trailingYears());
      for (int u = from; u < t; u++) {
        expected += r.oxidePrice[u * E + e];
      }
      double ref = market.oxideReferencePrice(e);
      expected = t > from ? st.anchorShare() * ref + (1 - st.anchorShare()) * expected / (t - from) : ref;
      eq.stCap[e] = st.capacityT();
      eq.stPrev[e] = storage[e];
      eq.stB[e] = st.holdValue(expected);
      eq.stW[e] = st.widthShare() * Math.max(expected, 1e-9) / st.capacityT();
    }
    for (int s = 0; s < nS; s++) {
      if (nR == 1) {
        eq.dRef[s] = dynamics.referenceDemand(s, t);
      } else {
        // demand outside China that arrives in products assembled in China buys in China's market
        double ref = dynamics.referenceDemand(s, t);
        double assembled = china >= 0 ? trade.assembledInChinaShare() : 0;
        for (int q = 0; q < nR; q++) {
          eq.dRef[s * nR + q] = 0;
        }
        for (int q = 0; q < nR; q++) {
          double dq = ref * sectors.get(s).regionShare(q);
          int to = q == china || eq.at(q, ElementEquilibrium.IM) < 0 ? (china >= 0 ? china : q) : q;
          if (q != china && china >= 0) {
            eq.dRef[s * nR + china] += dq * assembled;
            dq *= 1 - assembled;
          }
          eq.dRef[s * nR + to] += dq;
        }
      }
      r.demandReference[t * nS + s] = sectors.get(s).referenceDemandT(t);
    }
    double guess = t > 0 && r.magnetPrice[t - 1] > 0 ? r.magnetPrice[t - 1] : market.magnetReferencePrice();
    for (int s = 0; s < nS; s++) {
      weight[s] = worldDemand(s, guess);
    }
    java.util.Arrays.fill(gradeRaw, -1);
    coefficients(weight);
    if (!warm) {
      start();
      warm = true;
    }
    if (perturb != null) {
      for (int i = 0; i < eq.n; i++) {
        int good = nR == 1 ? (i < ElementEquilibrium.G ? i : -1) : eq.goodOf(i);
        eq.x[i] = good == ElementEquilibrium.IM || (good >= 0 && good < E)
            ? Math.max(eq.x[i], 1) * (0.2 + 4 * perturb.nextDouble()) : 10 * perturb.nextDouble();
      }
    }
    for (int round = 0; round < MIX_ROUNDS; round++) {
      eq.prepare();
      // the regularised phase only, and to ROUND_TOL where another round may follow: a round whose mix
      // moves is cleared again from this point; the round that stands finishes its regularised phase
      // and is the only one polished (the point the whole solve would polish, to the solver's tolerance)
      boolean last = round == MIX_ROUNDS - 1;
      eq.regularised(last ? ElementEquilibrium.REG_TOL : ROUND_TOL);
      if (!last) {
        for (int s = 0; s < nS; s++) {
          weight[s] = nR == 1 ? eq.sectorDemand(s, eq.x[ElementEquilibrium.IM]) : worldDemand(s, -1);
        }
        if (coefficients(weight)) {
          continue;
        }
        eq.regularised();
      }
      eq.polish();
      break;
    }
    record(t, year, r);
  }

  /** Starting point of the first year: reference prices, average costs, no rents. */
  private void start() {
    for (int q = 0; q < nR; q++) {
      for (int e = 0; e < E; e++) {
        set(q, e, market.oxideReferencePrice(e));
      }
      set(q, ElementEquilibrium.IS, averageCost(Stage.SEPARATION));
      set(q, ElementEquilibrium.IT, averageCost(Stage.METAL));
      set(q, ElementEquilibrium.IM, market.magnetReferencePrice());
    }
    for (int p = 0; p < producers.size(); p++) {
      if (eq.concOf[p] >= 0) {
        eq.x[eq.concOf[p]] = averageCost(Stage.MINING);
      }
    }
  }

  private void set(int q, int good, double value) {
    if (eq.at(q, good) >= 0) {
      eq.x[eq.at(q, good)] = value;
    }
  }

  /**
   * World demand of sector s at the magnet price {@code price} in every region, or ({@code price < 0})
   * at each region's solved price, open and held buyers together.
   */
  private double worldDemand(int s, double price) {
    if (nR == 1) {
      return eq.sectorDemand(s, price);
    }
    double sum = 0;
    for (int q = 0; q < nR; q++) {
      int im = eq.at(q, ElementEquilibrium.IM);
      if (im < 0) {
        continue;
      }
      double pM = price < 0 ? eq.x[im] : price;
      double held = eq.sticky[s * nR + q];
      double pX = price < 0 ? pM + eq.x[eq.iD] : pM;
      sum += (1 - held) * eq.sectorDemand(s, q, pM) + held * eq.sectorDemand(s, q, pX);
    }
    return sum;
  }

  /** The year's regional data: end-of-life oxide by region, export caps and link costs. */
  private void regionalYear(int t) {
    java.util.Arrays.fill(eq.eol, 0);
    for (int e = 0; e < E; e++) {
      for (int q = 0; q < nR; q++) {
        // end-of-life oxide comes back where magnets were used, or to the storage region's market
        // where that region has no oxide market
        int at = eq.at(q, e) >= 0 ? q : eq.stRegion;
        eq.eol[at * E + e] += eolByRegion[e * nR + q];
      }
    }
    for (int k = 0; k < groupKey.length; k++) {
      int grp = groupKey[k] / nR;
      int a = groupKey[k] % nR;
      double tonnes = Double.NaN;
      double share = Double.NaN;
      for (int product : Geography.products(grp)) {
        double c = trade.capTonnes(t, product, a);
        if (!Double.isNaN(c)) {
          tonnes = Double.isNaN(tonnes) ? c : tonnes + c;
        }
        double sh = trade.capShare(t, product, a);
        if (!Double.isNaN(sh)) {
          share = Double.isNaN(share) ? sh : Math.max(share, sh);
        }
      }
      double cap = tonnes;
      if (!Double.isNaN(share) && t > 0) {
        double fromShare = share * previousExports[k];
        cap = Double.isNaN(cap) ? fromShare : Math.min(cap, fromShare);
      }
      eq.exportCapT[k] = Double.isNaN(cap) ? Double.POSITIVE_INFINITY : Math.max(0, cap);
    }
    FeedRoutes routes = trade.routes();
    for (int li = 0; li < eq.nL; li++) {
      eq.linkCost[li] = linkA[li] == linkB[li] ? 0 : trade.cost(t, linkProduct[li], linkA[li], linkB[li]);
      int m = linkMine[li];
      if (m >= 0) {
        // a route the scenario closes this year carries nothing (capacity 0: no flow, no profit)
        Producer pr = producers.get(m);
        eq.linkCap[li] = routes.open(t, pr.id(), pr.region(), linkB[li]) ? Double.POSITIVE_INFINITY : 0;
        // elements the route's separator does not recover, sold in a mixed intermediate to the region
        // that separates them (market.routes, rule `elements`)
        for (int e = 0; e < E; e++) {
          double d = routes.elementShare(t, pr.id(), pr.region(), e, sendTo);
          boolean away = d > 0 && sendTo[0] != linkB[li] && eq.at(sendTo[0], e) >= 0;
          eq.sendShare[li * E + e] = away ? d : 0;
          eq.sendTo[li * E + e] = away ? sendTo[0] : linkB[li];
        }
      }
    }
    // strategic stockpiles release or buy a fixed tonnage in their region's oxide market (metal as its
    // oxide equivalent), or in the storage region's where the region has none
    java.util.Arrays.fill(eq.fixed, 0);
    java.util.Arrays.fill(stockpileOxide, 0);
    for (int e = 0; e < E; e++) {
      double perMetal = 1 / (market.oxideToMetal(e) * market.metalYield());
      for (int q = 0; q < nR; q++) {
        int po = TradedProduct.oxide(e).ordinal();
        int pmet = TradedProduct.metal(e).ordinal();
        double net = trade.stockpileRelease(t, po, q) - trade.stockpilePurchase(t, po, q)
            + (trade.stockpileRelease(t, pmet, q) - trade.stockpilePurchase(t, pmet, q)) * perMetal;
        if (net != 0) {
          int at = eq.at(q, e) >= 0 ? q : eq.stRegion;
          eq.fixed[eq.at(at, e)] += net;
          stockpileOxide[e] += net;
        }
      }
    }
  }

  private final int[] sendTo = new int[1];

  /** Oxide the strategic stockpiles release (positive) or buy in the year, by element, t. */
  private final double[] stockpileOxide = new double[E];

  private double averageCost(Stage stage) {
    double s = 0;
    int k = 0;
    for (Producer p : producers) {
      if (p.stage() == stage) {
        s += p.costUsdPerKg();
        k++;
      }
    }
    return k > 0 ? s / k : 1;
  }

  private void record(int t, int year, RunResult r) {
    int nP = producers.size();
    int nS = sectors.size();
    double[] x = eq.x;
    // the excess supply a solve left short of its tolerance, t (0 when it met it): bounds its balances
    double dust = eq.converged ? 0 : eq.residual();
    double mined = 0;
    double separated = 0;
    double metalMade = 0;
    double magnets = 0;
    double[] sep = new double[E];
    double otherReo = 0;
    for (int p = 0; p < nP; p++) {
      double q = eq.output(p);
      r.production[t * nP + p] = q;
      switch (eq.kind[p]) {
        case ElementEquilibrium.MINE -> {
          mined += q;
          for (int e = 0; e < E; e++) {
            sep[e] += q * eq.split[p * E + e];
          }
          otherReo += q * eq.otherShare[p];
        }
        case ElementEquilibrium.SEP -> separated += q;
        case ElementEquilibrium.METAL -> metalMade += q;
        default -> magnets += q;
      }
    }
    separatedByRegion(t, sep, r);
    double[] hE = new double[E];
    double metalNeedPerMagnet = 0;
    double[] madeIn = new double[nR];
    if (nR > 1) {
      for (int p = 0; p < nP; p++) {
        if (eq.kind[p] == ElementEquilibrium.MAGNET) {
          madeIn[eq.region[p]] += r.production[t * nP + p];
        }
      }
    }
    for (int e = 0; e < E; e++) {
      if (nR == 1) {
        hE[e] = eq.gradeFactor(e);
      } else {
        // the world's grade factor: each region's weighted by the magnets made there
        double num = 0;
        for (int q = 0; q < nR; q++) {
          if (madeIn[q] > 0) {
            num += madeIn[q] * eq.gradeFactor(q, e);
          }
        }
        hE[e] = magnets > 0 ? num / magnets : 1;
      }
      metalNeedPerMagnet += metal0[e] * hE[e];
    }
    double pM;
    double demandTotal = 0;
    double[] ds = new double[nS];
    if (nR == 1) {
      pM = x[ElementEquilibrium.IM];
      double pX = pM + x[ElementEquilibrium.ID];
      for (int s = 0; s < nS; s++) {
        ds[s] = (1 - eq.sticky[s]) * eq.sectorDemand(s, pM) + eq.sticky[s] * eq.sectorDemand(s, pX);
        demandTotal += ds[s];
      }
    } else {
      double paid = 0;
      for (int s = 0; s < nS; s++) {
        ds[s] = worldDemand(s, -1);
        demandTotal += ds[s];
      }
      for (int q = 0; q < nR; q++) {
        int im = eq.at(q, ElementEquilibrium.IM);
        if (im >= 0) {
          for (int s = 0; s < nS; s++) {
            paid += x[im] * eq.sectorDemand(s, q, x[im]);
          }
        }
      }
      double d = 0;
      for (int q = 0; q < nR; q++) {
        int im = eq.at(q, ElementEquilibrium.IM);
        if (im >= 0) {
          for (int s = 0; s < nS; s++) {
            d += eq.sectorDemand(s, q, x[im]);
          }
        }
      }
      pM = d > 0 ? paid / d : market.magnetReferencePrice(); // demand-weighted open price
    }
    // magnets: made = served; a maker's residual above demand (solver tolerance) is not made
    double served = Math.min(magnets, demandTotal);
    double metalNeed = served * metalNeedPerMagnet;
    for (int p = 0; p < nP; p++) {
      double q = r.production[t * nP + p];
      switch (eq.kind[p]) {
        case ElementEquilibrium.SEP -> r.production[t * nP + p] = separated > 0 ? q * mined / separated : 0;
        case ElementEquilibrium.METAL -> r.production[t * nP + p] = metalMade > 0 ? q * metalNeed / metalMade : 0;
        case ElementEquilibrium.MAGNET -> r.production[t * nP + p] = magnets > 0 ? q * served / magnets : 0;
        default -> {
        }
      }
    }
    // where no plant of a stage runs, what would feed it is solver dust (at most the tolerance of the
    // flows): nothing is mined, or no magnet needing metal is made
    if (separated <= 0 && mined > 0) {
      if (mined > 1e-9 * eq.flowScale[ElementEquilibrium.IS] + MassBalance.ABSOLUTE_FLOOR) {
        throw new MassBalanceException("element market in " + year + ": " + mined + " t REO mined, none separated");
      }
      for (int p = 0; p < nP; p++) {
        if (eq.kind[p] == ElementEquilibrium.MINE) {
          r.production[t * nP + p] = 0;
        }
      }
      mined = 0;
      otherReo = 0;
      java.util.Arrays.fill(sep, 0);
    }
    if (metalMade <= 0 && metalNeed > 0) {
      if (served > 1e-9 * eq.flowScale[ElementEquilibrium.IM] + MassBalance.ABSOLUTE_FLOOR) {
        throw new MassBalanceException("element market in " + year + ": " + served + " t of magnets, no metal made");
      }
      for (int p = 0; p < nP; p++) {
        if (eq.kind[p] == ElementEquilibrium.MAGNET) {
          r.production[t * nP + p] = 0;
        }
      }
      served = 0;
      metalNeed = 0;
    }
    for (int s = 0; s < nS; s++) {
      double sv = demandTotal > 0 ? ds[s] * served / demandTotal : 0;
      r.demand[t * nS + s] = ds[s];
      r.served[t * nS + s] = sv;
      r.unserved[t * nS + s] = Math.max(0, ds[s] - sv);
    }
    r.magnetPrice[t] = pM;
    r.magnetPremium[t] = x[eq.iD];
    r.separationMargin[t] = x[ElementEquilibrium.IS];
    double metalOut = 0;
    double oxideIn = 0;
    for (int e = 0; e < E; e++) {
      double metalE = metal0[e] * hE[e];
      double recE = rec0[e] * hE[e];
      double oxE = eq.ox[e] * hE[e];
      r.metalPerMagnet[t * E + e] = metalE;
      r.recycledPerMagnet[t * E + e] = recE;
      if (nR == 1) {
        r.oxidePrice[t * E + e] = x[e];
        r.oxidePriceUseWeighted[t * E + e] = x[e];
        r.metalPrice[t * E + e] = x[e] / (market.oxideToMetal(e) * market.metalYield()) + x[ElementEquilibrium.IT];
      } else {
        r.oxidePrice[t * E + e] = worldOxidePrice(e);
        r.oxidePriceUseWeighted[t * E + e] = useWeightedOxidePrice(e, madeIn);
        r.metalPrice[t * E + e] = r.oxidePrice[t * E + e] / (market.oxideToMetal(e) * market.metalYield())
            + worldPrice(ElementEquilibrium.IT);
      }
      double need = served * oxE;
      double fromEol = Math.min(eolOxide[e], need);
      double used = need - fromEol;
      double level = eq.stCap[e] > 0 ? eq.stock(e, x[eq.at(eq.stRegion, e)]) : 0;
      double change = level - storage[e];
      r.storageFlow[t * E + e] = -change;
      r.storageLevel[t * E + e] = level;
      storage[e] = level;
      // the uses outside magnets buy at their market's price (what the equilibrium cleared)
      double uses = 0;
      for (int q = 0; q < nR; q++) {
        int ie = eq.at(q, e);
        if (ie >= 0 && eq.useRef[q * E + e] > 0) {
          uses += eq.oxideUse(q, e, x[ie]);
        }
      }
      r.oxideUse[t * E + e] = uses;
      double surplus = sep[e] - used + (eolOxide[e] - fromEol) - change + (nR > 1 ? stockpileOxide[e] : 0) - uses;
      r.elementSeparated[t * E + e] = sep[e];
      r.elementUsed[t * E + e] = used;
      r.elementRecycled[t * E + e] = served * recE;
      r.elementEolRecycled[t * E + e] = eolOxide[e];
      r.elementSurplus[t * E + e] = surplus;
      double scale = Math.max(Math.max(sep[e], need), Math.max(Math.max(eolOxide[e], Math.abs(change)), uses));
      // a solve that stopped at Φ's rounding floor short of its tolerance (seen on regional markets
      // under a tight export cap: 6e-6 t of excess supply left on 2,700 t) leaves balances off by up to
      // its residual excess supply; a negative surplus within that is the solve's dust, not a shortfall
      // the world surplus sums the element's balances in every region, so its dust is the sum of theirs
      double dustE = eq.converged ? 0 : Math.max(dust, eq.residual(e));
      if (surplus >= -dustE) {
        surplus = Math.max(surplus, 0);
        r.elementSurplus[t * E + e] = surplus;
      }
      MassBalance.checkNonNegative("surplus of " + Element.values()[e].code(), year, surplus, scale);
      if (surplus < 0) {
        r.elementSurplus[t * E + e] = 0;
      }
      metalOut += (used + fromEol + served * recE) * market.oxideToMetal(e) * market.metalYield();
      oxideIn += used;
    }
    // the stage nearest its capacity, where it runs above 98 %
    double best = 0.98;
    Stage binding = null;
    for (Stage stage : Stage.values()) {
      double k = r.stageCapacity(t, stage);
      double u = k > 0 ? r.stageProduction(t, stage) / k : 0;
      if (u > best) {
        best = u;
        binding = stage;
      }
    }
    r.binding[t] = binding;
    checkBalances(t, year, r, mined, otherReo, metalNeed, metalOut, served, oxideIn);
    if (nR > 1) {
      recordRegional(t, year, r);
    }
  }

  /**
   * Oxide price of element e weighted by the oxide the magnets made in each region hold (markets by
   * region): Σ_q u_q p_q / Σ_q u_q, u_q = magnets made in q × h_qe (the grade factor of q's makers; the
   * design content and the oxide-to-metal factor are the same in every region and cancel), p_q the oxide
   * price in q; 0 where no magnets are made.
   */
  private double useWeightedOxidePrice(int e, double[] madeIn) {
    double num = 0;
    double den = 0;
    for (int q = 0; q < nR; q++) {
      int i = eq.at(q, e);
      if (madeIn[q] > 0 && i >= 0) {
        double u = madeIn[q] * eq.gradeFactor(q, e);
        num += u * eq.x[i];
        den += u;
      }
    }
    return den > 0 ? num / den : 0;
  }

  /**
   * Splits the element oxide separated in year t by the regions of the separation plants
   * ({@link RunResult#elementSeparatedIn}): the element in each market region's feed (its unrouted mines'
   * concentrate at their element split, plus each route's flow at its mine's split, a sent share going to
   * the region it is sent to), shared among that market region's plants by their output. One market
   * pools the feed: every plant separates the world's average concentrate ({@code sep}, by element).
   * The regions' values sum to the world's wherever a market region that receives feed separates.
   */
  private void separatedByRegion(int t, double[] sep, RunResult r) {
    int nG = chain.regionCodes().size();
    java.util.Arrays.fill(r.elementSeparatedIn, t * E * nG, (t + 1) * E * nG, 0.0);
    double[] feed = new double[nR * E];
    if (nR == 1) {
      System.arraycopy(sep, 0, feed, 0, E);
    } else {
      for (int p = 0; p < eq.nP; p++) {
        if (eq.kind[p] == ElementEquilibrium.MINE && eq.concOf[p] < 0) {
          double q = r.production[t * eq.nP + p];
          for (int e = 0; e < E; e++) {
            feed[eq.region[p] * E + e] += q * eq.split[p * E + e];
          }
        }
      }
      for (int li = 0; li < eq.nL; li++) {
        if (eq.linkKind[li] == ElementEquilibrium.ROUTE) {
          double f = eq.linkFlow(li);
          int p = eq.linkFrom[li];
          for (int e = 0; e < E; e++) {
            double d = eq.sendShare[li * E + e];
            feed[eq.linkTo[li] * E + e] += f * eq.split[p * E + e] * (1 - d);
            if (d != 0) {
              feed[eq.sendTo[li * E + e] * E + e] += f * eq.split[p * E + e] * d;
            }
          }
        }
      }
    }
    double[] separatedIn = new double[nR];
    for (int p = 0; p < eq.nP; p++) {
      if (eq.kind[p] == ElementEquilibrium.SEP) {
        separatedIn[eq.region[p]] += r.production[t * eq.nP + p];
      }
    }
    for (int p = 0; p < eq.nP; p++) {
      int m = eq.region[p];
      if (eq.kind[p] != ElementEquilibrium.SEP || separatedIn[m] <= 0) {
        continue;
      }
      double share = r.production[t * eq.nP + p] / separatedIn[m];
      int g = chain.producers().get(p).region();
      for (int e = 0; e < E; e++) {
        r.elementSeparatedIn[(t * E + e) * nG + g] += share * feed[m * E + e];
      }
    }
    // a region whose plants separate no ore of their own but receive an element an elements rule sends
    // there (separated as a mixed intermediate): the element is counted in that region
    for (int m = 0; m < nR; m++) {
      if (separatedIn[m] <= 0 && nR > 1) {
        for (int e = 0; e < E; e++) {
          r.elementSeparatedIn[(t * E + e) * nG + m] += feed[m * E + e];
        }
      }
    }
    r.elementSeparatedByRegion = true;
  }

  /** Separation-weighted oxide price of element e over the regions that separate (the highest where none runs). */
  private double worldOxidePrice(int e) {
    double num = 0;
    double den = 0;
    double any = 0;
    for (int li = 0; li < eq.nL; li++) {
      if (eq.linkKind[li] == ElementEquilibrium.ROUTE) {
        double f = eq.linkFlow(li) * eq.split[eq.linkFrom[li] * E + e];
        double d = eq.sendShare[li * E + e];
        double p = eq.x[eq.at(eq.linkTo[li], e)];
        double pSent = eq.x[eq.at(eq.sendTo[li * E + e], e)];
        num += f * ((1 - d) * p + d * pSent);
        den += f;
        any = Math.max(any, Math.max(p, pSent));
      }
    }
    return den > 0 ? num / den : any;
  }

  /** Average price of a good over the regions that have it, weighted by their flow scale. */
  private double worldPrice(int good) {
    double num = 0;
    double den = 0;
    for (int q = 0; q < nR; q++) {
      int i = eq.at(q, good);
      if (i >= 0) {
        num += eq.x[i];
        den += 1;
      }
    }
    return den > 0 ? num / den : 0;
  }

  /** Relative tolerance of a regional node's balance read from the solution (the solver meets 1e-11). */
  static final double NODE_TOLERANCE = 1e-6;

  /**
   * Regional results: prices by region and product, trade by link, demand by sector and region; and the
   * balance of every regional node with complementary slackness (a good with a price above its floor
   * clears; a good in surplus is free).
   */
  private void recordRegional(int t, int year, RunResult r) {
    double[] x = eq.x;
    double[] grad = eq.gradient();
    String[] goods = {"NdPr oxide", "Dy oxide", "Tb oxide", "separation", "metal making", "magnets"};
    for (int q = 0; q < nR; q++) {
      for (int good = 0; good < ElementEquilibrium.G; good++) {
        int i = eq.at(q, good);
        if (i < 0) {
          continue;
        }
        double tol = NODE_TOLERANCE * eq.flowScale[i] + MassBalance.ABSOLUTE_FLOOR;
        // magnets short at the choke price: the rest of the region's demand is unserved
        boolean choke = good == ElementEquilibrium.IM && x[i] >= eq.hi[i] * (1 - 1e-12);
        if (grad[i] < -tol && !choke) {
          throw new MassBalanceException("element market in " + year + ": " + goods[good] + " in "
              + chain.regionCodes().get(q) + " short by " + (-grad[i]) + " t");
        }
        if (grad[i] > tol && x[i] > eq.lo[i] + 1e-9 * Math.max(1, eq.priceScale[i])) {
          throw new MassBalanceException("element market in " + year + ": " + goods[good] + " in "
              + chain.regionCodes().get(q) + " in surplus by " + grad[i] + " t at a price of " + x[i]);
        }
      }
      int it = eq.at(q, ElementEquilibrium.IT);
      for (int e = 0; e < E; e++) {
        int ie = eq.at(q, e);
        if (ie >= 0) {
          r.regionalPrice(t, TradedProduct.oxide(e).ordinal(), q, x[ie]);
          if (it >= 0) {
            r.regionalPrice(t, TradedProduct.metal(e).ordinal(), q,
                x[ie] / (market.oxideToMetal(e) * market.metalYield()) + x[it]);
          }
        }
      }
      int is = eq.at(q, ElementEquilibrium.IS);
      if (is >= 0) {
        r.regionalPrice(t, TradedProduct.CONCENTRATE.ordinal(), q, x[is]);
      }
      int im = eq.at(q, ElementEquilibrium.IM);
      if (im >= 0) {
        r.regionalPrice(t, TradedProduct.MAGNET.ordinal(), q, x[im]);
        int nS = sectors.size();
        double dTotal = 0;
        for (int s = 0; s < nS; s++) {
          double held = eq.sticky[s * nR + q];
          double dq = (1 - held) * eq.sectorDemand(s, q, x[im]) + held * eq.sectorDemand(s, q, x[im] + x[eq.iD]);
          r.regionDemand[(t * nS + s) * nR + q] = dq;
          dTotal += dq;
        }
        // the region's shortfall (at the choke price) is its unserved demand, shared by its sectors
        double shortQ = Math.max(0, -grad[im]);
        for (int s = 0; s < nS; s++) {
          double dq = r.regionDemand[(t * nS + s) * nR + q];
          r.regionUnserved[(t * nS + s) * nR + q] = dTotal > 0 ? dq * Math.min(1, shortQ / dTotal) : 0;
        }
      }
    }
    for (int q = 0; q < nR; q++) {
      for (int p = 1; p < TradedProduct.COUNT - 1; p++) {
        double net = trade.stockpileRelease(t, p, q) - trade.stockpilePurchase(t, p, q);
        if (net != 0) {
          r.stockpileFlow(t, p, q, net);
        }
      }
    }
    java.util.Arrays.fill(previousExports, 0);
    double[] metalShare = new double[E];
    for (int li = 0; li < eq.nL; li++) {
      double f = eq.linkFlow(li);
      int a = linkA[li];
      int b = linkB[li];
      if (a == b || f <= 0) {
        continue;
      }
      int product = linkProduct[li];
      if (product == TradedProduct.NDPR_METAL.ordinal()) {
        // the metal-making toll carries metal of each element in the importer's magnet mix
        double sum = 0;
        for (int e = 0; e < E; e++) {
          metalShare[e] = metal0[e] * eq.gradeFactor(b, e);
          sum += metalShare[e];
        }
        for (int e = 0; e < E; e++) {
          int pm = TradedProduct.metal(e).ordinal();
          r.trade(t, pm, a, b, r.trade(t, pm, a, b) + (sum > 0 ? f * metalShare[e] / sum : 0));
        }
      } else {
        r.trade(t, product, a, b, r.trade(t, product, a, b) + f);
      }
      int grp = Geography.group(product);
      int k = grp < 0 ? -1 : groupOf[grp * nR + a];
      if (k >= 0) {
        previousExports[k] += f;
      }
    }
  }

  private void checkBalances(int t, int year, RunResult r, double mined, double otherReo, double metalNeed,
      double metalOut, double served, double oxideIn) {
    int nP = producers.size();
    double[] byStage = new double[4];
    for (int p = 0; p < nP; p++) {
      double q = r.production[t * nP + p];
      MassBalance.checkNonNegative("production of " + producers.get(p).id(), year, q);
      double k = r.capacity[t * nP + p];
      if (q > k * (1 + MassBalance.RELATIVE_TOLERANCE) + MassBalance.ABSOLUTE_FLOOR) {
        throw new MassBalanceException(producers.get(p).id() + " produces " + q + " above its capacity " + k
            + " in " + year);
      }
      byStage[producers.get(p).stage().ordinal()] += q;
    }
    for (int c = 0; c < em.caps().size(); c++) {
      ElementMarket.ProductionCap cap = em.caps().get(c);
      double sum = 0;
      for (int k = 0; k < cap.size(); k++) {
        sum += r.production[t * nP + cap.member(k)];
      }
      double limit = cap.capT(t);
      if (sum > limit * (1 + CAP_TOLERANCE) + MassBalance.ABSOLUTE_FLOOR) {
        throw new MassBalanceException("cap " + cap.id() + " exceeded in " + year + ": " + sum + " > " + limit);
      }
    }
    MassBalance.check("mining", year, byStage[Stage.MINING.ordinal()], mined);
    MassBalance.check("separation", year, byStage[Stage.SEPARATION.ordinal()], mined);
    double elements = 0;
    for (int e = 0; e < E; e++) {
      elements += r.elementSeparated[t * E + e];
    }
    MassBalance.check("separation products", year, mined, elements + otherReo);
    MassBalance.check("metal", year, byStage[Stage.METAL.ordinal()], metalOut);
    MassBalance.check("metal demand", year, metalOut, metalNeed);
    int nS = sectors.size();
    double servedSum = 0;
    for (int s = 0; s < nS; s++) {
      servedSum += r.served[t * nS + s];
    }
    MassBalance.check("magnet market", year, byStage[Stage.MAGNET.ordinal()], servedSum);
    MassBalance.check("magnet served", year, servedSum, served);
    // pre-consumer recycling by element: the oxide booked as recovered against the scrap of the booked
    // magnet output, its content from the metal booked per kg of magnet (grade = metal per magnet x yield)
    for (int e = 0; e < E; e++) {
      bookedGrade[e] = r.metalPerMagnet[t * E + e] * market.manufacturingYield();
    }
    AnnualEngine.checkScrapRecovery(year, byStage[Stage.MAGNET.ordinal()], bookedGrade, market, r.elementRecycled,
        t * E);
    for (int e = 0; e < E; e++) {
      double level = r.storageLevel[t * E + e];
      if (holder[e] != null && (level < -MassBalance.ABSOLUTE_FLOOR
          || level > holder[e].capacityT() * (1 + 1e-12))) {
        throw new MassBalanceException("storage of " + Element.values()[e].code() + " outside [0, capacity] in "
            + year);
      }
    }
    if (oxideIn < 0) {
      throw new MassBalanceException("negative oxide use in " + year);
    }
  }
}
