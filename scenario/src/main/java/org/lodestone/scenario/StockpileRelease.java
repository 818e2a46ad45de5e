package org.lodestone.scenario;

import java.util.List;

/** {@code stockpile_release} (regional markets): a state reserve sells {@code amount} t a year and product. */
record StockpileRelease(Stockpiles stock) implements Event {
  static final List<String> KEYS = Stockpiles.KEYS;

  static StockpileRelease read(EventReader r) {
    Stockpiles s = Stockpiles.read(r);
    return s == null ? null : new StockpileRelease(s);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    stock.forEach(d, values, d.trade::release);
  }
}
