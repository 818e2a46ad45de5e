package org.lodestone.scenario;

import java.util.List;

/**
 * {@code capacity_delay}: producers' capacity paths move {@code years} later from {@code from}
 * (default the first year): capacity in year t ≥ t0 becomes the path's value in max(t − years, t0).
 * The year each year's capacity now comes from is kept per producer in the draft, so capacity built
 * by investment is delayed the same way. A {@code probability} is one draw for the whole event.
 */
record CapacityDelay(EventWindow window, Num years, int[] targets) implements Event {
  static final List<String> KEYS = List.of("years", "producer", "producers", "stage", "region");

  static CapacityDelay read(EventReader r) {
    EventWindow w = r.windowFromStart();
    if (w == null) {
      return null;
    }
    Num years = r.number("years", Units.Kind.NUMBER, 0, r.axis().size());
    int[] targets = r.targets();
    if (years.isNaN() || targets == null) {
      return null;
    }
    if (years.value() != Math.rint(years.value())) {
      r.at(r.node("years"), r.path("years"), r.text("years"), Rule.WHOLE_YEARS.format(), null);
      return null;
    }
    return new CapacityDelay(w, years, targets);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    double y = years.at(values);
    if (y != Math.rint(y)) {
      // a drawn delay that is not a whole number of years leaves the paths unchanged (as before the
      // event types were split; see the compiler14 report)
      return;
    }
    boolean[] on = window.on(d.years, values);
    int t0 = window.t0();
    int n = on[t0] ? (int) y : 0;
    for (int k : targets) {
      double[] cap = d.producers.get(k).capacityT();
      double[] moved = cap.clone();
      int[] source = d.yearSources.get(k);
      if (source == null) {
        source = new int[cap.length];
        for (int t = 0; t < cap.length; t++) {
          source[t] = t;
        }
      }
      int[] movedSource = source.clone();
      for (int t = t0; t < cap.length; t++) {
        moved[t] = cap[Math.max(t - n, t0)];
        movedSource[t] = source[Math.max(t - n, t0)];
      }
      d.yearSources.put(k, movedSource);
      d.producers.set(k, d.producers.get(k).withCapacityT(moved));
    }
  }
}
