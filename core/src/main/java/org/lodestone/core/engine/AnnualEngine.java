package org.lodestone.core.engine;

import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

/**
 * The annual engine, first version: one global market per product and year along the vertical chain
 * mine → separation → metal → magnet → sectors.
 *
 * <h2>Each year</h2>
 * <ol>
 *   <li><b>Material coefficients.</b> The demand-weighted grade {@code g_e} (mass share of element e in
 *   the finished magnet) gives metal per kg of magnet {@code m_e = g_e / y_mfg} and oxide per kg of
 *   magnet {@code ox_e = m_e / (oxideToMetal_e · y_metal)}.</li>
 *   <li><b>Supply curve.</b> For a magnet output Q the marginal cost is
 *   {@code mc(Q) = c_magnet(Q) + Σ_e m_e · c_metal(Q Σ m) + Σ_e ox_e · c_oxide_e(Q)}, each stage's
 *   cost being that of its marginal producer in merit order; oxide costs come from the co-product
 *   dispatch of mines ({@link MineDispatch}) plus the marginal separation cost. {@code mc} is
 *   non-decreasing in Q.</li>
 *   <li><b>Capacity.</b> {@code Qmax} is the largest Q that every stage can supply (magnet and metal
 *   capacity, mine capacity for each element, separation capacity for the REO mined); the stage that
 *   sets it is reported as binding.</li>
 *   <li><b>Clearing</b> (partial equilibrium, Marshall): demand {@code D(p) = Σ_s D_s^ref (p/p_ref)^ε_s}
 *   (constant elasticity per sector) meets supply where {@code D(mc(Q)) = Q}; on a vertical step of
 *   the supply curve the price is {@code D⁻¹(Q)}. If capacity binds, the price rises to
 *   {@code D⁻¹(Qmax)}, at most to the choke price; demand still above supply at the choke price is
 *   unserved, shared pro rata by sector.</li>
 *   <li><b>Prices.</b> Oxide prices are the marginal costs of the elements (an element met wholly as a
 *   by-product is priced at the separation cost); a scarcity rent {@code p − mc(Qmax)} goes to the
 *   binding stage (to the short element's oxide price, to metal, or to the magnet makers); an oxide
 *   is never priced above its own choke price, and rent beyond it stays in the magnet price. Metal
 *   prices are oxide prices per kg of metal recovered plus the marginal metal-making cost.</li>
 *   <li><b>Mass balance</b> is checked at every process: mining, separation, metal making, magnet
 *   making and the magnet market, with {@link MassBalance#RELATIVE_TOLERANCE}.</li>
 * </ol>
 *
 * <p>Not thread-safe: one instance per run. {@link #run} is the entry point and may be called from
 * many threads at once on the same (immutable) chain.
 */
public final class AnnualEngine {
  private static final int E = Element.COUNT;
  private static final int BISECTION_STEPS = 200;

  private final SupplyChain chain;
  private final MarketParameters market;
  private final List<Producer> producers;
  private final List<Sector> sectors;
  private final MineDispatch mines;
  private final MeritOrder separation;
  private final MeritOrder metal;
  private final MeritOrder magnet;
  private final double[] capacityYear;
  private final double[] costYear;
  private final double[] required = new double[E];
  private final double[] metalPerMagnet = new double[E];
  private final double[] oxidePerMagnet = new double[E];
  private final double[] recycledPerMagnet = new double[E];
  /** End-of-life oxide available this year, t by element (collected last year, recovered now). */
  private final double[] eolOxide = new double[E];
  private final EndOfLifeFlows endOfLife;
  private final DynamicState dynamics;
  private final double[] eolByRegion;
  private final double[] demandRefYear;
  private final double[] elasticity;
  private double metalTotalPerMagnet;
  private double gradeTotal;
  /** The grades of the year's mix by element (mass share of the finished magnet). */
  private final double[] gradeMix = new double[E];

  // outputs of the last evaluate() call
  private double mcMagnet;
  private double mcMetal;
  private double mcSeparation;
  private final double[] mcOxide = new double[E];

