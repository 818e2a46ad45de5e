package org.lodestone.core.reconcile;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.RRQRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Linear data reconciliation by weighted least squares with gross-error tests, as in STAN (Cencic and
 * Rechberger 2008, "Material flow analysis with software STAN", J. Environ. Eng. Manage. 18(1)) and
 * Narasimhan and Jordache (2000), <i>Data Reconciliation and Gross Error Detection</i>, Gulf, ch. 3
 * (linear steady-state reconciliation) and ch. 7 (global and measurement tests).
 *
 * <p>The balances are linear constraints {@code A x = 0} over flows {@code x} (one row per process,
 * one column per flow, coefficients in the flows' own units). Measured flows carry a value and a
 * standard deviation; unmeasured flows (value {@code NaN}) are removed first with a projection
 * matrix {@code P}, {@code P A_u = 0} (Crowe, Garcia Campos and Hrymak 1983, AIChE J. 29(6)), from the
 * rank-revealing QR decomposition of {@code A_u}. With {@code B = P A_x}, {@code V} the diagonal
 * covariance of the measurements and {@code S = B V Bᵀ}:
 *
 * <pre>
 *   x̂ = x − V Bᵀ S⁺ B x                        (reconciled measurements)
 *   Var(x − x̂) = V Bᵀ S⁺ B V                    (covariance of the adjustments)
 *   γ = (B x)ᵀ S⁺ (B x) ~ χ²(rank S)             (global test)
 *   z_i = |x_i − x̂_i| / sqrt(Var(x − x̂)_ii)     (measurement test, ~ N(0, 1) without gross error)
 *   û = −A_u⁺ A_x x̂                             (unmeasured flows, where observable)
 * </pre>
 *
 * {@code S⁺} is the pseudo-inverse, so redundant (linearly dependent) balances are harmless. The
 * measurement test compares each {@code z_i} with the Šidák-corrected normal quantile at level
 * {@link #ALPHA} over the testable measurements (Mah and Tamhane 1982, AIChE J. 28(5)). An
 * unmeasured flow is observable when the unit vector of its column lies in the row space of
 * {@code A_u} (its component in the null space of {@code A_u} is zero). A flow is flagged when it fails
 * the measurement test and its adjustment is at least {@link #MIN_ADJUSTMENT_SD} of its own standard
 * deviation (flows of a conflicting balance that it hardly moves share its z but are not the culprit).
 *
 * <p>Stateless and thread-safe; inputs are copied.
 */
public final class Reconciliation {
  /** Significance level of the global and measurement tests. */
  public static final double ALPHA = 0.05;
  /**
   * Smallest adjustment, in the measurement's own standard deviations, that a flagged flow needs on top
   * of failing the measurement test.
   */
  public static final double MIN_ADJUSTMENT_SD = 1.0;
  /** Relative threshold under which a singular value or pivot counts as zero. */
  public static final double RANK_TOLERANCE = 1e-10;

  private Reconciliation() {
  }

  /**
   * The reconciled system.
   *
   * @param reconciled   reconciled value of every flow (measured: x̂; unmeasured: û, NaN where
   *                     unobservable), in the flows' units
   * @param measured     whether each flow was measured
   * @param observable   whether each flow's reconciled value is determined (measured flows: always)
   * @param adjustmentSd (x̂ − x) / σ for measured flows, NaN for unmeasured ones
   * @param testStatistic measurement-test statistic z_i, NaN where not testable (a measurement no
   *                     balance can check, or one with σ = 0)
   * @param flagged      z_i above {@link #testCritical} and |adjustment| &gt;= {@link #MIN_ADJUSTMENT_SD} sd
   *                     (a flow in conflict)
   * @param chiSquare    global-test statistic γ
   * @param dof          degrees of freedom (rank of S, the redundancy)
   * @param chiSquareCritical χ² quantile at 1 − {@link #ALPHA}
   * @param pValue       P(χ²(dof) ≥ γ), 1 when dof = 0
   * @param testCritical critical value of the measurement test
   */
  public record Result(double[] reconciled, boolean[] measured, boolean[] observable, double[] adjustmentSd,
      double[] testStatistic, boolean[] flagged, double chiSquare, int dof, double chiSquareCritical,
      double pValue, double testCritical) {

    /** Whether the global test passes at {@link #ALPHA} (no redundancy passes trivially). */
    public boolean passes() {
      return dof == 0 || chiSquare <= chiSquareCritical;
    }
  }

  /**
   * Reconciles measured flows against linear balances.
   *
   * @param a     constraint matrix, rows = balances, columns = flows
   * @param value measured value of each flow, {@code NaN} for an unmeasured flow
   * @param sd    standard deviation of each measured flow (&gt;= 0; ignored for unmeasured ones)
   * @throws IllegalArgumentException on inconsistent sizes or a negative / non-finite sd
   */
  public static Result solve(double[][] a, double[] value, double[] sd) {
    int n = value.length;
    int m = a.length;
    if (sd.length != n) {
      throw new IllegalArgumentException("value and sd have different lengths: " + n + " vs " + sd.length);
    }
    for (double[] row : a) {
      if (row.length != n) {
        throw new IllegalArgumentException("a constraint row has " + row.length + " columns, expected " + n);
      }
    }
    int[] mi = indices(value, true);
    int[] ui = indices(value, false);
    for (int j : mi) {
      if (!(sd[j] >= 0) || Double.isInfinite(sd[j]) || Double.isInfinite(value[j])) {
        throw new IllegalArgumentException("flow " + j + ": sd must be finite and >= 0, value finite");
      }
    }
    int nm = mi.length;
    int nu = ui.length;
    double[] xhat = new double[n];
    Arrays.fill(xhat, Double.NaN);
    boolean[] measured = new boolean[n];
    boolean[] observable = new boolean[n];
    double[] adj = new double[n];
    double[] z = new double[n];
    Arrays.fill(adj, Double.NaN);
    Arrays.fill(z, Double.NaN);
    boolean[] flagged = new boolean[n];
    for (int j : mi) {
      measured[j] = true;
      observable[j] = true;
    }
    RealMatrix ax = columns(a, mi, m);
    RealMatrix au = columns(a, ui, m);

    // projection P with P A_u = 0: the last m - r columns of Q in A_u Π = Q R
    RealMatrix p;
    if (nu == 0 || m == 0) {
      p = identity(m);
    } else {
      RRQRDecomposition qr = new RRQRDecomposition(au, RANK_TOLERANCE);
      int r = qr.getRank(RANK_TOLERANCE * Math.max(1, au.getNorm1()));
      RealMatrix q = qr.getQ();
      p = m - r == 0 ? new Array2DRowRealMatrix(1, m) : q.getSubMatrix(0, m - 1, r, m - 1).transpose();
    }
    int dof = 0;
    double gamma = 0;
    if (nm > 0 && m > 0) {
      RealMatrix b = p.multiply(ax);
      double[] var = new double[nm];
      RealVector x = new ArrayRealVector(nm);
      for (int k = 0; k < nm; k++) {
        var[k] = sd[mi[k]] * sd[mi[k]];
        x.setEntry(k, value[mi[k]]);
      }
      RealMatrix v = new DiagonalMatrix(var);
      RealMatrix s = b.multiply(v).multiplyTransposed(b);
      SingularValueDecomposition svd = new SingularValueDecomposition(s);
      double[] sv = svd.getSingularValues();
      double tol = RANK_TOLERANCE * (sv.length == 0 ? 0 : sv[0]);
      RealMatrix sInv = pseudoInverse(svd, tol);
      for (double x1 : sv) {
        if (x1 > tol) {
          dof++;
        }
      }
      RealVector residual = b.operate(x);
      RealMatrix vbt = v.multiplyTransposed(b);
      RealVector correction = vbt.operate(sInv.operate(residual));
      RealMatrix va = vbt.multiply(sInv).multiply(b.multiply(v));
      gamma = dof == 0 ? 0 : residual.dotProduct(sInv.operate(residual));
      for (int k = 0; k < nm; k++) {
        int j = mi[k];
        xhat[j] = value[j] - correction.getEntry(k);
        adj[j] = sd[j] > 0 ? (xhat[j] - value[j]) / sd[j] : 0;
        double vak = va.getEntry(k, k);
        if (vak > RANK_TOLERANCE * Math.max(var[k], Double.MIN_NORMAL)) {
          z[j] = Math.abs(value[j] - xhat[j]) / Math.sqrt(vak);
        }
      }
    } else {
      for (int j : mi) {
        xhat[j] = value[j];
        adj[j] = 0;
      }
    }
    int testable = 0;
    for (int j : mi) {
      if (!Double.isNaN(z[j])) {
        testable++;
      }
    }
    // Šidák: the chance that any of the `testable` independent N(0,1) exceeds the bound is ALPHA
    double beta = testable == 0 ? ALPHA : 1 - Math.pow(1 - ALPHA, 1.0 / testable);
    double zCrit = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - beta / 2);
    for (int j : mi) {
      // a measurement the balances move by less than its own sd is not the one in conflict: in a
      // single conflicting balance every flow has the same z (Narasimhan and Jordache 2000, ch. 7)
      flagged[j] = !Double.isNaN(z[j]) && z[j] > zCrit && Math.abs(adj[j]) >= MIN_ADJUSTMENT_SD;
    }
    if (nu > 0) {
      estimateUnmeasured(ax, au, mi, ui, xhat, observable);
    }
    double crit = dof == 0 ? Double.NaN : new ChiSquaredDistribution(dof).inverseCumulativeProbability(1 - ALPHA);
    double pValue = dof == 0 ? 1 : 1 - new ChiSquaredDistribution(dof).cumulativeProbability(gamma);
    return new Result(xhat, measured, observable, adj, z, flagged, gamma, dof, crit, pValue, zCrit);
  }

  private static void estimateUnmeasured(RealMatrix ax, RealMatrix au, int[] mi, int[] ui, double[] xhat,
      boolean[] observable) {
    int nu = ui.length;
    RealVector rhs = new ArrayRealVector(ax.getRowDimension());
    if (mi.length > 0) {
      double[] xm = new double[mi.length];
      for (int k = 0; k < mi.length; k++) {
        xm[k] = xhat[mi[k]];
      }
      rhs = ax.operate(new ArrayRealVector(xm)).mapMultiply(-1);
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(au);
    double[] sv = svd.getSingularValues();
    double tol = RANK_TOLERANCE * (sv.length == 0 ? 0 : sv[0]);
    RealVector u = pseudoInverse(svd, tol).operate(rhs);
    // null space of A_u: complement of the row space, from the QR of A_uᵀ (nu x m)
    RRQRDecomposition qr = new RRQRDecomposition(au.transpose(), RANK_TOLERANCE);
    int r = qr.getRank(RANK_TOLERANCE * Math.max(1, au.getNorm1()));
    RealMatrix q = qr.getQ();
    for (int k = 0; k < nu; k++) {
      double inNull = 0;
      for (int c = r; c < nu; c++) {
        inNull += q.getEntry(k, c) * q.getEntry(k, c);
      }
      boolean obs = inNull < 1e-9;
      observable[ui[k]] = obs;
      xhat[ui[k]] = obs ? u.getEntry(k) : Double.NaN;
    }
  }

  private static RealMatrix pseudoInverse(SingularValueDecomposition svd, double tol) {
    RealMatrix uu = svd.getU();
    RealMatrix vv = svd.getV();
    double[] sv = svd.getSingularValues();
    double[] inv = new double[sv.length];
    for (int i = 0; i < sv.length; i++) {
      inv[i] = sv[i] > tol ? 1 / sv[i] : 0;
    }
    return vv.multiply(new DiagonalMatrix(inv)).multiplyTransposed(uu);
  }

  private static int[] indices(double[] value, boolean measured) {
    return java.util.stream.IntStream.range(0, value.length)
        .filter(j -> Double.isNaN(value[j]) != measured).toArray();
  }

  private static RealMatrix columns(double[][] a, int[] cols, int m) {
    double[][] out = new double[m][cols.length];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < cols.length; k++) {
        out[i][k] = a[i][cols[k]];
      }
    }
    return m == 0 || cols.length == 0 ? new Array2DRowRealMatrix(Math.max(m, 1), Math.max(cols.length, 1))
        .scalarMultiply(0) : new Array2DRowRealMatrix(out, false);
  }

  private static RealMatrix identity(int m) {
    return org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(Math.max(m, 1));
  }
}
