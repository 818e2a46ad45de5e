package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.Inventory;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.Trade;
import org.lodestone.core.model.TradedProduct;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Variable;

/**
 * The regional equilibrium maximises welfare (issue #4: "total welfare is not below that of any
 * feasible perturbation you try"). Welfare is consumers' plus producers' surplus minus trade costs;
 * payments between buyers and sellers cancel, so it is the demand steps' willingness to pay (and the
 * stockpiles' and inventories' bids) minus producers' offer costs, trade costs and inventories' asks,
 * each times its quantity: the objective of the engine's programme, computed here from the chain's
 * data (costs, trade costs, choke price, inventory thresholds), not read from the programme.
 *
 * <p>On seeded random regional chains ({@link RegionalEngineTest#randomRegionalChain}, some with
 * commercial inventories) each year's solved programme is perturbed: a seed move (shift output from
 * a dispatched producer to one of the same stage with spare capacity; serve one demand step less or
 * more; push a tonne more or less along a route; a random variable) is completed by a repair of other
 * variables that keeps every balance and every binding constraint as it was, and scaled to stay
 * within every bound and slack constraint. Each perturbed point is checked to be feasible — against
 * the programme's rows and bounds and, independently, against the producers' capacities and export
 * caps of the chain — and its welfare must not exceed the equilibrium's by more than round-off.
 */
class RegionalWelfareTest {
  /** Relative slack for "at a bound" and for the feasibility of perturbed points. */
  private static final double FEASIBILITY_TOL = 1e-7;
  /** A perturbation may gain this share of the welfare it moves (|cost × change| summed): round-off. */
  private static final double WELFARE_TOL = 1e-7;
  /** Largest change of any variable in a perturbation, t. */
  private static final double STEP_T = 0.5;
  /** Perturbations shorter than this (degenerate vertices) are not counted, t. */
  private static final double MIN_STEP_T = 1e-6;

  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void noFeasiblePerturbationRaisesWelfare(long seed) {
    SupplyChain chain = withInventories(RegionalEngineTest.randomRegionalChain(seed), seed);
    List<ExpressionsBasedModel> solved = new ArrayList<>();
    RunResult r = RegionalEngine.run(chain, (t, model) -> solved.add(model));
    Random rnd = new Random(seed * 31 + 7);
    int applied = 0;
    for (int t = 0; t < solved.size(); t++) {
      Programme lp = new Programme(solved.get(t), chain.producers());
      double[] cost = unitCosts(chain, r, t, lp);
      // the engine's objective is this welfare (minimised as its negative)
      for (int j = 0; j < lp.n; j++) {
        assertThat(lp.weight[j]).as("seed %d, %d: weight of %s", seed, t, lp.name[j])
            .isCloseTo(cost[j], within(1e-9 * (1 + Math.abs(cost[j]))));
      }
      assertFeasible(chain, r, t, lp, lp.x, "the equilibrium itself");
      for (Perturbation p : perturbations(lp, rnd)) {
        double[] step = lp.feasibleStep(p.seed, p.movable, rnd);
        if (step == null) {
          continue;
        }
        double[] x = lp.x.clone();
        double gain = 0;
        double moved = 0;
        for (int j = 0; j < lp.n; j++) {
          x[j] += step[j];
          gain -= cost[j] * step[j];
          moved += Math.abs(cost[j] * step[j]);
        }
        assertFeasible(chain, r, t, lp, x, p.what);
        assertThat(gain).as("seed %d, year %d: %s raises welfare", seed, t, p.what)
            .isLessThanOrEqualTo(WELFARE_TOL * (1 + moved));
        applied++;
      }
    }
    assertThat(applied).as("feasible perturbations tried").isPositive();
  }

  /** Half the chains get a magnet inventory and an NdPr oxide inventory in random regions. */
  private static SupplyChain withInventories(SupplyChain chain, long seed) {
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    if (rnd.nextBoolean()) {
      return chain;
    }
    List<Inventory> inv = new ArrayList<>();
    for (TradedProduct tp : List.of(TradedProduct.MAGNET, TradedProduct.NDPR_OXIDE)) {
      double cap = 50 * rnd.nextDouble();
      inv.add(new Inventory(tp.ordinal(), rnd.nextInt(2), cap, cap * rnd.nextDouble(), 0.5 * rnd.nextDouble(),
          5 + 25 * rnd.nextDouble(), 1 + rnd.nextInt(3)));
    }
    return chain.withTrade(chain.trade().withInventories(inv));
  }

