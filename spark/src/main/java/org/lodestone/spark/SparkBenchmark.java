package org.lodestone.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.ensemble.ScenarioSource;
import org.lodestone.ensemble.Summary;

/**
 * Harness: the same ensemble on plain threads and on Spark (default local[2]), wall-clock including
 * percentiles, and whether the two are bit-identical. Arguments: SCENARIO [DRAWS] [MASTER].
 * Run with the Spark jars on the class path and Spark's --add-opens flags (README, Uncertainty).
 */
public final class SparkBenchmark {
  private SparkBenchmark() {
  }

  public static void main(String[] args) {
    String ref = args[0];
    int draws = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String master = args.length > 2 ? args[2] : "local[2]";
    ScenarioSource source = ScenarioSource.of(ref);
    TimeAxis axis = source.load().nominal().chain().axis();
    EnsembleSpec spec = new EnsembleSpec(draws, 1, axis.firstYear(), axis.lastYear());
    EnsembleSpec warm = new EnsembleSpec(2000, 2, axis.firstYear(), axis.lastYear());
    LocalEngine local = new LocalEngine(2);
    local.run(source, warm, ProgressListener.NONE);
    double[] plain = new double[3];
    Draws reference = null;
    for (int i = 0; i < plain.length; i++) {
      long t0 = System.nanoTime();
      reference = local.run(source, spec, ProgressListener.NONE);
      Summary.of(reference, 2);
      plain[i] = (System.nanoTime() - t0) / 1e9;
    }
    long c0 = System.nanoTime();
    SparkEnsembleEngine engine = new SparkEnsembleEngine(master);
    SparkSession session = SparkSession.builder().master(master).appName("lodestone bench")
        .config("spark.ui.enabled", "false").config("spark.driver.maxResultSize", "0").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    double startup = (System.nanoTime() - c0) / 1e9;
    double[] spark = new double[3];
    boolean identical = true;
    engine.run(jsc, source, warm, ProgressListener.NONE);
    for (int i = 0; i < spark.length; i++) {
      long t0 = System.nanoTime();
      Draws d = engine.run(jsc, source, spec, ProgressListener.NONE);
      Summary.of(d, 2);
      spark[i] = (System.nanoTime() - t0) / 1e9;
      identical &= Arrays.equals(d.values(), reference.values());
    }
    session.stop();
    Arrays.sort(plain);
    Arrays.sort(spark);
    System.out.printf(Locale.ROOT, "%,d draws of %s, %d cores%n", draws, ref, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "plain threads (2):  best %.2f s, median %.2f s  (%,.0f draws/s)%n", plain[0], plain[1],
        draws / plain[0]);
    System.out.printf(Locale.ROOT, "spark %s: best %.2f s, median %.2f s  (%,.0f draws/s), session start %.2f s%n",
        master, spark[0], spark[1], draws / spark[0], startup);
    System.out.printf(Locale.ROOT, "spark / plain: %.2f (warm session), %.2f (including session start); "
        + "identical values: %s%n", spark[1] / plain[1], (spark[1] + startup) / plain[1], identical);
  }
}
