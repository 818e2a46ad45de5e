package org.lodestone.scenario;

import java.util.List;
import org.lodestone.core.model.Producer;

/**
 * {@code price_floor}: an offtake agreement at {@code floor} (USD/kg): producers whose cost is at or
 * below the floor run whatever the market price (they offer at zero in the window; the difference is
 * paid by the government, as in the July 2025 US agreement for NdPr at 110 USD/kg).
 */
record PriceFloor(EventWindow window, Num floor, int[] targets) implements Event {
  static final List<String> KEYS = List.of("floor", "producer", "producers", "stage", "region");

  static PriceFloor read(EventReader r) {
    EventWindow w = r.window();
    if (w == null) {
      return null;
    }
    Num floor = r.number("floor", Units.Kind.PRICE, 0, Double.MAX_VALUE);
    int[] targets = r.targets();
    return floor.isNaN() || targets == null ? null : new PriceFloor(w, floor, targets);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double f = floor.at(values);
    for (int k : targets) {
      Producer pr = d.producers.get(k);
      double[] offer = pr.offerCostT();
      for (int t = window.t0(); t <= window.t1(); t++) {
        if (on[t] && pr.costUsdPerKg() <= f) {
          offer[t] = 0;
        }
      }
      d.producers.set(k, pr.withOfferCostT(offer));
    }
  }
}
