package org.lodestone.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.lodestone.ensemble.DrawKernel;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleEngine;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.ensemble.ScenarioSource;
import org.lodestone.scenario.UncertainScenario;

/**
 * Runs an ensemble's draws as Spark tasks. The draws 0..N-1 are cut into blocks of consecutive draws;
 * each task loads the scenario from its {@link ScenarioSource} (once per executor JVM), runs its blocks
 * with the same {@link DrawKernel} as the local engine and returns their values; the driver puts each
 * block into its slots by draw number. A draw depends on (seed, i) only, so the values — and everything
 * aggregated from them — are bit-identical to {@code LocalEngine}'s for the same seed.
 *
 * <p>Loaded by the CLI reflectively ({@code lodestone mc --engine spark}), so Spark stays off the CLI's
 * classpath. The session: an existing default session is used and left running; otherwise one is
 * created (master from {@code --master}, else from {@code spark-submit}, else {@code local[*]}) and
 * stopped at the end.
 */
public final class SparkEnsembleEngine implements EnsembleEngine {
  /** Draws per block: bounds a task's result (draws × keys × 8 bytes) and balances the load. */
  static final int MAX_BLOCK = 250;

  private final String master;
  private String described = "spark";

  /** @param master Spark master URL, or {@code null} for spark-submit's (or local[*]) */
  public SparkEnsembleEngine(String master) {
    this.master = master;
  }

  /** One block of consecutive draws and their values, as returned by a task. */
  record Block(int from, double[] values) implements Serializable {
  }

  @Override
  public Draws run(ScenarioSource source, EnsembleSpec spec, ProgressListener progress) {
    boolean existed = SparkSession.getDefaultSession().isDefined();
    SparkSession session = existed ? SparkSession.getDefaultSession().get() : newSession();
    try {
      return run(JavaSparkContext.fromSparkContext(session.sparkContext()), source, spec, progress);
    } finally {
      if (!existed) {
        session.stop();
      }
    }
  }

  private SparkSession newSession() {
    SparkConf conf = new SparkConf().setAppName("lodestone mc");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.driver.maxResultSize", "0");
    conf.setIfMissing("spark.ui.enabled", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Runs on an existing context (tests, benchmarks); does not stop it. */
  public Draws run(JavaSparkContext jsc, ScenarioSource source, EnsembleSpec spec, ProgressListener progress) {
    UncertainScenario local = ScenarioCache.get(source);
    DrawKernel driverKernel = new DrawKernel(local, spec); // validates and gives the layout
    int size = driverKernel.layout().size();
    int runs = spec.runs();
    int parallelism = Math.max(1, jsc.defaultParallelism());
    int blocks = Math.max(Math.min(runs, 2 * parallelism), (runs + MAX_BLOCK - 1) / MAX_BLOCK);
    List<int[]> ranges = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      int from = (int) ((long) runs * b / blocks);
      int to = (int) ((long) runs * (b + 1) / blocks);
      if (to > from) {
        ranges.add(new int[] {from, to});
      }
    }
    described = "spark " + jsc.master() + ", " + ranges.size() + " tasks";
    List<Block> results = jsc.parallelize(ranges, ranges.size())
        .mapPartitions(new RunBlocks(source, spec))
        .collect();
    double[] values = new double[Math.multiplyExact(runs, size)];
    for (Block b : results) {
      System.arraycopy(b.values(), 0, values, b.from() * size, b.values().length);
    }
    progress.advanced(runs);
    return new Draws(driverKernel.layout(), spec, values);
  }

  /** The task: runs each range of its partition. */
  static final class RunBlocks implements org.apache.spark.api.java.function.FlatMapFunction<Iterator<int[]>, Block> {
    private static final long serialVersionUID = 1L;
    private final ScenarioSource source;
    private final EnsembleSpec spec;

    RunBlocks(ScenarioSource source, EnsembleSpec spec) {
      this.source = source;
      this.spec = spec;
    }

    @Override
    public Iterator<Block> call(Iterator<int[]> ranges) {
      DrawKernel kernel = new DrawKernel(ScenarioCache.get(source), spec);
      List<Block> out = new ArrayList<>();
      while (ranges.hasNext()) {
        int[] r = ranges.next();
        out.add(new Block(r[0], kernel.runRange(r[0], r[1])));
      }
      return out.iterator();
    }
  }

  @Override
  public String describe() {
    return described;
  }
}
