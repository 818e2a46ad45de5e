package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * A solver's residue is not a result. On the shipped scenarios, one market and by region:
 * <ul>
 *   <li>every {@code unserved} row is 0 or more than 1e-9 of its {@code demand} row (base printed
 *       {@code unserved} of 1.5e-9 to 3e-9 t against ~100 kt in 56 rows);</li>
 *   <li>every {@code surplus} row is 0 or more than 1e-9 of the element's separated output;</li>
 *   <li>every route's {@code trade} row is 0 or more than 1e-9 of the world's trade in the product, and
 *       every {@code net_exports} row 0 or more than 1e-9 of the region's exports and imports
 *       (quota-crisis-2010: 2.9e-9 t of ore to Russia in 2016, 1.2e-8 t of China's net ore exports in
 *       2009);</li>
 *   <li>no region whose ore trade is a residue (all its mines' output exported, or 1e-9 t imported with
 *       no mines) has an {@code import_reliance} or {@code supply_risk} row for ore: on regional markets
 *       Myanmar's ore supply risk came and went with the residue's sign, in 212 rows.</li>
 * </ul>
 */
class ResidueRowsTest {
  private static final double TOL = 1e-9;

  @ParameterizedTest
  @ValueSource(strings = {"base", "regional-markets", "quota-crisis-2010"})
  void noRowIsASolversResidue(String name) {
    Scenario s = ScenarioLoader.load(name);
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(s.chain()), s.chain().axis().firstYear(),
        s.chain().axis().lastYear());
    Map<String, Double> byKey = new HashMap<>();
    for (ResultRow r : rows) {
      byKey.put(key(r.year(), r.metric(), r.stage(), r.product(), r.region(), r.sector()), r.value());
    }
    Map<String, Double> grossTrade = new HashMap<>();
    Map<Integer, Double> worldOre = new HashMap<>();
    for (ResultRow r : rows) {
      if (r.metric().equals("production") && r.stage().equals("mining") && r.product().isEmpty()
          && !r.region().isEmpty() && r.sector().isEmpty()) {
        worldOre.merge(r.year(), r.value(), Double::sum);
      }
      if (r.metric().equals("trade")) {
        grossTrade.merge(r.year() + "|" + r.stage() + "|" + r.product(), Math.abs(r.value()), Double::sum);
      }
    }
    List<String> residues = new ArrayList<>();
    int checked = 0;
    for (ResultRow r : rows) {
      double v = Math.abs(r.value());
      if (r.metric().equals("trade")) {
        checked++;
        if (v > 0 && v <= TOL * grossTrade.get(r.year() + "|" + r.stage() + "|" + r.product())) {
          residues.add(r.toString());
        }
      } else if (r.metric().equals("net_exports") && !r.stage().equals("magnet")) {
        double in = byKey.get(key(r.year(), "imports", r.stage(), r.product(), r.region(), ""));
        double out = byKey.get(key(r.year(), "exports", r.stage(), r.product(), r.region(), ""));
        checked++;
        if (v > 0 && v <= TOL * (in + out)) {
          residues.add(r.toString());
        }
      } else if (r.metric().equals("unserved")) {
        double d = byKey.get(key(r.year(), "demand", r.stage(), r.product(), r.region(), r.sector()));
        checked++;
        if (v > 0 && v <= TOL * d) {
          residues.add(r.toString());
        }
      } else if (r.metric().equals("surplus")) {
        double sep = byKey.get(key(r.year(), "production", "separation", r.product(), "", ""));
        checked++;
        // the printed rule also counts the oxide recycled and bought: at least the separated output
        if (v > 0 && v <= TOL * sep) {
          residues.add(r.toString());
        }
      } else if ((r.metric().equals("import_reliance") || r.metric().equals("supply_risk"))
          && r.stage().equals("mining") && !r.region().isEmpty()) {
        double made = byKey.getOrDefault(key(r.year(), "production", "mining", "", r.region(), ""), 0.0);
        double in = byKey.getOrDefault(key(r.year(), "imports", "mining", "REO", r.region(), ""), 0.0);
        double out = byKey.getOrDefault(key(r.year(), "exports", "mining", "REO", r.region(), ""), 0.0);
        checked++;
        // the rule Risk.importReliance applies: within 1e-9 of the gross flows or of the world's ore
        double world = worldOre.getOrDefault(r.year(), 0.0);
        if (Math.abs(made + in - out) <= TOL * Math.max(Math.max(made + in + out, world), 1)) {
          residues.add(r + " (production " + made + ", imports " + in + ", exports " + out + ")");
        }
      }
    }
    assertThat(checked).as(name).isGreaterThan(0);
    assertThat(residues).as(name + ": rows that are a residue").isEmpty();
  }

  private static String key(int year, String metric, String stage, String product, String region, String sector) {
    return year + "|" + metric + "|" + stage + "|" + product + "|" + region + "|" + sector;
  }
}
