package org.lodestone.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Monte Carlo throughput on base's market model (the element-price market), issue #11's target of at
 * least 300 draws/s on 2 cores: an ensemble of {@value #DRAWS} draws of the shipped base with the five
 * uncertain inputs of {@code bench/base-uncertain.yaml}, run by the ensemble module's {@link LocalEngine}
 * on 2 threads (and on 1, for the speed-up). The score is in draws per second (one operation = one draw):
 * the draws' chain edits, their 2015-2040 runs and the copy of every reported value into the ensemble's
 * array, not the percentiles. Run with
 * {@code java -jar bench/target/benchmarks.jar MonteCarloBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 *
 * <p>Each benchmark also reports {@code cpuMs}: the JVM's CPU time (ms) per second of the measurement,
 * so 2,000 means both of 2 cores (workers, JIT and GC together). On a machine shared with other work the
 * 2-thread score can only rise above the 1-thread score when this is well above 1,000; draws/s ÷ cpuMs ×
 * 1,000 is the throughput per CPU-second, which does not depend on how much of the machine the run got.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MonteCarloBenchmark {
  /** Draws per ensemble: a multiple of the local engine's chunk (8) and of the thread count. */
  static final int DRAWS = 256;

  private UncertainScenario scenario;
  private EnsembleSpec spec;
  private LocalEngine twoThreads;
  private LocalEngine oneThread;
  private long seed;

  @Setup
  public void load() throws IOException {
    scenario = ScenarioLoader.loadUncertain(EnsembleBenchmark.scenarioFile().toString());
    var axis = scenario.nominal().chain().axis();
    spec = new EnsembleSpec(DRAWS, 1, axis.firstYear(), axis.lastYear());
    twoThreads = new LocalEngine(2);
    oneThread = new LocalEngine(1);
  }

  /** The JVM's CPU time over the iteration, as a JMH counter (per second of the measurement). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Cpu {
    /** CPU time of the whole JVM, ms (workers, JIT compiler, GC). */
    public double cpuMs;

    @Setup(Level.Iteration)
    public void reset() {
      cpuMs = 0;
    }
  }

  /** A fresh seed each ensemble, so no two invocations run the same draws. */
  private EnsembleSpec next() {
    return new EnsembleSpec(spec.runs(), ++seed, spec.fromYear(), spec.toYear());
  }

  /** 2 threads on the local engine: issue #11's configuration. */
  @Benchmark
  @OperationsPerInvocation(DRAWS)
  public Draws mcBase2Threads(Cpu cpu) {
    long c0 = EnsembleBenchmark.processCpuNanos();
    Draws d = twoThreads.run(scenario, next(), ProgressListener.NONE);
    cpu.cpuMs += (EnsembleBenchmark.processCpuNanos() - c0) / 1e6;
    return d;
  }

  /** The same ensemble on one thread. */
  @Benchmark
  @OperationsPerInvocation(DRAWS)
  public Draws mcBase1Thread(Cpu cpu) {
    long c0 = EnsembleBenchmark.processCpuNanos();
    Draws d = oneThread.run(scenario, next(), ProgressListener.NONE);
    cpu.cpuMs += (EnsembleBenchmark.processCpuNanos() - c0) / 1e6;
    return d;
  }
}