  /** Welfare cost per tonne of each variable (minus for willingness to pay), from the chain's data. */
  private static double[] unitCosts(SupplyChain chain, RunResult r, int t, Programme lp) {
    Trade trade = chain.trade();
    MarketParameters m = chain.market();
    double[] c = new double[lp.n];
    for (int j = 0; j < lp.n; j++) {
      String[] f = lp.name[j].split("_");
      int a = f.length > 1 ? Integer.parseInt(f[1]) : -1;
      int b = f.length > 2 ? Integer.parseInt(f[2]) : -1;
      c[j] = switch (f[0]) {
        case "mine" -> chain.producers().get(a).offerCostT(t)
            + trade.cost(t, TradedProduct.CONCENTRATE.ordinal(), chain.producers().get(a).region(), b);
        case "prod" -> chain.producers().get(a).offerCostT(t);
        case "flow" -> trade.cost(t, a, b, Integer.parseInt(f[3]));
        case "d" -> -m.magnetPriceCap() * Math.pow(RegionalEngine.PRICE_STEP, b);
        case "buy" -> -chokePrice(m, a);
        case "invbuy" -> -(1 - chain.trade().inventories().get(a).bandShare()) * reference(chain, r, t, a);
        case "invsell" -> (1 + chain.trade().inventories().get(a).bandShare()) * reference(chain, r, t, a);
        case "metal", "dispose", "eol", "release" -> 0;
        default -> throw new AssertionError("a variable this test does not know: " + lp.name[j]);
      };
    }
    return c;
  }

  private static double chokePrice(MarketParameters m, int p) {
    TradedProduct tp = TradedProduct.values()[p];
    return switch (tp.form()) {
      case "oxide" -> m.oxidePriceCap(tp.element().ordinal());
      case "metal" -> m.oxidePriceCap(tp.element().ordinal()) / (m.oxideToMetal(tp.element().ordinal()) * m.metalYield());
      default -> m.magnetPriceCap();
    };
  }

  /** Inventory k's reference price in year t: trailing mean of its market's solved prices. */
  private static double reference(SupplyChain chain, RunResult r, int t, int k) {
    Inventory inv = chain.trade().inventories().get(k);
    double sum = 0;
    int n = 0;
    for (int y = Math.max(0, t - inv.trailingYears()); y < t; y++) {
      sum += r.regionalPrice(y, inv.product(), inv.region());
      n++;
    }
    if (n > 0) {
      return sum / n;
    }
    TradedProduct tp = TradedProduct.values()[inv.product()];
    MarketParameters m = chain.market();
    return switch (tp.form()) {
      case "oxide" -> m.oxideReferencePrice(tp.element().ordinal());
      case "metal" -> m.oxideReferencePrice(tp.element().ordinal()) / (m.oxideToMetal(tp.element().ordinal()) * m.metalYield());
      default -> m.magnetReferencePrice();
    };
  }

  /** Feasible for the programme (rows, bounds) and for the chain (capacities, export caps). */
  private static void assertFeasible(SupplyChain chain, RunResult r, int t, Programme lp, double[] x, String what) {
    for (int j = 0; j < lp.n; j++) {
      assertThat(x[j]).as("%s: %s below its bound", what, lp.name[j])
          .isGreaterThanOrEqualTo(lp.lo[j] - FEASIBILITY_TOL * (1 + Math.abs(lp.lo[j])));
      assertThat(x[j]).as("%s: %s above its bound", what, lp.name[j])
          .isLessThanOrEqualTo(lp.hi[j] + FEASIBILITY_TOL * (1 + Math.abs(lp.hi[j])));
    }
    for (Programme.Row row : lp.rows) {
      double v = row.value(x);
      double tol = FEASIBILITY_TOL * (1 + row.scale(x));
      assertThat(v).as("%s: row %s", what, row.name).isBetween(row.lo - tol, row.hi + tol);
    }
    // independently of the programme: capacities and export caps of the chain
    int nR = chain.regionCodes().size();
    double[] mined = new double[chain.producers().size()];
    double[] exports = new double[TradedProduct.COUNT * nR];
    for (int j = 0; j < lp.n; j++) {
      String[] f = lp.name[j].split("_");
      switch (f[0]) {
        case "prod" -> assertThat(x[j]).as("%s: %s above capacity", what, lp.name[j])
            .isLessThanOrEqualTo(r.capacity(t, Integer.parseInt(f[1])) * (1 + FEASIBILITY_TOL) + FEASIBILITY_TOL);
        case "mine" -> {
          int i = Integer.parseInt(f[1]);
          mined[i] += x[j];
          int from = chain.producers().get(i).region();
          if (from != Integer.parseInt(f[2])) {
            exports[TradedProduct.CONCENTRATE.ordinal() * nR + from] += x[j];
          }
        }
        case "flow" -> exports[Integer.parseInt(f[1]) * nR + Integer.parseInt(f[2])] += x[j];
        default -> { }
      }
    }
    for (int i = 0; i < mined.length; i++) {
      assertThat(mined[i]).as("%s: mine %d above capacity", what, i)
          .isLessThanOrEqualTo(r.capacity(t, i) * (1 + FEASIBILITY_TOL) + FEASIBILITY_TOL);
    }
    for (int p = 0; p < TradedProduct.COUNT; p++) {
      for (int q = 0; q < nR; q++) {
        double cap = chain.trade().capTonnes(t, p, q);
        if (!Double.isNaN(cap)) {
          assertThat(exports[p * nR + q]).as("%s: exports above the cap", what)
              .isLessThanOrEqualTo(cap + FEASIBILITY_TOL * (1 + cap));
        }
      }
    }
  }

