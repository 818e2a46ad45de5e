package org.lodestone.scenario;

/**
 * When an event acts: years {@code t0..t1} (axis indices, inclusive), every year, or, with a
 * {@code probability}, each year as its occurrence draw says ({@code occurs[k]} for year t0 + k; one
 * draw for the whole window when {@code once}). An occurrence draw is a 0/1 {@link Num}: nominal 1
 * when the probability is at least 1/2 (a deterministic run takes the more likely outcome).
 *
 * @param t0     first year index
 * @param t1     last year index, {@code >= t0}
 * @param occurs occurrence draws, or null when the event always happens
 * @param once   one draw decides for the whole window
 */
record EventWindow(int t0, int t1, Num[] occurs, boolean once) {
  /** Whether the event acts in each year of an axis of {@code n} years, with drawn values (or null). */
  boolean[] on(int n, double[] values) {
    boolean[] on = new boolean[n];
    if (occurs == null) {
      java.util.Arrays.fill(on, t0, t1 + 1, true);
      return on;
    }
    for (int k = 0; k < occurs.length; k++) {
      boolean happens = occurs[k].at(values) >= 0.5;
      if (once) {
        java.util.Arrays.fill(on, t0, t1 + 1, happens);
      } else {
        on[t0 + k] = happens;
      }
    }
    return on;
  }
}
