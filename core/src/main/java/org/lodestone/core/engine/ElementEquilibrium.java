package org.lodestone.core.engine;

import org.lodestone.core.model.Element;

/**
 * One year of the element-price market: a partial equilibrium with joint products, solved as the dual
 * of a welfare maximisation (Samuelson 1952; Takayama and Judge 1971) on a handful of prices.
 *
 * <h2>Goods and prices (the unknowns)</h2>
 * {@code x = [p_e for each element (oxide, USD/kg), p_S (separation fee, USD/kg REO), p_T (metal-making
 * fee, USD/kg metal), p_M (open magnet price, USD/kg), δ (premium of magnets made outside China for the
 * buyers held to them, USD/kg), λ_c (rent of each production cap, USD/kg)]}, with bounds
 * {@code 0 <= p, λ}, {@code p_M <= choke}, {@code 0 <= δ <= switching premium}.
 *
 * <h2>Agents</h2>
 * <ul>
 *   <li><b>Producers</b> (mines, separators, metal makers, magnet makers) offer along a short-run supply
 *   curve: marginal cost {@code c0 (1 + α u / (1 − u))} at utilisation {@code u = q/K}, so supply at a
 *   net value v is {@code q(v) = K x / (x + A)}, {@code x = max(0, v − c0)}, {@code A = α c0}, and the
 *   profit function is {@code Π(v) = K (x − A ln(1 + x / A))} (Hotelling: {@code Π' = q}). Net values:
 *   a mine gets its whole basket {@code Σ_e s_e p_e + s_other v_other − p_S}; a separator {@code p_S};
 *   a metal maker {@code p_T}; a magnet maker {@code p_M (+ δ outside China) − M(p)}; each less the rent of
 *   the cap it is under.</li>
 *   <li><b>Materials</b> per kg of magnet: element e's oxide {@code ox_e h_e} and metal {@code m_e h_e},
 *   {@code h_e = exp(ε_e (C_e / p_ref,e − 1))} (the exponential form) or {@code h_e = (C_e / p_ref,e)^ε_e}
 *   (the power form of AUDIT.md Part A s.5 item 3, with a ceiling at {@code C_e < p_ref,e / e}; see
 *   {@link #powerGrade}), with {@code C_e = p_e + κ_e p_T}, {@code κ_e = m_e / ox_e}
 *   (grade choice: Dy and Tb content falls as they get dear; {@code ε = 0} for NdPr). The material cost
 *   {@code M(p) = Σ_e ox_e G_e(C_e)} with {@code G_e' = h_e} is concave, so by Shephard's lemma its
 *   gradient is the material use.</li>
 *   <li><b>Buyers</b> of magnets: constant-elasticity demand by sector, split into the open segment (price
 *   p_M) and the segment held to makers outside China (price {@code p_M + δ}); consumer surplus
 *   {@code CS(p) = −∫_{p_ref}^p D}. Above the choke price demand is unserved (the bound on p_M).</li>
 *   <li><b>Storage</b> of oxide e (competitive storage): end stock {@code S(p) = clamp((b − p) / w', 0, K)},
 *   value {@code p S_prev + max_S [(b − p) S − w' S² / 2]}.</li>
 *   <li><b>Oxide uses outside magnets</b> (phosphors, alloys; {@code ElementMarket.OxideUse}): demand
 *   {@code u_e(p) = U (max(p, f p_ref) / p_ref)^ε_u} for the oxide in the region it buys in, consumer
 *   surplus {@code −∫_{p_ref}^p u}, as the magnet buyers'.</li>
 *   <li><b>End-of-life oxide</b>: a fixed supply.</li>
 * </ul>
 *
 * <h2>Equilibrium</h2>
 * The dual function {@code Φ(x) = Σ Π + Σ CS (magnets and oxide uses) + Σ storage values + Σ_e p_e eol_e + Σ_c λ_c cap_c} is
 * convex; its gradient is each good's excess supply (and each cap's slack). Minimising it over the box
 * gives the equilibrium with free disposal: excess supply {@code >= 0}, price {@code >= 0}, and their
 * product zero, for every element (complementary slackness). A tiny Tikhonov term
 * {@code (ρ/2) Σ r_i x_i²} ({@code ρ = 1e-8}, {@code r_i} = flow over price scale) makes Φ strictly
 * convex, so prices are unique even where nothing trades (the tie-break picks the lowest such price).
 *
 * <h2>Method</h2>
 * Projected Newton (Bertsekas 1982, SIAM J. Control Optim. 20:221-246) on the 7 + caps unknowns with an
 * Armijo line search on Φ and a Levenberg shift when the reduced Hessian is not positive definite;
 * converged when every free variable's gradient is below {@code 1e-11} of the flows at its node.
 * Chosen after measuring: a year of base takes ~10-20 Newton steps of a dense 9×9 Cholesky
 * (microseconds), against an LP with stepped curves that is degenerate (non-unique duals) and
 * ~100 times slower (README, "Markets").
 * With trade links (R > 1) three changes, measured on {@code regional-markets} (README, "Speed"): the
 * first trial step of the line search is the exact minimiser along the direction of a model that takes
 * every link's kink exactly ({@link #kinkStep}; a step computed with a link off used to overshoot where
 * it switches on and be halved ~10 times); a phase stops once the Newton step is a few ulps of the prices
 * ({@link #atFloor}); and it ends at the iterate with the smallest gradient it met (a step at the
 * rounding floor can switch a link on at its kink and leave the balances worse). The one-market path
 * (no links) is unchanged, bit for bit.
 *
 * <h2>Regions and trade (the same programme with R regions)</h2>
 * With R regions every good but δ has one balance and one price per region: {@code x = [p_{e,r},
 * p_{S,r}, p_{T,r}, p_{M,r} for each region r (a block of G = E + 3; a good with no agent in a region has
 * no unknown there), δ, λ_c, μ_k (rent of each export cap), π_m (price of each routed mine's
 * concentrate at the mine)]}. The one-market case is R = 1 with no links: the layout, the agents and
 * the arithmetic are those above. Each producer sells and buys at its own region's prices. Trade is
 * one more agent: a link l moves good g from region a to b at the cost {@code c_l} per kg (freight,
 * tariff) plus a linear congestion cost {@code w_l f} per kg, up to a capacity {@code F_l}; it earns
 * {@code z = p_{g,b} − p_{g,a} − c_l − μ_k} per kg, so its flow is {@code f = clamp(z / w_l, 0, F_l)}
 * and its profit function {@code Ψ(z) = z² / (2 w)} on {@code [0, w F]}, {@code F z − w F² / 2} above
 * (Takayama and Judge 1971, the quadratic transport-cost case): convex in the prices, with
 * {@code ∂Ψ/∂p_b = f} (supply at b) and {@code ∂Ψ/∂p_a = −f} (demand at a). Where trade flows the
 * price gap is {@code c_l + w_l f} (the trade cost, plus at most {@link #CONGESTION} of the price when
 * the link carries the good's whole world flow); where it does not the gap is below {@code c_l}. A mine
 * with routes to separation in several regions sells concentrate at its own price π_m (its supply
 * curve at π_m) to route links worth {@code Σ_e s_e p_{e,b} + s_other v_other − p_{S,b} − π_m −
 * c_{ab}} per kg. An export cap k on the links out of a region (export controls; a licensing delay is a
 * cap at the share of last year's exports left) adds {@code μ_k K_k} to Φ, so μ_k's gradient is the
 * cap's slack and the exporter's price falls below the importer's by the cost plus μ_k. Held buyers in
 * every region outside China pay {@code p_{M,r} + δ}: δ is one world price of "made outside China"
 * (the R = 1 premium), earned by every maker outside China.
 *
 * <h2>Uniqueness of prices</h2>
 * Φ is a sum of convex functions of the prices; the Tikhonov term makes it strictly convex, so its
 * minimiser over the box is unique (a strictly convex function has at most one minimiser on a convex
 * set), and the solve starts from it. The polish without ρ keeps that point wherever Φ itself is strictly
 * convex: along every direction in which some supply curve, demand, storage or congested link has a
 * positive slope (each contributes {@code s a aᵀ} with {@code s > 0} to the Hessian); in the remaining
 * flat directions (a good nobody trades) it does not move the price from the tie-break point, because
 * the gradient there is zero. Tests solve each programme from two start points and compare every price
 * to 1e-6 relative.
 *
 * <p>Mutable scratch owned by one run; not thread-safe.
 */
final class ElementEquilibrium {
  static final int E = Element.COUNT;
  /** Goods per region: the oxides, separation, metal making, magnets. */
  static final int G = E + 3;
  static final int IS = E;
  static final int IT = E + 1;
  static final int IM = E + 2;
  static final int ID = E + 3;
  static final int IC = E + 4;
  static final int MINE = 0;
  static final int SEP = 1;
  static final int METAL = 2;
  static final int MAGNET = 3;
  static final double RHO = 1e-8;
  static final double GRAD_TOL = 1e-11;
  /**
   * Congestion of a trade link: the price gap rises by this share of the good's price scale when the
   * link carries the good's whole world flow (w = CONGESTION × price scale / flow scale); on a mine's
   * route, by this share of the mine's cash cost (at least 1 USD/kg) when it carries the mine's capacity.
   */
  static final double CONGESTION = 1e-3;
  private static final double BIG = 1e12;
  private static final int MAX_ITER = 200;
  /** Relative Newton step at which a solve with links stops: ~45 ulps, rounding (see {@link #atFloor}). */
  static final double FLOOR_STEP = 1e-14;
  /** Largest relative step of a price when a failed line search is retried ({@link #clipStep}). */
  static final double CLIP_STEP = 1e-3;

