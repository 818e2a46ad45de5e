package org.lodestone.core.stock;

import java.util.function.IntConsumer;

/**
 * Shared kernels of the stock models. Stateless.
 *
 * <p><b>Why the layout.</b> C2's auto-vectoriser (SuperWord, JDK 17) vectorises {@code a[i] += b[i] * c[i]}
 * when every array is indexed by the loop variable with the same offset; with different run-time offsets
 * ({@code y[from + i] += x * f[i]}) it falls back to scalar code (measured: 13 vs 3.3 G multiply-adds per
 * second). So the convolution kernels work on blocks of {@link #BLOCK} series, one row array per year
 * ({@code rows[t][w]}, series innermost), and each step is {@code acc[w] += in_c[w] · sf_a[w]} across
 * the series of the block. Four outputs (years t … t + 3) are accumulated together so that each loaded
 * inflow row serves four multiply-adds. Every output is still summed over cohorts in increasing order,
 * exactly as the plain loop {@code Σ_{c=0..t} inflow[c] · sf[t − c]}: the results are the same bits for
 * any block size or thread count.
 */
final class StockModels {
  private StockModels() {}

  /** Series per block: long enough for the vector loops, short enough for the rows to stay in L2. */
  static final int BLOCK = 128;

  /** {@code y[from + a] += x · f[a]} for {@code a < len}: the one hot loop, written for SuperWord. */
  static void axpy(double x, double[] f, double[] y, int from, int len) {
    for (int a = 0; a < len; a++) {
      y[from + a] += x * f[a];
    }
  }

  /** {@code acc[w] += x[w] · f[w]}, w &lt; n. */
  static void mac(double[] acc, double[] x, double[] f, int n) {
    for (int w = 0; w < n; w++) {
      acc[w] += x[w] * f[w];
    }
  }

  /** Four outputs sharing one inflow row: {@code a_k[w] += x[w] · f_k[w]}, w &lt; n. */
  static void mac4(double[] a0, double[] a1, double[] a2, double[] a3, double[] x, double[] f0,
      double[] f1, double[] f2, double[] f3, int n) {
    for (int w = 0; w < n; w++) {
      double v = x[w];
      a0[w] += v * f0[w];
      a1[w] += v * f1[w];
      a2[w] += v * f2[w];
      a3[w] += v * f3[w];
    }
  }

  /** Per-thread scratch of one block: rows by year, series innermost. */
  static final class Block {
    final double[][] in;
    final double[][] sf;
    final double[][] acc = new double[4][BLOCK];
    int s0;
    int width;

    Block(int nYears) {
      in = new double[nYears][BLOCK];
      sf = new double[nYears][BLOCK];
    }

    /** Loads the survival curves by age of series {@code [s0, s0 + width)} (one curve per series). */
    void loadSurvival(SurvivalTable table, int s0, int width) {
      this.s0 = s0;
      this.width = width;
      int n = sf.length;
      int[] ids = table.curveIdsInternal();
      for (int w = 0; w < width; w++) {
        double[] f = table.sfInternal(ids[s0 + w]);
        for (int a = 0; a < n; a++) {
          sf[a][w] = f[a];
        }
      }
    }

    /** Loads rows {@code [t * nSeries + s0, + width)} of a time-slowest array into {@link #in}. */
    void loadInflow(double[] src, int nSeries) {
      for (int c = 0; c < in.length; c++) {
        System.arraycopy(src, c * nSeries + s0, in[c], 0, width);
      }
    }

    /** {@code acc[k] = Σ_{c < t} in[c] · sf[t + k − c]} for k = 0..3, c in increasing order. */
    void accumulate4(int t) {
      double[][] a = acc;
      for (int k = 0; k < 4; k++) {
        java.util.Arrays.fill(a[k], 0, width, 0.0);
      }
      for (int c = 0; c < t; c++) {
        mac4(a[0], a[1], a[2], a[3], in[c], sf[t - c], sf[t + 1 - c], sf[t + 2 - c], sf[t + 3 - c], width);
      }
    }