  /** A seed move and the variables allowed to repair the balances around it. */
  private record Perturbation(String what, Map<Integer, Double> seed, boolean[] movable) {
  }

  private static List<Perturbation> perturbations(Programme lp, Random rnd) {
    List<Perturbation> out = new ArrayList<>();
    // shift output between two producers of the same stage (mines: of the same deposit, any
    // destination), re-routing and re-supplying what follows; demand stays as it is
    for (int a = 0; a < lp.n; a++) {
      if (!lp.isProducer(a) || !lp.canFall(a)) {
        continue;
      }
      for (int b = 0; b < lp.n; b++) {
        if (b == a || !lp.isProducer(b) || !lp.canRise(b) || !lp.sameStage(a, b)) {
          continue;
        }
        int from = a;
        int to = b;
        boolean[] movable = lp.mask(k -> !lp.is(k, "d") && !(lp.sameStage(k, from) && k != from && k != to));
        out.add(new Perturbation("shift " + lp.name[a] + " → " + lp.name[b], Map.of(a, -1.0, b, 1.0), movable));
      }
    }
    // serve a demand step less (with the supply that served it: the marginal step and a few random
    // served ones) or, just past the served ones, more
    boolean[] notDemand = lp.mask(k -> !lp.is(k, "d"));
    for (int d = 0; d < lp.n; d++) {
      if (!lp.is(d, "d")) {
        continue;
      }
      if (lp.canFall(d)) {
        boolean marginal = d + 1 >= lp.n || !lp.is(d + 1, "d") || !lp.canFall(d + 1);
        if (marginal || rnd.nextDouble() < 0.05) {
          out.add(new Perturbation("serve less of " + lp.name[d], Map.of(d, -1.0), notDemand));
        }
      }
      if (lp.canRise(d) && d > 0 && lp.is(d - 1, "d") && lp.canFall(d - 1)) {
        out.add(new Perturbation("serve more of " + lp.name[d], Map.of(d, 1.0), notDemand));
      }
    }
    // push a route up or down: first by re-routing alone, then letting production follow
    for (int f = 0; f < lp.n; f++) {
      if (!lp.is(f, "flow")) {
        continue;
      }
      for (double sign : new double[] {1, -1}) {
        if (sign > 0 ? !lp.canRise(f) : !lp.canFall(f)) {
          continue;
        }
        out.add(new Perturbation("re-route " + lp.name[f] + (sign > 0 ? " up" : " down"), Map.of(f, sign),
            lp.mask(k -> lp.is(k, "flow") || lp.is(k, "dispose") || lp.is(k, "metal"))));
        out.add(new Perturbation("move " + lp.name[f] + (sign > 0 ? " up" : " down") + " with production",
            Map.of(f, sign), lp.mask(k -> !lp.is(k, "d"))));
      }
    }
    // random seeds, repaired by a random subset of the rest
    for (int i = 0; i < 30; i++) {
      int j = rnd.nextInt(lp.n);
      double sign = lp.canRise(j) && (!lp.canFall(j) || rnd.nextBoolean()) ? 1 : -1;
      if (sign > 0 ? !lp.canRise(j) : !lp.canFall(j)) {
        continue;
      }
      out.add(new Perturbation("random " + lp.name[j], Map.of(j, sign), lp.mask(k -> rnd.nextDouble() < 0.7)));
    }
    return out;
  }

