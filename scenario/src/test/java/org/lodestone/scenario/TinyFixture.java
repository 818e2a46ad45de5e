package org.lodestone.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/**
 * The tiny test scenario ({@code /fixtures/tiny.yaml}: two regions, one producer per stage, two magnet
 * makers, one sector) copied into a folder, and child scenarios of it written beside it.
 */
final class TinyFixture {
  private final Path dir;

  /** Copies the fixture into {@code dir} (a test's temporary folder). */
  TinyFixture(Path dir) throws IOException {
    this.dir = dir;
    try (InputStream in = TinyFixture.class.getResourceAsStream("/fixtures/tiny.yaml")) {
      Files.copy(in, dir.resolve("tiny.yaml"));
    }
  }

  /** Writes {@code name.yaml}, a child of the fixture with {@code body} after its header. */
  Path child(String name, String body) throws IOException {
    Path p = dir.resolve(name + ".yaml");
    Files.writeString(p, "name: " + name + "\nparent: tiny.yaml\n" + body);
    return p;
  }

  /** The compiled child scenario. */
  Scenario load(String name, String body) throws IOException {
    return ScenarioLoader.load(child(name, body).toString());
  }

  /** The child scenario with its distributions. */
  UncertainScenario loadUncertain(String name, String body) throws IOException {
    return ScenarioLoader.loadUncertain(child(name, body).toString());
  }

  /** The problems the child scenario is rejected with; fails the test if it compiles. */
  List<Problem> problems(String name, String body) throws IOException {
    try {
      ScenarioLoader.loadUncertain(child(name, body).toString());
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected a problem");
  }
}