    /** Inflow-driven: writes {@code stock[t] = Σ_{c ≤ t} in[c] · sf[t − c]} for every t of the block. */
    void convolve(double[] stock, int nSeries) {
      int n = in.length;
      int t = 0;
      for (; t + 3 < n; t += 4) {
        accumulate4(t);
        for (int k = 0; k < 4; k++) {
          for (int c = t; c <= t + k; c++) {
            mac(acc[k], in[c], sf[t + k - c], width);
          }
          System.arraycopy(acc[k], 0, stock, (t + k) * nSeries + s0, width);
        }
      }
      for (; t < n; t++) {
        java.util.Arrays.fill(acc[0], 0, width, 0.0);
        for (int c = 0; c <= t; c++) {
          mac(acc[0], in[c], sf[t - c], width);
        }
        System.arraycopy(acc[0], 0, stock, t * nSeries + s0, width);
      }
    }
  }

  /**
   * Runs {@code worker.accept(k)} for k = 0 … threads − 1, on the calling thread when {@code threads}
   * is 1, else on {@code threads − 1} new threads plus the caller; waits for all and rethrows the first
   * failure. Each worker must own a fixed share of the work (e.g. blocks k, k + threads, …).
   */
  static void parallel(int threads, IntConsumer worker) {
    if (threads <= 1) {
      worker.accept(0);
      return;
    }
    Thread[] pool = new Thread[threads - 1];
    Throwable[] failure = new Throwable[threads];
    for (int k = 1; k < threads; k++) {
      int id = k;
      pool[k - 1] = new Thread(() -> {
        try {
          worker.accept(id);
        } catch (Throwable e) {
          failure[id] = e;
        }
      }, "lodestone-stock-" + k);
      pool[k - 1].start();
    }
    try {
      worker.accept(0);
    } catch (Throwable e) {
      failure[0] = e;
    }
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for stock-model threads", e);
      }
    }
    for (Throwable e : failure) {
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The work on one block of series, its survival curves loaded: {@code s0} is its first series. */
  interface BlockWork {
    void run(Block block, int s0);
  }

  /**
   * Cuts the table's series into blocks of {@link #BLOCK}, loads each block's survival curves and runs
   * {@code work} on it; blocks k, k + workers, … go to worker k, at most {@code threads} workers
   * ({@link #parallel}), each with a {@link Block} of its own.
   */
  static void forEachBlock(SurvivalTable table, int threads, BlockWork work) {
    int n = table.nYears();
    int m = table.nSeries();
    int nBlocks = blocks(m);
    int workers = Math.min(threads, nBlocks);
    parallel(workers, worker -> {
      Block block = new Block(n);
      for (int b = worker; b < nBlocks; b += workers) {
        int s0 = b * BLOCK;
        block.loadSurvival(table, s0, Math.min(BLOCK, m - s0));
        work.run(block, s0);
      }
    });
  }

  static int blocks(int nSeries) {
    return (nSeries + BLOCK - 1) / BLOCK;
  }

  private static final int TILE = 32;

  /**
   * Cache-blocked transpose of a row-major {@code rows × cols} matrix: {@code dst[j * rows + i] =
   * src[i * cols + j]}. Turns time-slowest {@code [t * nSeries + s]} into series-slowest and back, so
   * that each series' loops run over contiguous memory.
   */
  static void transpose(double[] src, int rows, int cols, double[] dst) {
    for (int i0 = 0; i0 < rows; i0 += TILE) {
      int i1 = Math.min(rows, i0 + TILE);
      for (int j0 = 0; j0 < cols; j0 += TILE) {
        int j1 = Math.min(cols, j0 + TILE);
        for (int i = i0; i < i1; i++) {
          for (int j = j0; j < j1; j++) {
            dst[j * rows + i] = src[i * cols + j];
          }
        }
      }
    }
  }

  static void requireFinite(String name, double[] values, int expectedLength) {
    if (values.length != expectedLength) {
      throw new IllegalArgumentException(name + ": expected " + expectedLength + " values (nYears × nSeries), got "
          + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + ": must be finite");
      }
    }
  }
}
