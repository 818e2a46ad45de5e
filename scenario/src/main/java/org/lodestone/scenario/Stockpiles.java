package org.lodestone.scenario;

import java.util.List;
import org.lodestone.core.model.TradedProduct;

/**
 * What a strategic stockpile event names ({@link StockpileRelease}, {@link StockpileBuild}): a
 * {@code region}, {@code products} (elements as oxide unless {@code forms} says otherwise; no
 * concentrate) and an {@code amount} in t per year and product.
 */
record Stockpiles(EventWindow window, List<Integer> products, int region, Num amount) {
  static final List<String> KEYS = List.of("region", "products", "forms", "amount");

  static Stockpiles read(EventReader r) {
    EventReader.Traded traded = r.traded(true);
    if (traded == null) {
      return null;
    }
    EventWindow w = traded.window();
    List<Integer> products = traded.products();
    int region = r.regionKey("region", true);
    if (region < 0) {
      return null;
    }
    if (products.contains(TradedProduct.CONCENTRATE.ordinal())) {
      r.at(r.node("products"), r.path("products"), "concentrate", Rule.STOCKPILE_CONCENTRATE.format(), null);
      return null;
    }
    Num amount = r.number("amount", Units.Kind.MASS, 0, Double.MAX_VALUE);
    return amount.isNaN() ? null : new Stockpiles(w, List.copyOf(products), region, amount);
  }

  /** Calls {@code move(t, product, region, tonnes)} for every year the event acts and every product. */
  void forEach(EventDraft d, double[] values, Move move) {
    boolean[] on = window.on(d.years, values);
    double a = amount.at(values);
    for (int t = window.t0(); t <= window.t1(); t++) {
      if (!on[t]) {
        continue;
      }
      for (int tp : products) {
        move.apply(t, tp, region, a);
      }
    }
  }

  /** One year's stockpile move. */
  interface Move {
    void apply(int t, int product, int region, double tonnes);
  }
}
