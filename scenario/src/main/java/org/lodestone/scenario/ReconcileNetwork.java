package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.reconcile.Reconciliation;
import org.lodestone.scenario.yaml.Node;

/**
 * The NdPr flow network of one year, built from a scenario's observed history and its own
 * coefficients, for {@link Reconciliation}. World totals; masses in t (t REO for mined ore).
 *
 * <p>Processes (one balance each) and flows:
 * <ul>
 *   <li><b>mining (world total)</b>, when the world's output is observed: Σ_r mined REO_r = world.</li>
 *   <li><b>separation</b>: Σ_r k_r · mined REO_r = Σ_r NdPr oxide separated_r, with k_r the NdPr oxide
 *       per t REO of region r's mines (their deposits' element split weighted by the run's output).</li>
 *   <li><b>NdPr oxide market</b>: separated + recovered from scrap + end-of-life = surplus + oxide to
 *       metal.</li>
 *   <li><b>metal and alloy</b>: oxide to metal × oxideToMetal × metalYield = g · Σ_r blanks_r, with g
 *       the run's NdPr metal per t of blank (metal per finished magnet × manufacturing yield).</li>
 *   <li><b>machining, r</b>: finished_r = manufacturingYield × blanks_r (one per magnet region).</li>
 *   <li><b>scrap recycling</b>: recovered oxide = κ · Σ_r blanks_r (κ: the run's oxide recovered per t
 *       of blank).</li>
 *   <li><b>magnet market</b>: Σ_r finished_r = Σ_s magnets served to sector s.</li>
 * </ul>
 *
 * <p>Observations in the year come from {@code history:}: {@code production} at {@code mining}
 * (mined REO), at {@code separation} with product {@code NdPr}, at {@code magnet} with product
 * {@code blank} (blank basis) or {@code magnet} / none (finished basis, the model's), {@code demand}
 * by sector, {@code recycled} NdPr. A {@code WORLD} series adds a world-total flow and its sum balance;
 * several series of the same quantity are alternative measurements of one flow (the dataset's rule:
 * conflicting sources are kept as separate series), tied by a "same quantity" balance.
 *
 * <p>Uncertainty: an observation's relative standard deviation comes from its confidence grade
 * ({@link Settings}); a leaf flow with no observation (an unobserved region's mine, separation or
 * magnet output, a sector's demand, surplus, end-of-life oxide) takes the run's value with the
 * {@code model} relative sd, so the balances stay redundant and testable; internal flows (oxide to
 * metal, blanks unless observed, recovered scrap oxide unless observed) are unmeasured and estimated.
 * With {@code freeUnobserved} every unobserved flow is unmeasured instead.
 */
public final class ReconcileNetwork {
  /** Absolute floor of a standard deviation, t: a zero-valued prior is not taken as exact. */
  public static final double SD_FLOOR_T = 1.0;
  /** Relative imbalance of the run's own values above which a balance gets a residual flow. */
  public static final double MODEL_BALANCE_TOLERANCE = 1e-6;

  /**
   * Relative standard deviations by confidence grade.
   *
   * @param byGrade   H, M, L, D, E, {@code ungraded} (a source without a grade) and {@code model} (a
   *                  run value standing for an unobserved flow), as fractions
   */
  public record Settings(Map<String, Double> byGrade) {
    /** Lodestone's stated defaults (docs: README "Reconcile"). */
    public static final Map<String, Double> DEFAULTS = defaults();

    public Settings {
      byGrade = Map.copyOf(byGrade);
    }

    private static Map<String, Double> defaults() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("H", 0.05);
      m.put("M", 0.10);
      m.put("L", 0.20);
      m.put("D", 0.15);
      m.put("E", 0.30);
      m.put("ungraded", 0.10);
      m.put("model", 0.50);
      return java.util.Collections.unmodifiableMap(m);
    }

    /** The relative sd of a grade. */
    public double relativeSd(String grade) {
      return byGrade.get(grade);
    }

