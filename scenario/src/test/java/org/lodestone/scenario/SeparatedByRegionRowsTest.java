package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.TidyResults;

/**
 * The rows {@code production,separation,<element>,<region>} of the shipped scenarios, one market and by
 * region: in every year and for every element they add up to the world row (the element oxide separated is
 * split by the region of the plant, nothing is lost or counted twice), none is negative, and every year
 * carries the same regions (a table a user pivots has no holes).
 */
class SeparatedByRegionRowsTest {
  @ParameterizedTest
  @ValueSource(strings = {"base", "regional-markets", "export-controls-2025"})
  void regionsAddUpToTheWorldInEveryYear(String name) {
    Scenario s = ScenarioLoader.load(name);
    Map<String, Double> world = new TreeMap<>();
    Map<String, Double> sum = new TreeMap<>();
    Map<Integer, Set<String>> regionsByYear = new TreeMap<>();
    for (ResultRow r : TidyResults.rows(AnnualEngine.run(s.chain()), s.chain().axis().firstYear(),
        s.chain().axis().lastYear())) {
      if (!r.metric().equals("production") || !r.stage().equals("separation")
          || !Set.of("NdPr", "Dy", "Tb").contains(r.product()) || !r.sector().isEmpty()) {
        continue;
      }
      String key = r.year() + " " + r.product();
      if (r.region().isEmpty()) {
        world.put(key, r.value());
      } else {
        assertThat(r.value()).as(name + " " + key + " " + r.region()).isGreaterThanOrEqualTo(0);
        sum.merge(key, r.value(), Double::sum);
        regionsByYear.computeIfAbsent(r.year(), y -> new TreeSet<>()).add(r.product() + "/" + r.region());
      }
    }
    assertThat(world).as(name).isNotEmpty();
    assertThat(sum.keySet()).as(name).isEqualTo(world.keySet());
    for (Map.Entry<String, Double> w : world.entrySet()) {
      assertThat(sum.get(w.getKey())).as(name + " " + w.getKey())
          .isCloseTo(w.getValue(), within(1e-9 * Math.max(1, w.getValue())));
    }
    assertThat(Set.copyOf(regionsByYear.values())).as(name + ": the same regions every year").hasSize(1);
  }
}
