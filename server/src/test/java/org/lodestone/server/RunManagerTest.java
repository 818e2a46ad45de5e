package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.results.ResultRow;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.StoredRow;

/** The job table and the store agree whenever a client hears that a run is done. */
class RunManagerTest {
  @TempDir
  Path dir;

  @Test
  void aRunHeardDoneIsInTheStoreAndNoLongerInTheJobTable() throws Exception {
    try (ResultsStore store = ResultsStore.open(dir.resolve("t.duckdb"));
        RunManager runs = new RunManager(store, null, 1, 2)) {
      String id = RunManager.newId();
      CountDownLatch listening = new CountDownLatch(1);
      CompletableFuture<String> heard = new CompletableFuture<>();
      runs.reserve();
      runs.submit(id, "toy", "name: toy\n", 2020, 2020, "computing", p -> {
        try {
          listening.await(10, TimeUnit.SECONDS); // the client subscribes before the run can finish
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new RunExecutor.Output(List.of(new StoredRow(
            new ResultRow(2020, "price", "magnet", "magnet", "", "", 50.0, "USD/kg"), null, null)), 0, 1L, "toy");
      });
      runs.job(id).listeners.add(s -> {
        try {
          if (s.status() == RunManager.Phase.done) {
            // what a client does on that news: ask for the run, which is then served from the store only
            heard.complete((runs.job(id) == null) + " " + store.run(id).isPresent());
          }
        } catch (RuntimeException e) { // notify drops a throwing listener: report it, not a timeout
          heard.completeExceptionally(e);
        }
      });
      listening.countDown();
      // before the fix the job was still listed (as done) while listeners were told: "false true"
      assertThat(heard.get(10, TimeUnit.SECONDS)).isEqualTo("true true");
    }
  }
}
