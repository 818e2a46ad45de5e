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
 *   {@code h_e = exp(ε_e (C_e / p_ref,e − 1))} with {@code C_e = p_e + κ_e p_T}, {@code κ_e = m_e / ox_e}
 *   (grade choice: Dy and Tb content falls as they get dear; {@code ε = 0} for NdPr). The material cost
 *   {@code M(p) = Σ_e ox_e G_e(C_e)} with {@code G_e' = h_e} is concave, so by Shephard's lemma its
 *   gradient is the material use.</li>
 *   <li><b>Buyers</b> of magnets: constant-elasticity demand by sector, split into the open segment (price
 *   p_M) and the segment held to makers outside China (price {@code p_M + δ}); consumer surplus
 *   {@code CS(p) = −∫_{p_ref}^p D}. Above the choke price demand is unserved (the bound on p_M).</li>
 *   <li><b>Storage</b> of oxide e (competitive storage): end stock {@code S(p) = clamp((b − p) / w', 0, K)},
 *   value {@code p S_prev + max_S [(b − p) S − w' S² / 2]}.</li>
 *   <li><b>End-of-life oxide</b>: a fixed supply.</li>
 * </ul>
 *
 * <h2>Equilibrium</h2>
 * The dual function {@code Φ(x) = Σ Π + Σ CS + Σ storage values + Σ_e p_e eol_e + Σ_c λ_c cap_c} is
 * convex; its gradient is each good's excess supply (and each cap's slack). Minimising it over the box
 * gives the equilibrium with free disposal: excess supply {@code >= 0}, price {@code >= 0}, and their
 * product zero, for every element (complementary slackness). A tiny Tikhonov term
 * {@code (ρ/2) Σ r_i x_i²} ({@code ρ = 1e-9}, {@code r_i} = flow over price scale) makes Φ strictly
 * convex, so prices are unique even where nothing trades (the tie-break picks the lowest such price).
 *
 * <h2>Method</h2>
 * Projected Newton (Bertsekas 1982, SIAM J. Control Optim. 20:221-246) on the 7 + caps unknowns with an
 * Armijo line search on Φ and a Levenberg shift when the reduced Hessian is not positive definite;
 * converged when every free variable's gradient is below {@code 1e-11} of the flows at its node.
 * Chosen after measuring: a year of base takes ~10-20 Newton steps of a dense 9×9 Cholesky
 * (microseconds), against an LP with stepped curves that is degenerate (non-unique duals) and
 * ~100 times slower (README, "Markets").
 *
 * <p>Mutable scratch owned by one run; not thread-safe.
 */
final class ElementEquilibrium {
  static final int E = Element.COUNT;
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
  private static final double BIG = 1e12;
  private static final int MAX_ITER = 200;

  // producers
  final int nP;
  final int[] kind;
  final double[] cap;
  final double[] c0;
  final double[] a;
  final double[] split;
  final double[] otherShare;
  final boolean[] exChina;
  final int[] capOf;
  double otherValue;
  // caps
  final int nC;
  final double[] capT;
  // demand
  final int nS;
  final double[] dRef;
  final double[] eps;
  final double[] sticky;
  double pRef;
  double pChoke;
  double premiumCap;
  // materials
  final double[] ox = new double[E];
  final double[] met = new double[E];
  final double[] kappa = new double[E];
  final double[] eta = new double[E];
  final double[] pRefEl = new double[E];
  final double[] eol = new double[E];
  // storage
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
  private final double[] h;
  private final double[] xt;
  private final double[] d;
  private final double[] gt;
  private final double[] l;
  private final int[] free;
  private final double[] av;
  /** Indices of the nonzero entries of {@link #av}. */
  private final int[] nz;
  private final double[] hEl = new double[E];
  /** Newton iterations of the last solve. */
  int iterations;
  /** Weight of the Tikhonov term in the current phase (RHO, then 0 for the polish). */
  private double rho;

  ElementEquilibrium(int producers, int caps, int sectors) {
    nP = producers;
    kind = new int[nP];
    cap = new double[nP];
    c0 = new double[nP];
    a = new double[nP];
    split = new double[nP * E];
    otherShare = new double[nP];
    exChina = new boolean[nP];
    capOf = new int[nP];
    java.util.Arrays.fill(capOf, -1);
    nC = caps;
    capT = new double[nC];
    nS = sectors;
    dRef = new double[nS];
    eps = new double[nS];
    sticky = new double[nS];
    n = IC + nC;
    x = new double[n];
    lo = new double[n];
    hi = new double[n];
    flowScale = new double[n];
    priceScale = new double[n];
    g = new double[n];
    h = new double[n * n];
    xt = new double[n];
    d = new double[n];
    gt = new double[n];
    l = new double[n * n];
    free = new int[n];
    av = new double[n];
    nz = new int[n];
  }

  /** Sets bounds and scales from the current data; call once the data of the year are set. */
  void prepare() {
    for (int i = 0; i < n; i++) {
      lo[i] = 0;
      hi[i] = BIG;
    }
    lo[IM] = 1e-9 * pRef;
    hi[IM] = pChoke;
    hi[ID] = premiumCap;
    double[] supply = new double[n];
    for (int p = 0; p < nP; p++) {
      switch (kind[p]) {
        case MINE -> {
          for (int e = 0; e < E; e++) {
            supply[e] += cap[p] * split[p * E + e];
          }
          supply[IS] += cap[p];
        }
        case SEP -> supply[IS] += cap[p];
        case METAL -> supply[IT] += cap[p];
        default -> {
          supply[IM] += cap[p];
          if (exChina[p]) {
            supply[ID] += cap[p];
          }
        }
      }
    }
    double demand = 0;
    for (int s = 0; s < nS; s++) {
      demand += dRef[s];
    }
    for (int e = 0; e < E; e++) {
      flowScale[e] = Math.max(Math.max(supply[e], demand * ox[e]), 1e-3) + eol[e] + stCap[e];
      priceScale[e] = pRefEl[e];
    }
    flowScale[IS] = Math.max(supply[IS], 1e-3);
    priceScale[IS] = 1;
    flowScale[IT] = Math.max(supply[IT], 1e-3);
    priceScale[IT] = 1;
    flowScale[IM] = Math.max(Math.max(supply[IM], demand), 1e-3);
    priceScale[IM] = pRef;
    flowScale[ID] = Math.max(supply[ID], 1e-3);
    priceScale[ID] = Math.max(premiumCap, 1);
    for (int c = 0; c < nC; c++) {
      flowScale[IC + c] = Math.max(capT[c] < BIG ? capT[c] : 0, 1e-3);
      priceScale[IC + c] = 1;
    }
    for (int i = 0; i < n; i++) {
      x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
    }
  }

  /** Net value of producer p at prices y, USD/kg of its product (material cost in {@link #hEl} for magnets). */
  private double value(int p, double[] y) {
    return value(p, y, kind[p] == MAGNET ? material(y) : 0);
  }

  /**
   * Net value of producer p at prices y, with the material cost {@code materialCost = M(y)} already
   * computed: M is the same for every magnet maker, so {@link #evaluate} computes it (and h_e) once.
   */
  private double value(int p, double[] y, double materialCost) {
    double v;
    switch (kind[p]) {
      case MINE -> {
        v = otherShare[p] * otherValue - y[IS];
        for (int e = 0; e < E; e++) {
          v += split[p * E + e] * y[e];
        }
      }
      case SEP -> v = y[IS];
      case METAL -> v = y[IT];
      default -> v = y[IM] + (exChina[p] ? y[ID] : 0) - materialCost;
    }
    return capOf[p] >= 0 ? v - y[IC + capOf[p]] : v;
  }

  /** Material cost per kg of magnet M(y); leaves h_e in {@link #hEl}. */
  private double material(double[] y) {
    double m = 0;
    for (int e = 0; e < E; e++) {
      double c = y[e] + kappa[e] * y[IT];
      if (eta[e] == 0) {
        hEl[e] = 1;
        m += ox[e] * c;
      } else {
        double pr = pRefEl[e];
        hEl[e] = Math.exp(-eta[e] * (c / pr - 1));
        m += ox[e] * pr / eta[e] * Math.exp(eta[e]) * (1 - Math.exp(-eta[e] * c / pr));
      }
    }
    return m;
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
    return a[p] > 0 ? cap[p] * (xx - a[p] * Math.log1p(xx / a[p])) : cap[p] * xx;
  }

  private double slope(int p, double v) {
    double xx = v - c0[p];
    if (xx <= 0 || cap[p] <= 0 || a[p] <= 0) {
      return 0;
    }
    double z = xx + a[p];
    return cap[p] * a[p] / (z * z);
  }

  double sectorDemand(int s, double price) {
    return eps[s] == 0 ? dRef[s] : dRef[s] * Math.pow(price / pRef, eps[s]);
  }

  private double surplusIntegral(int s, double price) {
    double r = price / pRef;
    if (eps[s] == 0) {
      return dRef[s] * (price - pRef);
    }
    if (Math.abs(eps[s] + 1) < 1e-12) {
      return dRef[s] * pRef * Math.log(r);
    }
    return dRef[s] * pRef * (Math.pow(r, 1 + eps[s]) - 1) / (1 + eps[s]);
  }

  /** End stock of element e's storage at price p. */
  double stock(int e, double p) {
    if (stCap[e] <= 0) {
      return 0;
    }
    return Math.min(stCap[e], Math.max(0, (stB[e] - p) / stW[e]));
  }

  /**
   * Φ at y; with {@code grad} (and {@code hess} when not null) filled. With {@code grad == null} only the
   * Hessian is computed (Φ is then not computed and 0 is returned): Newton's step needs it at a point whose
   * Φ and gradient the line search has just computed.
   */
  private double evaluate(double[] y, double[] grad, double[] hess) {
    boolean value = grad != null;
    if (value) {
      java.util.Arrays.fill(grad, 0);
    }
    if (hess != null) {
      java.util.Arrays.fill(hess, 0);
    }
    double phi = 0;
    // M(y) and h_e once for all magnet makers (the same arithmetic as per maker, so the same bits)
    double materialCost = material(y);
    for (int p = 0; p < nP; p++) {
      double v = value(p, y, materialCost);
      double q = supply(p, v);
      if (value) {
        phi += profit(p, v);
      }
      if (q == 0 && v <= c0[p]) {
        continue;
      }
      // a = ∂v/∂y
      java.util.Arrays.fill(av, 0);
      switch (kind[p]) {
        case MINE -> {
          for (int e = 0; e < E; e++) {
            av[e] = split[p * E + e];
          }
          av[IS] = -1;
        }
        case SEP -> av[IS] = 1;
        case METAL -> av[IT] = 1;
        default -> {
          av[IM] = 1;
          if (exChina[p]) {
            av[ID] = 1;
          }
          double mt = 0;
          for (int e = 0; e < E; e++) {
            av[e] = -ox[e] * hEl[e];
            mt += ox[e] * kappa[e] * hEl[e];
          }
          av[IT] = -mt;
        }
      }
      if (capOf[p] >= 0) {
        av[IC + capOf[p]] = -1;
      }
      // only the nonzero entries of a: adding q·0 or s·a_i·0 (±0) leaves every sum as it is (a sum that
      // starts at +0 never becomes −0 in round-to-nearest), so skipping them changes no bit
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (av[i] != 0) {
          nz[k++] = i;
        }
      }
      for (int a1 = 0; value && a1 < k; a1++) {
        int i = nz[a1];
        grad[i] += q * av[i];
      }
      if (hess != null) {
        double s = slope(p, v);
        if (s > 0) {
          for (int a1 = 0; a1 < k; a1++) {
            int i = nz[a1];
            for (int a2 = 0; a2 < k; a2++) {
              int j = nz[a2];
              hess[i * n + j] += s * av[i] * av[j];
            }
          }
        }
        if (kind[p] == MAGNET && q > 0) {
          // q × (−∇²M): each element with a grade response adds ox η h / p_ref along (e_e + κ_e e_T)
          for (int e = 0; e < E; e++) {
            if (eta[e] > 0) {
              double w = q * ox[e] * eta[e] * hEl[e] / pRefEl[e];
              hess[e * n + e] += w;
              hess[e * n + IT] += w * kappa[e];
              hess[IT * n + e] += w * kappa[e];
              hess[IT * n + IT] += w * kappa[e] * kappa[e];
            }
          }
        }
      }
    }
    double pM = y[IM];
    double pX = y[IM] + y[ID];
    for (int s = 0; s < nS; s++) {
      double open = 1 - sticky[s];
      double dO = open * sectorDemand(s, pM);
      double dX = sticky[s] * sectorDemand(s, pX);
      if (value) {
        phi -= open * surplusIntegral(s, pM) + sticky[s] * surplusIntegral(s, pX);
        grad[IM] -= dO + dX;
        grad[ID] -= dX;
      }
      if (hess != null && eps[s] != 0) {
        double sO = -eps[s] * dO / pM;
        double sX = -eps[s] * dX / pX;
        hess[IM * n + IM] += sO + sX;
        hess[IM * n + ID] += sX;
        hess[ID * n + IM] += sX;
        hess[ID * n + ID] += sX;
      }
    }
    for (int e = 0; e < E; e++) {
      if (value) {
        phi += y[e] * eol[e];
        grad[e] += eol[e];
      }
      if (stCap[e] > 0) {
        double st = stock(e, y[e]);
        if (value) {
          phi += y[e] * stPrev[e] + (stB[e] - y[e]) * st - 0.5 * stW[e] * st * st;
          grad[e] += stPrev[e] - st;
        }
        if (hess != null && st > 0 && st < stCap[e]) {
          hess[e * n + e] += 1 / stW[e];
        }
      }
    }
    for (int c = 0; value && c < nC; c++) {
      double k = Math.min(capT[c], BIG);
      phi += y[IC + c] * k;
      grad[IC + c] += k;
    }
    for (int i = 0; i < n; i++) {
      double r = rho * flowScale[i] / priceScale[i];
      if (value) {
        phi += 0.5 * r * y[i] * y[i];
        grad[i] += r * y[i];
      }
      if (hess != null) {
        hess[i * n + i] += r;
      }
    }
    return phi;
  }

  /** Whether variable i is held at a bound: at it, with the gradient pushing outwards. */
  private boolean held(int i, double[] y, double[] grad) {
    double tol = 1e-14 * Math.max(1, priceScale[i]);
    return (y[i] <= lo[i] + tol && grad[i] > 0) || (y[i] >= hi[i] - tol && grad[i] < 0);
  }

  private boolean converged(double[] y, double[] grad) {
    // with the Tikhonov term on, solve to 1e-12 of the flows: in a direction where Φ is flat the
    // gradient is ρ r x, so a flat price ends within 1e-4 of its scale from the tie-break point (0)
    double tol = rho > 0 ? 1e-12 : GRAD_TOL;
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
    rho = RHO;
    int it = newton();
    rho = 0;
    iterations = it + newton();
    converged = converged(x, gradient());
    return iterations;
  }

  /** Whether the last solve met the tolerance. */
  boolean converged;

  private int newton() {
    double phi = evaluate(x, g, h);
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
      // Armijo search along the projected path
      double step = 1;
      boolean accepted = false;
      double phiT = phi;
      for (int k = 0; k < 60; k++) {
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          xt[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * d[i]));
          decrease += g[i] * (xt[i] - x[i]);
        }
        phiT = evaluate(xt, gt, null);
        if (phiT <= phi + 1e-4 * decrease && phiT < phi) {
          accepted = true;
          break;
        }
        // at Φ's rounding floor (changes below ~1e-12 of Φ) Armijo cannot see progress: take the step
        // if it shrinks the projected gradient instead
        if (Math.abs(phiT - phi) <= 1e-11 * Math.abs(phi) && norm(xt, gt) < norm(x, g)) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        // rounding floor of Φ: take the step if it shrinks the gradient
        double before = norm(x, g);
        phiT = evaluate(xt, gt, null);
        if (norm(xt, gt) >= before) {
          break;
        }
      }
      System.arraycopy(xt, 0, x, 0, n);
      // Φ and the gradient at the new point are those just computed at xt (the same arithmetic on the
      // same numbers, so the same bits): only the Hessian is evaluated anew
      System.arraycopy(gt, 0, g, 0, n);
      phi = phiT;
      evaluate(x, null, h);
    }
    return it;
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

  /** Cholesky of the free block of H (each diagonal shifted by {@code shift} × itself); false if not PD. */
  private boolean cholesky(int m, double shift) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        double s = h[free[i] * n + free[j]];
        if (i == j) {
          // Levenberg damping, floored at 1e-12 of the variable's flow-over-price scale so that a
          // direction in which Φ is flat (no Hessian) still gets a bounded step
          int v = free[i];
          s += shift * Math.max(h[v * n + v], 1e-12 * flowScale[v] / priceScale[v]);
        }
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return false;
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    return true;
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

  /** Grade factor h_e at the current solution. */
  double gradeFactor(int e) {
    material(x);
    return hEl[e];
  }

  /** Marginal cost of producer p at the current solution (its net value where it runs). */
  double netValue(int p) {
    return value(p, x);
  }
}