  // geography
  /** Regions (1: the one-market case). */
  final int nR;
  /** Unknown of good g in region r, {@code node[r * G + g]}; −1 where the region has no such market. */
  final int[] node;
  /** The inverse: {@code r * G + g} of each unknown, −1 for the unknowns that are not regional prices. */
  private final int[] slotOf;
  /** Index of δ, of the first production-cap rent, export-cap rent and mine concentrate price. */
  final int iD;
  final int iC;
  final int iX;
  final int iQ;
  // producers
  final int nP;
  final int[] kind;
  final int[] region;
  final double[] cap;
  final double[] c0;
  final double[] a;
  final double[] split;
  final double[] otherShare;
  final boolean[] exChina;
  final int[] capOf;
  /** Unknown of a routed mine's concentrate price, or −1 (the mine sells its basket at home). */
  final int[] concOf;
  double otherValue;
  // caps
  final int nC;
  final double[] capT;
  // export caps
  final int nX;
  final double[] exportCapT;
  // links
  final int nL;
  /** Link kinds: a good between two regions, or a mine's route to separation in a region. */
  static final int TRADE = 0;
  static final int ROUTE = 1;
  final int[] linkKind;
  /** TRADE: unknowns of the good at origin and destination; ROUTE: the mine (producer) and the destination region. */
  final int[] linkFrom;
  final int[] linkTo;
  final double[] linkCost;
  final double[] linkCap;
  final double[] linkW;
  /** Unknown of the export cap's rent the link is under, or −1. */
  final int[] linkGroup;
  /**
   * ROUTE links: the share of element e of the mine's concentrate separated in region {@code sendTo}
   * instead of the route's destination (a mixed intermediate sold there), {@code [li * E + e]}; 0 by
   * default. The route then earns that share of e at the other region's price and supplies it there.
   */
  final double[] sendShare;
  final int[] sendTo;
  // demand
  final int nS;
  /** Reference demand by sector and region, {@code [s * nR + r]}. */
  final double[] dRef;
  final double[] eps;
  /** Share of sector s's demand in region r held to makers outside China, {@code [s * nR + r]}. */
  final double[] sticky;
  double pRef;
  double pChoke;
  double premiumCap;
  // materials
  final double[] ox = new double[E];
  final double[] met = new double[E];
  final double[] kappa = new double[E];
  final double[] eta = new double[E];
  /**
   * The grade choice's form: false the exponential {@code h = exp(−η (C/p_ref − 1))}, true the power law
   * {@code h = (C/p_ref)^(−η)} with a ceiling below {@link #POWER_FLOOR} (see {@link #powerGrade}).
   */
  boolean powerGrade;
  /** The power form's ceiling {@code e^η} and {@code z = e^(η−1)} by element (set by {@link #prepare}). */
  private final double[] hMax = new double[E];
  private final double[] zFloor = new double[E];
  /** Where the power form's content stops rising: {@code C / p_ref = 1/e}. */
  static final double POWER_FLOOR = Math.exp(-1);
  final double[] pRefEl = new double[E];
  /** End-of-life oxide by region, {@code [r * E + e]}. */
  final double[] eol;
  /** Reference demand of the oxide uses outside magnets by region, {@code [r * E + e]}, t, and their elasticity. */
  final double[] useRef;
  final double[] useEps;
  /**
   * Fixed supply (positive) or demand (negative) at each unknown, t: strategic stockpiles releasing or
   * buying whatever the price (R > 1 only; a Φ term {@code x_i · fixed_i}).
   */
  final double[] fixed;
  // storage (in region stRegion)
  int stRegion;
  final double[] stCap = new double[E];
  final double[] stPrev = new double[E];
  final double[] stB = new double[E];
  final double[] stW = new double[E];
  // unknowns and bounds
  final int n;
  final double[] x;
  final double[] lo;
  final double[] hi;
  final double[] flowScale;
  final double[] priceScale;
  // scratch
  private final double[] g;
  /** Φ's Hessian at x, and at the line search's first trial (swapped in when that trial is taken). */
  private double[] h;
  private double[] ht;
  private final double[] xt;
  private final double[] d;
  private final double[] gt;
  private final double[] l;
  private final int[] free;
  /** Per free row of the Hessian block, the first column (in free order) that is not zero: its envelope. */
  private final int[] first;
  /** Per unknown, how close to a bound counts as at it ({@link #held}). */
  private final double[] heldTol;
  /** Per good, with trade: its largest flow scale over the regions, and the price scale of its last region. */
  private final double[] goodFlow = new double[G];
  private final double[] goodPrice = new double[G];
  /** The iterate with the smallest gradient norm of the current Newton phase, and its gradient (with links). */
  private final double[] xBest;
  private final double[] gBest;
  /** Breakpoints of the line search along the links' kinks: step and change of slope ({@link #kinkStep}). */
  private final double[] bkT;
  private final double[] bkD;
  private final double[] hEl;
  /** Slope of the content, −h_e'(C), by region and element (the material cost's curvature). */
  private final double[] hSlope;
  /** M(y) of each region's magnet makers within one {@link #evaluate}, and whether it is computed yet. */
  private final double[] matCost;
  private final boolean[] matDone;
  private final int[] avI = new int[3 * E + 8];
  private final double[] avC = new double[3 * E + 8];
  /**
   * Sparse Cholesky with links (R > 1): the Hessian's structure (a superset of every entry
   * {@link #evaluate} can write, from the data of {@link #prepare}), a minimum-degree elimination order
   * of it ({@code perm[k]} the unknown eliminated k-th, {@code inv} the inverse), and the rows of the
   * filled factor in that order ({@code rowIdx[rowPtr[i]..rowPtr[i+1])}: the columns k < i of row i that
   * are not structurally zero, ascending). Rebuilt only when the structure changes.
   */
  private long[] pattern;
  private int[] perm;
  private int[] inv;
  private int[] rowPtr;
  private int[] rowIdx;
  /** The same factor by columns: rows i > k of column k, ascending. */
  private int[] colPtr;
  private int[] colIdx;
  private int[] nzI;
  private double[] nzV;
  /** The factor's entries below the diagonal, by columns (see {@link #structure}), and its diagonal. */
  private double[] lv;
  private double[] ld;
  /** Per entry of lv: its place in H, the unknowns of its row and column. */
  private int[] hPos;
  private int[] lvRow;
  private int[] lvCol;
  /** Per entry of the rows (rowIdx): its place in lv. */
  private int[] rowPos;
  /**
   * Per column k, where its update of entry (a, b), b < a, of its rows lands in lv:
   * {@code updPos[colBase[k] + a (a − 1) / 2 + b]}.
   */
  private int[] colBase;
  private int[] updPos;
  /** Full symmetric structure by unknown (original order), for dᵀHd in {@link #kinkStep}. */
  private int[] adjPtr;
  private int[] adjIdx;
  private boolean[] isFree;
  /** Newton iterations since the last {@link #prepare} (of the round being solved). */
  int iterations;
  /** Tolerance of the phase with the Tikhonov term, a share of each node's flows (see {@link #converged}). */
  static final double REG_TOL = 1e-12;
  /** The tolerance of the Tikhonov phase in force ({@link #regularised(double)}). */
  private double regTol = REG_TOL;
  /** Weight of the Tikhonov term in the current phase (RHO, then 0 for the polish). */
  private double rho;

  /** The one-market case: one region, every good present, no links. */
  ElementEquilibrium(int producers, int caps, int sectors) {
    this(producers, caps, sectors, 1, null, 0, null, 0);
  }

