package org.lodestone.bench;

import java.util.concurrent.TimeUnit;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.ElementMarketEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.scenario.ScenarioLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The annual engine on the shipped base dataset: a whole run (2015-2040) and the one-off cost of
 * loading and validating the scenario. Run with
 * {@code java -jar bench/target/benchmarks.jar EngineBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
  private SupplyChain base;
  private SupplyChain regional;
  private SupplyChain baseYear;
  private SupplyChain regionalYear;
  private SupplyChain regionalLpYear;
  private SupplyChain regionalLp;
  private SupplyChain base2050;
  private SupplyChain meritOrder2050;
  private ElementMarketEngine.WarmYear regionalWarm;

  @Setup
  public void load() throws java.io.IOException {
    base = ScenarioLoader.load("base").chain();
    regional = ScenarioLoader.load("regional-markets").chain();
    baseYear = oneYear("base");
    regionalYear = oneYear("regional-markets");
    // the same chains with the element-market parameters removed: the regional linear programme
    regionalLpYear = regionalYear.withElementMarket(null);
    regionalLp = regional.withElementMarket(null);
    base2050 = axis("base", 2015, 2050);
    meritOrder2050 = base2050.withElementMarket(null);
    regionalWarm = new ElementMarketEngine.WarmYear(axis("regional-markets", 2029, 2030));
  }

  /** The shipped scenario on a one-year axis (2030): one year's clearing. */
  private static SupplyChain oneYear(String parent) throws java.io.IOException {
    return axis(parent, 2030, 2030);
  }

  /** The shipped scenario on another axis (paths extend with their growth after the last point). */
  private static SupplyChain axis(String parent, int from, int to) throws java.io.IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("lodestone-bench", ".yaml");
    java.nio.file.Files.writeString(f, "name: axis\nparent: " + parent + "\nyears: {from: " + from + ", to: " + to + "}\n");
    try {
      return ScenarioLoader.load(f.toString()).chain();
    } finally {
      java.nio.file.Files.deleteIfExists(f);
    }
  }

  /**
   * One year (2030) of the base data on regional markets, the element market by region (issue #11's
   * target: at most 0.3 ms): a cold start (no previous year to warm-start from), up to three mix
   * clearings of projected Newton on the 14-region dual.
   */
  @Benchmark
  public RunResult regionalYear() {
    return AnnualEngine.run(regionalYear);
  }

  /**
   * The same year (2030) as a run solves it: from 2029's solution (a run is sequential in years, and
   * each year starts from the last one's prices and rents). The year's data, its mix clearings and its
   * results, as in {@link #regionalYear}, without the engine's set-up.
   */
  @Benchmark
  public RunResult regionalYearWarm() {
    return regionalWarm.solve();
  }

  /** The same year on the regional linear programme ({@code model: regional-lp}, ojAlgo). */
  @Benchmark
  public RunResult regionalLpYear() {
    return AnnualEngine.run(regionalLpYear);
  }

  /** The base data on the regional linear programme, 26 years. */
  @Benchmark
  public RunResult regionalLpRun() {
    return AnnualEngine.run(regionalLp);
  }

  /**
   * The base data 2015-2050 on base's market model, the element-price market (issue #11's target: at
   * most 10 ms): 36 years, each a projected-Newton equilibrium with up to three mix clearings.
   */
  @Benchmark
  public RunResult baseRun2050() {
    return AnnualEngine.run(base2050);
  }

  /** The same chain 2015-2050 on the merit-order global market (the model base used before). */
  @Benchmark
  public RunResult meritOrderRun2050() {
    return AnnualEngine.run(meritOrder2050);
  }

  /** One year (2030) of the base data on one global market. */
  @Benchmark
  public RunResult baseYear() {
    return AnnualEngine.run(baseYear);
  }

  /** The base data on regional markets (element market by region, warm-started across years), 26 years. */
  @Benchmark
  public RunResult regionalRun() {
    return AnnualEngine.run(regional);
  }

  /** One whole base run, 26 years, every mass balance checked. */
  @Benchmark
  public RunResult baseRun() {
    return AnnualEngine.run(base);
  }

  /** Reading, merging and validating the shipped base scenario (about 2,000 lines of YAML). */
  @Benchmark
  public SupplyChain loadBase() {
    return ScenarioLoader.load("base").chain();
  }
}
