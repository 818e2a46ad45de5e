package org.lodestone.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.lodestone.scenario.Scenario;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios in the background, a bounded number at once, and saves each complete run to the store in
 * one transaction. Tracks the status and progress of runs that are queued or running; finished runs are
 * read from the store. Thread-safe.
 */
final class RunManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunManager.class);

  /** Phases of a run. */
  enum Phase { queued, running, saving, done, failed, abandoned }

  /** A run in progress (or just finished), as clients see it. */
  record Status(String id, String scenario, Phase status, double progress, String message, Instant created,
      long durationMs) {
    boolean terminal() {
      return status == Phase.done || status == Phase.failed || status == Phase.abandoned;
    }
  }

  static final class Job {
    final String id;
    final String scenario;
    final Instant created = Instant.now();
    final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    volatile Phase phase = Phase.queued;
    volatile double progress;
    volatile String message = "";
    volatile long durationMs;

    Job(String id, String scenario) {
      this.id = id;
      this.scenario = scenario;
    }

    Status status() {
      return new Status(id, scenario, phase, progress, message, created, durationMs);
    }
  }

  private final ResultsStore store;
  private final RunExecutor executor;
  private final int maxActive;
  private final ExecutorService pool;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean closing;

  RunManager(ResultsStore store, RunExecutor executor, int threads, int maxActive) {
    this.store = store;
    this.executor = executor;
    this.maxActive = maxActive;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lodestone-run-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Reserves a slot, or answers 429 with Retry-After when {@code maxActive} runs are queued or running. */
  void reserve() {
    if (closing) {
      throw new ApiProblem(503, "Shutting down", "the server is shutting down and accepts no new runs",
          List.of(), Map.of("Retry-After", "5"));
    }
    while (true) {
      int a = active.get();
      if (a >= maxActive) {
        throw new ApiProblem(429, "Too many runs", a + " runs are queued or running (limit " + maxActive
            + "); retry shortly", List.of(), Map.of("Retry-After", "2"));
      }
      if (active.compareAndSet(a, a + 1)) {
        return;
      }
    }
  }

  /** Gives back a slot reserved for a run that was then not submitted. */
  void release() {
    active.decrementAndGet();
  }

  /** Computes a run's rows; told the share done, in [0, 1]. */
  @FunctionalInterface
  interface Task {
    RunExecutor.Output compute(java.util.function.DoubleConsumer progress);
  }

  /** Submits a run for a loaded scenario (a slot must be reserved). */
  Status submit(String id, Scenario scenario, String content, int from, int to, int draws, long seed) {
    return submit(id, scenario.name(), content, from, to, "running the engine",
        p -> executor.execute(scenario, from, to, draws, seed, p));
  }

  /** Submits any computation whose rows are saved as run {@code id} (a slot must be reserved). */
  Status submit(String id, String scenarioName, String content, int from, int to, String startMessage, Task task) {
    Job job = new Job(id, scenarioName);
    jobs.put(id, job);
    pool.execute(() -> execute(job, content, from, to, startMessage, task));
    return job.status();
  }

  private void execute(Job job, String content, int from, int to, String startMessage, Task task) {
    long t0 = System.nanoTime();
    try {
      if (closing) {
        finish(job, Phase.abandoned, "the server shut down before the run started", t0);
        return;
      }
      update(job, Phase.running, 0.05, startMessage);
      RunExecutor.Output out = task.compute(p -> update(job, Phase.running, 0.05 + 0.45 * p, job.message));
      if (closing && Thread.currentThread().isInterrupted()) {
        finish(job, Phase.abandoned, "the server shut down during the run; nothing was saved", t0);
        return;
      }
      update(job, Phase.saving, 0.5, "saving " + out.rows().size() + " rows");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      RunRecord rec = new RunRecord(job.id, ResultsStore.hash(content), job.scenario, out.seed(), out.engine(),
          job.created, "ok", ms, from, to, out.rows().size(), out.draws());
      store.saveRun(rec, job.scenario, content, out.rows(),
          out.draws() > 0 || out.producers() == null ? List.of() : out.producers(), p -> update(job, Phase.saving, 0.5 + 0.5 * p, job.message));
      finish(job, Phase.done, "saved " + out.rows().size() + " rows", t0);
    } catch (RuntimeException | Error e) {
      LOG.warn("run {} failed: {}", job.id, e.toString());
      finish(job, closing ? Phase.abandoned : Phase.failed, "run failed: " + e.getMessage(), t0);
    } finally {
      active.decrementAndGet();
    }
  }

  private void update(Job job, Phase phase, double progress, String message) {
    synchronized (job) {
      updateLocked(job, phase, progress, message);
    }
  }

  private void updateLocked(Job job, Phase phase, double progress, String message) {
    double before = job.progress;
    Phase was = job.phase;
    job.phase = phase;
    job.progress = Math.max(before, progress);
    job.message = message;
    if (phase != was || job.progress - before >= 0.01) {
      notify(job);
    }
  }

  private void finish(Job job, Phase phase, String message, long t0) {
    synchronized (job) {
      finishLocked(job, phase, message, t0);
    }
  }

  private void finishLocked(Job job, Phase phase, String message, long t0) {
    job.durationMs = (System.nanoTime() - t0) / 1_000_000;
    job.phase = phase;
    job.progress = phase == Phase.done ? 1 : job.progress;
    job.message = message;
    // finished runs are served from the store (saved before this point), so the job leaves the table
    // before anyone hears "done": a client that reads the results on that news finds them stored, not a
    // job still listed as running. Failures are kept a while so clients can read why.
    if (phase == Phase.done) {
      jobs.remove(job.id);
    } else if (jobs.size() > 1000) {
      jobs.values().removeIf(j -> j != job && j.status().terminal()); // keep the one failing now
    }
    notify(job);
  }

  private static void notify(Job job) {
    Status s = job.status();
    for (Consumer<Status> l : job.listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        job.listeners.remove(l);
      }
    }
  }

  /** A queued, running or failed run, or null (finished runs: see the store). */
  Job job(String id) {
    return jobs.get(id);
  }

  Collection<Status> statuses() {
    List<Status> out = new ArrayList<>();
    for (Job j : jobs.values()) {
      out.add(j.status());
    }
    return out;
  }

  int active() {
    return active.get();
  }

  /**
   * Graceful shutdown: accepts no new runs, lets queued and running ones finish within {@code graceMs},
   * then abandons the rest (a run being saved finishes its transaction or leaves nothing).
   */
  void shutdown(long graceMs) {
    closing = true;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
        LOG.warn("abandoning {} runs still in progress after {} ms", active.get(), graceMs);
        pool.shutdownNow();
        pool.awaitTermination(graceMs, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    for (Job j : jobs.values()) {
      if (!j.status().terminal()) {
        j.phase = Phase.abandoned;
        j.message = "the server shut down; nothing was saved";
        notify(j);
      }
    }
  }

  @Override
  public void close() {
    shutdown(0);
  }
}