  /**
   * @param regions     R
   * @param active      which goods each region has ({@code [r * G + g]}); null: all
   * @param exportCaps  export caps (rents μ)
   * @param routed      per producer, whether it is a mine selling concentrate over routes (null: none)
   * @param links       trade and route links
   */
  ElementEquilibrium(int producers, int caps, int sectors, int regions, boolean[] active, int exportCaps,
      boolean[] routed, int links) {
    nR = regions;
    node = new int[nR * G];
    int k = 0;
    for (int i = 0; i < nR * G; i++) {
      node[i] = active == null || active[i] ? k++ : -1;
    }
    iD = k;
    iC = k + 1;
    nP = producers;
    kind = new int[nP];
    region = new int[nP];
    cap = new double[nP];
    c0 = new double[nP];
    a = new double[nP];
    split = new double[nP * E];
    otherShare = new double[nP];
    exChina = new boolean[nP];
    capOf = new int[nP];
    concOf = new int[nP];
    java.util.Arrays.fill(capOf, -1);
    nC = caps;
    capT = new double[nC];
    nX = exportCaps;
    exportCapT = new double[nX];
    iX = iC + nC;
    iQ = iX + nX;
    int q = iQ;
    for (int p = 0; p < nP; p++) {
      concOf[p] = routed != null && routed[p] ? q++ : -1;
    }
    nL = links;
    linkKind = new int[nL];
    linkFrom = new int[nL];
    linkTo = new int[nL];
    linkCost = new double[nL];
    linkCap = new double[nL];
    linkW = new double[nL];
    linkGroup = new int[nL];
    sendShare = new double[nL * E];
    sendTo = new int[nL * E];
    java.util.Arrays.fill(linkCap, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(linkGroup, -1);
    nS = sectors;
    dRef = new double[nS * nR];
    eps = new double[nS];
    sticky = new double[nS * nR];
    eol = new double[nR * E];
    useRef = new double[nR * E];
    useEps = new double[nR * E];
    hEl = new double[nR * E];
    hSlope = new double[nR * E];
    matCost = new double[nR];
    matDone = new boolean[nR];
    n = q;
    fixed = new double[n];
    slotOf = new int[n];
    java.util.Arrays.fill(slotOf, -1);
    for (int i = 0; i < nR * G; i++) {
      if (node[i] >= 0) {
        slotOf[node[i]] = i;
      }
    }
    x = new double[n];
    lo = new double[n];
    hi = new double[n];
    flowScale = new double[n];
    priceScale = new double[n];
    g = new double[n];
    h = new double[n * n];
    ht = new double[n * n];
    xt = new double[n];
    d = new double[n];
    gt = new double[n];
    // the dense factor of the one-market Cholesky; with links the sparse one keeps its own (lv, ld)
    l = nL > 0 ? null : new double[n * n];
    free = new int[n];
    first = new int[n];
    xBest = new double[n];
    heldTol = new double[n];
    gBest = new double[n];
    bkT = new double[2 * nL];
    bkD = new double[2 * nL];
  }

  /** Unknown of good g in region r, or −1. */
  int at(int r, int good) {
    return node[r * G + good];
  }

  /** Sets bounds and scales from the current data; call once the data of the year are set. */
  void prepare() {
    iterations = 0;
    for (int i = 0; i < n; i++) {
      lo[i] = 0;
      hi[i] = BIG;
    }
    for (int e = 0; e < E; e++) {
      hMax[e] = Math.exp(eta[e]);
      zFloor[e] = Math.exp(eta[e] - 1);
    }
    for (int r = 0; r < nR; r++) {
      if (at(r, IM) >= 0) {
        lo[at(r, IM)] = 1e-9 * pRef;
        hi[at(r, IM)] = pChoke;
      }
    }
    hi[iD] = premiumCap;
    double[] supply = new double[n];
    double[] makers = new double[nR];
    for (int p = 0; p < nP; p++) {
      int r = region[p];
      switch (kind[p]) {
        case MINE -> {
          if (concOf[p] >= 0) {
            supply[concOf[p]] += cap[p];
            for (int li = 0; li < nL; li++) {
              if (linkKind[li] == ROUTE && linkFrom[li] == p) {
                int b = linkTo[li];
                for (int e = 0; e < E; e++) {
                  supply[at(b, e)] += cap[p] * split[p * E + e];
                }
                supply[at(b, IS)] += cap[p];
              }
            }
          } else {
            for (int e = 0; e < E; e++) {
              supply[at(r, e)] += cap[p] * split[p * E + e];
            }
            supply[at(r, IS)] += cap[p];
          }
        }
        case SEP -> supply[at(r, IS)] += cap[p];
        case METAL -> supply[at(r, IT)] += cap[p];
        default -> {
          supply[at(r, IM)] += cap[p];
          makers[r] += cap[p];
          if (exChina[p]) {
            supply[iD] += cap[p];
          }
        }
      }
    }
    double world = 0;
    for (int r = 0; r < nR; r++) {
      double demand = 0;
      for (int s = 0; s < nS; s++) {
        demand += dRef[s * nR + r];
      }
      world += demand;
      for (int e = 0; e < E; e++) {
        int i = at(r, e);
        if (i >= 0) {
          flowScale[i] = Math.max(Math.max(supply[i], (nR == 1 ? demand : makers[r]) * ox[e]), 1e-3) + eol[r * E + e]
              + (r == stRegion ? stCap[e] : 0) + useRef[r * E + e];
          priceScale[i] = pRefEl[e];
        }
      }
      if (at(r, IS) >= 0) {
        flowScale[at(r, IS)] = Math.max(supply[at(r, IS)], 1e-3);
        priceScale[at(r, IS)] = 1;
      }
      if (at(r, IT) >= 0) {
        double need = 0;
        if (nR > 1) {
          for (int e = 0; e < E; e++) {
            need += makers[r] * met[e];
          }
        }
        flowScale[at(r, IT)] = Math.max(Math.max(supply[at(r, IT)], need), 1e-3);
        priceScale[at(r, IT)] = 1;
      }
      if (at(r, IM) >= 0) {
        flowScale[at(r, IM)] = Math.max(Math.max(supply[at(r, IM)], demand), 1e-3);
        priceScale[at(r, IM)] = pRef;
      }
    }
    flowScale[iD] = Math.max(supply[iD], 1e-3);
    priceScale[iD] = Math.max(premiumCap, 1);
    for (int c = 0; c < nC; c++) {
      flowScale[iC + c] = Math.max(capT[c] < BIG ? capT[c] : 0, 1e-3);
      priceScale[iC + c] = 1;
    }
    for (int k = 0; k < nX; k++) {
      flowScale[iX + k] = Math.max(exportCapT[k] < BIG ? exportCapT[k] : 0, 1e-3);
      priceScale[iX + k] = 1;
    }
    for (int p = 0; p < nP; p++) {
      if (concOf[p] >= 0) {
        // floored at 1 t as the route's congestion is ({@code linkW}): a mine with no capacity still has
        // routes, and rounding in their margins moves their flows by ~1e-12 t, above 1e-11 of 1e-3 t
        flowScale[concOf[p]] = Math.max(cap[p], 1);
        priceScale[concOf[p]] = 1;
      }
    }
    if (nR > 1) {
      // with trade, rounding in a node's balance is of the order of the good's world flow: every node
      // of a good is judged on the good's largest scale
      for (int good = 0; good < G; good++) {
        double big = 0;
        for (int r = 0; r < nR; r++) {
          if (at(r, good) >= 0) {
            big = Math.max(big, flowScale[at(r, good)]);
          }
        }
        double ps = 1;
        for (int r = 0; r < nR; r++) {
          if (at(r, good) >= 0) {
            flowScale[at(r, good)] = big;
            ps = priceScale[at(r, good)];
          }
        }
        goodFlow[good] = big;
        goodPrice[good] = ps;
      }
      for (int li = 0; li < nL; li++) {
        if (linkKind[li] == ROUTE) {
          // a mine's route: congestion on the scale of the mine (its cash cost over its capacity), so
          // that rounding in its margin moves the flow by less than the tolerance of its balance
          int p = linkFrom[li];
          linkW[li] = CONGESTION * Math.max(c0[p], 1) / Math.max(cap[p], 1);
          continue;
        }
        // the good's largest flow over its regions (every node of the good now carries it) and the price
        // scale of its last region
        int good = goodOf(linkTo[li]);
        linkW[li] = CONGESTION * goodPrice[good] / Math.max(goodFlow[good], 1e-3);
      }
      // an export cap's slack is a sum of link flows: judged on the scale of the flows it caps
      for (int li = 0; li < nL; li++) {
        if (linkGroup[li] >= 0) {
          double fs = linkKind[li] == ROUTE ? Math.max(cap[linkFrom[li]], 1e-3) : flowScale[linkTo[li]];
          flowScale[linkGroup[li]] = Math.max(flowScale[linkGroup[li]], fs);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
      heldTol[i] = 1e-14 * Math.max(1, priceScale[i]);
    }
    if (nL > 0) {
      structure();
    }
  }

  /**
   * The Hessian's structure with links: every pair of unknowns that some agent's term of Φ couples (a
   * producer's net value, a link's margin, a region's two magnet prices), each diagonal; and, when it
   * changed, a minimum-degree order and the filled factor's rows ({@link #perm}). Minimum degree
   * (Tinney and Walker 1967; George and Liu 1989, Computer Solution of Large Sparse Positive Definite
   * Systems): eliminate the unknown with the fewest uneliminated neighbours (ties: the highest index; with the
   * lowest, a fuzzed case of {@code ValidRangeFuzzTest} ended a solve short of its tolerance in 2014, a
   * rounding-level difference of the path),
   * its neighbours becoming a clique; the neighbours at its elimination are its column of the factor.
   */
  private void structure() {
    int words = (n + 63) >>> 6;
    long[] bits = new long[n * words];
    for (int i = 0; i < n; i++) {
      bits[i * words + (i >>> 6)] |= 1L << i;
    }
    for (int p = 0; p < nP; p++) {
      int r = region[p];
      int m = 0;
      switch (kind[p]) {
        case MINE -> {
          if (concOf[p] >= 0) {
            avI[m++] = concOf[p];
          } else {
            for (int e = 0; e < E; e++) {
              avI[m++] = at(r, e);
            }
            avI[m++] = at(r, IS);
          }
        }
        case SEP -> avI[m++] = at(r, IS);
        case METAL -> avI[m++] = at(r, IT);
        default -> {
          for (int e = 0; e < E; e++) {
            avI[m++] = at(r, e);
          }
          avI[m++] = at(r, IT);
          avI[m++] = at(r, IM);
          if (exChina[p]) {
            avI[m++] = iD;
          }
        }
      }
      if (capOf[p] >= 0) {
        avI[m++] = iC + capOf[p];
      }
      clique(bits, words, m);
    }
    for (int li = 0; li < nL; li++) {
      clique(bits, words, linkGradient(li));
    }
    for (int r = 0; r < nR; r++) {
      if (at(r, IM) >= 0) {
        avI[0] = at(r, IM);
        avI[1] = iD;
        clique(bits, words, 2);
      }
    }
    if (pattern != null && java.util.Arrays.equals(pattern, bits)) {
      return;
    }
    pattern = bits.clone();
    // entries of an earlier structure may be left in the Hessians, which evaluate clears on the new one
    java.util.Arrays.fill(h, 0);
    java.util.Arrays.fill(ht, 0);
    adjPtr = new int[n + 1];
    int cnt = 0;
    for (int i = 0; i < n; i++) {
      for (int w = 0; w < words; w++) {
        cnt += Long.bitCount(bits[i * words + w]);
      }
    }
    adjIdx = new int[cnt];
    cnt = 0;
    for (int i = 0; i < n; i++) {
      adjPtr[i] = cnt;
      for (int j = 0; j < n; j++) {
        if ((bits[i * words + (j >>> 6)] & (1L << j)) != 0) {
          adjIdx[cnt++] = j;
        }
      }
    }
    adjPtr[n] = cnt;
    // minimum degree on the elimination graph (bits, without the diagonal from here on)
    for (int i = 0; i < n; i++) {
      bits[i * words + (i >>> 6)] &= ~(1L << i);
    }
    perm = new int[n];
    inv = new int[n];
    boolean[] gone = new boolean[n];
    int[][] colOf = new int[n][];
    for (int k = 0; k < n; k++) {
      int v = -1;
      int best = Integer.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (!gone[i]) {
          int dg = 0;
          for (int w = 0; w < words; w++) {
            dg += Long.bitCount(bits[i * words + w]);
          }
          if (dg <= best) {
            best = dg;
            v = i;
          }
        }
      }
      gone[v] = true;
      perm[k] = v;
      int[] nb = new int[best];
      int c = 0;
      for (int j = 0; j < n; j++) {
        if ((bits[v * words + (j >>> 6)] & (1L << j)) != 0) {
          nb[c++] = j;
        }
      }
      colOf[k] = nb;
      for (int a : nb) {
        for (int w = 0; w < words; w++) {
          bits[a * words + w] |= bits[v * words + w];
        }
        bits[a * words + (a >>> 6)] &= ~(1L << a);
        bits[a * words + (v >>> 6)] &= ~(1L << v);
      }
      for (int w = 0; w < words; w++) {
        bits[v * words + w] = 0;
      }
    }
    for (int k = 0; k < n; k++) {
      inv[perm[k]] = k;
    }
    // rows of the factor: row i holds column k < i where the unknown of row i was a neighbour at step k
    int[] len = new int[n];
    for (int k = 0; k < n; k++) {
      for (int u : colOf[k]) {
        len[inv[u]]++;
      }
    }
    rowPtr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      rowPtr[i + 1] = rowPtr[i] + len[i];
    }
    rowIdx = new int[rowPtr[n]];
    int[] fillAt = java.util.Arrays.copyOf(rowPtr, n);
    for (int k = 0; k < n; k++) {
      for (int u : colOf[k]) {
        rowIdx[fillAt[inv[u]]++] = k; // k ascending: each row's columns come out sorted
      }
    }
    colPtr = new int[n + 1];
    for (int k = 0; k < n; k++) {
      colPtr[k + 1] = colPtr[k] + colOf[k].length;
    }
    colIdx = new int[colPtr[n]];
    for (int k = 0; k < n; k++) {
      int c = colPtr[k];
      for (int i = 0; i < n; i++) {
        // rows of column k ascending (the neighbours' positions in the order)
        for (int u : colOf[k]) {
          if (inv[u] == i) {
            colIdx[c++] = i;
          }
        }
      }
    }
    // the factor stored by columns: entry t of column k (rows colIdx ascending) at lv[colPtr[k] + t], its
    // diagonal at ld[k]; where each entry of the rows, of H and of each column's update sits in lv
    int nnz = colPtr[n];
    lv = new double[nnz];
    ld = new double[n];
    hPos = new int[nnz];
    lvRow = new int[nnz];
    lvCol = new int[nnz];
    for (int k = 0; k < n; k++) {
      for (int q = colPtr[k]; q < colPtr[k + 1]; q++) {
        int u = perm[colIdx[q]];
        int v = perm[k];
        hPos[q] = Math.max(u, v) * n + Math.min(u, v);
        lvRow[q] = u;
        lvCol[q] = v;
      }
    }
    // where entry (i, k), i > k, of the factor sits in lv (-1 outside the structure), while the maps are built
    int[] place = new int[n * n];
    java.util.Arrays.fill(place, -1);
    for (int k = 0; k < n; k++) {
      for (int q = colPtr[k]; q < colPtr[k + 1]; q++) {
        place[colIdx[q] * n + k] = q;
      }
    }
    rowPos = new int[rowPtr[n]];
    for (int i = 0; i < n; i++) {
      for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) {
        rowPos[q] = place[i * n + rowIdx[q]];
      }
    }
    colBase = new int[n + 1];
    for (int k = 0; k < n; k++) {
      int c = colPtr[k + 1] - colPtr[k];
      colBase[k + 1] = colBase[k] + c * (c - 1) / 2;
    }
    updPos = new int[colBase[n]];
    for (int k = 0; k < n; k++) {
      int c0 = colPtr[k];
      int c = colPtr[k + 1] - c0;
      for (int a = 1; a < c; a++) {
        for (int b = 0; b < a; b++) {
          // column k's update of entry (row of a, row of b): in the column of b's row (symbolic
          // factorisation: the rows of a column are a clique of the later columns)
          int q = place[colIdx[c0 + a] * n + colIdx[c0 + b]];
          if (q < 0) {
            throw new IllegalStateException("fill outside the factor's structure at column " + k);
          }
          updPos[colBase[k] + a * (a - 1) / 2 + b] = q;
        }
      }
    }
    if (isFree == null) {
      isFree = new boolean[n];
      nzI = new int[n];
      nzV = new double[n];
    }
  }

