package org.lodestone.scenario;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on child scenarios of the tiny fixture, each in its own temporary folder. */
abstract class OnTinyFixture {
  @TempDir
  Path dir;

  TinyFixture fixture;

  @BeforeEach
  void copyFixture() throws IOException {
    fixture = new TinyFixture(dir);
  }
}
