package org.lodestone.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.ResultVector;
import org.lodestone.ensemble.Draws;
import org.lodestone.ensemble.EnsembleEngine;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.LocalEngine;
import org.lodestone.ensemble.MetricExpression;
import org.lodestone.ensemble.Probabilities;
import org.lodestone.ensemble.ScenarioSource;
import org.lodestone.ensemble.Summary;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lodestone mc SCENARIO --runs N}: a Monte Carlo ensemble over the scenario's distributions. */
@Command(name = "mc", description = {
    "Run a Monte Carlo ensemble over the distributions written in a scenario: percentile bands of every "
        + "result and probabilities of events.",
    "Draw i depends on (seed, i) only: the output is identical for any --threads and on Spark."},
    footer = {"", "Event grammar (--prob):  METRIC[dim=value,...] [/ METRIC[...]]  (> | >= | < | <=)  NUMBER[%%]",
        "  dims: stage, product, region, sector, year; a bare metric is the world total, e.g.",
        "  --prob 'unserved/demand>0.05'   --prob 'unserved[region=US]/demand[region=US] > 5%%'",
        "  --prob 'price[stage=magnet,year=2030] >= 300'"})
final class McCommand extends CommandBase {
  /** The Spark engine's class, loaded only when {@code --engine spark} is chosen. */
  static final String SPARK_ENGINE = "org.lodestone.spark.SparkEnsembleEngine";

  enum Engine { local, spark }

  @Parameters(index = "0", paramLabel = "SCENARIO",
      description = "Shipped scenario name or file with distributions.")
  String scenario;

  @Option(names = "--runs", required = true, paramLabel = "N", description = "Number of draws (> 0).")
  int runs;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write ensemble.csv (tidy columns + p05,p25,p50,p75,p95,mean,draws) and probabilities.csv.")
  Path out;

  @Option(names = "--prob", paramLabel = "EVENT",
      description = "An event whose probability to report, per year (repeatable); grammar below.")
  List<String> events = new ArrayList<>();

  @Mixin
  Years range;

  @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
      description = "local (threads of this JVM) or spark (through ./lodestone or spark-submit; see README). Default: ${DEFAULT-VALUE}.")
  Engine engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --engine spark: local[2], spark://host:7077, yarn (default: spark-submit's, else local[*]).")
  String master;

  @Override
  public Integer call() throws IOException {
    List<Problem> problems = new ArrayList<>();
    if (runs <= 0) {
      problems.add(new Problem(null, 0, 0, "--runs", String.valueOf(runs), "must be > 0", null));
    }
    if (threads != null && threads <= 0) {
      problems.add(new Problem(null, 0, 0, "--threads", String.valueOf(threads), "must be > 0", null));
    }
    if (master != null && engine != Engine.spark) {
      problems.add(new Problem(null, 0, 0, "--master", master, "only applies with --engine spark", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UncertainScenario u = ScenarioLoader.loadUncertain(scenario);
    TimeAxis axis = u.nominal().chain().axis();
    int[] years = range.resolve(axis);
    ResultVector layout = ResultVector.layout(u.nominal().chain(), years[0], years[1]);
    List<MetricExpression.Bound> bound = new ArrayList<>();
    for (String e : events) {
      bound.add(MetricExpression.parseEvent(e, "--prob").bind(layout));
    }
    EnsembleEngine eng = engine();
    int k = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    PrintWriter err = err();
    if (u.dimension() == 0) {
      err.println("lodestone: warning: " + scenario + " has no distributions; every draw is the nominal run");
      err.flush();
    }
    EnsembleSpec es = new EnsembleSpec(runs, seed, years[0], years[1]);
    long t0 = System.nanoTime();
    Draws draws;
    try (EnsembleProgress progress = EnsembleProgress.start("mc", runs)) {
      draws = engine == Engine.local
          ? ((LocalEngine) eng).run(u, es, progress.listener())
          : eng.run(ScenarioSource.of(scenario), es, progress.listener());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Summary summary = Summary.of(draws, k);
    List<Probabilities.Row> probabilities = Probabilities.of(draws, bound);
    double[] nominal = layout.values(AnnualEngine.run(u.nominal().chain()));

    PrintWriter stdout = out();
    stdout.printf(Locale.ROOT, "Ensemble of %s: %d draws, seed %d, %d uncertain parameters (%s, %.1f s, %.0f draws/s)%n",
        u.nominal().name(), runs, seed, u.dimension(), eng.describe(), seconds, runs / seconds);
    EnsembleTable.print(summary, probabilities, stdout);
    stdout.flush();
    if (out != null) {
      Files.createDirectories(out);
      ResultsWriter.atomicWrite(out.resolve("ensemble.csv"), o -> writeEnsemble(summary, nominal, writer(o)));
      ResultsWriter.atomicWrite(out.resolve("probabilities.csv"), o -> writeProbabilities(probabilities, writer(o)));
      err.printf("wrote %s (%d rows) and %s (%d rows)%n", out.resolve("ensemble.csv"), layout.size(),
          out.resolve("probabilities.csv"), probabilities.size());
      err.flush();
    }
    return 0;
  }

  private EnsembleEngine engine() {
    if (engine == Engine.local) {
      return threads == null ? new LocalEngine() : new LocalEngine(threads);
    }
    try {
      Class<?> c = Class.forName(SPARK_ENGINE);
      return (EnsembleEngine) c.getConstructor(String.class).newInstance(master);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--engine", "spark",
          "Spark is not on this command's classpath", "run it through ./lodestone, which puts Spark on the "
          + "class path, or build the spark jar and submit it: "
          + "mvn -B -q -pl spark -am package -DskipTests && spark-submit --class org.lodestone.cli.Main "
          + "--master local[2] spark/target/lodestone-spark.jar mc " + scenario + " --runs " + runs
          + " --engine spark (see README, Uncertainty)"));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start the Spark engine", e);
    }
  }

  private static Writer writer(java.io.OutputStream o) {
    return new OutputStreamWriter(o, StandardCharsets.UTF_8);
  }

  /** ensemble.csv: the tidy columns (value = the nominal run), then the bands and the draw count. */
  static void writeEnsemble(Summary s, double[] nominal, Writer w) throws IOException {
    w.write("year,metric,stage,product,region,sector,value,unit,p05,p25,p50,p75,p95,mean,draws\n");
    StringBuilder b = new StringBuilder(256);
    List<ResultVector.Key> keys = s.layout().keys();
    for (int k = 0; k < keys.size(); k++) {
      ResultVector.Key key = keys.get(k);
      b.setLength(0);
      b.append(ResultsWriter.csvKey(key.year(), key.metric(), key.stage(), key.product(), key.region(), key.sector()))
          .append(',').append(num(nominal[k])).append(',').append(ResultsWriter.csvText(key.unit()));
      for (int c = 0; c < Summary.COLUMNS.size(); c++) {
        b.append(',').append(num(s.stat(k, c)));
      }
      b.append(',').append(s.defined(k)).append('\n');
      w.write(b.toString());
    }
    w.flush();
  }

  static void writeProbabilities(List<Probabilities.Row> rows, Writer w) throws IOException {
    w.write("event,year,probability,std_error,hits,draws\n");
    for (Probabilities.Row r : rows) {
      w.write(ResultsWriter.csvText(r.event()) + "," + r.year() + "," + num(r.probability()) + "," + num(r.stdError()) + ","
          + r.hits() + "," + r.defined() + "\n");
    }
    w.flush();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : ResultsWriter.number(v);
  }
}