  /** Marks the clique of the m unknowns in avI (the −1 of an absent good skipped) in the structure. */
  private void clique(long[] bits, int words, int m) {
    for (int i = 0; i < m; i++) {
      int u = avI[i];
      if (u < 0) {
        continue;
      }
      for (int j = 0; j < m; j++) {
        int v = avI[j];
        if (v >= 0) {
          bits[u * words + (v >>> 6)] |= 1L << v;
        }
      }
    }
  }

  /**
   * Sparse Cholesky (with links) of the Hessian in the order {@link #perm}, on the factor's structure:
   * a held unknown's row and column are the identity (its step is 0, and the free unknowns' system is
   * the free block's). Right-looking by columns (George and Liu 1981, ch. 2): scale column k by its
   * pivot, then subtract its outer product from the trailing block, over the entries of the column that
   * are not zero. False if not positive definite. The factor is stored by columns ({@link #lv}, with the
   * place of each update precomputed in {@link #updPos}): each entry receives the same updates in the
   * same order as in a dense array, so the same bits, with the work on a few kB instead of n² doubles
   * (regional-markets 2030, 2026-12-04: with the Hessian cleared on its structure only, 8 % off a warm year).
   */
  private boolean sparseCholesky(double shift) {
    // H's entries of the free block in the factor's storage (an entry of the fill reads a zero of H)
    for (int q = 0; q < lv.length; q++) {
      lv[q] = isFree[lvRow[q]] && isFree[lvCol[q]] ? h[hPos[q]] : 0;
    }
    for (int i = 0; i < n; i++) {
      int u = perm[i];
      ld[i] = isFree[u] ? h[u * n + u] + shift * Math.max(h[u * n + u], 1e-12 * flowScale[u] / priceScale[u]) : 1;
    }
    for (int k = 0; k < n; k++) {
      double piv = ld[k];
      if (!(piv > 0)) {
        return false;
      }
      double lkk = Math.sqrt(piv);
      ld[k] = lkk;
      int c = 0;
      int c0 = colPtr[k];
      for (int q = c0; q < colPtr[k + 1]; q++) {
        double v = lv[q] / lkk;
        lv[q] = v;
        if (v != 0) {
          nzI[c] = q - c0;
          nzV[c++] = v;
        }
      }
      // the update of the trailing block by the column, only where both entries are not zero (a link
      // that is off leaves its entries zero: skipping their ±0 products changes nothing); each entry
      // receives its updates in the order of the columns, as in the dense form
      int base = colBase[k];
      for (int a = 0; a < c; a++) {
        int ia = nzI[a];
        int ra = base + ia * (ia - 1) / 2;
        double va = nzV[a];
        for (int b = 0; b < a; b++) {
          lv[updPos[ra + nzI[b]]] -= va * nzV[b];
        }
        ld[colIdx[c0 + ia]] -= va * va;
      }
    }
    return true;
  }