    /**
     * Reads {@code reconcile: {relativeSd: {H: 5 %, ...}}} from a merged scenario tree over the
     * defaults.
     *
     * @throws InvalidInputException naming every bad entry
     */
    public static Settings read(Node.MapNode root) {
      Map<String, Double> m = new LinkedHashMap<>(DEFAULTS);
      Node n = root.get("reconcile");
      List<Problem> problems = new ArrayList<>();
      if (n != null) {
        if (!(n instanceof Node.MapNode rm)) {
          problems.add(new Problem(n.file(), n.line(), n.column(), "reconcile", null, "must be a mapping",
              "write `reconcile: {relativeSd: {H: 5 %, M: 10 %}}`"));
        } else {
          for (Node.Entry e : rm.entries().values()) {
            if (!e.key().equals("relativeSd")) {
              problems.add(new Problem(rm.file(), e.line(), e.column(), "reconcile." + e.key(), null,
                  "unknown key", "the only key is `relativeSd`"));
            } else if (!(e.value() instanceof Node.MapNode sm)) {
              problems.add(new Problem(rm.file(), e.line(), e.column(), "reconcile.relativeSd", null,
                  "must be a mapping of grade to relative sd", null));
            } else {
              for (Node.Entry g : sm.entries().values()) {
                String p = "reconcile.relativeSd." + g.key();
                if (!DEFAULTS.containsKey(g.key())) {
                  problems.add(new Problem(sm.file(), g.line(), g.column(), p, null, "unknown grade",
                      "one of " + String.join(", ", DEFAULTS.keySet())));
                  continue;
                }
                String text = g.value() instanceof Node.Scalar s ? s.text() : null;
                try {
                  double v = Units.parse(text, Units.Kind.FRACTION, null).value();
                  if (!(v > 0 && v < 10)) {
                    throw new Units.UnitException("must be > 0 (a fraction or %)");
                  }
                  m.put(g.key(), v);
                } catch (Units.UnitException ex) {
                  problems.add(new Problem(sm.file(), g.line(), g.column(), p, text, ex.getMessage(), null));
                }
              }
            }
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      return new Settings(m);
    }
  }

  /**
   * One flow of the network.
   *
   * @param name     "mining => separation, CN" style label
   * @param unit     {@code t REO} or {@code t}
   * @param value    observed value, or NaN when unmeasured
   * @param sd       standard deviation (0 when unmeasured)
   * @param origin   the observation's source label, {@code model} for a run value, "" when unmeasured
   * @param grade    confidence grade used for sd, or ""
   * @param modelled the run's value of the flow (NaN for an alternative measurement's duplicate)
   */
  public record Flow(String name, String unit, double value, double sd, String origin, String grade,
      double modelled) {
  }

  /**
   * The network of one year.
   *
   * @param year      calendar year
   * @param processes balance names, one per row of {@code a}
   * @param flows     flows, one per column
   * @param a         balances A x = 0 (rows = processes)
   */
  public record Network(int year, List<String> processes, List<Flow> flows, double[][] a) {

    /** Observed values (NaN for unmeasured). */
    public double[] values() {
      return flows.stream().mapToDouble(Flow::value).toArray();
    }

    /** Standard deviations. */
    public double[] sds() {
      return flows.stream().mapToDouble(Flow::sd).toArray();
    }

    /** Reconciles the network. */
    public Reconciliation.Result reconcile() {
      return Reconciliation.solve(a, values(), sds());
    }

    /** The imbalance of each process at flow values {@code x} (NaN entries count as 0). */
    public double[] imbalance(double[] x) {
      double[] r = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < x.length; j++) {
          if (a[i][j] != 0 && !Double.isNaN(x[j])) {
            r[i] += a[i][j] * x[j];
          }
        }
      }
      return r;
    }
  }

  private ReconcileNetwork() {
  }

  /** One observation: value, grade and label. */
  private record Obs(double value, String grade, String label) {
  }

