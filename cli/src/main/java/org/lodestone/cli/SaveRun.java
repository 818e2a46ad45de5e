package org.lodestone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lodestone.core.results.ResultRow;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.RunRecord;
import org.lodestone.store.StoredRow;

/** {@code run --save}: stores a finished run with the text of its scenario. */
final class SaveRun {
  private SaveRun() {
  }

  static String save(Path db, Scenario s, String ref, List<ResultRow> rows,
      List<org.lodestone.core.results.ProducerRow> producers, int from, int to, Instant created,
      long t0, PrintWriter err) throws IOException {
    String content = scenarioText(ref);
    String id = UUID.randomUUID().toString();
    try (ResultsStore store = ResultsStore.open(db)) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      store.saveRun(new RunRecord(id, ResultsStore.hash(content), s.name(), 0, "annual/1", created, "ok", ms, from,
          to, rows.size(), 0), s.name(), content, rows.stream().map(StoredRow::of).toList(), producers, null);
    }
    err.printf("saved run %s (%d rows) to %s%n", id, rows.size(), db);
    err.flush();
    return id;
  }

  private static String scenarioText(String ref) throws IOException {
    if (!ref.contains("/") && !ref.endsWith(".yaml") && !ref.endsWith(".yml") && ScenarioLoader.isShipped(ref)) {
      try (InputStream in = ScenarioLoader.class.getClassLoader()
          .getResourceAsStream(ScenarioLoader.SHIPPED + ref + ".yaml")) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(Path.of(ref), StandardCharsets.UTF_8);
  }
}
