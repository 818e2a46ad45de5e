package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lodestone.core.model.Investment;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Stage;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * The top-level {@code investment:} block (the dynamics besides each sector's substitution): rules
 * by id, each adding a producer (id = the rule's id, capacity 0 in the data, filled by the run) of
 * its stage and region ({@link Investment}).
 */
final class InvestmentBlock implements Block {
  private static final List<String> KEYS = List.of("name", "stage", "region", "deposit",
      "leadTime", "rampUp", "capex", "costOfCapital", "life", "operatingCost", "subsidy", "maxGrowth",
      "trailingYears", "minUtilisation", "from", "note", "remove");

  @Override
  public List<String> keys() {
    return List.of("investment");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    NumberReader num = c.num();
    Node.MapNode m = r.optionalMap(root, "investment");
    if (m == null) {
      return;
    }
    List<Producer> producers = c.producers;
    List<String> regions = c.regions;
    List<String> deposits = c.depositCodes;
    Set<String> ids = new HashSet<>();
    producers.forEach(pr -> ids.add(pr.id()));
    Set<String> stageRegions = new HashSet<>();
    for (Node.Entry e : m.entries().values()) {
      String q = "investment." + e.key();
      Node.MapNode im = r.map(e.value(), q);
      if (im == null) {
        continue;
      }
      r.checkKeys(im, q, KEYS);
      if (!ids.add(e.key())) {
        r.at(e.value(), q, e.key(), "an investment rule's id names its new producer: a producer `" + e.key()
            + "` exists already", "choose another id, e.g. new-" + e.key());
      }
      String stageCode = r.requiredChoice(im, "stage", q, ProducersBlock.STAGES);
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      String region = r.requiredChoice(im, "region", q, regions);
      if (stage != null && region != null && !stageRegions.add(stageCode + "/" + region)) {
        r.at(im, q, null, "a second investment rule for " + stageCode + " in " + region, "merge the two rules");
      }
      int deposit = -1;
      if (stage == Stage.MINING) {
        String d = r.requiredChoice(im, "deposit", q, deposits);
        deposit = d == null ? -1 : deposits.indexOf(d);
      } else if (im.get("deposit") != null && stage != null) {
        r.at(im.get("deposit"), q + ".deposit", null, "only mines have a deposit", "remove it");
      }
      final int i = c.investments.size();
      Integer lead = num.wholeYears(im, "leadTime", q, null, 1);
      Integer ramp = num.wholeYears(im, "rampUp", q, 1, 1);
      Integer life = num.wholeYears(im, "life", q, null, 1);
      Integer trailing = num.wholeYears(im, "trailingYears", q, 3, 1);
      Integer from = im.get("from") == null ? Integer.valueOf(c.axis().firstYear())
          : r.yearValue(im.get("from"), q + ".from");
      Num capex = num.required(im, "capex", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      c.bind(capex, (ed, v) -> ed.investment(i, x -> with(x, 0, v)));
      Num rate = num.required(im, "costOfCapital", q, Kind.GROWTH, null, 0, 1, true);
      if (!rate.isNaN() && rate.value() >= 1) {
        r.at(im.get("costOfCapital"), q + ".costOfCapital", fmt(rate.value()), "must be below 100 %", null);
        rate = new Num(Double.NaN, rate.param());
      }
      c.bind(rate, (ed, v) -> ed.investment(i, x -> with(x, 1, v)));
      Num opex = num.required(im, "operatingCost", q, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      c.bind(opex, (ed, v) -> ed.investment(i, x -> with(x, 2, v)));
      Num subsidy = num.optional(im, "subsidy", q, Kind.PRICE, 0, 0, Double.MAX_VALUE);
      c.bind(subsidy, (ed, v) -> ed.investment(i, x -> with(x, 3, v)));
      Num growth = num.required(im, "maxGrowth", q, Kind.GROWTH, null, 0, 1, true);
      c.bind(growth, (ed, v) -> ed.investment(i, x -> with(x, 4, v)));
      Num minUtil = num.optional(im, "minUtilisation", q, Kind.FRACTION, 0, 0, 1);
      c.bind(minUtil, (ed, v) -> ed.investment(i, x -> with(x, 5, v)));
      String name = r.optionalText(im, "name");
      if (stage == null || region == null || (stage == Stage.MINING && deposit < 0) || lead == null
          || ramp == null || life == null || trailing == null || from == null || capex.isNaN() || rate.isNaN()
          || opex.isNaN() || subsidy.isNaN() || growth.isNaN() || minUtil.isNaN()) {
        continue;
      }
      int reg = regions.indexOf(region);
      double[] offer = new double[c.axis().size()];
      Arrays.fill(offer, Math.max(0, opex.value() - subsidy.value()));
      producers.add(new Producer(e.key(), name.isEmpty() ? "new " + stageCode + " capacity, " + region : name,
          stage, reg, "new entrants (" + region + ")", ProducerStatus.ANNOUNCED, deposit, opex.value(),
          new double[c.axis().size()], offer));
      c.investments.add(new Investment(e.key(), stage, reg, producers.size() - 1, lead, ramp, capex.value(),
          rate.value(), life, opex.value(), subsidy.value(), growth.value(), trailing, c.startIndex(from),
          minUtil.value()));
    }
  }

  /** A copy of {@code x} with one drawn number: 0 capex, 1 cost of capital, 2 opex, 3 subsidy, 4 max growth, 5 min utilisation. */
  private static Investment with(Investment x, int field, double v) {
    return new Investment(x.id(), x.stage(), x.region(), x.producer(), x.leadYears(), x.rampYears(),
        field == 0 ? v : x.capexUsdPerKgYear(), field == 1 ? v : x.costOfCapital(), x.lifeYears(),
        field == 2 ? v : x.operatingCost(), field == 3 ? v : x.subsidy(), field == 4 ? v : x.maxGrowth(),
        x.trailingYears(), x.fromIndex(), field == 5 ? v : x.minUtilisation(), x.availabilityT(), x.sourceYearT());
  }
}
