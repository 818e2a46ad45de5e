package org.lodestone.ensemble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;

/** The tiny fixture chain with distributions added by a child scenario written to a temp folder. */
final class Fixtures {
  private Fixtures() {
  }

  /**
   * The tiny chain (one sector, 150 t magnet demand at 2 kg/unit) whose 2020 driver is
   * N(75, 5) thousand units: reference demand in 2020 is N(150 t, 10 t), exactly linear.
   */
  static final String NORMAL_DEMAND = """
      sectors:
        ev: {driver: {unit: thousand units, 2020: {dist: normal, mean: 75, sd: 5}, 2024: 75}}
      """;

  static UncertainScenario tiny(Path dir, String body) {
    try {
      Path tiny = dir.resolve("tiny.yaml");
      if (!Files.exists(tiny)) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/tiny.yaml")) {
          Files.copy(in, tiny);
        }
      }
      Path p = dir.resolve("u" + Integer.toHexString(body.hashCode()) + ".yaml");
      Files.writeString(p, "name: u\nparent: tiny.yaml\n" + body);
      return ScenarioLoader.loadUncertain(p.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
