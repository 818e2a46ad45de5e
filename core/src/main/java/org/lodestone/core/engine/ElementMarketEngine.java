package org.lodestone.core.engine;

import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.ElementMarket;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

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
  private final double[] ox0 = new double[E];
  private final double[] storage = new double[E];
  private final ElementMarket.Storage[] holder = new ElementMarket.Storage[E];
  private final double[] weight;
  private boolean warm;
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
    this.eq = new ElementEquilibrium(producers.size(), em.caps().size(), sectors.size());
    this.weight = new double[sectors.size()];
    int china = chain.chinaRegion();
    for (int p = 0; p < producers.size(); p++) {
      Producer pr = producers.get(p);
      eq.kind[p] = switch (pr.stage()) {
        case MINING -> ElementEquilibrium.MINE;
        case SEPARATION -> ElementEquilibrium.SEP;
        case METAL -> ElementEquilibrium.METAL;
        default -> ElementEquilibrium.MAGNET;
      };
      eq.exChina[p] = china >= 0 && pr.region() != china;
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
      double outside = china >= 0 ? 1 - sec.regionShare(china) : 0;
      eq.sticky[s] = em.stickyShare() * Math.max(0, outside);
    }
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
    for (int e = 0; e < E; e++) {
      eq.eol[e] = eolOxide[e];
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
      eq.dRef[s] = dynamics.referenceDemand(s, t);
      r.demandReference[t * nS + s] = sectors.get(s).referenceDemandT(t);
    }
    double guess = t > 0 && r.magnetPrice[t - 1] > 0 ? r.magnetPrice[t - 1] : market.magnetReferencePrice();
    for (int s = 0; s < nS; s++) {
      weight[s] = eq.sectorDemand(s, guess);
    }
    java.util.Arrays.fill(gradeRaw, -1);
    coefficients(weight);
    if (!warm) {
      start();
      warm = true;
    }
    if (perturb != null) {
      for (int i = 0; i < eq.n; i++) {
        eq.x[i] = i == ElementEquilibrium.IM || i < E ? Math.max(eq.x[i], 1) * (0.2 + 4 * perturb.nextDouble())
            : 10 * perturb.nextDouble();
      }
    }
    for (int round = 0; round < MIX_ROUNDS; round++) {
      eq.prepare();
      eq.solve();
      for (int s = 0; s < nS; s++) {
        weight[s] = eq.sectorDemand(s, eq.x[ElementEquilibrium.IM]);
      }
      if (round == MIX_ROUNDS - 1 || !coefficients(weight)) {
        break;
      }
    }
    record(t, year, r);
  }

  /** Starting point of the first year: reference prices, average costs, no rents. */
  private void start() {
    for (int e = 0; e < E; e++) {
      eq.x[e] = market.oxideReferencePrice(e);
    }
    eq.x[ElementEquilibrium.IS] = averageCost(Stage.SEPARATION);
    eq.x[ElementEquilibrium.IT] = averageCost(Stage.METAL);
    eq.x[ElementEquilibrium.IM] = market.magnetReferencePrice();
  }

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
    double[] hE = new double[E];
    double metalNeedPerMagnet = 0;
    for (int e = 0; e < E; e++) {
      hE[e] = eq.gradeFactor(e);
      metalNeedPerMagnet += metal0[e] * hE[e];
    }
    double pM = x[ElementEquilibrium.IM];
    double pX = pM + x[ElementEquilibrium.ID];
    double demandTotal = 0;
    double[] ds = new double[nS];
    for (int s = 0; s < nS; s++) {
      ds[s] = (1 - eq.sticky[s]) * eq.sectorDemand(s, pM) + eq.sticky[s] * eq.sectorDemand(s, pX);
      demandTotal += ds[s];
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
    r.magnetPremium[t] = x[ElementEquilibrium.ID];
    r.separationMargin[t] = x[ElementEquilibrium.IS];
    double metalOut = 0;
    double oxideIn = 0;
    for (int e = 0; e < E; e++) {
      double metalE = metal0[e] * hE[e];
      double recE = rec0[e] * hE[e];
      double oxE = eq.ox[e] * hE[e];
      r.metalPerMagnet[t * E + e] = metalE;
      r.recycledPerMagnet[t * E + e] = recE;
      r.oxidePrice[t * E + e] = x[e];
      r.metalPrice[t * E + e] = x[e] / (market.oxideToMetal(e) * market.metalYield()) + x[ElementEquilibrium.IT];
      double need = served * oxE;
      double fromEol = Math.min(eolOxide[e], need);
      double used = need - fromEol;
      double level = eq.stCap[e] > 0 ? eq.stock(e, x[e]) : 0;
      double change = level - storage[e];
      r.storageFlow[t * E + e] = -change;
      r.storageLevel[t * E + e] = level;
      storage[e] = level;
      double surplus = sep[e] - used + (eolOxide[e] - fromEol) - change;
      r.elementSeparated[t * E + e] = sep[e];
      r.elementUsed[t * E + e] = used;
      r.elementRecycled[t * E + e] = served * recE;
      r.elementEolRecycled[t * E + e] = eolOxide[e];
      r.elementSurplus[t * E + e] = surplus;
      double scale = Math.max(Math.max(sep[e], need), Math.max(eolOxide[e], Math.abs(change)));
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
