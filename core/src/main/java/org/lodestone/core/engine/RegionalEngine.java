package org.lodestone.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Regional markets linked by trade: each year, one spatial price equilibrium over the whole chain
 * (Samuelson 1952; Takayama and Judge 1971), solved as a linear programme that maximises consumers'
 * plus producers' surplus minus trade costs subject to capacities, export caps and the balance of
 * every product in every region. Prices are the balances' shadow prices, so at the optimum a
 * producer below its region's price runs at capacity and one above runs at zero; where a product
 * flows from region a to b, p_b − p_a equals the trade cost; where a cap binds the gap exceeds it.
 *
 * <p>The programme for year t (all flows in t, costs in USD/kg):
 * <ul>
 *   <li>mines ship REO to separation in any region (concentrate trade); separation turns it into
 *       oxides by the mine's element split; co-products nobody buys are disposed of at no cost;</li>
 *   <li>oxides (and oxide recovered from machining scrap where magnets are made) trade to metal
 *       making; metals trade to magnet making; magnets trade to the regions where sectors use them;</li>
 *   <li>each region's magnet demand is its sectors' constant-elasticity demand, as blocks of quantity
 *       whose willingness to pay steps down geometrically by {@link #PRICE_STEP} from the choke price
 *       (Takayama and Judge's stepwise demand); the first block (demand still there at the choke
 *       price) left unmet is the unserved demand.</li>
 * </ul>
 * Export caps in tonnes bind as written; a cap given as a share of exports applies to the previous
 * year's solved exports. Solved with ojAlgo's simplex (duals from {@code getMatchedMultipliers}).
 *
 * <p>Not thread-safe: one instance per run; {@link #run} may be called concurrently on the same chain.
 */
public final class RegionalEngine {
  /** Ratio of successive willingness-to-pay steps of the demand blocks: prices resolve to 5 %. */
  public static final double PRICE_STEP = 0.95;
  /** Lowest willingness to pay of the demand blocks, as a share of the reference magnet price. */
  public static final double PRICE_FLOOR_SHARE = 0.02;
  private static final int E = Element.COUNT;
  private static final int P = TradedProduct.COUNT;

  private final SupplyChain chain;
  private final Trade trade;
  private final MarketParameters market;
  private final List<Producer> producers;
  private final List<Sector> sectors;
  private final int nR;
  private final double[] previousExports;
  private final EndOfLifeFlows endOfLife;
  private final double[] eolByRegion;
  private final DynamicState dynamics;
  private final double[] eolTotal = new double[E];
  /** Commercial inventories and their levels at the end of the last solved year, t. */
  private final List<Inventory> inventories;
  private final double[] inventoryLevel;
  /** Sees each year's solved programme (tests); null in runs. */
  private YearProbe probe;

  /**
   * Receives each year's programme right after it is solved, with the solution's values in its
   * variables (package-private: for tests of the optimum, such as welfare perturbations).
   */
  interface YearProbe {
    void solved(int t, ExpressionsBasedModel model);
  }

  static {
    // ojAlgo's presolvers fold single-variable constraints into bounds and can leave the balance
    // multipliers (our prices) inconsistent with the solution; the programmes are small, so solve
    // them as written. (ojAlgo keeps presolvers in a static list: this affects every model in the JVM.)
    ExpressionsBasedModel.clearPresolvers();
  }

  private RegionalEngine(SupplyChain chain) {
    this.chain = chain;
    this.trade = chain.trade();
    this.market = chain.market();
    this.producers = chain.producers();
    this.sectors = chain.sectors();
    this.nR = chain.regionCodes().size();
    this.previousExports = new double[P * nR];
    this.endOfLife = new EndOfLifeFlows(chain);
    this.dynamics = new DynamicState(chain);
    this.eolByRegion = new double[E * nR];
    this.inventories = trade.inventories();
    this.inventoryLevel = new double[inventories.size()];
    for (int k = 0; k < inventories.size(); k++) {
      inventoryLevel[k] = inventories.get(k).initialT();
    }
  }

  /** Runs every year of a regional chain. */
  public static RunResult run(SupplyChain chain) {
    return run(chain, null);
  }

  /** Runs every year, handing each solved programme to {@code probe} (may be null). */
  static RunResult run(SupplyChain chain, YearProbe probe) {
    if (!chain.isRegional()) {
      throw new IllegalArgumentException("the chain has no trade set-up: use AnnualEngine");
    }
    RegionalEngine engine = new RegionalEngine(chain);
    engine.probe = probe;
    RunResult r = new RunResult(chain);
    for (int t = 0; t < chain.axis().size(); t++) {
      engine.dynamics.beginYear(t, r);
      engine.solveYear(t, r);
      engine.dynamics.deliveredGrades(t, r);
      engine.dynamics.endYear(t, r);
    }
    AnnualEngine.stocksInUse(chain, r);
    return r;
  }

  private void solveYear(int t, RunResult r) {
    int year = chain.axis().year(t);
    int nP = producers.size();
    int nS = sectors.size();
    // material coefficients, as in AnnualEngine: the mix of the magnets served, guessed at last
    // year's (world) magnet price; what the year's prices move is reconciled by
    // DynamicState.deliveredGrades
    double guess = t > 0 && r.magnetPrice[t - 1] > 0 ? r.magnetPrice[t - 1] : market.magnetReferencePrice();
    double[] weight = new double[nS];
    for (int s = 0; s < nS; s++) {
      weight[s] = sectorDemand(s, dynamics.referenceDemand(s, t), guess);
    }
    double[] g = new double[E];
    dynamics.mixGrade(weight, g);
    double gradeTotal = 0;
    double[] metalPerMagnet = new double[E];
    double[] recycledPerMagnet = new double[E];
    for (int e = 0; e < E; e++) {
      gradeTotal += g[e];
      metalPerMagnet[e] = g[e] / market.manufacturingYield();
      recycledPerMagnet[e] = market.scrapOxidePerMagnet(e, g[e]);
    }
    double[] oxidePerMetal = new double[E];
    for (int e = 0; e < E; e++) {
      oxidePerMetal[e] = 1 / (market.oxideToMetal(e) * market.metalYield());
    }

    // which regions have which nodes this year
    boolean[] sep = new boolean[nR];
    boolean[] met = new boolean[nR];
    boolean[] mag = new boolean[nR];
    boolean[] dem = new boolean[nR];
    for (int p = 0; p < nP; p++) {
      Producer pr = producers.get(p);
      r.capacity[t * nP + p] = dynamics.capacity(p, t);
      if (r.capacity[t * nP + p] <= 0) {
        continue;
      }
      switch (pr.stage()) {
        case SEPARATION -> sep[pr.region()] = true;
        case METAL -> met[pr.region()] = true;
        case MAGNET -> mag[pr.region()] = true;
        default -> { }
      }
    }
    double[][] demandRef = new double[nR][nS];
    for (int s = 0; s < nS; s++) {
      r.demandReference[t * nS + s] = sectors.get(s).referenceDemandT(t);
      for (int q = 0; q < nR; q++) {
        demandRef[q][s] = dynamics.referenceDemand(s, t) * sectors.get(s).regionShare(q);
        dem[q] |= demandRef[q][s] > 0;
      }
    }
    endOfLife.compute(t, r, eolByRegion, eolTotal);
    boolean[] oxNode = new boolean[nR];
    boolean[] metNode = new boolean[nR];
    boolean[] magNode = new boolean[nR];
    for (int q = 0; q < nR; q++) {
      oxNode[q] = sep[q] || met[q] || mag[q];
      for (int e = 0; e < E; e++) {
        oxNode[q] |= eolByRegion[e * nR + q] > 0; // end-of-life oxide comes back where magnets were used
      }
      metNode[q] = met[q] || mag[q];
      magNode[q] = mag[q] || dem[q];
      // a strategic stockpile makes a market where it buys or sells
      for (int p = 1; p < P; p++) {
        if (trade.stockpileRelease(t, p, q) > 0 || trade.stockpilePurchase(t, p, q) > 0) {
          String form = TradedProduct.values()[p].form();
          oxNode[q] |= form.equals("oxide");
          metNode[q] |= form.equals("metal");
          magNode[q] |= form.equals("magnet");
        }
      }
    }
    // so does a commercial inventory
    for (Inventory inv : inventories) {
      String form = TradedProduct.values()[inv.product()].form();
      oxNode[inv.region()] |= form.equals("oxide");
      metNode[inv.region()] |= form.equals("metal");
      magNode[inv.region()] |= form.equals("magnet");
    }

    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Expression[][] oxBal = new Expression[E][nR];
    Expression[][] metBal = new Expression[E][nR];
    Expression[] magBal = new Expression[nR];
    Expression[] sepBal = new Expression[nR];
    Expression[] metCap = new Expression[nR];
    for (int q = 0; q < nR; q++) {
      if (sep[q]) {
        sepBal[q] = model.newExpression("sep_" + q).level(0);
      }
      if (met[q]) {
        metCap[q] = model.newExpression("metcap_" + q).level(0);
      }
      if (magNode[q]) {
        magBal[q] = model.newExpression("mag_" + q).level(0);
      }
      for (int e = 0; e < E; e++) {
        if (oxNode[q]) {
          oxBal[e][q] = model.newExpression("ox_" + e + "_" + q).level(0);
        }
        if (metNode[q]) {
          metBal[e][q] = model.newExpression("met_" + e + "_" + q).level(0);
        }
      }
    }
    // export caps
    Expression[][] capExpr = new Expression[P][nR];
    for (int p = 0; p < P; p++) {
      for (int q = 0; q < nR; q++) {
        double cap = trade.capTonnes(t, p, q);
        double share = trade.capShare(t, p, q);
        if (!Double.isNaN(share) && t > 0) {
          double fromShare = share * previousExports[p * nR + q];
          cap = Double.isNaN(cap) ? fromShare : Math.min(cap, fromShare);
        }
        if (!Double.isNaN(cap)) {
          capExpr[p][q] = model.newExpression("cap_" + p + "_" + q).upper(Math.max(0, cap));
        }
      }
    }
    List<Variable> flowVars = new ArrayList<>();
    List<int[]> flowKeys = new ArrayList<>(); // {product, from, to}

    // mines: concentrate to separation regions
    int[] mineIdx = chain.producersOf(Stage.MINING);
    List<List<Variable>> mineShip = new ArrayList<>();
    for (int i : mineIdx) {
      Producer pr = producers.get(i);
      List<Variable> ships = new ArrayList<>();
      mineShip.add(ships);
      if (r.capacity[t * nP + i] <= 0) {
        continue;
      }
      Expression mineCap = model.newExpression("minecap_" + i).upper(r.capacity[t * nP + i]);
      for (int q = 0; q < nR; q++) {
        if (!sep[q] || !trade.routes().open(t, pr.id(), pr.region(), q)) {
          ships.add(null); // no separation there, or a route the scenario closes (offtake, feed list)
          continue;
        }
        double cost = pr.offerCostT(t) + trade.cost(t, TradedProduct.CONCENTRATE.ordinal(), pr.region(), q);
        Variable x = model.newVariable("mine_" + i + "_" + q).lower(0).weight(cost);
        ships.add(x);
        mineCap.set(x, 1);
        sepBal[q].set(x, -1);
        for (int e = 0; e < E; e++) {
          double f = chain.depositSplit(pr.deposit(), e);
          if (f > 0) {
            oxBal[e][q].set(x, f);
          }
        }
        if (q != pr.region()) {
          flowVars.add(x);
          flowKeys.add(new int[] {TradedProduct.CONCENTRATE.ordinal(), pr.region(), q});
          if (capExpr[TradedProduct.CONCENTRATE.ordinal()][pr.region()] != null) {
            capExpr[TradedProduct.CONCENTRATE.ordinal()][pr.region()].set(x, 1);
          }
        }
      }
    }
    // separation, metal and magnet makers
    Variable[] out = new Variable[nP];
    for (int p = 0; p < nP; p++) {
      Producer pr = producers.get(p);
      if (pr.stage() == Stage.MINING || r.capacity[t * nP + p] <= 0) {
        continue;
      }
      Variable v = model.newVariable("prod_" + p).lower(0).upper(r.capacity[t * nP + p]).weight(pr.offerCostT(t));
      out[p] = v;
      int q = pr.region();
      switch (pr.stage()) {
        case SEPARATION -> sepBal[q].set(v, 1);
        case METAL -> metCap[q].set(v, 1);
        case MAGNET -> {
          magBal[q].set(v, 1);
          for (int e = 0; e < E; e++) {
            if (metalPerMagnet[e] > 0) {
              metBal[e][q].set(v, -metalPerMagnet[e]);
            }
            if (recycledPerMagnet[e] > 0) {
              oxBal[e][q].set(v, recycledPerMagnet[e]);
            }
          }
        }
        default -> { }
      }
    }
    // metal made per element, and disposal of oxide nobody buys
    Variable[][] metalMade = new Variable[E][nR];
    for (int q = 0; q < nR; q++) {
      for (int e = 0; e < E; e++) {
        if (met[q]) {
          Variable m = model.newVariable("metal_" + e + "_" + q).lower(0).weight(0);
          metalMade[e][q] = m;
          metCap[q].set(m, -1);
          metBal[e][q].set(m, 1);
          oxBal[e][q].set(m, -oxidePerMetal[e]);
        }
        if (oxNode[q]) {
          Variable d = model.newVariable("dispose_" + e + "_" + q).lower(0).weight(0);
          oxBal[e][q].set(d, -1);
        }
      }
    }
    // trade of oxides, metals and magnets
    for (int e = 0; e < E; e++) {
      int po = TradedProduct.oxide(e).ordinal();
      int pm = TradedProduct.metal(e).ordinal();
      for (int a = 0; a < nR; a++) {
        for (int b = 0; b < nR; b++) {
          if (a == b) {
            continue;
          }
          if ((sep[a] || mag[a] || eolFrom(a)) && met[b]) {
            addFlow(model, oxBal[e], capExpr[po], flowVars, flowKeys, po, a, b, trade.cost(t, po, a, b));
          }
          if (met[a] && mag[b]) {
            addFlow(model, metBal[e], capExpr[pm], flowVars, flowKeys, pm, a, b, trade.cost(t, pm, a, b));
          }
        }
      }
    }
    int pmag = TradedProduct.MAGNET.ordinal();
    for (int a = 0; a < nR; a++) {
      for (int b = 0; b < nR; b++) {
        if (a != b && mag[a] && dem[b]) {
          addFlow(model, magBal, capExpr[pmag], flowVars, flowKeys, pmag, a, b, trade.cost(t, pmag, a, b));
        }
      }
    }
    // end-of-life oxide: fixed supply where it comes back
    for (int q = 0; q < nR; q++) {
      for (int e = 0; e < E; e++) {
        double back = eolByRegion[e * nR + q];
        if (back > 0) {
          Variable v = model.newVariable("eol_" + e + "_" + q).lower(back).upper(back).weight(0);
          oxBal[e][q].set(v, 1);
        }
      }
    }
    // strategic stockpiles: releases are fixed supply; purchases are bought at any price up to the
    // product's choke price
    Variable[][] bought = new Variable[P][nR];
    for (int q = 0; q < nR; q++) {
      for (int p = 1; p < P; p++) {
        double rel = trade.stockpileRelease(t, p, q);
        double buy = trade.stockpilePurchase(t, p, q);
        if (rel <= 0 && buy <= 0) {
          continue;
        }
        Expression bal = balanceOf(p, q, oxBal, metBal, magBal);
        if (rel > 0) {
          Variable v = model.newVariable("release_" + p + "_" + q).lower(rel).upper(rel).weight(0);
          bal.set(v, 1);
        }
        if (buy > 0) {
          Variable v = model.newVariable("buy_" + p + "_" + q).lower(0).upper(buy).weight(-chokePrice(p));
          bal.set(v, -1);
          bought[p][q] = v;
        }
      }
    }
    // commercial inventories: a purchase is a demand step whose willingness to pay is the buy
    // threshold, a sale a supply step offered at the sell threshold, so prices stay shadow prices
    Variable[] invBuy = new Variable[inventories.size()];
    Variable[] invSell = new Variable[inventories.size()];
    for (int k = 0; k < inventories.size(); k++) {
      Inventory inv = inventories.get(k);
      double ref = inventoryReferencePrice(inv, t, r);
      double level = inventoryLevel[k];
      Expression bal = balanceOf(inv.product(), inv.region(), oxBal, metBal, magBal);
      invBuy[k] = model.newVariable("invbuy_" + k).lower(0)
          .upper(Math.max(0, Math.min(inv.maxFlowT(), inv.capacityT() - level)))
          .weight(-(1 - inv.bandShare()) * ref);
      bal.set(invBuy[k], -1);
      invSell[k] = model.newVariable("invsell_" + k).lower(0).upper(Math.min(inv.maxFlowT(), level))
          .weight((1 + inv.bandShare()) * ref);
      bal.set(invSell[k], 1);
    }
    // demand blocks
    double pCap = market.magnetPriceCap();
    double pMin = PRICE_FLOOR_SHARE * market.magnetReferencePrice();
    List<List<Variable>> blocks = new ArrayList<>();
    double[] firstBlockSize = new double[nR];
    for (int q = 0; q < nR; q++) {
      List<Variable> bl = new ArrayList<>();
      blocks.add(bl);
      double[] wtpList = grid(pCap, pMin);
      if (!dem[q]) {
        continue;
      }
      double prev = 0;
      for (int k = 0; k < wtpList.length; k++) {
        double dq = demandAt(demandRef[q], wtpList[k]);
        double size = Math.max(0, dq - prev);
        prev = Math.max(prev, dq);
        if (k == 0) {
          firstBlockSize[q] = size;
        }
        Variable d = model.newVariable("d_" + q + "_" + k).lower(0).upper(size).weight(-wtpList[k]);
        magBal[q].set(d, -1);
        bl.add(d);
      }
    }

    // the dense simplex: ojAlgo's sparse path reported some feasible programmes (a tight export cap
    // on the base data) as infeasible; the programmes are small enough for dense tableaux
    model.options.sparse = Boolean.FALSE;
    Optimisation.Result result = model.minimise();
    if (!result.getState().isOptimal()) {
      // and the dense path, in turn, has reported a feasible programme infeasible (a deep cut of
      // China's light-RE mining in a scenario with export controls, ValidRangeFuzzTest): the sparse
      // path decides then
      model.options.sparse = Boolean.TRUE;
      result = model.minimise();
    }
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("regional market of " + year + " not solved: " + result.getState());
    }
    if (probe != null) {
      probe.solved(t, model);
    }
    // multipliers come keyed by (copies of) the model's expressions: match them by name
    Map<String, Double> duals = new HashMap<>();
    for (var kp : result.getMatchedMultipliers()) {
      if (kp.getKey().getKey() instanceof Expression ex) {
        duals.put(ex.getName(), kp.doubleValue());
      }
    }

    // quantities
    double[] minedByMine = new double[mineIdx.length];
    double[] separatedElement = new double[E];
    for (int k = 0; k < mineIdx.length; k++) {
      Producer pr = producers.get(mineIdx[k]);
      double sum = 0;
      for (Variable x : mineShip.get(k)) {
        if (x != null) {
          sum += value(x);
        }
      }
      minedByMine[k] = sum;
      r.production[t * nP + mineIdx[k]] = sum;
      for (int e = 0; e < E; e++) {
        separatedElement[e] += sum * chain.depositSplit(pr.deposit(), e);
      }
    }
    double magnets = 0;
    for (int p = 0; p < nP; p++) {
      if (out[p] != null) {
        double v = value(out[p]);
        r.production[t * nP + p] = v;
        if (producers.get(p).stage() == Stage.MAGNET) {
          magnets += v;
        }
      }
    }
    for (int k = 0; k < flowVars.size(); k++) {
      int[] key = flowKeys.get(k);
      double v = value(flowVars.get(k));
      r.trade(t, key[0], key[1], key[2], v);
    }
    for (int q = 0; q < nR; q++) {
      for (int p = 1; p < P; p++) {
        double net = trade.stockpileRelease(t, p, q) - (bought[p][q] == null ? 0 : value(bought[p][q]));
        if (net != 0) {
          r.stockpileFlow(t, p, q, net);
        }
      }
    }
    int nK = inventories.size();
    for (int k = 0; k < nK; k++) {
      double invBought = value(invBuy[k]);
      double sold = value(invSell[k]);
      double level = inventoryLevel[k] + invBought - sold;
      double cap = inventories.get(k).capacityT();
      double slack = SOLVER_TOLERANCE * (1 + cap);
      if (level < -slack || level > cap + slack) {
        throw new MassBalanceException("inventory of " + TradedProduct.values()[inventories.get(k).product()]
            + " in " + chain.regionCodes().get(inventories.get(k).region()) + " at " + level
            + " t, outside [0, " + cap + "] in " + year);
      }
      inventoryLevel[k] = Math.min(cap, Math.max(0, level)); // solver round-off only (checked above)
      r.inventoryLevel[t * nK + k] = inventoryLevel[k];
      r.inventoryFlow[t * nK + k] = sold - invBought;
    }
    java.util.Arrays.fill(previousExports, 0);
    for (int k = 0; k < flowVars.size(); k++) {
      int[] key = flowKeys.get(k);
      previousExports[key[0] * nR + key[1]] += value(flowVars.get(k));
    }
    // prices: a balance's shadow price is the product's price in that region
    for (int q = 0; q < nR; q++) {
      for (int e = 0; e < E; e++) {
        r.regionalPrice(t, TradedProduct.oxide(e).ordinal(), q, price(duals, oxBal[e][q]));
        r.regionalPrice(t, TradedProduct.metal(e).ordinal(), q, price(duals, metBal[e][q]));
      }
      r.regionalPrice(t, pmag, q, price(duals, magBal[q]));
      r.regionalPrice(t, TradedProduct.CONCENTRATE.ordinal(), q, price(duals, sepBal[q]) < 0
          ? Double.NaN : price(duals, sepBal[q]));
    }
    // served and unserved by sector: a region's served demand is shared by its sectors' demand at
    // the regional price; the first block (demand still there at the choke price) left unmet is
    // unserved
    for (int q = 0; q < nR; q++) {
      if (!dem[q]) {
        continue;
      }
      double served = 0;
      for (Variable d : blocks.get(q)) {
        served += value(d);
      }
      double firstBlock = firstBlockSize[q];
      double unservedQ = Math.max(0, firstBlock - served);
      double pq = r.regionalPrice(t, pmag, q);
      double dAtPrice = 0;
      for (int s = 0; s < nS; s++) {
        dAtPrice += sectorDemand(s, demandRef[q][s], pq);
      }
      for (int s = 0; s < nS; s++) {
        double share = dAtPrice > 0 ? sectorDemand(s, demandRef[q][s], pq) / dAtPrice : 0;
        r.served[t * nS + s] += served * share;
        r.unserved[t * nS + s] += unservedQ * share;
        r.demand[t * nS + s] += (served + unservedQ) * share;
        r.regionUnserved[(t * nS + s) * nR + q] = unservedQ * share;
        r.regionDemand[(t * nS + s) * nR + q] = (served + unservedQ) * share;
      }
    }
    // world summaries: quantity-weighted average prices
    for (int e = 0; e < E; e++) {
      // oxide goes into the metal made, which is the magnets' metal less what stockpiles and
      // inventories supply on balance
      double metalHeld = 0;
      for (int q = 0; q < nR; q++) {
        int pm = TradedProduct.metal(e).ordinal();
        metalHeld += r.stockpileFlow(t, pm, q) + r.inventoryFlow(t, pm, q);
      }
      double use = (magnets * metalPerMagnet[e] - metalHeld) * oxidePerMetal[e] - magnets * recycledPerMagnet[e];
      r.elementSeparated[t * E + e] = separatedElement[e];
      r.elementUsed[t * E + e] = use;
      r.elementRecycled[t * E + e] = magnets * recycledPerMagnet[e];
      double fromStock = 0;
      for (int q = 0; q < nR; q++) {
        fromStock += r.stockpileFlow(t, TradedProduct.oxide(e).ordinal(), q)
            + r.inventoryFlow(t, TradedProduct.oxide(e).ordinal(), q);
      }
      r.elementEolRecycled[t * E + e] = eolTotal[e];
      r.elementSurplus[t * E + e] = separatedElement[e] + fromStock + eolTotal[e] - use;
      r.oxidePrice[t * E + e] = weightedPrice(r, t, TradedProduct.oxide(e).ordinal(), oxNode, sep, true);
      r.metalPrice[t * E + e] = weightedPrice(r, t, TradedProduct.metal(e).ordinal(), metNode, met, false);
    }
    r.magnetPrice[t] = weightedDemandPrice(r, t, dem, demandRef);
    for (int e = 0; e < E; e++) {
      r.metalPerMagnet[t * E + e] = metalPerMagnet[e];
      r.recycledPerMagnet[t * E + e] = recycledPerMagnet[e];
    }
    checkBalances(year, t, r, magnets, gradeTotal, metalPerMagnet, oxidePerMetal);
  }

  /**
   * Whether product {@code p} (a {@link TradedProduct} ordinal) can move from region a to b in year index t: oxides from regions that
   * separate (or recover scrap where magnets are made) to regions that make metal; metals to regions
   * that make magnets; magnets to regions with demand; concentrate from mines to separation.
   */
  public static boolean route(SupplyChain chain, int t, int p, int a, int b) {
    return routeShape(chain, t, p, a, b);
  }

  /**
   * Whether product {@code p} could move from region a to b in some year: the structural version of
   * {@link #route}, used for the keys of the results (the same in every run of a chain's structure).
   */
  public static boolean routeOpen(SupplyChain chain, int p, int a, int b) {
    return routeShape(chain, -1, p, a, b);
  }

  /** Routes in year index t ({@code t < 0}: in any year, from which producers and sectors exist). */
  private static boolean routeShape(SupplyChain chain, int t, int p, int a, int b) {
    if (a == b) {
      return false;
    }
    boolean[] has = new boolean[4];
    boolean[] hasB = new boolean[4];
    for (Producer pr : chain.producers()) {
      if (t < 0 || pr.capacityT(t) > 0) {
        if (pr.region() == a) {
          has[pr.stage().ordinal()] = true;
        }
        if (pr.region() == b) {
          hasB[pr.stage().ordinal()] = true;
        }
      }
    }
    boolean demandB = false;
    for (Sector s : chain.sectors()) {
      demandB |= s.regionShare(b) > 0 && (t < 0 || s.referenceDemandT(t) > 0);
    }
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "concentrate" -> has[Stage.MINING.ordinal()] && hasB[Stage.SEPARATION.ordinal()];
      case "oxide" -> (has[Stage.SEPARATION.ordinal()] || has[Stage.MAGNET.ordinal()]
          || (chain.market().eolRecycling() != null && (demandIn(chain, a) || recyclerIn(chain, a))))
          && hasB[Stage.METAL.ordinal()];
      case "metal" -> has[Stage.METAL.ordinal()] && hasB[Stage.MAGNET.ordinal()];
      default -> has[Stage.MAGNET.ordinal()] && demandB;
    };
  }

  private static boolean recyclerIn(SupplyChain chain, int q) {
    for (org.lodestone.core.model.Recycler plant : chain.market().eolRecycling().recyclers()) {
      if (plant.region() == q) {
        return true;
      }
    }
    return false;
  }

  private static boolean demandIn(SupplyChain chain, int q) {
    for (Sector s : chain.sectors()) {
      if (s.regionShare(q) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether region q can have a market for product p in some year (it has producers of the stage
   * that makes or uses it, or demand): the structural version of the nodes of {@link #run}.
   */
  public static boolean marketOpen(SupplyChain chain, int p, int q) {
    return marketOpen(chain.producers(), chain.sectors(), p, q);
  }

  /** {@link #marketOpen(SupplyChain, int, int)} before the chain is built (scenario validation). */
  public static boolean marketOpen(List<Producer> producers, List<Sector> sectors, int p, int q) {
    boolean[] has = new boolean[4];
    for (Producer pr : producers) {
      if (pr.region() == q) {
        has[pr.stage().ordinal()] = true;
      }
    }
    boolean demand = false;
    for (Sector s : sectors) {
      demand |= s.regionShare(q) > 0;
    }
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "concentrate" -> has[Stage.SEPARATION.ordinal()];
      case "oxide" -> has[Stage.SEPARATION.ordinal()] || has[Stage.METAL.ordinal()] || has[Stage.MAGNET.ordinal()];
      case "metal" -> has[Stage.METAL.ordinal()] || has[Stage.MAGNET.ordinal()];
      default -> has[Stage.MAGNET.ordinal()] || demand;
    };
  }

  private boolean eolFrom(int q) {
    for (int e = 0; e < E; e++) {
      if (eolByRegion[e * nR + q] > 0) {
        return true;
      }
    }
    return false;
  }

  private static Expression balanceOf(int p, int q, Expression[][] ox, Expression[][] met, Expression[] mag) {
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "oxide" -> ox[tp.element().ordinal()][q];
      case "metal" -> met[tp.element().ordinal()][q];
      default -> mag[q];
    };
  }

  /**
   * An inventory's reference price in year index t: the mean of its region's price of its product
   * over the last {@link Inventory#trailingYears()} years of the run (those there are), or the
   * product's reference price of the dataset in the first year.
   */
  private double inventoryReferencePrice(Inventory inv, int t, RunResult r) {
    double sum = 0;
    int n = 0;
    for (int k = Math.max(0, t - inv.trailingYears()); k < t; k++) {
      double p = r.regionalPrice(k, inv.product(), inv.region());
      if (!Double.isNaN(p)) {
        sum += p;
        n++;
      }
    }
    return n > 0 ? sum / n : referencePrice(inv.product());
  }

  /** The dataset's reference price of product p (metals: the oxide's per kg of metal), USD/kg. */
  private double referencePrice(int p) {
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "oxide" -> market.oxideReferencePrice(tp.element().ordinal());
      case "metal" -> market.oxideReferencePrice(tp.element().ordinal())
          / (market.oxideToMetal(tp.element().ordinal()) * market.metalYield());
      default -> market.magnetReferencePrice();
    };
  }

  /** The most a buyer pays for product p: its choke price (metals: the oxide's per kg of metal). */
  private double chokePrice(int p) {
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "oxide" -> market.oxidePriceCap(tp.element().ordinal());
      case "metal" -> market.oxidePriceCap(tp.element().ordinal())
          / (market.oxideToMetal(tp.element().ordinal()) * market.metalYield());
      default -> market.magnetPriceCap();
    };
  }

  private static void addFlow(ExpressionsBasedModel model, Expression[] balance, Expression[] caps,
      List<Variable> vars, List<int[]> keys, int product, int from, int to, double cost) {
    Variable f = model.newVariable("flow_" + product + "_" + from + "_" + to).lower(0).weight(cost);
    balance[from].set(f, -1);
    balance[to].set(f, 1);
    if (caps[from] != null) {
      caps[from].set(f, 1);
    }
    vars.add(f);
    keys.add(new int[] {product, from, to});
  }

  private static double value(Variable v) {
    return v.getValue() == null ? 0 : Math.max(0, v.getValue().doubleValue());
  }

  /** The price of a balance: minus its multiplier (the model minimises cost); NaN without a node. */
  private static double price(Map<String, Double> duals, Expression balance) {
    if (balance == null) {
      return Double.NaN;
    }
    Double m = duals.get(balance.getName());
    return m == null ? 0 : 0.0 - m; // 0.0 - m: never -0.0 (a free good prints as 0)
  }

  private static double[] grid(double pCap, double pMin) {
    int n = 1 + (int) Math.ceil(Math.log(pMin / pCap) / Math.log(PRICE_STEP));
    double[] p = new double[n];
    for (int k = 0; k < n; k++) {
      p[k] = pCap * Math.pow(PRICE_STEP, k);
    }
    return p;
  }

  private double demandAt(double[] refBySector, double price) {
    double d = 0;
    for (int s = 0; s < refBySector.length; s++) {
      d += sectorDemand(s, refBySector[s], price);
    }
    return d;
  }

  private double sectorDemand(int s, double ref, double price) {
    double eps = sectors.get(s).elasticity();
    if (ref <= 0 || eps == 0) {
      return ref;
    }
    double p = Math.max(price, 1e-9 * market.magnetReferencePrice());
    return ref * Math.pow(p / market.magnetReferencePrice(), eps);
  }

  private double weightedPrice(RunResult r, int t, int product, boolean[] node, boolean[] weightBy,
      boolean oxide) {
    double num = 0;
    double den = 0;
    double any = Double.NaN;
    for (int q = 0; q < nR; q++) {
      if (!node[q]) {
        continue;
      }
      double p = r.regionalPrice(t, product, q);
      any = Double.isNaN(any) ? p : Math.max(any, p);
      double w = 0;
      for (int k = 0; k < producers.size(); k++) {
        Producer pr = producers.get(k);
        if (pr.region() == q && pr.stage() == (oxide ? Stage.SEPARATION : Stage.METAL)) {
          w += r.production(t, k);
        }
      }
      num += w * p;
      den += w;
    }
    return den > 0 ? num / den : (Double.isNaN(any) ? 0 : any);
  }

  private double weightedDemandPrice(RunResult r, int t, boolean[] dem, double[][] demandRef) {
    double num = 0;
    double den = 0;
    for (int q = 0; q < nR; q++) {
      if (!dem[q]) {
        continue;
      }
      double w = 0;
      for (double d : demandRef[q]) {
        w += d;
      }
      num += w * r.regionalPrice(t, TradedProduct.MAGNET.ordinal(), q);
      den += w;
    }
    return den > 0 ? num / den : 0;
  }

  /**
   * Mass balance of the year, world-wide: the regional balances are constraints of the programme,
   * so this checks that the solution read back is one (within the solver's accuracy,
   * {@link #SOLVER_TOLERANCE}).
   */
  private void checkBalances(int year, int t, RunResult r, double magnets, double gradeTotal,
      double[] metalPerMagnet, double[] oxidePerMetal) {
    int nP = producers.size();
    double mining = 0;
    double separation = 0;
    double metal = 0;
    for (int p = 0; p < nP; p++) {
      double x = r.production[t * nP + p];
      if (x > r.capacity[t * nP + p] * (1 + SOLVER_TOLERANCE) + SOLVER_TOLERANCE) {
        throw new MassBalanceException(producers.get(p).id() + " produces " + x + " above its capacity in " + year);
      }
      switch (producers.get(p).stage()) {
        case MINING -> mining += x;
        case SEPARATION -> separation += x;
        case METAL -> metal += x;
        default -> { }
      }
    }
    checkClose("separation", year, mining, separation);
    double metalNeed = 0;
    for (int e = 0; e < E; e++) {
      metalNeed += magnets * metalPerMagnet[e];
      if (r.elementSurplus[t * E + e] < -SOLVER_TOLERANCE * (1 + r.elementSeparated[t * E + e])) {
        throw new MassBalanceException("oxide " + Element.values()[e].code() + " used beyond supply in " + year);
      }
    }
    // strategic stockpiles add their releases and take their purchases
    double metalFromStock = 0;
    for (int e = 0; e < E; e++) {
      for (int q = 0; q < nR; q++) {
        metalFromStock += r.stockpileFlow(t, TradedProduct.metal(e).ordinal(), q)
            + r.inventoryFlow(t, TradedProduct.metal(e).ordinal(), q);
      }
    }
    double magnetsFromStock = 0;
    for (int q = 0; q < nR; q++) {
      magnetsFromStock += r.stockpileFlow(t, TradedProduct.MAGNET.ordinal(), q)
          + r.inventoryFlow(t, TradedProduct.MAGNET.ordinal(), q);
    }
    checkClose("metal", year, metal + metalFromStock, metalNeed);
    double served = 0;
    int nS = sectors.size();
    for (int s = 0; s < nS; s++) {
      served += r.served[t * nS + s];
    }
    checkClose("magnet market", year, magnets + magnetsFromStock, served);
  }

  /** Relative accuracy of balances read back from the solver. */
  public static final double SOLVER_TOLERANCE = 1e-6;

  private static void checkClose(String process, int year, double in, double out) {
    double scale = Math.max(Math.max(Math.abs(in), Math.abs(out)), 1);
    if (Math.abs(in - out) > SOLVER_TOLERANCE * scale) {
      throw new MassBalanceException(process, year, in, out);
    }
  }
}
