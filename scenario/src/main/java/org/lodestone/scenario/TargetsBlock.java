package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Stage;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code capacityTargets:}: scale a stage's capacity in a region toward a total in a year, linearly
 * from {@code from}. The factor (total / the capacity there in that year, after earlier targets) is
 * fixed here from the data; the tail applies it ({@link Tail.Target}), to the nominal paths and to
 * each draw's, so a drawn capacity path is scaled by the same factor.
 */
final class TargetsBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("capacityTargets");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    Node n = root.get("capacityTargets");
    if (n == null) {
      return;
    }
    Node.ListNode list = n instanceof Node.ListNode l ? l : null;
    if (list == null) {
      r.at(n, "capacityTargets", null, Rule.NOT_A_LIST.format(""), "start each target with `- stage: ...`");
      return;
    }
    // the capacities the targets see: the data paths after the targets before them
    List<Producer> now = new ArrayList<>(c.producers);
    for (int i = 0; i < list.items().size(); i++) {
      String p = "capacityTargets[" + i + "]";
      Node.MapNode m = r.map(list.items().get(i), p);
      if (m == null) {
        continue;
      }
      r.checkKeys(m, p, List.of("stage", "region", "year", "total", "from", "source", "confidence",
          "method", "note"));
      String stageCode = r.requiredChoice(m, "stage", p, ProducersBlock.STAGES);
      String region = r.requiredChoice(m, "region", p, c.regions);
      Integer year = m.get("year") == null ? null : r.axisYear(m.get("year"), p + ".year", c.axis());
      if (m.get("year") == null) {
        r.at(m, p + ".year", null, Rule.MISSING.format(), null);
      }
      Integer from = m.get("from") == null ? null : r.axisYear(m.get("from"), p + ".from", c.axis());
      if (m.get("from") == null) {
        r.at(m, p + ".from", null, Rule.MISSING.format(), "the year from which capacity moves toward the target");
      }
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      Kind kind = stage == Stage.MINING || stage == Stage.SEPARATION ? Kind.MASS_REO : Kind.MASS;
      Num totalNum = m.get("total") == null ? Num.of(Double.NaN)
          : c.num().number(m.get("total"), p + ".total", kind, null, r.provOf(m, p));
      c.num().forbid(totalNum, "capacity target totals");
      double total = totalNum.value();
      if (m.get("total") == null) {
        r.at(m, p + ".total", null, Rule.MISSING.format(), null);
      } else if (total < 0) {
        r.at(m.get("total"), p + ".total", fmt(total), Rule.AT_LEAST.format("0"), null);
      }
      if (year != null && from != null && from > year) {
        r.at(m.get("from"), p + ".from", String.valueOf(from), "must not be after year (" + year + ")", null);
        continue;
      }
      if (stage == null || region == null || year == null || from == null || !(total >= 0)) {
        continue;
      }
      int reg = c.regions.indexOf(region);
      int ty = c.axis().index(year);
      double current = 0;
      List<Integer> ks = new ArrayList<>();
      for (int k = 0; k < now.size(); k++) {
        Producer pr = now.get(k);
        if (pr.stage() == stage && pr.region() == reg) {
          current += pr.capacityT(ty);
          ks.add(k);
        }
      }
      if (current <= 0) {
        r.at(m, p, null, "no " + stageCode + " capacity in " + region + " in " + year + " to scale",
            "add a producer instead");
        continue;
      }
      Tail.Target target = new Tail.Target(ks.stream().mapToInt(Integer::intValue).toArray(),
          c.axis().index(from), ty, total / current);
      c.targets.add(target);
      target.apply(now);
    }
  }
}