  /** Solves L Lᵀ d = −g (held unknowns' right side 0) with the factor of {@link #sparseCholesky}. */
  private void sparseSolve() {
    double[] z = gt;
    for (int i = 0; i < n; i++) {
      int u = perm[i];
      double s = isFree[u] ? -g[u] : 0;
      for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) {
        s -= lv[rowPos[q]] * z[rowIdx[q]];
      }
      z[i] = s / ld[i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double xi = z[i] / ld[i];
      z[i] = xi;
      for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) {
        z[rowIdx[q]] -= lv[rowPos[q]] * xi;
      }
    }
    for (int i = 0; i < n; i++) {
      int u = perm[i];
      d[u] = isFree[u] ? z[i] : 0;
    }
  }

  /** The good (0..G−1) of a regional unknown, or −1 (δ, rents, concentrate prices). */
  int goodOf(int unknown) {
    int k = slotOf[unknown];
    return k < 0 ? -1 : k % G;
  }

  /** Region of a regional unknown, or −1. */
  int regionOf(int unknown) {
    int k = slotOf[unknown];
    return k < 0 ? -1 : k / G;
  }

  /** Net value of producer p at prices y, USD/kg of its product (material cost in {@link #hEl} for magnets). */
  private double value(int p, double[] y) {
    return value(p, y, kind[p] == MAGNET ? material(region[p], y) : 0);
  }

  /**
   * Net value of producer p at prices y, with the material cost {@code materialCost = M_r(y)} of its
   * region already computed: M_r is the same for every magnet maker of region r, so {@link #evaluate}
   * computes it (and h_e) once per region.
   */
  private double value(int p, double[] y, double materialCost) {
    double v;
    int r = region[p];
    switch (kind[p]) {
      case MINE -> {
        if (concOf[p] >= 0) {
          v = y[concOf[p]];
        } else {
          v = basket(p, r, y);
        }
      }
      case SEP -> v = y[at(r, IS)];
      case METAL -> v = y[at(r, IT)];
      default -> v = y[at(r, IM)] + (exChina[p] ? y[iD] : 0) - materialCost;
    }
    return capOf[p] >= 0 ? v - y[iC + capOf[p]] : v;
  }

  /** A mine's basket separated in region b, less the separation fee there, USD/kg REO. */
  private double basket(int p, int b, double[] y) {
    double v = otherShare[p] * otherValue - y[at(b, IS)];
    for (int e = 0; e < E; e++) {
      v += split[p * E + e] * y[at(b, e)];
    }
    return v;
  }

  /** Material cost per kg of magnet in region r, M(y); leaves h_e in {@link #hEl}. */
  private double material(int r, double[] y) {
    double m = 0;
    int t = at(r, IT);
    for (int e = 0; e < E; e++) {
      double c = y[at(r, e)] + kappa[e] * y[t];
      int k = r * E + e;
      if (eta[e] == 0) {
        hEl[k] = 1;
        hSlope[k] = 0;
        m += ox[e] * c;
      } else if (!powerGrade) {
        // exponential form: h = exp(−η (C/p_ref − 1)), G(C) = ∫_0^C h
        double pr = pRefEl[e];
        hEl[k] = Math.exp(-eta[e] * (c / pr - 1));
        hSlope[k] = eta[e] * hEl[k] / pr;
        m += ox[e] * pr / eta[e] * Math.exp(eta[e]) * (1 - Math.exp(-eta[e] * c / pr));
      } else {
        m += ox[e] * powerGrade(e, c, k);
      }
    }
    return m;
  }

  /**
   * The power form of the grade choice for element e at the cost C = p_e + κ_e p_T (AUDIT.md Part A s.5
   * item 3: intensity {@code g0 (p/p_ref)^ε}, ε = −η): sets {@code hEl[k] = h(C)} and {@code hSlope[k] =
   * −h'(C)}, returns {@code G(C) = ∫_0^C h}. Below {@code C_f = p_ref / e} the content stays at
   * {@code h(C_f) = e^η}, the exponential form's content at a zero price: a ceiling (a modelling choice,
   * not from the AUDIT) that keeps the content finite as the price falls to zero, where the power law
   * alone would make it unbounded. So {@code G = e^η C} up to C_f and
   * {@code G = p_ref [z + (u^(1−η) − z) / (1 − η)]} above, {@code u = C / p_ref},
   * {@code z = e^(η−1) = u_f^(1−η)} (the limit {@code p_ref (1 + ln u)} at η = 1).
   */
  private double powerGrade(int e, double c, int k) {
    double pr = pRefEl[e];
    double n = eta[e];
    double u = c / pr;
    double z = zFloor[e];
    if (!(u > POWER_FLOOR)) {
      hEl[k] = hMax[e];
      hSlope[k] = 0;
      return hEl[k] * c;
    }
    double lu = Math.log(u);
    hEl[k] = Math.exp(-n * lu);
    hSlope[k] = n * hEl[k] / c;
    double b = 1 - n;
    // (u^b − z) / b = z (exp(b (ln u + 1)) − 1) / b, exact near b = 0
    double t = lu + 1;
    double rise = Math.abs(b) < 1e-12 ? t : Math.expm1(b * t) / b;
    return pr * z * (1 + rise);
  }

  /** Supply of producer p at net value v. */
  double supply(int p, double v) {
    double xx = v - c0[p];
    if (xx <= 0 || cap[p] <= 0) {
      return 0;
    }
    return a[p] > 0 ? cap[p] * xx / (xx + a[p]) : cap[p];
  }

  private double profit(int p, double v) {
    double xx = v - c0[p];
    if (xx <= 0 || cap[p] <= 0) {
      return 0;
    }
    return a[p] > 0 ? cap[p] * (xx - a[p] * Log1p.log1p(xx / a[p])) : cap[p] * xx;
  }

  private double slope(int p, double v) {
    double xx = v - c0[p];
    if (xx <= 0 || cap[p] <= 0 || a[p] <= 0) {
      return 0;
    }
    double z = xx + a[p];
    return cap[p] * a[p] / (z * z);
  }

  /** Demand of sector s at price (the one-market case's region). */
  double sectorDemand(int s, double price) {
    return sectorDemand(s, 0, price);
  }

  /** Demand of sector s in region r at price. */
  double sectorDemand(int s, int r, double price) {
    double ref = dRef[s * nR + r];
    return eps[s] == 0 ? ref : ref * Math.pow(price / pRef, eps[s]);
  }

  private double surplusIntegral(int s, int r, double price) {
    double ref = dRef[s * nR + r];
    double ratio = price / pRef;
    if (eps[s] == 0) {
      return ref * (price - pRef);
    }
    if (Math.abs(eps[s] + 1) < 1e-12) {
      return ref * pRef * Math.log(ratio);
    }
    return ref * pRef * (Math.pow(ratio, 1 + eps[s]) - 1) / (1 + eps[s]);
  }

  /**
   * Demand of the oxide uses outside magnets for element e in region r at price p, t: constant elasticity
   * above {@code f p_ref} ({@code ElementMarket.OxideUse.FLOOR_SHARE}), held at its value there below.
   */
  double oxideUse(int r, int e, double price) {
    double ref = useRef[r * E + e];
    double eu = useEps[r * E + e];
    if (ref == 0 || eu == 0) {
      return ref;
    }
    double pf = USE_FLOOR * pRefEl[e];
    return ref * Math.pow(Math.max(price, pf) / pRefEl[e], eu);
  }

  /** {@code ∫_{p_ref}^p u(q) dq} of the oxide uses of element e in region r (their surplus is its negative). */
  private double useIntegral(int r, int e, double price) {
    double ref = useRef[r * E + e];
    double eu = useEps[r * E + e];
    double pr = pRefEl[e];
    if (eu == 0) {
      return ref * (price - pr);
    }
    double pf = USE_FLOOR * pr;
    double at = Math.max(price, pf);
    double ratio = at / pr;
    double above = Math.abs(eu + 1) < 1e-12 ? ref * pr * Math.log(ratio)
        : ref * pr * (Math.pow(ratio, 1 + eu) - 1) / (1 + eu);
    // below the floor the use is a fixed tonnage: the integral goes on linearly
    return price >= pf ? above : above + ref * Math.pow(USE_FLOOR, eu) * (price - pf);
  }

  /** Share of the reference price below which an oxide use takes no more ({@code ElementMarket.OxideUse.FLOOR_SHARE}). */
  static final double USE_FLOOR = org.lodestone.core.model.ElementMarket.OxideUse.FLOOR_SHARE;

  /** End stock of element e's storage at price p. */
  double stock(int e, double p) {
    if (stCap[e] <= 0) {
      return 0;
    }
    return Math.min(stCap[e], Math.max(0, (stB[e] - p) / stW[e]));
  }

  /** Earnings per kg of link li at prices y (before its congestion). */
  private double linkMargin(int li, double[] y) {
    double z;
    if (linkKind[li] == ROUTE) {
      int p = linkFrom[li];
      z = basket(p, linkTo[li], y) - y[concOf[p]];
      for (int e = 0; e < E; e++) {
        double d = sendShare[li * E + e];
        if (d != 0) {
          z += split[p * E + e] * d * (y[at(sendTo[li * E + e], e)] - y[at(linkTo[li], e)]);
        }
      }
    } else {
      z = y[linkTo[li]] - y[linkFrom[li]];
    }
    z -= linkCost[li];
    if (linkGroup[li] >= 0) {
      z -= y[linkGroup[li]];
    }
    return z;
  }

  /** Flow on link li at prices y, t. */
  double linkFlow(int li, double[] y) {
    double z = linkMargin(li, y);
    if (z <= 0) {
      return 0;
    }
    return Math.min(linkCap[li], z / linkW[li]);
  }

  /** Flow on link li at the current solution, t. */
  double linkFlow(int li) {
    return linkFlow(li, x);
  }

  /** Fills avI/avC with ∂z/∂y of link li; returns the count. */
  private int linkGradient(int li) {
    int m = 0;
    if (linkKind[li] == ROUTE) {
      int p = linkFrom[li];
      int b = linkTo[li];
      for (int e = 0; e < E; e++) {
        if (split[p * E + e] != 0) {
          double d = sendShare[li * E + e];
          avI[m] = at(b, e);
          avC[m++] = split[p * E + e] * (1 - d);
          if (d != 0) {
            avI[m] = at(sendTo[li * E + e], e);
            avC[m++] = split[p * E + e] * d;
          }
        }
      }
      avI[m] = at(b, IS);
      avC[m++] = -1;
      avI[m] = concOf[p];
      avC[m++] = -1;
    } else {
      avI[m] = linkTo[li];
      avC[m++] = 1;
      avI[m] = linkFrom[li];
      avC[m++] = -1;
    }
    if (linkGroup[li] >= 0) {
      avI[m] = linkGroup[li];
      avC[m++] = -1;
    }
    return m;
  }

  /**
   * Φ at y; with {@code grad} (and {@code hess} when not null) filled. With {@code grad == null} only the
   * Hessian is computed (Φ is then not computed and 0 is returned): Newton's step needs it at a point whose
   * Φ and gradient the line search has just computed.
   */
  private double evaluate(double[] y, double[] grad, double[] hess) {
    return evaluate(y, grad, hess, grad != null);
  }

  /**
   * Φ at y when {@code phiOn} (else 0 is returned), the gradient into {@code grad} when it is not null,
   * the Hessian into {@code hess} when it is not null. Φ and the gradient are independent sums, each
   * computed with the same arithmetic in the same order whatever else is asked for, so Φ alone followed
   * by the gradient alone gives the same bits as both at once: the line search computes Φ alone at the
   * trials it may reject.
   */
  private double evaluate(double[] y, double[] grad, double[] hess, boolean phiOn) {
    boolean gradOn = grad != null;
    if (gradOn) {
      java.util.Arrays.fill(grad, 0);
    }
    if (hess != null) {
      if (pattern != null) {
        // with links only the structure's entries are ever written (the rest stays zero): clear those
        for (int i = 0; i < n; i++) {
          int row = i * n;
          for (int q = adjPtr[i]; q < adjPtr[i + 1]; q++) {
            hess[row + adjIdx[q]] = 0;
          }
        }
      } else {
        java.util.Arrays.fill(hess, 0);
      }
    }
    double phi = 0;
    // M_r(y) and h_e once per region for all its magnet makers (the same arithmetic on the same numbers
    // as once per maker, so the same bits); only regions with a maker, the others may lack the goods
    java.util.Arrays.fill(matDone, false);
    for (int p = 0; p < nP; p++) {
      double mc = 0;
      if (kind[p] == MAGNET) {
        int r = region[p];
        if (!matDone[r]) {
          matCost[r] = material(r, y);
          matDone[r] = true;
        }
        mc = matCost[r];
      }
      double v = value(p, y, mc);
      if (phiOn) {
        phi += profit(p, v);
      }
      if (!gradOn && hess == null) {
        continue; // Φ alone: no supply, no derivatives
      }
      double q = supply(p, v);
      if (q == 0 && v <= c0[p]) {
        continue;
      }
      int r = region[p];
      // (avI, avC) = ∂v/∂y, sparse
      int m = 0;
      switch (kind[p]) {
        case MINE -> {
          if (concOf[p] >= 0) {
            avI[m] = concOf[p];
            avC[m++] = 1;
          } else {
            for (int e = 0; e < E; e++) {
              avI[m] = at(r, e);
              avC[m++] = split[p * E + e];
            }
            avI[m] = at(r, IS);
            avC[m++] = -1;
          }
        }
        case SEP -> {
          avI[m] = at(r, IS);
          avC[m++] = 1;
        }
        case METAL -> {
          avI[m] = at(r, IT);
          avC[m++] = 1;
        }
        default -> {
          double mt = 0;
          for (int e = 0; e < E; e++) {
            avI[m] = at(r, e);
            avC[m++] = -ox[e] * hEl[r * E + e];
            mt += ox[e] * kappa[e] * hEl[r * E + e];
          }
          avI[m] = at(r, IT);
          avC[m++] = -mt;
          avI[m] = at(r, IM);
          avC[m++] = 1;
          if (exChina[p]) {
            avI[m] = iD;
            avC[m++] = 1;
          }
        }
      }
      if (capOf[p] >= 0) {
        avI[m] = iC + capOf[p];
        avC[m++] = -1;
      }
      m = dropZeros(m);
      for (int k = 0; gradOn && k < m; k++) {
        grad[avI[k]] += q * avC[k];
      }
      if (hess != null) {
        double s = slope(p, v);
        if (s > 0) {
          outer(hess, s, m);
        }
        if (kind[p] == MAGNET && q > 0) {
          // q × (−∇²M): each element with a grade response adds ox η h / p_ref along (e_e + κ_e e_T)
          int it = at(r, IT);
          for (int e = 0; e < E; e++) {
            if (powerGrade ? hSlope[r * E + e] > 0 : eta[e] > 0) {
              int ie = at(r, e);
              // the exponential form's expression kept as it was (bit for bit)
              double w = powerGrade ? q * ox[e] * hSlope[r * E + e]
                  : q * ox[e] * eta[e] * hEl[r * E + e] / pRefEl[e];
              hess[ie * n + ie] += w;
              hess[ie * n + it] += w * kappa[e];
              hess[it * n + ie] += w * kappa[e];
              hess[it * n + it] += w * kappa[e] * kappa[e];
            }
          }
        }
      }
    }
    for (int li = 0; li < nL; li++) {
      double z = linkMargin(li, y);
      if (z <= 0) {
        continue;
      }
      double w = linkW[li];
      double f = Math.min(linkCap[li], z / w);
      int m = gradOn || hess != null ? linkGradient(li) : 0;
      if (phiOn) {
        phi += f < linkCap[li] ? 0.5 * z * z / w : linkCap[li] * z - 0.5 * w * linkCap[li] * linkCap[li];
      }
      for (int k = 0; gradOn && k < m; k++) {
        grad[avI[k]] += f * avC[k];
      }
      if (hess != null && f < linkCap[li]) {
        outer(hess, 1 / w, m);
      }
    }
    for (int r = 0; r < nR; r++) {
      int im = at(r, IM);
      if (im < 0) {
        continue;
      }
      double pM = y[im];
      double pX = y[im] + y[iD];
      // with no premium both segments pay the same price: the same demand and surplus, computed once
      boolean same = pX == pM;
      for (int s = 0; s < nS; s++) {
        double held = sticky[s * nR + r];
        double open = 1 - held;
        double dM = sectorDemand(s, r, pM);
        double dO = open * dM;
        double dX = held * (same ? dM : sectorDemand(s, r, pX));
        if (phiOn) {
          double sM = surplusIntegral(s, r, pM);
          phi -= open * sM + held * (same ? sM : surplusIntegral(s, r, pX));
        }
        if (gradOn) {
          grad[im] -= dO + dX;
          grad[iD] -= dX;
        }
        if (hess != null && eps[s] != 0) {
          double sO = -eps[s] * dO / pM;
          double sX = -eps[s] * dX / pX;
          hess[im * n + im] += sO + sX;
          hess[im * n + iD] += sX;
          hess[iD * n + im] += sX;
          hess[iD * n + iD] += sX;
        }
      }
    }
    for (int e = 0; e < E; e++) {
      for (int r = 0; r < nR; r++) {
        int ie = at(r, e);
        if (ie >= 0) {
          if (phiOn) {
            phi += y[ie] * eol[r * E + e];
          }
          if (gradOn) {
            grad[ie] += eol[r * E + e];
          }
          if (useRef[r * E + e] > 0) {
            double u = oxideUse(r, e, y[ie]);
            if (phiOn) {
              phi -= useIntegral(r, e, y[ie]);
            }
            if (gradOn) {
              grad[ie] -= u;
            }
            if (hess != null && useEps[r * E + e] != 0 && y[ie] > USE_FLOOR * pRefEl[e]) {
              hess[ie * n + ie] += -useEps[r * E + e] * u / y[ie];
            }
          }
        }
      }
      if (stCap[e] > 0) {
        int ie = at(stRegion, e);
        double st = stock(e, y[ie]);
        if (phiOn) {
          phi += y[ie] * stPrev[e] + (stB[e] - y[ie]) * st - 0.5 * stW[e] * st * st;
        }
        if (gradOn) {
          grad[ie] += stPrev[e] - st;
        }
        if (hess != null && st > 0 && st < stCap[e]) {
          hess[ie * n + ie] += 1 / stW[e];
        }
      }
    }
    if ((phiOn || gradOn) && nR > 1) {
      for (int i = 0; i < n; i++) {
        if (phiOn) {
          phi += y[i] * fixed[i];
        }
        if (gradOn) {
          grad[i] += fixed[i];
        }
      }
    }
    for (int c = 0; c < nC; c++) {
      double k = Math.min(capT[c], BIG);
      if (phiOn) {
        phi += y[iC + c] * k;
      }
      if (gradOn) {
        grad[iC + c] += k;
      }
    }
    for (int c = 0; c < nX; c++) {
      double k = Math.min(exportCapT[c], BIG);
      if (phiOn) {
        phi += y[iX + c] * k;
      }
      if (gradOn) {
        grad[iX + c] += k;
      }
    }
    for (int i = 0; i < n; i++) {
      double r = rho * flowScale[i] / priceScale[i];
      if (phiOn) {
        phi += 0.5 * r * y[i] * y[i];
      }
      if (gradOn) {
        grad[i] += r * y[i];
      }
      if (hess != null) {
        hess[i * n + i] += r;
      }
    }
    return phi;
  }

  /**
   * Drops the zero coefficients from (avI, avC) of length m, keeping the order; returns the new length.
   * Adding q·0 or s·a_i·0 (±0) leaves every sum as it is (a sum that starts at +0 never becomes −0 in
   * round-to-nearest, and x + ±0 = x otherwise), so skipping them changes no bit.
   */
  private int dropZeros(int m) {
    int k = 0;
    for (int i = 0; i < m; i++) {
      if (avC[i] != 0) {
        avI[k] = avI[i];
        avC[k++] = avC[i];
      }
    }
    return k;
  }

  /** hess += s · av avᵀ on the sparse (avI, avC) of length m. */
  private void outer(double[] hess, double s, int m) {
    for (int i = 0; i < m; i++) {
      if (avC[i] != 0) {
        int row = avI[i] * n;
        double si = s * avC[i];
        for (int j = 0; j < m; j++) {
          hess[row + avI[j]] += si * avC[j];
        }
      }
    }
  }

  /** Whether variable i is held at a bound: at it, with the gradient pushing outwards. */
  private boolean held(int i, double[] y, double[] grad) {
    double tol = heldTol[i];
    return (y[i] <= lo[i] + tol && grad[i] > 0) || (y[i] >= hi[i] - tol && grad[i] < 0);
  }

  private boolean converged(double[] y, double[] grad) {
    // with the Tikhonov term on, solve to REG_TOL (1e-12) of the flows (or to a mixing round's looser
    // tolerance, regularised(double), when the round is cleared again): in a direction where Φ is flat the
    // gradient is ρ r x, so a flat price ends within 1e-4 of its scale from the tie-break point (0)
    double tol = rho > 0 ? regTol : GRAD_TOL;
    for (int i = 0; i < n; i++) {
      if (!held(i, y, grad) && Math.abs(grad[i]) > tol * flowScale[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Solves from the current {@link #x}: first with the Tikhonov term (which picks the unique point and
   * the lowest price where Φ is flat), then polished without it, so the balances hold to the solver's
   * tolerance rather than to ρ. Returns the Newton iterations.
   */
  int solve() {
    iterations = 0;
    regularised();
    return polish();
  }

  /**
   * The first phase of {@link #solve}: from the current {@link #x} to the unique minimum of Φ with the
   * Tikhonov term. A caller that changes Φ's data after this (the engine's next mixing round, when the
   * grade mix moved) solves again from this point and polishes only the round that stands: a polish
   * moves the prices by about ρ, which the next round's first phase would undo (on regional-markets,
   * 2026-12-04: 13 % fewer Newton steps over the run, 33 % in 2030). Returns the Newton iterations.
   */
  int regularised() {
    return regularised(REG_TOL);
  }

  /**
   * {@link #regularised()} stopped once every free gradient is within {@code tol} of its node's flows
   * (at most {@link #REG_TOL} is the full phase): for a round that will likely be cleared again with new
   * data, whose last quadratic steps would be spent on a point about to move. Called again with the full
   * tolerance it continues from where it stopped. Adds to {@link #iterations}.
   */
  int regularised(double tol) {
    rho = RHO;
    regTol = Math.max(tol, REG_TOL);
    iterations += newton();
    regTol = REG_TOL;
    converged = false;
    return iterations;
  }

  /**
   * The second phase of {@link #solve}, from the regularised minimum: the polish without the Tikhonov
   * term. Returns the Newton iterations since the last {@link #prepare}.
   */
  int polish() {
    rho = 0;
    iterations += newton();
    // g is the gradient at x (newton keeps them together), the bits gradient() would give
    converged = converged(x, g);
    return iterations;
  }

  /**
   * The largest excess supply left on a free variable at the current point, t: Φ's gradient by a price
   * is that good's excess supply, so this bounds how far any balance of the solve is off. Zero at a
   * point that meets the tolerance up to the tolerance itself; used when a solve stopped at Φ's rounding
   * floor short of the tolerance ({@link #converged} false).
   */
  double residual() {
    double[] gr = gradient();
    double r = 0;
    for (int i = 0; i < n; i++) {
      if (!held(i, x, gr)) {
        r = Math.max(r, Math.abs(gr[i]));
      }
    }
    return r;
  }

  /**
   * The excess supply of element e's oxide left on its free prices, summed over the regions, t: the
   * world balance of e is the sum of its regional balances, so after a solve short of its tolerance it is
   * off by up to this (one region: {@link #residual()}'s share for e).
   */
  double residual(int e) {
    double[] gr = gradient();
    double r = 0;
    for (int q = 0; q < nR; q++) {
      int i = at(q, e);
      if (i >= 0 && !held(i, x, gr)) {
        r += Math.abs(gr[i]);
      }
    }
    return r;
  }

  /** The free variable furthest from its tolerance at the current point (diagnostics). */
  String worst() {
    double[] gr = gradient();
    int w = -1;
    double ratio = 0;
    for (int i = 0; i < n; i++) {
      if (!held(i, x, gr) && Math.abs(gr[i]) / flowScale[i] > ratio) {
        ratio = Math.abs(gr[i]) / flowScale[i];
        w = i;
      }
    }
    return w < 0 ? "none" : "var " + w + " good " + goodOf(w) + " region " + regionOf(w) + " x " + x[w] + " grad "
        + gr[w] + " scale " + flowScale[w];
  }

  /** Whether the last solve met the tolerance. */
  boolean converged;

  private int newton() {
    double phi = evaluate(x, g, h);
    double bestNorm = nL > 0 ? keepBest(Double.POSITIVE_INFINITY) : 0;
    int it = 0;
    for (; it < MAX_ITER; it++) {
      if (converged(x, g)) {
        break;
      }
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (!held(i, x, g)) {
          free[m++] = i;
        }
      }
      java.util.Arrays.fill(d, 0);
      newtonStep(m);
      if (nL > 0 && atFloor(m)) {
        break;
      }
      // Armijo search along the projected path
      boolean clipped = false;
      boolean failed = false;
      double phiT = phi;
      // whether ht holds the Hessian at the accepted trial (the first one, evaluated with it)
      boolean hessAtTrial = false;
      while (true) {
        hessAtTrial = false;
        double step = nL > 0 ? kinkStep(m, phi) : 1;
        boolean accepted = false;
        for (int k = 0; k < 60; k++) {
          double decrease = 0;
          for (int i = 0; i < n; i++) {
            xt[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * d[i]));
            decrease += g[i] * (xt[i] - x[i]);
          }
          // the first trial, usually taken, with its gradient and Hessian; the later ones Φ alone, the
          // gradient only once a trial needs it (the same bits either way, see evaluate)
          boolean withGrad = k == 0;
          phiT = evaluate(xt, withGrad ? gt : null, withGrad ? ht : null, true);
          if (phiT <= phi + 1e-4 * decrease && phiT < phi) {
            if (!withGrad) {
              evaluate(xt, gt, null, false);
            }
            accepted = true;
            hessAtTrial = withGrad;
            break;
          }
          // at Φ's rounding floor (changes below ~1e-12 of Φ) Armijo cannot see progress: take the step
          // if it shrinks the projected gradient instead
          if (Math.abs(phiT - phi) <= 1e-11 * Math.abs(phi)) {
            if (!withGrad) {
              evaluate(xt, gt, null, false);
            }
            if (norm(xt, gt) < norm(x, g)) {
              accepted = true;
              hessAtTrial = withGrad;
              break;
            }
          }
          step *= 0.5;
        }
        if (!accepted) {
          // rounding floor of Φ: take the step if it shrinks the gradient
          double before = norm(x, g);
          phiT = evaluate(xt, gt, null);
          if (norm(xt, gt) >= before) {
            // once, a direction that no step along it improves: it may be a price in a flat direction of
            // Φ (a region whose makers are idle, where only trade links at their kinks set a price) whose
            // Newton step dwarfs the rest; retry with each free price's step at most CLIP_STEP of its
            // scale. Only here, where the solve used to stop: a solve that never stopped so is unchanged
            if (!clipped && clipStep(m)) {
              clipped = true;
              continue;
            }
            failed = true;
          }
        }
        break;
      }
      if (failed) {
        break;
      }
      System.arraycopy(xt, 0, x, 0, n);
      // Φ and the gradient at the new point are those just computed at xt (the same arithmetic on the
      // same numbers, so the same bits): only the Hessian is evaluated anew
      System.arraycopy(gt, 0, g, 0, n);
      phi = phiT;
      if (nL > 0) {
        bestNorm = keepBest(bestNorm);
      }
      if (hessAtTrial) {
        double[] swap = h;
        h = ht;
        ht = swap;
      } else {
        evaluate(x, null, h);
      }
    }
    if (nL > 0 && norm(x, g) > bestNorm) {
      // at the rounding floor a step can switch a link on at its kink and leave the balances worse:
      // end at the point with the smallest gradient met
      System.arraycopy(xBest, 0, x, 0, n);
      System.arraycopy(gBest, 0, g, 0, n);
    }
    return it;
  }

  /** Copies (x, g) to (xBest, gBest) if its gradient norm is below {@code bestNorm}; returns the smaller norm. */
  private double keepBest(double bestNorm) {
    double nr = norm(x, g);
    if (nr < bestNorm) {
      System.arraycopy(x, 0, xBest, 0, n);
      System.arraycopy(g, 0, gBest, 0, n);
      return nr;
    }
    return bestNorm;
  }

  /**
   * First trial step along d (in (0, 1]) with the trade links' kinks taken exactly: along the ray x + t d
   * each link's margin is linear in t, so its term Ψ of Φ is piecewise quadratic with breakpoints where
   * the link switches on, or reaches its capacity. Φ along the ray is modelled as its second-order
   * expansion at x for everything but the links, plus each link's term exactly; the model's derivative
   * is non-decreasing and piecewise linear in t, and its first zero (found by walking the sorted
   * breakpoints) is the trial step. The Armijo test on the true Φ then accepts or halves it as before.
   * Without it, a Newton step computed with a link off overshoots where the link switches on (its
   * curvature 1/w is large) and the search halves the step ~10 times.
   */
  private double kinkStep(int m, double phi) {
    // the direction as the projection first takes it: a variable at a bound that d pushes outwards stays
    // there (xt is free scratch until the line search fills it)
    double[] dd = xt;
    java.util.Arrays.fill(dd, 0);
    double gd = 0;
    for (int k = 0; k < m; k++) {
      int i = free[k];
      double di = d[i];
      if ((di < 0 && x[i] <= lo[i]) || (di > 0 && x[i] >= hi[i])) {
        di = 0;
      }
      dd[i] = di;
      gd += g[i] * di;
    }
    // at Φ's rounding floor the model cannot be told from rounding either: the full step, as without links
    if (!(gd < 0) || -gd <= 1e-10 * Math.abs(phi)) {
      return 1;
    }
    double dhd = 0;
    for (int k = 0; k < m; k++) {
      int u = free[k];
      int row = u * n;
      double s = 0;
      // dd is zero off the free set; H is zero off its structure
      for (int q = adjPtr[u]; q < adjPtr[u + 1]; q++) {
        int j = adjIdx[q];
        s += h[row + j] * dd[j];
      }
      dhd += dd[u] * s;
    }
    // slope of the model's derivative just after t = 0: dᵀHd with the links in their regime at 0+ (a
    // link exactly at a kink enters the regime the direction takes it to)
    double beta = dhd;
    int nb = 0;
    for (int li = 0; li < nL; li++) {
      double rate = linkMarginRate(li, dd);
      if (rate == 0) {
        continue;
      }
      double z = linkMargin(li, x);
      double w = linkW[li];
      double top = w * linkCap[li];
      double c = rate * rate / w;
      boolean inH = z > 0 && z / w < linkCap[li];
      boolean lin0 = (z > 0 || (z == 0 && rate > 0)) && (z < top || (z == top && rate < 0));
      if (lin0 != inH) {
        beta += lin0 ? c : -c;
      }
      double t0 = -z / rate;
      if (t0 > 0 && t0 < 1) {
        bkT[nb] = t0;
        bkD[nb++] = rate > 0 ? c : -c;
      }
      if (top < Double.POSITIVE_INFINITY) {
        double t1 = (top - z) / rate;
        if (t1 > 0 && t1 < 1) {
          bkT[nb] = t1;
          bkD[nb++] = rate > 0 ? -c : c;
        }
      }
    }
    sortBreakpoints(nb);
    double v = gd;
    double t = 0;
    for (int k = 0; k <= nb; k++) {
      double next = k < nb ? bkT[k] : 1;
      double dv = beta * (next - t);
      if (beta > 0 && v + dv >= 0) {
        return Math.max(t - v / beta, Double.MIN_NORMAL);
      }
      v += dv;
      t = next;
      if (k < nb) {
        beta += bkD[k];
      }
    }
    return 1;
  }

  /** Shell sort of the breakpoints (bkT, bkD) by step, in place (no allocation). */
  private void sortBreakpoints(int nb) {
    for (int gap = nb / 2; gap > 0; gap = gap == 2 ? 1 : (int) (gap / 2.2)) {
      for (int i = gap; i < nb; i++) {
        double t = bkT[i];
        double dd = bkD[i];
        int j = i;
        for (; j >= gap && bkT[j - gap] > t; j -= gap) {
          bkT[j] = bkT[j - gap];
          bkD[j] = bkD[j - gap];
        }
        bkT[j] = t;
        bkD[j] = dd;
      }
    }
  }

  /** Rate of change of link li's margin along the direction dd (the linear part of {@link #linkMargin}). */
  private double linkMarginRate(int li, double[] dd) {
    double z;
    if (linkKind[li] == ROUTE) {
      int p = linkFrom[li];
      int b = linkTo[li];
      z = -dd[at(b, IS)] - dd[concOf[p]];
      for (int e = 0; e < E; e++) {
        z += split[p * E + e] * dd[at(b, e)];
      }
    } else {
      z = dd[linkTo[li]] - dd[linkFrom[li]];
    }
    if (linkGroup[li] >= 0) {
      z -= dd[linkGroup[li]];
    }
    return z;
  }

  /**
   * Whether the Newton step changes no free variable by more than {@link #FLOOR_STEP} of its size (or
   * of its price scale): a few ulps of the prices, where the gradient left is rounding. With trade the
   * balances are sums of link flows z / w with a small w, so that rounding can sit above the tolerance
   * and the steps would only move the prices by ulps (up to {@link #MAX_ITER} of them).
   */
  /**
   * Limits each free price's Newton step to {@link #CLIP_STEP} of its scale (its value or its price
   * scale, whichever is larger); whether any step was limited.
   */
  private boolean clipStep(int m) {
    boolean any = false;
    for (int k = 0; k < m; k++) {
      int i = free[k];
      double lim = CLIP_STEP * Math.max(Math.abs(x[i]), priceScale[i]);
      if (Math.abs(d[i]) > lim) {
        d[i] = Math.copySign(lim, d[i]);
        any = true;
      }
    }
    return any;
  }

  private boolean atFloor(int m) {
    for (int k = 0; k < m; k++) {
      int i = free[k];
      if (Math.abs(d[i]) > FLOOR_STEP * Math.max(Math.abs(x[i]), priceScale[i])) {
        return false;
      }
    }
    return true;
  }

  private double norm(double[] y, double[] grad) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (!held(i, y, grad)) {
        double z = grad[i] / flowScale[i];
        s += z * z;
      }
    }
    return s;
  }

  /** Newton direction on the free variables, Levenberg-shifted until the Cholesky factor exists. */
  private void newtonStep(int m) {
    double shift = 0;
    if (nL > 0) {
      if (pattern == null) {
        structure();
      }
      java.util.Arrays.fill(isFree, false);
      boolean diag = true;
      for (int i = 0; i < m; i++) {
        isFree[free[i]] = true;
        diag &= h[free[i] * n + free[i]] > 0;
      }
      assert covered() : "the Hessian has an entry outside its structure";
      for (int attempt = 0; attempt < 40; attempt++) {
        // a pivot is its diagonal less a sum of squares: with a diagonal that is not positive the
        // unshifted factor fails, so it is not tried
        if ((attempt > 0 || diag) && sparseCholesky(shift)) {
          sparseSolve();
          return;
        }
        shift = shift == 0 ? 1e-8 : shift * 10;
      }
      for (int i = 0; i < m; i++) {
        d[free[i]] = -g[free[i]] / Math.max(h[free[i] * n + free[i]], 1e-12);
      }
      return;
    }
    for (int attempt = 0; attempt < 40; attempt++) {
      if (cholesky(m, shift)) {
        // solve L Lᵀ d = −g on the free set
        double[] z = gt;
        for (int i = 0; i < m; i++) {
          double s = -g[free[i]];
          for (int k = 0; k < i; k++) {
            s -= l[i * n + k] * z[k];
          }
          z[i] = s / l[i * n + i];
        }
        for (int i = m - 1; i >= 0; i--) {
          double s = z[i];
          for (int k = i + 1; k < m; k++) {
            s -= l[k * n + i] * d[free[k]];
          }
          d[free[i]] = s / l[i * n + i];
        }
        return;
      }
      shift = shift == 0 ? 1e-8 : shift * 10;
    }
    for (int i = 0; i < m; i++) {
      d[free[i]] = -g[free[i]] / Math.max(h[free[i] * n + free[i]], 1e-12);
    }
  }

  /**
   * Cholesky of the free block of H (each diagonal shifted by {@code shift} × itself); false if not PD.
   * Left-looking by rows, {@code l_ij = (h_ij − Σ_{k<j} l_ik l_jk) / l_jj}, two rows at a time: the sums
   * of rows i and i + 1 share the factor row j, so their two dependency chains run side by side (the
   * sums are latency-bound). Every entry is still the same sum in the same order (k = 0, 1, …), so the
   * factor is the same bits as one row at a time, and the first pivot that fails is the same one.
   */
  private boolean cholesky(int m, double shift) {
    if (shift == 0) {
      // a pivot is its diagonal less a sum of squares: with a diagonal that is not positive (a price
      // in a direction where Φ is flat, without the Tikhonov term) the factor fails at that row or
      // before it, so the result is known before the work
      for (int i = 0; i < m; i++) {
        if (!(h[free[i] * n + free[i]] > 0)) {
          return false;
        }
      }
    }
    // the envelope of the free block: row i of H is zero before column first[i], and so is row i of L
    // (l_ij = (0 − Σ_{k<j} 0 · l_jk) / l_jj = +0 for j < first[i]). The sums below skip the products
    // with a factor outside an envelope: those are ±0, and subtracting ±0 from a sum that is never −0
    // (it starts at an entry of H, +0 or not zero, and x − x = +0) leaves it as it is, so every entry
    // is the bits of the full sum. Rows before their envelope are written as the +0 they would be.
    for (int i = 0; i < m; i++) {
      int fi = free[i] * n;
      int f = i;
      for (int j = 0; j < i; j++) {
        if (h[fi + free[j]] != 0) {
          f = j;
          break;
        }
      }
      first[i] = f;
    }
    int i = 0;
    for (; i + 1 < m; i += 2) {
      int i1 = i + 1;
      int ri = i * n;
      int ri1 = i1 * n;
      int fi = free[i] * n;
      int fi1 = free[i1] * n;
      int lo2 = Math.min(first[i], first[i1]);
      for (int j = 0; j < lo2; j++) {
        l[ri + j] = 0;
        l[ri1 + j] = 0;
      }
      for (int j = lo2; j < i; j++) {
        int rj = j * n;
        double s0 = h[fi + free[j]];
        double s1 = h[fi1 + free[j]];
        for (int k = Math.max(lo2, first[j]); k < j; k++) {
          double ljk = l[rj + k];
          s0 -= l[ri + k] * ljk;
          s1 -= l[ri1 + k] * ljk;
        }
        double ljj = l[rj + j];
        l[ri + j] = s0 / ljj;
        l[ri1 + j] = s1 / ljj;
      }
      // the pivot of row i and the entry (i + 1, i), both sums over k < i
      double s0 = h[fi + free[i]] + damping(i, shift);
      double s1 = h[fi1 + free[i]];
      for (int k = lo2; k < i; k++) {
        double lik = l[ri + k];
        s0 -= lik * lik;
        s1 -= l[ri1 + k] * lik;
      }
      if (!(s0 > 0)) {
        return false;
      }
      double lii = Math.sqrt(s0);
      l[ri + i] = lii;
      l[ri1 + i] = s1 / lii;
      double s = h[fi1 + free[i1]] + damping(i1, shift);
      for (int k = first[i1]; k < i1; k++) {
        s -= l[ri1 + k] * l[ri1 + k];
      }
      if (!(s > 0)) {
        return false;
      }
      l[ri1 + i1] = Math.sqrt(s);
    }
    for (; i < m; i++) {
      int ri = i * n;
      int fi = free[i] * n;
      int fa = first[i];
      for (int j = 0; j < fa; j++) {
        l[ri + j] = 0;
      }
      for (int j = fa; j < i; j++) {
        int rj = j * n;
        double s = h[fi + free[j]];
        for (int k = Math.max(fa, first[j]); k < j; k++) {
          s -= l[ri + k] * l[rj + k];
        }
        l[ri + j] = s / l[rj + j];
      }
      double s = h[fi + free[i]] + damping(i, shift);
      for (int k = fa; k < i; k++) {
        s -= l[ri + k] * l[ri + k];
      }
      if (!(s > 0)) {
        return false;
      }
      l[ri + i] = Math.sqrt(s);
    }
    return true;
  }

  /** Whether every entry of the Hessian that is not zero lies in {@link #pattern} (checked under -ea). */
  private boolean covered() {
    int words = (n + 63) >>> 6;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (h[i * n + j] != 0 && (pattern[i * words + (j >>> 6)] & (1L << j)) == 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Levenberg damping of free variable i's pivot, floored at 1e-12 of the variable's flow-over-price
   * scale so that a direction in which Φ is flat (no Hessian) still gets a bounded step.
   */
  private double damping(int i, double shift) {
    int v = free[i];
    return shift * Math.max(h[v * n + v], 1e-12 * flowScale[v] / priceScale[v]);
  }

  /** Gradient at the current solution (excess supply of each good; slack of each cap). */
  double[] gradient() {
    double[] out = new double[n];
    evaluate(x, out, null);
    return out;
  }

  /** Supply of producer p at the current solution. */
  double output(int p) {
    double v = value(p, x);
    return supply(p, v);
  }

  /** Grade factor h_e at the current solution (the one-market case). */
  double gradeFactor(int e) {
    return gradeFactor(0, e);
  }

  /** Grade factor h_e of the magnets made in region r at the current solution. */
  double gradeFactor(int r, int e) {
    material(r, x);
    return hEl[r * E + e];
  }

  /** Marginal cost of producer p at the current solution (its net value where it runs). */
  double netValue(int p) {
    return value(p, x);
  }
}
