package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Substitute;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * A sector's {@code substitution:} block: substitutes by id, each a lagged, bounded response to a
 * relative price ({@link Substitute}), added to the draft's dynamics.
 */
final class SubstitutionReader {
  private static final List<String> KEYS = List.of("kind", "signal", "maxShare",
      "maxChangePerYear", "maxReturnPerYear", "lag", "signalYears", "trigger", "full", "reduction",
      "initialShare", "from", "name", "note", "remove");
  private static final List<String> KINDS = Arrays.stream(Substitute.Kind.values()).map(Substitute.Kind::code)
      .toList();

  private final Compilation c;

  SubstitutionReader(Compilation c) {
    this.c = c;
  }

  void read(Node n, String p, int sector) {
    Reader r = c.read;
    NumberReader num = c.num();
    Node.MapNode m = n == null ? null : r.map(n, p);
    if (m == null) {
      return;
    }
    List<String> codes = Reader.codes();
    List<String> signals = new ArrayList<>(List.of("magnet", "heavy"));
    signals.addAll(codes);
    double magnetFree = 0;
    boolean magnetFreeDrawn = false;
    for (Node.Entry e : m.entries().values()) {
      String q = p + "." + e.key();
      Node.MapNode sm = r.map(e.value(), q);
      if (sm == null) {
        continue;
      }
      r.checkKeys(sm, q, KEYS);
      if (!e.key().matches("[a-z0-9][a-z0-9-]*")) {
        r.at(e.value(), q, e.key(), "a substitute's id must be lower-case letters, digits and `-`", null);
      }
      String kindCode = r.requiredChoice(sm, "kind", q, KINDS);
      Substitute.Kind kind = kindCode == null ? null : Substitute.Kind.values()[KINDS.indexOf(kindCode)];
      String signalCode = sm.get("signal") == null
          ? (kind == Substitute.Kind.HEAVY_FREE ? "heavy" : "magnet")
          : r.requiredChoice(sm, "signal", q, signals);
      if (signalCode != null && kind != null
          && (signalCode.equals("heavy") != (kind == Substitute.Kind.HEAVY_FREE) && !codes.contains(signalCode))) {
        r.at(sm.get("signal"), q + ".signal", signalCode, kind == Substitute.Kind.HEAVY_FREE
            ? "a heavy-free grade responds to `heavy` (the Dy and Tb in its magnets) or one element's price"
            : "`heavy` is for heavy-free grades", "use `magnet` or an element");
        signalCode = null;
      }
      Element signal = signalCode == null || !codes.contains(signalCode) ? null
          : Element.values()[codes.indexOf(signalCode)];
      final int k = c.substitutes.size();
      Num maxShare = num.required(sm, "maxShare", q, Kind.FRACTION, null, 0, 1, true);
      double maxShareHigh = num.bound(maxShare, true);
      c.bind(maxShare, (ed, v) -> ed.substitute(k, s -> with(s, 0, v)));
      Num up = num.required(sm, "maxChangePerYear", q, Kind.GROWTH, null, 0, 1, true);
      c.bind(up, (ed, v) -> ed.substitute(k, s -> with(s, 1, v)));
      Num down = num.optional(sm, "maxReturnPerYear", q, Kind.GROWTH, 0, 0, 1);
      c.bind(down, (ed, v) -> ed.substitute(k, s -> with(s, 2, v)));
      Num trigger = num.required(sm, "trigger", q, Kind.NUMBER, null, 0, Double.MAX_VALUE, false);
      double triggerHigh = num.bound(trigger, true);
      c.bind(trigger, (ed, v) -> ed.substitute(k, s -> with(s, 3, v)));
      Num full = num.required(sm, "full", q, Kind.NUMBER, null, 0, Double.MAX_VALUE, false);
      double fullLow = num.bound(full, false);
      c.bind(full, (ed, v) -> ed.substitute(k, s -> with(s, 4, v)));
      Num reduction = Num.of(0);
      if (kind == Substitute.Kind.HEAVY_FREE) {
        reduction = num.required(sm, "reduction", q, Kind.FRACTION, null, 0, 1, true);
        c.bind(reduction, (ed, v) -> ed.substitute(k, s -> with(s, 5, v)));
      } else if (sm.get("reduction") != null && kind != null) {
        r.at(sm.get("reduction"), q + ".reduction", null, "only heavy-free substitutes reduce Dy/Tb",
            "remove it, or use kind: heavy-free");
      }
      Num initial = num.optional(sm, "initialShare", q, Kind.FRACTION, 0, 0, 1);
      num.forbid(initial, "the initial share is a starting point, not a model parameter");
      Integer lag = num.wholeYears(sm, "lag", q, 1, 1);
      Integer signalYears = num.wholeYears(sm, "signalYears", q, 1, 1);
      // a start before the axis means from its first year, after it never (a child may shorten the axis)
      Integer from = sm.get("from") == null ? Integer.valueOf(c.axis().firstYear())
          : r.yearValue(sm.get("from"), q + ".from");
      double fullValue = full.value();
      if (!trigger.isNaN() && !full.isNaN() && !(fullLow > triggerHigh)) {
        r.at(sm.get("full"), q + ".full", fmt(full.value()), "must be above trigger (" + fmt(trigger.value()) + ")"
            + (fullLow != full.value() || triggerHigh != trigger.value() ? " in every draw: lowest full "
            + String.format(Locale.ROOT, "%.4g", fullLow) + ", highest trigger "
            + String.format(Locale.ROOT, "%.4g", triggerHigh) : ""),
            "the target share rises from 0 at `trigger` to maxShare at `full` (prices relative to the reference)");
        fullValue = Double.NaN;
      }
      double initialValue = initial.value();
      if (!initial.isNaN() && !maxShare.isNaN() && initial.value() > maxShare.value()) {
        r.at(sm.get("initialShare"), q + ".initialShare", fmt(initial.value()), "must not exceed maxShare ("
            + fmt(maxShare.value()) + ")", null);
        initialValue = Double.NaN;
      }
      if (kind == Substitute.Kind.MAGNET_FREE && !maxShare.isNaN()) {
        // with distributions, every draw must keep the sum within 100 %: the upper ends count
        magnetFree += maxShareHigh;
        magnetFreeDrawn |= maxShareHigh != maxShare.value();
        if (magnetFree > 1 + 1e-9) {
          r.at(sm.get("maxShare"), q + ".maxShare", fmt(maxShare.value()), "the sector's magnet-free maximum shares sum to "
              + String.format(Locale.ROOT, "%.4g", magnetFree)
              + (magnetFreeDrawn ? " with distributions at their upper ends" : "") + ", above 100 %",
              "lower one of them");
        }
      }
      if (kind == null || signalCode == null || lag == null || signalYears == null || from == null
          || maxShare.isNaN() || up.isNaN() || down.isNaN() || trigger.isNaN() || Double.isNaN(fullValue)
          || reduction.isNaN() || Double.isNaN(initialValue)) {
        continue;
      }
      c.substitutes.add(new Substitute(e.key(), sector, kind, signal, maxShare.value(), up.value(), down.value(), lag,
          trigger.value(), fullValue, reduction.value(), initialValue, c.startIndex(from), signalYears));
    }
  }

  /** A copy of {@code s} with one drawn number: 0 maxShare, 1 up, 2 down, 3 trigger, 4 full, 5 reduction. */
  private static Substitute with(Substitute s, int field, double v) {
    return new Substitute(s.id(), s.sector(), s.kind(), s.signal(),
        field == 0 ? v : s.maxShare(), field == 1 ? v : s.maxChangePerYear(),
        field == 2 ? v : s.maxReturnPerYear(), s.lagYears(), field == 3 ? v : s.trigger(),
        field == 4 ? v : s.full(), field == 5 ? v : s.heavyReduction(), Math.min(s.initialShare(),
            field == 0 ? v : s.maxShare()), s.fromIndex(), s.signalYears());
  }
}
