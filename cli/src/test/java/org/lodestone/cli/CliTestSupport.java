package org.lodestone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in process and captures its output. */
abstract class CliTestSupport {
  StringWriter out;
  StringWriter err;

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    out = new StringWriter();
    err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  static Path fixture(Path dir) throws IOException {
    Path target = dir.resolve("tiny.yaml");
    if (!Files.exists(target)) {
      try (InputStream in = CliTestSupport.class.getResourceAsStream("/fixtures/tiny.yaml")) {
        Files.copy(in, target);
      }
    }
    return target;
  }
}
