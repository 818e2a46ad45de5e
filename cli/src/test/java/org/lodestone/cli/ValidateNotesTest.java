package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lodestone validate} reports an event inherited from a parent whose years lie outside the
 * child's axis as inactive (a note under the ok line, exit 0), and the same event written in the
 * child's own file as a positioned problem (exit 2).
 */
class ValidateNotesTest extends CliTestSupport {
  @TempDir
  Path dir;

  @Test
  void anInheritedEventOutsideTheYearsIsANoteAndAnOwnOneAProblem() throws Exception {
    fixture(dir);
    Path parent = dir.resolve("p.yaml");
    Files.writeString(parent, "name: p\nparent: tiny.yaml\nevents:\n"
        + "  - {type: outage, producer: magnet-b, from: 2024, fraction: 100 %}\n");
    Path child = dir.resolve("c.yaml");
    Files.writeString(child, "name: c\nparent: p.yaml\nyears: {from: 2020, to: 2022}\n");
    assertThat(run("validate", child.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ok: " + child)
        .contains("  note: " + parent + ":4 events[0] (outage, 2024): inactive: inherited from a parent");

    Path own = dir.resolve("own.yaml");
    Files.writeString(own, "name: own\nparent: tiny.yaml\nyears: {from: 2020, to: 2022}\nevents:\n"
        + "  - {type: outage, producer: magnet-b, from: 2024, fraction: 100 %}\n");
    assertThat(run("validate", own.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("own.yaml:5").contains("year outside the scenario's axis 2020..2022");
  }
}
