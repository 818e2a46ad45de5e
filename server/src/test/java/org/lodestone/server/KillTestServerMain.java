package org.lodestone.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lodestone.store.StoredRow;

/**
 * A server in its own JVM for {@link KillTest}. Runs of {@code claim-increment-120kt} are made long: their
 * rows are repeated as {@value #DRAWS} ensemble draws (about 1.5 million rows), so the save transaction is
 * still open when the test kills the process.
 */
public final class KillTestServerMain {
  static final int DRAWS = 300;

  private KillTestServerMain() {
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    RunExecutor exec = (s, from, to, draws, seed, progress) -> {
      RunExecutor.Output one = RunExecutor.ANNUAL.execute(s, from, to, draws, seed, progress);
      if (!s.name().equals("claim-increment-120kt")) {
        return one;
      }
      List<StoredRow> rows = new ArrayList<>(one.rows().size() * DRAWS);
      for (int d = 0; d < DRAWS; d++) {
        for (StoredRow r : one.rows()) {
          rows.add(new StoredRow(r.row(), d, null));
        }
      }
      return new RunExecutor.Output(rows, DRAWS, 1, "annual/1 x" + DRAWS);
    };
    LodestoneServer server = LodestoneServer.create(
        ServerConfig.defaults(data).withDbFile(data.resolve("kill.duckdb")).withHost("127.0.0.1", 0), exec).start();
    System.out.println("PORT " + server.app().port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