  private AnnualEngine(SupplyChain chain) {
    this.chain = chain;
    this.market = chain.market();
    this.producers = chain.producers();
    this.sectors = chain.sectors();
    this.capacityYear = new double[producers.size()];
    this.costYear = new double[producers.size()];
    this.separation = order(Stage.SEPARATION);
    this.metal = order(Stage.METAL);
    this.magnet = order(Stage.MAGNET);
    int[] mineIdx = chain.producersOf(Stage.MINING);
    double[] mineCost = new double[mineIdx.length];
    double[] split = new double[mineIdx.length * E];
    for (int i = 0; i < mineIdx.length; i++) {
      Producer p = producers.get(mineIdx[i]);
      mineCost[i] = p.offerCostT(0);
      for (int e = 0; e < E; e++) {
        split[i * E + e] = chain.depositSplit(p.deposit(), e);
      }
    }
    this.mines = new MineDispatch(mineIdx, mineCost, split);
    this.endOfLife = new EndOfLifeFlows(chain);
    this.dynamics = new DynamicState(chain);
    this.eolByRegion = new double[E * chain.regionCodes().size()];
    this.demandRefYear = new double[sectors.size()];
    this.elasticity = new double[sectors.size()];
    for (int s = 0; s < sectors.size(); s++) {
      elasticity[s] = sectors.get(s).elasticity();
    }
  }

