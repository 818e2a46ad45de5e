package org.lodestone.scenario;

import java.util.List;

/**
 * {@code outage}: a producer, or every producer of a stage in a region, loses {@code fraction} of its
 * capacity in each year of the window: {@code cap[t] × (1 − fraction)}.
 */
record Outage(EventWindow window, Num fraction, int[] targets) implements Event {
  static final List<String> KEYS = List.of("fraction", "producer", "producers", "stage", "region");

  static Outage read(EventReader r) {
    EventWindow w = r.window();
    if (w == null) {
      return null;
    }
    Num f = r.number("fraction", Units.Kind.FRACTION, 0, 1);
    int[] targets = r.targets();
    return f.isNaN() || targets == null ? null : new Outage(w, f, targets);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double f = fraction.at(values);
    for (int k : targets) {
      double[] cap = d.producers.get(k).capacityT();
      for (int t = window.t0(); t <= window.t1(); t++) {
        if (on[t]) {
          cap[t] *= 1 - f;
        }
      }
      d.producers.set(k, d.producers.get(k).withCapacityT(cap));
    }
  }
}
