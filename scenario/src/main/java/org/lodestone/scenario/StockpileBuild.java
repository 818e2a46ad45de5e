package org.lodestone.scenario;

import java.util.List;

/** {@code stockpile_build} (regional markets): a state reserve buys {@code amount} t a year and product. */
record StockpileBuild(Stockpiles stock) implements Event {
  static final List<String> KEYS = Stockpiles.KEYS;

  static StockpileBuild read(EventReader r) {
    Stockpiles s = Stockpiles.read(r);
    return s == null ? null : new StockpileBuild(s);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    stock.forEach(d, values, d.trade::purchase);
  }
}
