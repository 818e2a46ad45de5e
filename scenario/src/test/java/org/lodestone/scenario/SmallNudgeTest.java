package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * Issue #11, "small nudges give small answers": on the shipped base, a few percent of a sector's demand,
 * a 10 % outage of one producer for one year or a 10 % change of one producer's cost moves no price by
 * more than {@value #MAX_MOVE} of itself in any year.
 *
 * <p>Seeded nudges ({@value #SEED}), {@value #PER_KIND} of each kind, written as a child scenario of base
 * (the same YAML a user writes, so events go through the compiler): a {@code demand_shock} of ±3..5 %
 * on a random sector from a random year to the end of the axis; an {@code outage} of 10 % of one random
 * producer in one random year; a producer's {@code cost} × (1 ± 10 %). Every price series of the tidy
 * results (oxides, metals, magnets; world and by region) in every year is compared with base's:
 * {@code |p_nudged − p_base| <= f × max(p_base, 1 USD/kg)}.
 *
 * <p>Why f = 0.5: in a competitive market a quantity shock of s moves the price by about
 * s / (ε_demand + ε_supply). The nudges shift quantities by at most 5 % of demand (or 10 % of one
 * producer, a few percent of its stage), so f = 0.5 still allows a combined elasticity as low as 0.1 —
 * base's sector elasticities are −0.02..−0.3 before any supply response — while it catches what issue #11
 * measured on the old market: 2.9x (a 5 % demand nudge) and 7x (a 10 % outage). The floor of 1 USD/kg
 * keeps a price of 0 (a co-product in surplus) from demanding an exact 0 in the nudged run, while a jump
 * from 0 to tens of USD/kg still fails.
 */
class SmallNudgeTest {
  static final double MAX_MOVE = 0.5;
  static final double FLOOR_USD_PER_KG = 1.0;
  static final long SEED = 20_261_111L;
  static final int PER_KIND = 8;

  @TempDir
  Path dir;

  record Move(String nudge, String series, int year, double base, double nudged) {
    double excess() {
      return Math.abs(nudged - base) / Math.max(base, FLOOR_USD_PER_KG);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %s %d base %.2f -> %.2f USD/kg (%.0f %% of base)", nudge, series,
          year, base, nudged, 100 * excess());
    }
  }

  @Test
  void smallNudgesMoveNoPriceByMoreThanHalfOfItself() throws Exception {
    SupplyChain base = ScenarioLoader.load("base").chain();
    int first = base.axis().firstYear();
    int last = base.axis().lastYear();
    Map<String, Double> basePrices = prices(base, first, last);
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<Sector> sectors = base.sectors();
    // producers a scenario can name (the compiler also makes some, e.g. off-quota tranches), with a cost
    List<Producer> producers = new ArrayList<>();
    for (Producer p : base.producers()) {
      if (p.costUsdPerKg() > 0 && nameable(p)) {
        producers.add(p);
      }
    }
    List<String[]> nudges = new ArrayList<>(); // {description, events/producers YAML}
    for (int i = 0; i < PER_KIND; i++) {
      Sector s = sectors.get(rnd.nextInt(sectors.size()));
      double pct = (rnd.nextBoolean() ? 1 : -1) * (3 + 2 * rnd.nextDouble());
      int from = first + rnd.nextInt(last - first + 1);
      String pctText = String.format(Locale.ROOT, "%.2f", pct);
      nudges.add(new String[] {"demand " + s.id() + " " + pctText + " % from " + from,
          "events:\n  - {type: demand_shock, sector: " + s.id() + ", from: " + from + ", to: " + last
              + ", fraction: " + pctText + " %}\n"});
    }
    for (int i = 0; i < PER_KIND; i++) {
      Producer p = producers.get(rnd.nextInt(producers.size()));
      int year = first + rnd.nextInt(last - first + 1);
      nudges.add(new String[] {"outage 10 % of " + p.id() + " in " + year,
          "events:\n  - {type: outage, producer: " + p.id() + ", from: " + year + ", to: " + year
              + ", fraction: 10 %}\n"});
    }
    for (int i = 0; i < PER_KIND; i++) {
      Producer p = producers.get(rnd.nextInt(producers.size()));
      double factor = rnd.nextBoolean() ? 1.1 : 0.9;
      String cost = String.format(Locale.ROOT, "%.6f", p.costUsdPerKg() * factor);
      nudges.add(new String[] {"cost of " + p.id() + " x " + factor,
          "producers:\n  " + p.id() + ": {cost: " + cost + " USD/kg}\n"});
    }

    List<Move> moves = new ArrayList<>();
    int n = 0;
    for (String[] nudge : nudges) {
      Path f = dir.resolve("nudge-" + n++ + ".yaml");
      Files.writeString(f, "name: nudge\nparent: base\n" + nudge[1]);
      SupplyChain c = ScenarioLoader.load(f.toString()).chain();
      Map<String, Double> p = prices(c, first, last);
      assertThat(p.keySet()).as(nudge[0]).isEqualTo(basePrices.keySet());
      for (Map.Entry<String, Double> e : basePrices.entrySet()) {
        String key = e.getKey();
        int year = Integer.parseInt(key.substring(0, 4));
        moves.add(new Move(nudge[0], key.substring(5), year, e.getValue(), p.get(key)));
      }
    }
    moves.sort((a, b) -> Double.compare(b.excess(), a.excess()));
    List<Move> beyond = moves.stream().filter(m -> m.excess() > MAX_MOVE).toList();
    System.out.println("SmallNudgeTest: " + nudges.size() + " nudges, " + moves.size()
        + " price comparisons; worst: " + moves.get(0) + "; beyond " + MAX_MOVE + ": " + beyond.size());
    beyond.stream().limit(40).forEach(m -> System.out.println("  " + m));
    Map<String, Move> worstBySeries = new java.util.TreeMap<>();
    for (Move m : moves) { // sorted worst first: the first of each series is its worst
      worstBySeries.putIfAbsent(m.series(), m);
    }
    System.out.println("SmallNudgeTest: worst move of each price series:");
    worstBySeries.values().forEach(m -> System.out.println("  " + m));
    assertThat(beyond).as("prices moved by more than %s of themselves (worst first)", MAX_MOVE).isEmpty();
  }

  /** Whether a child scenario of base may name this producer (it is one of base's, not one the compiler made). */
  private boolean nameable(Producer p) throws java.io.IOException {
    Path f = dir.resolve("probe.yaml");
    Files.writeString(f, "name: probe\nparent: base\nproducers:\n  " + p.id() + ": {cost: "
        + String.format(Locale.ROOT, "%.6f", p.costUsdPerKg()) + " USD/kg}\nevents:\n  - {type: outage, producer: "
        + p.id() + ", from: 2030, fraction: 0 %}\n");
    try {
      ScenarioLoader.load(f.toString());
      return true;
    } catch (org.lodestone.core.problem.InvalidInputException e) {
      return false;
    }
  }

  /** Every price of the run: {@code "YEAR stage/product/region" -> USD/kg}. */
  private static Map<String, Double> prices(SupplyChain c, int first, int last) {
    Map<String, Double> out = new HashMap<>();
    for (ResultRow r : TidyResults.rows(AnnualEngine.run(c), first, last)) {
      if (r.metric().equals("price")) {
        out.put(r.year() + " " + r.stage() + "/" + r.product() + "/" + (r.region().isEmpty() ? "world" : r.region()),
            r.value());
      }
    }
    return out;
  }
}
