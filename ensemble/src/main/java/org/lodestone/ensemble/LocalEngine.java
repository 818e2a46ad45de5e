package org.lodestone.ensemble;

import org.lodestone.scenario.UncertainScenario;

/** Runs an ensemble's draws on threads of this JVM. */
public final class LocalEngine implements EnsembleEngine {
  private static final int CHUNK = 8;
  private final int threads;

  /** @param threads worker threads, &gt; 0 */
  public LocalEngine(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be > 0, got " + threads);
    }
    this.threads = threads;
  }

  /** One thread per available processor. */
  public LocalEngine() {
    this(Parallel.defaultThreads());
  }

  @Override
  public Draws run(ScenarioSource source, EnsembleSpec spec, ProgressListener progress) {
    return run(source.load(), spec, progress);
  }

  /** Runs on an already loaded scenario. */
  public Draws run(UncertainScenario scenario, EnsembleSpec spec, ProgressListener progress) {
    DrawKernel kernel = new DrawKernel(scenario, spec);
    int size = kernel.layout().size();
    double[] values = new double[Math.multiplyExact(spec.runs(), size)];
    Parallel.forEachChunk(spec.runs(), CHUNK, threads, progress, (from, to) -> {
      for (int i = from; i < to; i++) {
        kernel.run(i, values, i * size);
      }
    });
    return new Draws(kernel.layout(), spec, values);
  }

  @Override
  public String describe() {
    return "local, " + threads + (threads == 1 ? " thread" : " threads");
  }
}
