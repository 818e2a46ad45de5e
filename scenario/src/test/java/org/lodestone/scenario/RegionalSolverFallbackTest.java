package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;

/**
 * A regional programme that ojAlgo's dense simplex reports infeasible although it is feasible (found by
 * {@code ValidRangeFuzzTest}: China Northern's 2024 mining capacity cut to 43,280 t REO under the 2025
 * export controls; the 2039 market failed): the regional engine then solves it on the sparse path.
 */
class RegionalSolverFallbackTest {
  @TempDir
  Path dir;

  @Test
  void aProgrammeTheDenseSimplexCallsInfeasibleIsSolved() throws IOException {
    Path child = dir.resolve("cut.yaml");
    Files.writeString(child, """
        name: cut
        title: China Northern's 2024 capacity cut to 23 %
        description: the fuzz case
        parent: export-controls-2025
        producers:
          cn-northern-light:
            capacity: {unit: t REO, 2015: 73562, 2017: 73562, 2018: 84071, 2019: 92478, 2020: 98083,
              2021: 117700, 2022: 147124, 2023: 178651, 2024: 43280}
        """);
    RunResult r = AnnualEngine.run(ScenarioLoader.load(child.toString()).chain()); // threw in 2039
    int t = r.chain().axis().index(2039);
    assertThat(r.magnetPrice(t)).isPositive();
  }
}
