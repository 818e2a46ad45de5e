package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Trade;

/**
 * What events edit, for one run (the nominal scenario or one draw): producers, sectors, the
 * regional markets' trade measures, and, per producer a capacity delay touched, the year index each
 * year's capacity now comes from ({@code moved[t] = cap[source[t]]}). Mutable, owned by one thread.
 */
final class EventDraft {
  final List<Producer> producers;
  final List<Sector> sectors;
  /** Null on one global market. */
  final Trade.Builder trade;
  final Map<Integer, int[]> yearSources = new HashMap<>();
  /** Per off-quota tranche (by cap id) that an {@code off_quota} event touched: its size factor by year. */
  final Map<String, double[]> offQuotaSize = new HashMap<>();
  /** Per off-quota tranche that an {@code off_quota} event touched: its cost factor by year. */
  final Map<String, double[]> offQuotaCost = new HashMap<>();
  final int years;

  EventDraft(List<Producer> producers, List<Sector> sectors, Trade trade, int years) {
    this.producers = new ArrayList<>(producers);
    this.sectors = new ArrayList<>(sectors);
    this.trade = trade == null ? null : trade.toBuilder();
    this.years = years;
  }

  /** The trade measures after the events (null on one global market). */
  Trade builtTrade() {
    return trade == null ? null : trade.build();
  }

  /** The year each year's capacity of producer k comes from after the delays, or null. */
  int[] yearSource(int k) {
    int[] s = yearSources.get(k);
    return s == null ? null : s.clone();
  }
}