  private MeritOrder order(Stage stage) {
    int[] idx = chain.producersOf(stage);
    double[] cost = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      cost[i] = producers.get(idx[i]).offerCostT(0);
    }
    return new MeritOrder(idx, cost);
  }

  /**
   * Runs every year of the chain's axis with the chain's market model ({@link MarketModel#of}): one
   * global merit-order market per product, the regional markets ({@link RegionalEngine}) when the chain
   * has a trade set-up, or the element-price market ({@link ElementMarketEngine}).
   */
  public static RunResult run(SupplyChain chain) {
    return MarketModel.of(chain).run(chain);
  }

  /** One global merit-order market per product ({@link MarketModel#MERIT_ORDER}). */
  static RunResult runGlobal(SupplyChain chain) {
    AnnualEngine engine = new AnnualEngine(chain);
    RunResult result = new RunResult(chain);
    for (int t = 0; t < chain.axis().size(); t++) {
      engine.dynamics.beginYear(t, result);
      engine.solveYear(t, result);
      engine.dynamics.deliveredGrades(t, result);
      engine.dynamics.endYear(t, result);
    }
    stocksInUse(chain, result);
    return result;
  }

  /**
   * Products in use: each sector's served magnets enter a dynamic stock model with the sector's
   * lifetime (inflow-driven, ODYM's {@code end} convention). The stock holds the magnets put in use
   * from the first year of the run and, where the sector has them ({@link Sector#priorInflowT()}),
   * the cohorts of earlier years at the sector's grade: the model runs from the earliest of those
   * years and reports the run's years, so those cohorts are in the opening stock and leave it by the
   * lifetime. Checks the stock balance inflow = outflow + stock change, the first year against the
   * opening stock.
   */
  static void stocksInUse(SupplyChain chain, RunResult r) {
    List<Sector> sectors = chain.sectors();
    int n = chain.axis().size();
    List<Integer> withLifetime = new java.util.ArrayList<>();
    int prior = 0; // years modelled before the first year of the axis
    for (int s = 0; s < sectors.size(); s++) {
      if (sectors.get(s).lifetime() != null) {
        withLifetime.add(s);
        prior = Math.max(prior, sectors.get(s).priorYears());
      }
    }
    if (withLifetime.isEmpty()) {
      return;
    }
    // series k < m: magnets of sector k; series m + k * E + e: element e in them (each year's
    // inflow at that year's grade; the model is linear, so cohorts keep their grade). Model year
    // index u = t + prior.
    int m = withLifetime.size();
    int series = m * (1 + E);
    int nS = sectors.size();
    int nu = n + prior;
    org.lodestone.core.stock.LifetimeModel[] laws = new org.lodestone.core.stock.LifetimeModel[series];
    double[] inflow = new double[nu * series];
    for (int k = 0; k < m; k++) {
      int s = withLifetime.get(k);
      Sector sec = sectors.get(s);
      laws[k] = sec.lifetime();
      for (int e = 0; e < E; e++) {
        laws[m + k * E + e] = laws[k];
      }
      for (int u = 0; u < prior; u++) {
        double before = sec.priorInflowT(prior - u);
        inflow[u * series + k] = before;
        for (int e = 0; e < E; e++) {
          inflow[u * series + m + k * E + e] = before * sec.grade(e);
        }
      }
      for (int t = 0; t < n; t++) {
        double served = r.served[t * nS + s];
        int u = t + prior;
        inflow[u * series + k] = served;
        for (int e = 0; e < E; e++) {
          inflow[u * series + m + k * E + e] = served * r.sectorGrade[(t * nS + s) * E + e];
        }
      }
    }
    org.lodestone.core.stock.StockResult stock = new org.lodestone.core.stock.InflowDrivenModel(
        org.lodestone.core.stock.SurvivalTable.constant(nu, org.lodestone.core.stock.TimeConvention.END, laws))
        .run(inflow);
    for (int k = 0; k < m; k++) {
      int s = withLifetime.get(k);
      double previous = prior > 0 ? stock.stock(k, prior - 1) : 0;
      for (int t = 0; t < n; t++) {
        int u = t + prior;
        for (int e = 0; e < E; e++) {
          r.stockElement[(t * nS + s) * E + e] = stock.stock(m + k * E + e, u);
          r.eolElement[(t * nS + s) * E + e] = stock.outflow(m + k * E + e, u);
        }
        double st = stock.stock(k, u);
        double out = stock.outflow(k, u);
        r.stockInUse[t * sectors.size() + s] = st;
        r.eolOutflow[t * sectors.size() + s] = out;
        MassBalance.check("stock in use of " + sectors.get(s).id(), chain.axis().year(t),
            inflow[u * series + k], out + (st - previous));
        MassBalance.checkNonNegative("stock in use of " + sectors.get(s).id(), chain.axis().year(t), st);
        previous = st;
      }
    }
  }

  private void solveYear(int t, RunResult r) {
    int year = chain.axis().year(t);
    int nP = producers.size();
    int nS = sectors.size();
    for (int p = 0; p < nP; p++) {
      capacityYear[p] = dynamics.capacity(p, t);
      costYear[p] = producers.get(p).offerCostT(t);
      r.capacity[t * nP + p] = capacityYear[p];
    }
    mines.costs(costYear);
    separation.costs(costYear);
    metal.costs(costYear);
    magnet.costs(costYear);
    mines.load(capacityYear);
    endOfLife.compute(t, r, eolByRegion, eolOxide);
    separation.load(capacityYear);
    metal.load(capacityYear);
    magnet.load(capacityYear);

    // material coefficients from the grade of the magnets served. Served magnets are shared pro rata
    // to the sectors' demand at the market price, so the mix depends on the price: start from the mix
    // at last year's price (the reference price in the first year), and clear again with the mix at
    // the cleared price while it moves the grade by more than 0.1 % (at most MIX_ROUNDS clearings);
    // what is left is reconciled by DynamicState.deliveredGrades
    double dTotal = 0;
    for (int s = 0; s < nS; s++) {
      // after magnet-free substitution; demand_reference reports the demand before it
      double d = dynamics.referenceDemand(s, t);
      demandRefYear[s] = d;
      r.demandReference[t * nS + s] = sectors.get(s).referenceDemandT(t);
      dTotal += d;
    }
    double guess = t > 0 && r.magnetPrice[t - 1] > 0 ? r.magnetPrice[t - 1] : market.magnetReferencePrice();
    double[] weight = new double[nS];
    for (int s = 0; s < nS; s++) {
      weight[s] = sectorDemand(s, guess);
    }
    double[] g = new double[E];
    double pCap = market.magnetPriceCap();
    double qMax = 0;
    boolean costBound = false;
    double price = 0;
    double quantity = 0;
    boolean bound = false;
    for (int round = 0; round < MIX_ROUNDS; round++) {
      coefficients(weight, g);
      double[] cleared = clear(dTotal, pCap);
      qMax = cleared[0];
      costBound = cleared[1] != 0;
      price = cleared[2];
      quantity = cleared[3];
      bound = cleared[4] != 0;
      if (dTotal <= 0) {
        break;
      }
      double[] next = new double[nS];
      for (int s = 0; s < nS; s++) {
        next[s] = sectorDemand(s, price);
      }
      if (sameMix(next, g)) {
        break;
      }
      weight = next;
    }

    // served and unserved by sector
    double dAtPrice = demand(price);
    for (int s = 0; s < nS; s++) {
      double ds = sectorDemand(s, price);
      double served = dAtPrice > 0 ? ds * Math.min(1.0, quantity / dAtPrice) : 0;
      r.demand[t * nS + s] = ds;
      r.served[t * nS + s] = served;
      r.unserved[t * nS + s] = ds - served;
    }

    // prices: marginal costs at the cleared quantity, plus the rent p − mc shared by the stages
    // whose supply steps up (or runs out) just above it, so every stage's price lies between its
    // marginal producer's cost and the next one's
    double mc = evaluate(quantity);
    double metalT = quantity * metalTotalPerMagnet;
    double[] left = {mcMagnet, mcMetal, mcOxide[0], mcOxide[1], mcOxide[2]};
    double[] coef = {1, metalTotalPerMagnet, oxidePerMagnet[0], oxidePerMagnet[1], oxidePerMagnet[2]};
    double[] right = new double[5];
    rightMarginalCost(quantity, right);
    evaluate(quantity); // restore the dispatch at the cleared quantity
    double rent = Math.max(0, price - mc);
    double[] add = new double[5];
    Stage binding = null;
    Element bindingElement = null;
    if (rent > 0 || bound) {
      int infinite = 0;
      double finiteJump = 0;
      for (int c = 0; c < 5; c++) {
        if (coef[c] <= 0) {
          continue;
        }
        if (Double.isInfinite(right[c])) {
          infinite++;
        } else {
          finiteJump += coef[c] * Math.max(0, right[c] - left[c]);
        }
      }
      for (int c = 0; c < 5; c++) {
        if (coef[c] <= 0) {
          continue;
        }
        if (infinite > 0) {
          if (Double.isInfinite(right[c])) {
            add[c] = rent / infinite / coef[c];
            if (binding == null) {
              binding = c == 0 ? Stage.MAGNET : c == 1 ? Stage.METAL : bindingUpstream;
              if (binding == Stage.MINING) {
                bindingElement = Element.values()[c - 2];
              }
            }
          }
        } else if (finiteJump > 0) {
          add[c] = rent * Math.max(0, right[c] - left[c]) / finiteJump;
        } else if (c == 0) {
          add[c] = rent; // no step anywhere (rounding): the magnet makers' margin
        }
      }
    }
    r.magnetPrice[t] = price;
    r.separationMargin[t] = mcSeparation;
    for (int e = 0; e < E; e++) {
      r.metalPerMagnet[t * E + e] = metalPerMagnet[e];
      r.recycledPerMagnet[t * E + e] = recycledPerMagnet[e];
    }
    r.binding[t] = bound ? (binding == null && costBound ? null : binding) : null;
    r.bindingElement[t] = bound ? bindingElement : null;
    for (int e = 0; e < E; e++) {
      // an oxide is never priced above its own choke price; rent beyond it stays with the magnet
      // makers (it is already inside the magnet price)
      double oxide = Math.min(left[2 + e] + add[2 + e], Math.max(left[2 + e], market.oxidePriceCap(e)));
      r.oxidePrice[t * E + e] = oxide;
      r.metalPrice[t * E + e] = oxide / (market.oxideToMetal(e) * market.metalYield()) + left[1] + add[1];
    }
    double minedReo = mines.totalOutput;
    for (int i = 0; i < mines.producer.length; i++) {
      r.production[t * nP + mines.producer[i]] = mines.output[i];
    }
    for (int k = 0; k < separation.size(); k++) {
      r.production[t * nP + separation.producer[k]] = separation.output[k];
    }
    for (int k = 0; k < metal.size(); k++) {
      r.production[t * nP + metal.producer[k]] = metal.output[k];
    }
    for (int k = 0; k < magnet.size(); k++) {
      r.production[t * nP + magnet.producer[k]] = magnet.output[k];
    }
    double separatedElements = 0;
    double usedOxide = 0;
    double recycledOxide = 0;
    double eolUsed = 0;
    double metalOut = 0;
    double oxygen = 0;
    double metalLoss = 0;
    for (int e = 0; e < E; e++) {
      double sep = mines.elementOutput[e];
      double need = quantity * oxidePerMagnet[e];
      double fromEol = Math.min(eolOxide[e], need);
      double used = need - fromEol;
      double recycled = quantity * recycledPerMagnet[e];
      r.elementSeparated[t * E + e] = sep;
      r.elementUsed[t * E + e] = used;
      r.elementRecycled[t * E + e] = recycled;
      r.elementEolRecycled[t * E + e] = eolOxide[e];
      r.elementSurplus[t * E + e] = sep - used + (eolOxide[e] - fromEol);
      separatedElements += sep;
      usedOxide += used;
      recycledOxide += recycled;
      eolUsed += fromEol;
      double contained = (used + recycled + fromEol) * market.oxideToMetal(e);
      oxygen += used + recycled + fromEol - contained;
      metalLoss += contained * (1 - market.metalYield());
      metalOut += contained * market.metalYield();
      MassBalance.checkCovers("surplus of " + Element.values()[e].code(), year, sep, used);
    }
    checkBalances(year, t, r, minedReo, separatedElements, usedOxide, recycledOxide + eolUsed, metalOut,
        oxygen, metalLoss, metalT, quantity);
  }

  private void checkBalances(int year, int t, RunResult r, double minedReo, double separatedElements,
      double usedOxide, double recycledOxide, double metalOut, double oxygen, double metalLoss,
      double metalT, double quantity) {
    int nP = producers.size();
    double mining = 0;
    double sep = 0;
    double met = 0;
    double mag = 0;
    for (int p = 0; p < nP; p++) {
      double x = r.production[t * nP + p];
      MassBalance.checkNonNegative("production of " + producers.get(p).id(), year, x);
      if (x > capacityYear[p] * (1 + MassBalance.RELATIVE_TOLERANCE) + MassBalance.ABSOLUTE_FLOOR) {
        throw new MassBalanceException(producers.get(p).id() + " produces " + x + " above its capacity "
            + capacityYear[p] + " in " + year);
      }
      switch (producers.get(p).stage()) {
        case MINING -> mining += x;
        case SEPARATION -> sep += x;
        case METAL -> met += x;
        case MAGNET -> mag += x;
        default -> throw new IllegalStateException();
      }
    }
    double otherReo = minedReo - separatedElements;
    double surplus = separatedElements - usedOxide;
    // mining => separation: all REO mined is separated
    MassBalance.check("mining", year, mining, minedReo);
    // separation: REO in = magnet oxides to metal making + surplus oxides + other rare earths
    MassBalance.check("separation", year, sep, usedOxide + surplus + otherReo);
    // metal making: separated and recycled oxide in = metal out + oxygen removed + process loss
    // (recycledOxide includes end-of-life oxide used)
    MassBalance.check("metal", year, usedOxide + recycledOxide, metalOut + oxygen + metalLoss);
    MassBalance.check("metal output", year, met, metalOut);
    MassBalance.check("metal demand", year, metalOut, metalT);
    // magnet making: RE metal + iron, boron and additives in = magnets + machining scrap
    double alloy = quantity / market.manufacturingYield();
    double otherMaterials = alloy * (1 - gradeTotal);
    MassBalance.check("magnet", year, metalOut + otherMaterials, mag + (alloy - quantity));
    // pre-consumer recycling by element: the oxide booked as recovered against the scrap the booked
    // magnet output left (not against the coefficient the booking was made with)
    checkScrapRecovery(year, mag, gradeMix, market, r.elementRecycled, t * E);
    // magnet market: production = served demand
    double served = 0;
    int nS = sectors.size();
    for (int s = 0; s < nS; s++) {
      served += r.served[t * nS + s];
      MassBalance.checkNonNegative("unserved demand of " + sectors.get(s).id(), year, r.unserved[t * nS + s]);
    }
    MassBalance.check("magnet market", year, mag, served);
  }

  /**
   * Pre-consumer recycling, element by element: the oxide booked as recovered from machining scrap
   * ({@code recoveredOxideT[offset + e]}, t oxide) must equal the element's content in the scrap left
   * by the booked magnet output times its recovery rate, as oxide:
   * {@code magnetT × (1 / manufacturingYield − 1) × grade[e] × scrapRecoveryRate[e] / oxideToMetal[e]}.
   * The scrap is the alloy taken in less the finished magnets made (the definition of the
   * manufacturing yield: magnet = yield × alloy), so {@code magnetT} is the magnet makers' booked
   * production, not the cleared quantity the booking was computed from; the rate is read by element,
   * so a booking at one rate for all elements, on a metal basis, or on the alloy instead of its scrap
   * fails. Package-private as the seam {@code ScrapBalanceTest} drives with wrong bookings.
   *
   * @param magnetT        finished magnets made in the year, t
   * @param grade          rare-earth metal content by element, kg per kg of magnet
   * @param recoveredOxideT flat array holding the booked recovered oxide by element from {@code offset}, t
   * @throws MassBalanceException naming the element, year and imbalance
   */
  static void checkScrapRecovery(int year, double magnetT, double[] grade, MarketParameters market,
      double[] recoveredOxideT, int offset) {
    double scrapT = magnetT / market.manufacturingYield() - magnetT;
    for (int e = 0; e < E; e++) {
      double contentT = scrapT * grade[e];
      double recoverable = contentT * market.scrapRecoveryRate(e) / market.oxideToMetal(e);
      MassBalance.check(SCRAP_CHECK[e], year, recoverable, recoveredOxideT[offset + e]);
    }
  }

  private static final String[] SCRAP_CHECK = java.util.Arrays.stream(Element.values())
      .map(el -> "scrap recycling of " + el.code() + " (t oxide: scrap content x rate vs booked)")
      .toArray(String[]::new);

  /** Largest x in [lo, hi] with {@code test(x)} true, for a test that is true up to a point. */
  private static double largest(double lo, double hi, java.util.function.DoublePredicate test) {
    if (test.test(hi)) {
      return hi;
    }
    for (int i = 0; i < BISECTION_STEPS && hi - lo > 1e-13 * Math.max(hi, 1e-300); i++) {
      double mid = 0.5 * (lo + hi);
      if (test.test(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Clearings at most per year while the served mix moves the material coefficients (see solveYear). */
  private static final int MIX_ROUNDS = 3;

  /**
   * Material coefficients from the sectors' grades weighted by {@code weight} (t magnet by sector):
   * {@code g}, metal, recycled scrap oxide and oxide per kg of magnet.
   */
  private void coefficients(double[] weight, double[] g) {
    dynamics.mixGrade(weight, g);
    gradeTotal = 0;
    metalTotalPerMagnet = 0;
    for (int e = 0; e < E; e++) {
      gradeMix[e] = g[e];
      gradeTotal += g[e];
      metalPerMagnet[e] = g[e] / market.manufacturingYield();
      // pre-consumer loop: machining scrap comes back as oxide and displaces separated oxide
      recycledPerMagnet[e] = market.scrapOxidePerMagnet(e, g[e]);
      oxidePerMagnet[e] = metalPerMagnet[e] / (market.oxideToMetal(e) * market.metalYield())
          - recycledPerMagnet[e];
      metalTotalPerMagnet += metalPerMagnet[e];
    }
  }

  /** Whether sector weights {@code w} give grades within 0.1 % (relative) of {@code g}. */
  private boolean sameMix(double[] w, double[] g) {
    double[] h = new double[E];
    dynamics.mixGrade(w, h);
    for (int e = 0; e < E; e++) {
      if (Math.abs(h[e] - g[e]) > 1e-3 * g[e] + 1e-15) {
        return false;
      }
    }
    return true;
  }

  /** Capacity and clearing with the current coefficients: {qMax, costBound, price, quantity, bound}. */
  private double[] clear(double dTotal, double pCap) {
    // capacity: the largest magnet output every stage can supply
    double qMax = magnet.totalCapacity;
    if (metalTotalPerMagnet > 0) {
      qMax = Math.min(qMax, metal.totalCapacity / metalTotalPerMagnet);
    }
    for (int e = 0; e < E; e++) {
      if (oxidePerMagnet[e] > 0) {
        qMax = Math.min(qMax, (mines.maxElement(e) + eolOxide[e]) / oxidePerMagnet[e]);
      }
    }
    if (!upstreamFeasible(qMax)) {
      qMax = largest(0, qMax, q -> upstreamFeasible(q));
    }
    // nobody buys a unit that costs more than the choke price: supply stops where mc reaches it
    boolean costBound = false;
    if (qMax > 0 && evaluate(qMax) > pCap) {
      qMax = largest(0, qMax, q -> evaluate(q) <= pCap);
      costBound = true;
    }

    // clearing: D(mc(Q)) = Q on the supply curve, or D⁻¹(Qmax) when capacity binds
    double price;
    double quantity;
    boolean bound;
    if (dTotal <= 0) {
      quantity = 0;
      bound = false;
      price = qMax > 0 || evaluate(0) <= pCap ? evaluate(0) : pCap;
    } else if (qMax <= 0) {
      quantity = 0;
      bound = true;
      price = pCap;
    } else if (demand(evaluate(qMax)) >= qMax) {
      bound = true;
      quantity = qMax;
      price = demand(pCap) >= qMax ? pCap : inverseDemand(qMax, evaluate(qMax), pCap);
    } else {
      bound = false;
      double q = largest(0, qMax, x -> demand(Math.min(evaluate(x), pCap)) >= x);
      double left = Math.min(evaluate(q), pCap);
      boolean onStep = false;
      if (demand(left) <= q * (1 + 1e-9) + 1e-9) {
        price = left; // the marginal producer is partly dispatched: price = its cost
      } else {
        double right = Math.min(rightMarginalCost(q), pCap);
        price = Math.max(left, Math.min(right, inverseDemand(q, left, right)));
        // on a vertical step of the supply curve the cleared quantity is the step itself; demand at
        // the (numerically inverted) price would overshoot it by rounding and make the next, dearer
        // producer look marginal in the price split below
        onStep = price > left && price < right;
      }
      quantity = onStep ? q : Math.min(demand(price), qMax);
    }
    return new double[] {qMax, costBound ? 1 : 0, price, quantity, bound ? 1 : 0};
  }

  /** Upstream stage that runs out just above the last {@link #rightMarginalCost} quantity. */
  private Stage bindingUpstream;

  private double rightMarginalCost(double q) {
    return rightMarginalCost(q, new double[5]);
  }

  /**
   * Marginal cost of the next unit just above magnet output {@code q}, by component: magnet making,
   * metal making, and the three oxides (each {@code +Infinity} where that supply is exhausted).
   * Returns the total per kg of magnet. Leaves the dispatch in an arbitrary state.
   */
  private double rightMarginalCost(double q, double[] out) {
    double q2 = q + Math.max(q * 1e-9, 1e-9);
    bindingUpstream = null;
    out[0] = q2 > magnet.totalCapacity * (1 + 1e-12) ? Double.POSITIVE_INFINITY : nanToZero(magnet.dispatch(q2));
    if (metalTotalPerMagnet > 0) {
      double m = q2 * metalTotalPerMagnet;
      out[1] = m > metal.totalCapacity * (1 + 1e-12) ? Double.POSITIVE_INFINITY : nanToZero(metal.dispatch(m));
    } else {
      out[1] = 0;
    }
    for (int e = 0; e < E; e++) {
      required[e] = Math.max(0, q2 * oxidePerMagnet[e] - eolOxide[e]);
    }
    mines.dispatch(required, 1e-12);
    boolean sepOut = mines.totalOutput > separation.totalCapacity * (1 + 1e-12) + 1e-12;
    double sepCost = sepOut ? 0 : nanToZero(separation.dispatch(mines.totalOutput));
    double total = out[0] + metalTotalPerMagnet * out[1];
    for (int e = 0; e < E; e++) {
      if (mines.shortElement == e) {
        out[2 + e] = Double.POSITIVE_INFINITY;
        bindingUpstream = Stage.MINING;
      } else if (sepOut && oxidePerMagnet[e] > 0) {
        out[2 + e] = Double.POSITIVE_INFINITY;
        if (bindingUpstream == null) {
          bindingUpstream = Stage.SEPARATION;
        }
      } else {
        int m = mines.marginalMine[e];
        out[2 + e] = m >= 0 ? (mines.cost[m] + sepCost) / mines.split[m * E + e] : sepCost;
      }
      if (oxidePerMagnet[e] > 0) {
        total += oxidePerMagnet[e] * out[2 + e];
      }
    }
    return total;
  }

  /** Whether mines and separation can supply the oxides for magnet output {@code q}. */
  private boolean upstreamFeasible(double q) {
    for (int e = 0; e < E; e++) {
      required[e] = Math.max(0, q * oxidePerMagnet[e] - eolOxide[e]);
    }
    mines.dispatch(required, 1e-12);
    return mines.shortElement < 0
        && mines.totalOutput <= separation.totalCapacity * (1 + 1e-12) + 1e-12;
  }

  /**
   * Dispatches every stage for magnet output {@code q} and returns the marginal cost of magnet
   * supply there, USD/kg magnet. Leaves the marginal costs by stage in fields.
   */
  private double evaluate(double q) {
    mcMagnet = nanToZero(magnet.dispatch(q));
    mcMetal = metalTotalPerMagnet > 0 ? nanToZero(metal.dispatch(q * metalTotalPerMagnet)) : 0;
    if (metalTotalPerMagnet <= 0) {
      metal.dispatch(0);
    }
    for (int e = 0; e < E; e++) {
      required[e] = Math.max(0, q * oxidePerMagnet[e] - eolOxide[e]);
    }
    mines.dispatch(required, 1e-12);
    mcSeparation = nanToZero(separation.dispatch(mines.totalOutput));
    double mc = mcMagnet + metalTotalPerMagnet * mcMetal;
    for (int e = 0; e < E; e++) {
      int m = mines.marginalMine[e];
      if (m >= 0) {
        double f = mines.split[m * E + e];
        mcOxide[e] = (mines.cost[m] + mcSeparation) / f;
      } else {
        mcOxide[e] = mcSeparation;
      }
      mc += oxidePerMagnet[e] * mcOxide[e];
    }
    return mc;
  }

  private static double nanToZero(double x) {
    return Double.isNaN(x) ? 0 : x;
  }

  private double sectorDemand(int s, double price) {
    double d = demandRefYear[s];
    if (d <= 0 || elasticity[s] == 0) {
      return d;
    }
    double p = Math.max(price, 1e-9 * market.magnetReferencePrice());
    return d * Math.pow(p / market.magnetReferencePrice(), elasticity[s]);
  }

  private double demand(double price) {
    double sum = 0;
    for (int s = 0; s < demandRefYear.length; s++) {
      sum += sectorDemand(s, price);
    }
    return sum;
  }

  /** The price in [lo, hi] where demand equals {@code q} (demand is non-increasing in price). */
  private double inverseDemand(double q, double lo, double hi) {
    if (demand(hi) >= q) {
      return hi;
    }
    if (demand(lo) <= q) {
      return lo;
    }
    for (int i = 0; i < BISECTION_STEPS && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (demand(mid) >= q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
