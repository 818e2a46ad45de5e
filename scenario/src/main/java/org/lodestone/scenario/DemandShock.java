package org.lodestone.scenario;

import java.util.List;
import org.lodestone.core.model.Sector;

/**
 * {@code demand_shock}: a sector's reference demand is multiplied by {@code 1 + fraction × w} in each
 * year of the window, with w = 1 everywhere or, with {@code region}, the sector's share of demand in
 * that region.
 */
record DemandShock(EventWindow window, Num fraction, int sector, int region) implements Event {
  static final List<String> KEYS = List.of("fraction", "sector", "region");

  static DemandShock read(EventReader r) {
    EventWindow w = r.window();
    if (w == null) {
      return null;
    }
    Num f = r.number("fraction", Units.Kind.FRACTION, -1, Double.MAX_VALUE);
    int s = r.sector();
    if (s < 0) {
      return null;
    }
    int region = -1;
    if (r.node("region") != null) {
      region = r.regionKey("region", true);
      if (region < 0) {
        return null;
      }
    }
    return f.isNaN() ? null : new DemandShock(w, f, s, region);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double f = fraction.at(values);
    Sector sec = d.sectors.get(sector);
    double[] demand = sec.referenceDemandT();
    double weight = region < 0 ? 1 : sec.regionShare(region);
    for (int t = window.t0(); t <= window.t1(); t++) {
      if (on[t]) {
        demand[t] *= 1 + f * weight;
      }
    }
    d.sectors.set(sector, sec.withReferenceDemandT(demand));
  }
}
