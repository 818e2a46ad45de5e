package org.lodestone.core.stock;

/** Shared kernels of the stock models. Stateless. */
final class StockModels {
  private StockModels() {}

  /** {@code y[from + a] += x · f[a]} for {@code a < len}: the one hot loop, written for SuperWord. */
  static void axpy(double x, double[] f, double[] y, int from, int len) {
    for (int a = 0; a < len; a++) {
      y[from + a] += x * f[a];
    }
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
