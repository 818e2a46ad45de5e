package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code export_control} (regional markets): the {@code exporter} region's exports of {@code products}
 * (NdPr, Dy, Tb as oxide and metal unless {@code forms} says which; magnet; concentrate) are capped at
 * {@code cap}, a tonnage per product and year or (written in %) a share of the previous year's
 * exports. With a {@code licensingDelay} in months, nothing ships while licences are pending, so the
 * cap of year k of a spell shrinks by {@link #licensingLoss}.
 */
record ExportControl(EventWindow window, List<Integer> products, int exporter, boolean share, Num cap,
    Num delayMonths) implements Event {
  static final List<String> KEYS = List.of("exporter", "products", "forms", "cap", "licensingDelay");

  static ExportControl read(EventReader r) {
    EventReader.Traded traded = r.traded(false);
    if (traded == null) {
      return null;
    }
    EventWindow w = traded.window();
    List<Integer> products = traded.products();
    int exporter = r.regionKey("exporter", true);
    if (exporter < 0) {
      return null;
    }
    Node capNode = r.node("cap");
    if (capNode == null) {
      r.at(r.map(), r.path("cap"), null, Rule.MISSING.format(), "a tonnage (5000 t) or a share of last year's exports (30 %)");
      return null;
    }
    Node capValue = capNode instanceof Node.MapNode cm ? cm.get("value") : capNode;
    String text = capValue instanceof Node.Scalar s ? s.text() : null;
    boolean share = text != null && text.strip().endsWith("%");
    Num cap = r.number("cap", share ? Units.Kind.FRACTION : Units.Kind.MASS, 0, share ? 1 : Double.MAX_VALUE);
    if (cap.isNaN()) {
      return null;
    }
    Num delay = Num.of(0);
    if (r.node("licensingDelay") != null) {
      int windowMonths = 12 * (w.t1() - w.t0() + 1);
      delay = r.number("licensingDelay", Units.Kind.MONTHS, 0, windowMonths,
          Rule.EVENT_WINDOW_TOO_SHORT.format(windowMonths));
      if (delay.isNaN()) {
        return null;
      }
    }
    return new ExportControl(w, List.copyOf(products), exporter, share, cap, delay);
  }

  /**
   * The share of a year's cap lost to pending licences: while licences are pending nothing ships, so
   * a licensing delay of D months takes {@code min(12, max(0, D − 12k)) / 12} of the cap in year k of
   * a spell of the control (k = 0 its first year; a spell starts at the window's first year, and again
   * after a year in which a probabilistic control did not happen). A delay of up to 12 months only
   * touches the first year: 3 months leave 75 % of the cap. Windows are whole calendar years, so the
   * months are counted within the year (a control from April with 3 months of pending licences loses
   * the same quarter of that year's exports).
   *
   * @param delayMonths licensing delay, months, {@code >= 0}
   * @param spellYear   years since the control (re)started, {@code >= 0}
   * @return lost share of the year, in [0, 1]
   */
  static double licensingLoss(double delayMonths, int spellYear) {
    return Math.min(12, Math.max(0, delayMonths - 12.0 * spellYear)) / 12;
  }

  @Override
  public void apply(EventDraft d, double[] values) {
    boolean[] on = window.on(d.years, values);
    double c = cap.at(values);
    double delay = delayMonths.at(values);
    int spellYear = 0;
    for (int t = window.t0(); t <= window.t1(); t++) {
      if (!on[t]) {
        spellYear = 0;
        continue;
      }
      double allowed = c * (1 - licensingLoss(delay, spellYear++));
      for (int tp : products) {
        if (share) {
          d.trade.capShare(t, tp, exporter, allowed);
        } else {
          d.trade.capTonnes(t, tp, exporter, allowed);
        }
      }
    }
  }
}
