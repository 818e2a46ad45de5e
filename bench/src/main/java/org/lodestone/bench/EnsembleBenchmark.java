package org.lodestone.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultVector;
import org.lodestone.core.results.TidyResults;
import org.lodestone.ensemble.DrawRandom;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.ensemble.Summary;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;

/**
 * Harness benchmark of Monte Carlo ensembles on the base dataset with five uncertain inputs
 * ({@code bench/base-uncertain.yaml}): draws per second on 1 and 2 threads, and where a draw's time
 * goes. Run: {@code java -cp bench/target/benchmarks.jar org.lodestone.bench.EnsembleBenchmark [DRAWS]}.
 */
public final class EnsembleBenchmark {
  private EnsembleBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int draws = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    UncertainScenario u = ScenarioLoader.loadUncertain(scenarioFile().toString());
    SupplyChain nominal = u.nominal().chain();
    int first = nominal.axis().firstYear();
    int last = nominal.axis().lastYear();
    System.out.printf(Locale.ROOT, "scenario %s: %d uncertain parameters, %d years, %d cores%n",
        u.nominal().name(), u.dimension(), nominal.axis().size(), Runtime.getRuntime().availableProcessors());
    // warm-up: JIT of every path
    new LocalEngine(2).run(u, new EnsembleSpec(3000, 99, first, last), ProgressListener.NONE);
    parts(u, 3000);
    parts(u, 3000);
    double one = 0;
    for (int threads : new int[] {1, 2}) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      var d = new LocalEngine(threads).run(u, new EnsembleSpec(draws, 1, first, last), ProgressListener.NONE);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - c0) / 1e9;
      long t1 = System.nanoTime();
      Summary.of(d, threads);
      double agg = (System.nanoTime() - t1) / 1e9;
      double rate = draws / s;
      if (threads == 1) {
        one = rate;
      }
      System.out.printf(Locale.ROOT, "%d thread%s: %,d draws in %.2f s = %,.0f draws/s (speed-up %.2f), "
          + "%,.0f draws per CPU-second; percentiles of %d keys %.2f s%n", threads, threads == 1 ? " " : "s",
          draws, s, rate, rate / one, draws / cpu, d.layout().size(), agg);
    }
  }

  /**
   * CPU time of this JVM, ns: on a machine shared with other work, draws per CPU-second compare runs
   * better than draws per second.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Time per draw of each step, one thread. */
  static void parts(UncertainScenario u, int n) {
    SupplyChain nominal = u.nominal().chain();
    ResultVector layout = ResultVector.layout(nominal, nominal.axis().firstYear(), nominal.axis().lastYear());
    double[] out = new double[layout.size()];
    long point = 0;
    long chain = 0;
    long run = 0;
    long fill = 0;
    long rows = 0;
    double sink = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      double[] p = DrawRandom.point(1, i, u.dimension());
      long t1 = System.nanoTime();
      SupplyChain c = u.chainAt(p);
      long t2 = System.nanoTime();
      RunResult r = AnnualEngine.run(c);
      long t3 = System.nanoTime();
      layout.fill(r, out, 0);
      long t4 = System.nanoTime();
      sink += TidyResults.rows(r, nominal.axis().firstYear(), nominal.axis().lastYear()).size();
      long t5 = System.nanoTime();
      point += t1 - t0;
      chain += t2 - t1;
      run += t3 - t2;
      fill += t4 - t3;
      rows += t5 - t4;
    }
    System.out.printf(Locale.ROOT, "per draw (1 thread, µs): point %.1f, chainAt %.1f, engine %.1f, "
        + "ResultVector.fill %.1f (TidyResults.rows would be %.1f) [%s]%n", point / 1e3 / n, chain / 1e3 / n,
        run / 1e3 / n, fill / 1e3 / n, rows / 1e3 / n, sink > 0 ? "ok" : "?");
  }

  /** The benchmark scenario, written to a temporary file (its parent is the shipped base). */
  static Path scenarioFile() throws IOException {
    Path p = Files.createTempFile("base-uncertain", ".yaml");
    p.toFile().deleteOnExit();
    try (InputStream in = EnsembleBenchmark.class.getResourceAsStream("/bench/base-uncertain.yaml")) {
      Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }
}