  /**
   * A solved programme as plain arrays: variables with their values, bounds and objective weights,
   * and rows (constraints) with their coefficients and limits.
   */
  static final class Programme {
    final int n;
    final String[] name;
    final double[] x;
    final double[] lo;
    final double[] hi;
    final double[] weight;
    final List<Row> rows = new ArrayList<>();

    Programme(ExpressionsBasedModel model, List<Producer> producers) {
      chainProducers = producers;
      List<Variable> vars = model.getVariables();
      n = vars.size();
      name = new String[n];
      x = new double[n];
      lo = new double[n];
      hi = new double[n];
      weight = new double[n];
      for (int j = 0; j < n; j++) {
        Variable v = vars.get(j);
        name[j] = v.getName();
        x[j] = v.getValue() == null ? 0 : v.getValue().doubleValue();
        lo[j] = v.getLowerLimit() == null ? Double.NEGATIVE_INFINITY : v.getLowerLimit().doubleValue();
        hi[j] = v.getUpperLimit() == null ? Double.POSITIVE_INFINITY : v.getUpperLimit().doubleValue();
        weight[j] = v.getContributionWeight() == null ? 0 : v.getContributionWeight().doubleValue();
      }
      for (Expression e : model.getExpressions()) {
        Map<Integer, Double> coef = new LinkedHashMap<>();
        for (var entry : e.getLinearEntrySet()) {
          coef.put(entry.getKey().index, entry.getValue().doubleValue());
        }
        BigDecimal l = e.getLowerLimit();
        BigDecimal u = e.getUpperLimit();
        rows.add(new Row(e.getName(), coef.keySet().stream().mapToInt(Integer::intValue).toArray(),
            coef.values().stream().mapToDouble(Double::doubleValue).toArray(),
            l == null ? Double.NEGATIVE_INFINITY : l.doubleValue(), u == null ? Double.POSITIVE_INFINITY : u.doubleValue()));
      }
    }

    record Row(String name, int[] idx, double[] a, double lo, double hi) {
      double value(double[] x) {
        double v = 0;
        for (int i = 0; i < idx.length; i++) {
          v += a[i] * x[idx[i]];
        }
        return v;
      }

      double scale(double[] x) {
        double v = 0;
        for (int i = 0; i < idx.length; i++) {
          v += Math.abs(a[i] * x[idx[i]]);
        }
        return v;
      }
    }

    boolean is(int j, String prefix) {
      return name[j].startsWith(prefix + "_");
    }

    boolean isProducer(int j) {
      return is(j, "prod") || is(j, "mine");
    }

    /** Same stage: producers' variables of one stage; mines' shipments of one deposit's mines. */
    boolean sameStage(int a, int b) {
      return isProducer(a) && isProducer(b) && stageKey(a).equals(stageKey(b));
    }

    private String stageKey(int j) {
      Producer pr = producerOf(j);
      return pr.stage() == Stage.MINING ? "mine:" + pr.deposit() : pr.stage().name();
    }

    private Producer producerOf(int j) {
      return chainProducers.get(Integer.parseInt(name[j].split("_")[1]));
    }

    private final List<Producer> chainProducers;

    boolean atLower(int j) {
      return x[j] <= lo[j] + FEASIBILITY_TOL * (1 + Math.abs(lo[j]));
    }

    boolean atUpper(int j) {
      return x[j] >= hi[j] - FEASIBILITY_TOL * (1 + Math.abs(hi[j]));
    }

    boolean canRise(int j) {
      return !atUpper(j);
    }

    boolean canFall(int j) {
      return !atLower(j);
    }

    boolean[] mask(java.util.function.IntPredicate p) {
      boolean[] m = new boolean[n];
      for (int j = 0; j < n; j++) {
        m[j] = p.test(j);
      }
      return m;
    }

    /** Whether a row is binding at the solution (equality, or an inequality at a limit). */
    private boolean tight(Row row) {
      if (row.lo == row.hi) {
        return true;
      }
      double v = row.value(x);
      double tol = FEASIBILITY_TOL * (1 + row.scale(x));
      return v <= row.lo + tol || v >= row.hi - tol;
    }