  /**
   * Builds the network of {@code year}.
   *
   * @param scenario       the scenario (its history and figures)
   * @param run            a run of {@code scenario.chain()} covering the year
   * @param year           calendar year
   * @param settings       relative sds by grade
   * @param freeUnobserved unobserved flows are unmeasured instead of taking the run's value
   * @throws IllegalArgumentException when the year is outside the run
   */
  public static Network build(Scenario scenario, RunResult run, int year, Settings settings,
      boolean freeUnobserved) {
    SupplyChain chain = run.chain();
    int t = chain.axis().index(year);
    Map<String, List<Obs>> obs = observations(scenario, year);
    int ndpr = Element.NDPR.ordinal();
    MarketParameters mp = chain.market();
    List<String> regions = chain.regionCodes();
    int nr = regions.size();
    double[] mine = new double[nr];
    double[] mineNdpr = new double[nr];
    double[] sepReo = new double[nr];
    double[] fin = new double[nr];
    for (int p = 0; p < chain.producers().size(); p++) {
      Producer pr = chain.producers().get(p);
      double q = run.production(t, p);
      switch (pr.stage()) {
        case MINING -> {
          mine[pr.region()] += q;
          mineNdpr[pr.region()] += q * chain.depositSplit(pr.deposit(), ndpr);
        }
        case SEPARATION -> sepReo[pr.region()] += q;
        case MAGNET -> fin[pr.region()] += q;
        default -> {
        }
      }
    }
    double sepWorldModel = run.elementSeparated(t, ndpr);
    double sepReoWorld = sum(sepReo);
    double yield = mp.manufacturingYield();
    double a = mp.oxideToMetal(ndpr) * mp.metalYield();
    double g = run.metalPerMagnet(t, ndpr) * yield;
    double kappa = run.recycledPerMagnet(t, ndpr) * yield;

    Builder b = new Builder(settings, freeUnobserved, obs);
    // ---- flows
    int[] mineF = new int[nr];
    int[] sepF = new int[nr];
    int[] blankF = new int[nr];
    int[] finF = new int[nr];
    for (int r = 0; r < nr; r++) {
      String c = regions.get(r);
      mineF[r] = mine[r] > 0 || obs.containsKey(key("mine", c))
          ? b.leaf(key("mine", c), "mining => separation, " + c, "t REO", mine[r]) : -1;
      double sepModel = sepReoWorld > 0 ? sepWorldModel * sepReo[r] / sepReoWorld : 0;
      sepF[r] = sepModel > 0 || obs.containsKey(key("sep", c))
          ? b.leaf(key("sep", c), "separation => NdPr oxide, " + c, "t", sepModel) : -1;
      boolean finObs = obs.containsKey(key("fin", c));
      boolean blankObs = obs.containsKey(key("blank", c));
      if (fin[r] > 0 || finObs || blankObs) {
        blankF[r] = blankObs ? b.observedOrFree(key("blank", c), "alloy => magnet blanks, " + c, fin[r] / yield)
            : b.unmeasured("alloy => magnet blanks, " + c, "t", fin[r] / yield);
        finF[r] = finObs || !blankObs ? b.leaf(key("fin", c), "machining => finished magnets, " + c, "t", fin[r])
            : b.unmeasured("machining => finished magnets, " + c, "t", fin[r]);
      } else {
        blankF[r] = -1;
        finF[r] = -1;
      }
    }
    int mineW = obs.containsKey(key("mine", "WORLD"))
        ? b.leaf(key("mine", "WORLD"), "mining => separation, world", "t REO", sum(mine)) : -1;
    int sepW = obs.containsKey(key("sep", "WORLD"))
        ? b.leaf(key("sep", "WORLD"), "separation => NdPr oxide, world", "t", sepWorldModel) : -1;
    int finW = obs.containsKey(key("fin", "WORLD"))
        ? b.leaf(key("fin", "WORLD"), "machining => finished magnets, world", "t", sum(fin)) : -1;
    int blankW = obs.containsKey(key("blank", "WORLD"))
        ? b.leaf(key("blank", "WORLD"), "alloy => magnet blanks, world", "t", sum(fin) / yield) : -1;
    double recModel = run.elementRecycled(t, ndpr);
    int rec = obs.containsKey(key("rec", "WORLD"))
        ? b.leaf(key("rec", "WORLD"), "scrap recycling => NdPr oxide", "t", recModel)
        : b.unmeasured("scrap recycling => NdPr oxide", "t", recModel);
    int eol = b.leaf(key("eol", "WORLD"), "end-of-life recycling => NdPr oxide", "t", run.elementEolRecycled(t, ndpr));
    int surplus = b.leaf(key("surplus", "WORLD"), "NdPr oxide => surplus (not bought)", "t", run.elementSurplus(t, ndpr));
    double alloyModel = run.elementUsed(t, ndpr) + recModel + run.elementEolRecycled(t, ndpr);
    int alloy = b.unmeasured("NdPr oxide => metal and alloy", "t", alloyModel);
    int ns = chain.sectors().size();
    int[] dem = new int[ns];
    for (int s = 0; s < ns; s++) {
      String id = chain.sectors().get(s).id();
      dem[s] = b.leaf(key("dem", id), "magnet market => " + id, "t", run.served(t, s));
    }

    // ---- balances
    if (mineW >= 0) {
      b.balance("mining (world total)", total(mineF, mineW));
    }
    Map<Integer, Double> sep = new LinkedHashMap<>();
    for (int r = 0; r < nr; r++) {
      if (mineF[r] >= 0) {
        sep.put(mineF[r], mine[r] > 0 ? mineNdpr[r] / mine[r] : 0);
      }
      if (sepF[r] >= 0) {
        sep.put(sepF[r], -1.0);
      }
    }
    b.balance("separation (NdPr in mined REO = NdPr oxide separated)", sep);
    if (sepW >= 0) {
      b.balance("separation (world total)", total(sepF, sepW));
    }
    Map<Integer, Double> oxide = new LinkedHashMap<>();
    for (int r = 0; r < nr; r++) {
      if (sepF[r] >= 0) {
        oxide.put(sepF[r], 1.0);
      }
    }
    oxide.put(rec, 1.0);
    oxide.put(eol, 1.0);
    oxide.put(surplus, -1.0);
    oxide.put(alloy, -1.0);
    b.balance("NdPr oxide market", oxide);
    Map<Integer, Double> metal = new LinkedHashMap<>();
    metal.put(alloy, a);
    Map<Integer, Double> scrap = new LinkedHashMap<>();
    scrap.put(rec, -1.0);
    Map<Integer, Double> market = new LinkedHashMap<>();
    for (int r = 0; r < nr; r++) {
      if (blankF[r] >= 0) {
        metal.put(blankF[r], -g);
        scrap.put(blankF[r], kappa);
        market.put(finF[r], 1.0);
        Map<Integer, Double> mach = new LinkedHashMap<>();
        mach.put(finF[r], 1.0);
        mach.put(blankF[r], -yield);
        b.balance("machining, " + regions.get(r), mach);
      }
    }
    b.balance("metal and alloy making (NdPr)", metal);
    b.balance("scrap recycling (NdPr)", scrap);
    for (int s = 0; s < ns; s++) {
      market.put(dem[s], -1.0);
    }
    b.balance("magnet market", market);
    if (finW >= 0) {
      b.balance("magnets (world total, finished)", total(finF, finW));
    }
    if (blankW >= 0) {
      b.balance("magnets (world total, blanks)", total(blankF, blankW));
    }
    b.alternatives();
    b.residuals();
    return b.network(year);
  }

