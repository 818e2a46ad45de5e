package org.lodestone.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks 0..n-1 on a fixed number of threads, in chunks taken from a shared counter. Each task
 * writes only its own slots, so the outcome does not depend on scheduling.
 */
final class Parallel {
  /** One chunk of consecutive tasks {@code from..to-1}. */
  @FunctionalInterface
  interface Chunk {
    void run(int from, int to);
  }

  private Parallel() {
  }

  /** Default thread count: the available processors. */
  static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  static void forEachChunk(int n, int chunkSize, int threads, ProgressListener progress, Chunk chunk) {
    int chunks = (n + chunkSize - 1) / chunkSize;
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        int from = c * chunkSize;
        int to = Math.min(n, from + chunkSize);
        chunk.run(from, to);
        progress.advanced(to - from);
      }
    };
    int k = Math.max(1, Math.min(threads, chunks));
    if (k == 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
      Thread t = new Thread(r, "lodestone-ensemble");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          next.set(chunks); // stop the others early
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