    /**
     * A feasible step from the solution: the seed moves as given, variables in {@code movable}
     * repair every binding row (a basic solution found by Gauss–Jordan elimination over the movable
     * columns in random order; columns whose repair would leave a bound are dropped and the
     * elimination repeated), then the whole is scaled so no variable moves by more than
     * {@link #STEP_T} and no bound or slack row is crossed. Null if there is none.
     */
    double[] feasibleStep(Map<Integer, Double> seed, boolean[] movable, Random rnd) {
      List<Row> binding = new ArrayList<>();
      for (Row row : rows) {
        if (tight(row)) {
          binding.add(row);
        }
      }
      boolean[] free = new boolean[n];
      for (int j = 0; j < n; j++) {
        free[j] = movable[j] && !seed.containsKey(j) && (canRise(j) || canFall(j));
      }
      for (int attempt = 0; attempt < 40; attempt++) {
        double[] d = repair(binding, seed, free, rnd);
        if (d == null) {
          return null;
        }
        boolean dropped = false;
        for (int j = 0; j < n; j++) {
          if (free[j] && ((d[j] > 1e-12 && atUpper(j)) || (d[j] < -1e-12 && atLower(j)))) {
            free[j] = false;
            dropped = true;
          }
        }
        if (!dropped) {
          return scale(d);
        }
      }
      return null;
    }

    private double[] repair(List<Row> binding, Map<Integer, Double> seed, boolean[] free, Random rnd) {
      int[] cols = IntStream.range(0, n).filter(j -> free[j]).toArray();
      for (int i = cols.length - 1; i > 0; i--) { // random column order: varied repairs
        int k = rnd.nextInt(i + 1);
        int tmp = cols[i];
        cols[i] = cols[k];
        cols[k] = tmp;
      }
      int m = binding.size();
      double[][] a = new double[m][cols.length];
      double[] b = new double[m];
      int[] colOf = new int[n];
      Arrays.fill(colOf, -1);
      for (int c = 0; c < cols.length; c++) {
        colOf[cols[c]] = c;
      }
      for (int i = 0; i < m; i++) {
        Row row = binding.get(i);
        for (int k = 0; k < row.idx.length; k++) {
          int j = row.idx[k];
          if (seed.containsKey(j)) {
            b[i] -= row.a[k] * seed.get(j);
          } else if (colOf[j] >= 0) {
            a[i][colOf[j]] += row.a[k];
          }
        }
      }
      int[] pivotCol = new int[m];
      Arrays.fill(pivotCol, -1);
      boolean[] pivoted = new boolean[m];
      for (int c = 0; c < cols.length; c++) {
        int best = -1;
        for (int i = 0; i < m; i++) {
          if (!pivoted[i] && Math.abs(a[i][c]) > 1e-9 && (best < 0 || Math.abs(a[i][c]) > Math.abs(a[best][c]))) {
            best = i;
          }
        }
        if (best < 0) {
          continue;
        }
        pivoted[best] = true;
        pivotCol[best] = c;
        double p = a[best][c];
        for (int k = 0; k < cols.length; k++) {
          a[best][k] /= p;
        }
        b[best] /= p;
        for (int i = 0; i < m; i++) {
          if (i != best && a[i][c] != 0) {
            double f = a[i][c];
            for (int k = 0; k < cols.length; k++) {
              a[i][k] -= f * a[best][k];
            }
            b[i] -= f * b[best];
          }
        }
      }
      double[] d = new double[n];
      for (int i = 0; i < m; i++) {
        if (pivotCol[i] >= 0) {
          d[cols[pivotCol[i]]] = b[i];
        } else if (Math.abs(b[i]) > 1e-9) {
          return null; // the binding rows cannot be kept with these variables
        }
      }
      seed.forEach((j, v) -> d[j] = v);
      return d;
    }

    private double[] scale(double[] d) {
      double max = 0;
      for (double v : d) {
        max = Math.max(max, Math.abs(v));
      }
      double step = STEP_T / max;
      for (int j = 0; j < n; j++) {
        if (Math.abs(d[j]) < 1e-12 * max) {
          d[j] = 0;
        } else if (d[j] > 0) {
          step = Math.min(step, (hi[j] - x[j]) / d[j]);
        } else if (d[j] < 0) {
          step = Math.min(step, (x[j] - lo[j]) / -d[j]);
        }
      }
      for (Row row : rows) {
        double dv = row.value(d);
        double v = row.value(x);
        if (dv > 1e-12) {
          step = Math.min(step, (row.hi - v) / dv);
        } else if (dv < -1e-12) {
          step = Math.min(step, (v - row.lo) / -dv);
        }
      }
      if (!(step * max >= MIN_STEP_T)) {
        return null;
      }
      for (int j = 0; j < n; j++) {
        d[j] *= step;
      }
      return d;
    }
  }
}
