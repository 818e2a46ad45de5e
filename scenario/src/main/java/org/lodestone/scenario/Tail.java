package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.Dynamics;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.SupplyChain;

/**
 * The one route from the data to the model input: capacity targets, then projects, then events,
 * applied to a chain of data values. The nominal scenario runs it on the data ({@code values} null);
 * every Monte Carlo draw sets its parameters on the same data and runs it again with the drawn
 * values. Immutable and thread-safe (each call works on copies).
 */
final class Tail {
  /**
   * A capacity target: producers {@code producers} are scaled by {@code 1 + w (factor − 1)} in year
   * t, with w = (t − tf) / (ty − tf) from tf + 1 until ty and 1 from ty on.
   */
  record Target(int[] producers, int tf, int ty, double factor) {
    /** Scales the producers' paths in place in {@code list}. */
    void apply(List<Producer> list) {
      for (int k : producers) {
        Producer pr = list.get(k);
        double[] cap = pr.capacityT();
        for (int t = tf + 1; t < cap.length; t++) {
          double w = t >= ty ? 1 : (double) (t - tf) / (ty - tf);
          cap[t] *= 1 + w * (factor - 1);
        }
        list.set(k, pr.withCapacityT(cap));
      }
    }
  }

  private final List<Target> targets;
  private final Projects projects;
  private final List<Event> events;
  private final MarketBlock elementMarket;

  Tail(List<Target> targets, Projects projects, List<Event> events, MarketBlock elementMarket) {
    this.targets = List.copyOf(targets);
    this.projects = projects;
    this.events = List.copyOf(events);
    this.elementMarket = elementMarket;
  }

  /**
   * The model input from a chain of data values.
   *
   * @param data   producers, sectors and trade before targets, projects and events
   * @param values drawn parameter values, or null for the nominal run
   */
  SupplyChain apply(SupplyChain data, double[] values) {
    List<Producer> producers = new ArrayList<>(data.producers());
    for (Target t : targets) {
      t.apply(producers);
    }
    producers = projects.apply(producers, values);
    List<Investment> available = new ArrayList<>();
    EventDraft d = applyEvents(values, data.axis().size(), producers, data, available);
    SupplyChain chain = new SupplyChain(data.axis(), data.regionCodes(), data.depositCodes(), splitOf(data),
        d.producers, d.sectors, data.market(), d.builtTrade(), new Dynamics(data.dynamics().substitutes(), available))
        .withGovernance(data.governance());
    // the element-price market's nameplates and caps act on the final paths (after events); its
    // numbers (supply curves, storage, off-quota tranches, ...) take the draw's values, and the
    // off_quota events scale the tranches they name
    return elementMarket == null ? chain : elementMarket.applyTo(chain, values, d.offQuotaSize, d.offQuotaCost);
  }

  /**
   * Applies the events. Capacity built by investment is not in the data (its producers' paths are
   * zero), so outages act on it through each rule's availability: the events are applied to paths of
   * ones for those producers, read back as the share of built capacity available each year (an outage
   * of 50 % gives 0.5), and the data paths are set back to zero. A {@code capacity_delay} (which
   * leaves a path of ones unchanged) is read from the events as the year each year's built capacity
   * now comes from, so built capacity is delayed like a data path.
   */
  private EventDraft applyEvents(double[] values, int years, List<Producer> producers, SupplyChain data,
      List<Investment> out) {
    List<Investment> investments = data.dynamics().investments();
    List<Producer> probe = new ArrayList<>(producers);
    for (Investment inv : investments) {
      double[] ones = new double[probe.get(inv.producer()).capacityT().length];
      Arrays.fill(ones, 1);
      probe.set(inv.producer(), probe.get(inv.producer()).withCapacityT(ones));
    }
    EventDraft d = new EventDraft(probe, data.sectors(), data.trade(), years);
    Events.apply(events, d, values);
    for (Investment inv : investments) {
      Producer p = d.producers.get(inv.producer());
      double[] avail = p.capacityT();
      boolean always = true;
      for (double x : avail) {
        always &= x == 1;
      }
      out.add(inv.withAvailabilityT(always ? null : avail).withSourceYearT(d.yearSource(inv.producer())));
      d.producers.set(inv.producer(), p.withCapacityT(new double[avail.length]));
    }
    return d;
  }

  private static double[] splitOf(SupplyChain chain) {
    double[] split = new double[chain.depositCodes().size() * Element.COUNT];
    for (int d = 0; d < chain.depositCodes().size(); d++) {
      for (int e = 0; e < Element.COUNT; e++) {
        split[d * Element.COUNT + e] = chain.depositSplit(d, e);
      }
    }
    return split;
  }
}