  /** A world-total balance: the regional flows (index -1: absent) sum to the total. */
  private static Map<Integer, Double> total(int[] regional, int world) {
    Map<Integer, Double> row = new LinkedHashMap<>();
    for (int f : regional) {
      if (f >= 0) {
        row.put(f, 1.0);
      }
    }
    row.put(world, -1.0);
    return row;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  private static String key(String family, String dim) {
    return family + "|" + dim;
  }

  /** Observations of the year by flow key, in history order. */
  private static Map<String, List<Obs>> observations(Scenario s, int year) {
    Map<String, String> grades = new HashMap<>();
    for (Figure f : s.figures()) {
      if (f.path().startsWith("history[")) {
        grades.put(f.path(), f.confidence().isEmpty() ? (f.source().isEmpty() ? "E" : "ungraded") : f.confidence());
      }
    }
    Map<String, List<Obs>> out = new LinkedHashMap<>();
    List<HistorySeries> hs = s.history();
    for (int i = 0; i < hs.size(); i++) {
      HistorySeries h = hs.get(i);
      double v = h.value(year);
      if (Double.isNaN(v)) {
        continue;
      }
      String region = h.region().isEmpty() ? "WORLD" : h.region();
      String k = null;
      if (h.metric().equals("production")) {
        if (h.stage().equals(Stage.MINING.code())) {
          k = key("mine", region);
        } else if (h.stage().equals(Stage.SEPARATION.code()) && h.product().equals(Element.NDPR.code())) {
          k = key("sep", region);
        } else if (h.stage().equals(Stage.MAGNET.code())) {
          k = h.product().equals(org.lodestone.core.results.TidyResults.BLANK) ? key("blank", region)
              : h.product().isEmpty() || h.product().equals("magnet") ? key("fin", region) : null;
        }
      } else if (h.metric().equals("demand") && !h.sector().isEmpty() && region.equals("WORLD")) {
        k = key("dem", h.sector());
      } else if (h.metric().equals("recycled") && h.product().equals(Element.NDPR.code()) && region.equals("WORLD")) {
        k = key("rec", region);
      }
      if (k == null) {
        continue;
      }
      String grade = grades.getOrDefault("history[" + i + "].values." + year, "ungraded");
      String label = h.label().isEmpty() ? h.source() : h.label();
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(new Obs(v, grade, label));
    }
    return out;
  }

  /** Collects flows and balances. */
  private static final class Builder {
    final Settings settings;
    final boolean free;
    final Map<String, List<Obs>> obs;
    final List<Flow> flows = new ArrayList<>();
    final List<String> processes = new ArrayList<>();
    final List<Map<Integer, Double>> rows = new ArrayList<>();
    final Map<String, Integer> primary = new LinkedHashMap<>();

    Builder(Settings settings, boolean free, Map<String, List<Obs>> obs) {
      this.settings = settings;
      this.free = free;
      this.obs = obs;
    }

    double sd(double value, String grade) {
      return Math.max(settings.relativeSd(grade) * Math.abs(value), SD_FLOOR_T);
    }

    /** A leaf flow: observed, else the run's value as a prior (or unmeasured when free). */
    int leaf(String key, String name, String unit, double modelled) {
      List<Obs> os = obs.get(key);
      if (os != null) {
        return observed(key, name, unit, modelled, os);
      }
      if (free) {
        return unmeasured(name, unit, modelled);
      }
      flows.add(new Flow(name, unit, modelled, sd(modelled, "model"), "model", "model", modelled));
      return flows.size() - 1;
    }

    int observedOrFree(String key, String name, double modelled) {
      return observed(key, name, "t", modelled, obs.get(key));
    }

    int observed(String key, String name, String unit, double modelled, List<Obs> os) {
      Obs o = os.get(0);
      flows.add(new Flow(name, unit, o.value(), sd(o.value(), o.grade()), o.label(), o.grade(), modelled));
      primary.put(key, flows.size() - 1);
      return flows.size() - 1;
    }

    int unmeasured(String name, String unit, double modelled) {
      flows.add(new Flow(name, unit, Double.NaN, 0, "", "", modelled));
      return flows.size() - 1;
    }

    void balance(String name, Map<Integer, Double> row) {
      processes.add(name);
      rows.add(row);
    }

    /** Second and further observations of a flow: their own flows, equal to the first. */
    void alternatives() {
      for (Map.Entry<String, Integer> e : primary.entrySet()) {
        List<Obs> os = obs.get(e.getKey());
        Flow first = flows.get(e.getValue());
        for (int k = 1; k < os.size(); k++) {
          Obs o = os.get(k);
          flows.add(new Flow(first.name() + " (alt)", first.unit(), o.value(), sd(o.value(), o.grade()),
              o.label(), o.grade(), first.modelled()));
          Map<Integer, Double> row = new LinkedHashMap<>();
          row.put(e.getValue(), 1.0);
          row.put(flows.size() - 1, -1.0);
          balance("same quantity: " + first.name() + " [" + o.label() + "]", row);
        }
      }
    }

    /**
     * Where the run's own values leave a balance open (flows this network does not name: regional
     * inventories and stockpiles, trade in metal, a market model's other stocks), a flow
     * "other (the run's residual)" carries the difference, with the {@code model} sd, so the
     * observations are tested against the run's full balance and the gap is shown, not hidden.
     */
    void residuals() {
      double[] x = flows.stream().mapToDouble(Flow::modelled).toArray();
      int n = rows.size();
      for (int i = 0; i < n; i++) {
        double r = 0;
        double scale = 1;
        for (Map.Entry<Integer, Double> e : rows.get(i).entrySet()) {
          double v = x[e.getKey()];
          if (!Double.isNaN(v)) {
            r += e.getValue() * v;
            scale = Math.max(scale, Math.abs(e.getValue() * v));
          }
        }
        if (Math.abs(r) > MODEL_BALANCE_TOLERANCE * scale) {
          String name = processes.get(i) + " => other (the run's residual)";
          flows.add(free ? new Flow(name, "t", Double.NaN, 0, "", "", r)
              : new Flow(name, "t", r, sd(r, "model"), "model", "model", r));
          rows.get(i).put(flows.size() - 1, -1.0);
        }
      }
    }

    Network network(int year) {
      double[][] a = new double[rows.size()][flows.size()];
      for (int i = 0; i < rows.size(); i++) {
        for (Map.Entry<Integer, Double> e : rows.get(i).entrySet()) {
          a[i][e.getKey()] += e.getValue();
        }
      }
      return new Network(year, processes, flows, a);
    }
  }
}
