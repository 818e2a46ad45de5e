package org.lodestone.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.lodestone.core.stock.InflowDrivenModel;
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.core.stock.StockDrivenModel;
import org.lodestone.core.stock.StockResult;
import org.lodestone.core.stock.SurvivalTable;
import org.lodestone.core.stock.TimeConvention;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dynamic stock model, 1000 series × 300 years, normal lifetimes with a different mean per series
 * (mean 5 + 35·u years, sd = 0.3·mean, seed 42), END convention. Each operation includes building the
 * survival table (1000 distinct curves) and running the model, as the numpy comparison
 * ({@code bench/numpy_stock_model.py}) does. The {@code …2Threads} variants split the curves and the
 * series blocks over two threads (results are the same bits).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar StockModelBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StockModelBenchmark {
  @Param("1000")
  int series;

  @Param("300")
  int years;

  LifetimeModel[] lifetimes;
  double[] inflow;
  double[] stock;

  @Setup(Level.Trial)
  public void setUp() {
    Random rnd = new Random(42);
    lifetimes = new LifetimeModel[series];
    for (int s = 0; s < series; s++) {
      double mean = 5 + 35 * rnd.nextDouble();
      lifetimes[s] = new LifetimeModel.Normal(mean, 0.3 * mean);
    }
    inflow = new double[years * series];
    for (int t = 0; t < years; t++) {
      for (int s = 0; s < series; s++) {
        inflow[t * series + s] = 100 + t + 10 * rnd.nextDouble();
      }
    }
    stock = new InflowDrivenModel(SurvivalTable.constant(years, TimeConvention.END, lifetimes)).run(inflow).stock();
  }

  @Benchmark
  public StockResult inflowDriven() {
    return new InflowDrivenModel(SurvivalTable.constant(years, TimeConvention.END, lifetimes)).run(inflow);
  }

  @Benchmark
  public StockResult stockDriven() {
    return new StockDrivenModel(SurvivalTable.constant(years, TimeConvention.END, lifetimes), false).run(stock);
  }

  /** Two threads (curves and series blocks split over them); the same bits as one thread. */
  @Benchmark
  public StockResult inflowDriven2Threads() {
    return new InflowDrivenModel(SurvivalTable.constant(years, TimeConvention.END, 2, lifetimes)).run(inflow, 2);
  }

  @Benchmark
  public StockResult stockDriven2Threads() {
    return new StockDrivenModel(SurvivalTable.constant(years, TimeConvention.END, 2, lifetimes), false).run(stock, 2);
  }

  /** The model alone, survival table prebuilt: shows how much of an operation is the table. */
  @State(Scope.Benchmark)
  public static class Prebuilt {
    SurvivalTable table;

    @Setup(Level.Trial)
    public void setUp(StockModelBenchmark b) {
      table = SurvivalTable.constant(b.years, TimeConvention.END, b.lifetimes);
    }
  }

  @Benchmark
  public StockResult inflowDrivenPrebuiltTable(Prebuilt p) {
    return new InflowDrivenModel(p.table).run(inflow);
  }

  @Benchmark
  public StockResult stockDrivenPrebuiltTable(Prebuilt p) {
    return new StockDrivenModel(p.table, false).run(stock);
  }
}
