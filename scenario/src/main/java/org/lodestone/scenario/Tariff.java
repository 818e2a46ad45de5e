package org.lodestone.scenario;

import java.util.List;

/**
 * {@code tariff} (regional markets): imports of {@code products} into {@code importer} (from
 * {@code exporter}, or from everywhere) cost {@code amount} USD/kg more in the window.
 */
record Tariff(EventWindow window, List<Integer> products, int importer, int exporter, Num amount)
    implements Event {
  static final List<String> KEYS = List.of("importer", "exporter", "products", "forms", "amount");

  static Tariff read(EventReader r) {
    EventReader.Traded traded = r.traded(false);
    if (traded == null) {
      return null;
    }
    EventWindow w = traded.window();
    List<Integer> products = traded.products();
    int importer = r.regionKey("importer", true);
    int exporter = r.node("exporter") == null ? -1 : r.regionKey("exporter", true);
    if (importer < 0 || (r.node("exporter") != null && exporter < 0)) {
      return null;
    }
    Num amount = r.number("amount", Units.Kind.PRICE, 0, Double.MAX_VALUE);
    return amount.isNaN() ? null : new Tariff(w, List.copyOf(products), importer, exporter, amount);
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double a = amount.at(values);
    for (int t = window.t0(); t <= window.t1(); t++) {
      if (!on[t]) {
        continue;
      }
      for (int tp : products) {
        d.trade.addTariff(t, tp, exporter, importer, a);
      }
    }
  }
}
