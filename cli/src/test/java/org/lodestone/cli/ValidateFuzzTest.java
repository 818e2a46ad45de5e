package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.scenario.ScenarioLoader;

/**
 * The CLI side of the mutation fuzz (the in-process tree fuzz is {@code MutationFuzzTest} in the
 * scenario module): seeded text mutations of every shipped scenario's file (a value replaced by a bad
 * token, a line deleted, duplicated or re-indented, a null list entry inserted), written to a file
 * and checked with {@code lodestone validate}. Every case exits 0 or 2 (bad input) with positioned
 * messages; never 1, "internal error" or a stack trace.
 */
class ValidateFuzzTest extends CliTestSupport {
  private static final int CASES = 40;
  private static final String[] TOKENS = {"abc", "-1", "~", "null", "1e400", "NaN", "", "[1, 2]", "{a: 1}", "- x",
      "12 kt", "300 %", "1,200", "2201", "\"", "[", "{", ": :", "&a", "*a", "!!binary x", "0x1F", "-0", "1e-320"};

  @TempDir
  Path dir;

  static List<String> scenarios() {
    return ScenarioLoader.shippedNames();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyMutantExitsZeroOrTwoWithoutAStackTrace(String name) throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ScenarioLoader.SHIPPED + name + ".yaml")) {
      lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
    }
    SplittableRandom rnd = new SplittableRandom(14L * 7919 + name.hashCode());
    int twos = 0;
    for (int i = 0; i < CASES; i++) {
      List<String> m = new ArrayList<>(lines);
      int k = rnd.nextInt(m.size());
      String line = m.get(k);
      String what;
      switch (rnd.nextInt(5)) {
        case 0, 1 -> {
          int colon = line.indexOf(": ");
          String token = TOKENS[rnd.nextInt(TOKENS.length)];
          m.set(k, colon < 0 ? line + token : line.substring(0, colon + 2) + token);
          what = "value " + token;
        }
        case 2 -> {
          m.remove(k);
          what = "delete";
        }
        case 3 -> {
          m.add(k, line);
          what = "duplicate";
        }
        default -> {
          m.set(k, rnd.nextBoolean() ? " " + line : line.replaceFirst("^  ", ""));
          what = "indent";
        }
      }
      Path file = dir.resolve(name + "-" + i + ".yaml");
      Files.writeString(file, String.join("\n", m));
      int code = run("validate", file.toString());
      String label = name + " case " + i + " (" + what + " at line " + (k + 1) + "): exit " + code + "\n" + err;
      assertThat(code).as(label).isIn(0, 2);
      assertThat(err.toString()).as(label).doesNotContain("internal error").doesNotContain("\tat ")
          .doesNotContain("Exception");
      if (code == 2) {
        twos++;
        assertThat(err.toString()).as(label).containsPattern("\\.yaml(:\\d+)?");
      }
    }
    assertThat(twos).as(name + ": mutants rejected").isPositive();
  }
}
