package org.lodestone.ensemble;

import org.lodestone.core.results.ResultVector;

/**
 * Every draw's values: {@code values[i * layout.size() + k]} is key k of draw i. The array is owned
 * by this object; do not change it.
 *
 * @param layout the keys
 * @param spec   what was run
 * @param values draw-major values ({@code runs * layout.size()})
 */
public record Draws(ResultVector layout, EnsembleSpec spec, double[] values) {
  public Draws {
    if ((long) spec.runs() * layout.size() != values.length) {
      throw new IllegalArgumentException("expected " + (long) spec.runs() * layout.size() + " values, got "
          + values.length);
    }
  }

  /** Number of draws. */
  public int runs() {
    return spec.runs();
  }

  /** Key k of draw i. */
  public double value(int draw, int key) {
    return values[draw * layout.size() + key];
  }
}
