package org.lodestone.scenario;

import java.util.List;

/** {@code subsidy}: producers' offer cost falls by {@code amount} (USD/kg, not below zero) in the window. */
record Subsidy(EventWindow window, Num amount, int[] targets) implements Event {
  static final List<String> KEYS = List.of("amount", "producer", "producers", "stage", "region");

  static Subsidy read(EventReader r) {
    EventWindow w = r.window();
    if (w == null) {
      return null;
    }
    Num amount = r.number("amount", Units.Kind.PRICE, 0, Double.MAX_VALUE);
    int[] targets = r.targets();
    return amount.isNaN() || targets == null ? null : new Subsidy(w, amount, targets);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double a = amount.at(values);
    for (int k : targets) {
      double[] offer = d.producers.get(k).offerCostT();
      for (int t = window.t0(); t <= window.t1(); t++) {
        if (on[t]) {
          offer[t] = Math.max(0, offer[t] - a);
        }
      }
      d.producers.set(k, d.producers.get(k).withOfferCostT(offer));
    }
  }
}
