package org.lodestone.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
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
  private final long startTimeoutMs;
  private String described = "spark";

  /** @param master Spark master URL, or {@code null} for spark-submit's (or local[*]) */
  public SparkEnsembleEngine(String master) {
    this(master, START_TIMEOUT_MS);
  }

  /** With another bound on starting the session, ms (tests). */
  SparkEnsembleEngine(String master, long startTimeoutMs) {
    this.master = master;
    this.startTimeoutMs = startTimeoutMs;
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
    String url = conf.get("spark.master");
    // Spark's standalone client retries an unreachable master for a minute (3 × 20 s, fixed in
    // StandaloneAppClient) and then fails inside its listener bus; a plain TCP connect says it in seconds
    checkReachable(url, CONNECT_TIMEOUT_MS);
    // a port that answers but is no Spark master (or a master that never registers the application)
    // would still hold the start for Spark's minute: wait at most startTimeoutMs
    FutureTask<SparkSession> start = new FutureTask<>(() -> SparkSession.builder().config(conf).getOrCreate());
    Thread t = new Thread(start, "lodestone-spark-start");
    t.setDaemon(true);
    t.start();
    try {
      return start.get(startTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw cannotStart(url, "the master did not register this application within " + startTimeoutMs / 1000.0 + " s");
    } catch (ExecutionException e) { // Scala code throws SparkException (checked in Java) undeclared
      throw cannotStart(url, String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cannotStart(url, "interrupted while starting");
    }
  }

  /** How long starting a session may take (a reachable master registers an application in about a second), ms. */
  static final long START_TIMEOUT_MS = 30_000;

  private static final String NO_CLUSTER = "without a cluster use --master local[2]";

  /** How long the check of a {@code spark://} master waits for each host's TCP connection, ms. */
  static final int CONNECT_TIMEOUT_MS = 5_000;

  /**
   * For a standalone master ({@code spark://host:port[,host2:port2...]}, the form Spark documents),
   * fails unless at least one listed host resolves and accepts a TCP connection within
   * {@code timeoutMs}. Other masters must have a form Spark accepts (local[N], yarn, k8s://...);
   * whether they run is left to Spark.
   *
   * @throws InvalidInputException naming the master and what to do (the CLI's exit 2)
   */
  static void checkReachable(String url, int timeoutMs) {
    if (url == null) {
      return;
    }
    if (!url.startsWith("spark://")) {
      // the forms SparkContext accepts (SparkContext.createTaskScheduler); anything else Spark rejects
      // only after logging a stack trace
      if (!url.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[.*]|yarn|k8s://.+")) {
        throw cannotStart(url, "not a master URL Spark accepts");
      }
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String hostPort : url.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(new Problem(null, 0, 0, "--master", url,
            "not a Spark master URL: port '" + hostPort.substring(colon + 1) + "' is not a number",
            "write spark://HOST:PORT, e.g. spark://localhost:7077; " + NO_CLUSTER));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByName(host), port), timeoutMs);
        return;
      } catch (UnknownHostException e) {
        failures.add(host + ": unknown host");
      } catch (SocketTimeoutException e) {
        failures.add(host + ":" + port + ": no answer within " + timeoutMs / 1000.0 + " s");
      } catch (IOException | IllegalArgumentException e) {
        failures.add(host + ":" + port + ": " + e.getMessage());
      }
    }
    throw new InvalidInputException(new Problem(null, 0, 0, "--master", url,
        "cannot reach the Spark master (" + String.join("; ", failures) + ")",
        "start the master (sbin/start-master.sh) or check the host and port in its web UI "
            + "(spark://HOST:7077 by default); " + NO_CLUSTER));
  }

  private static InvalidInputException cannotStart(String url, String why) {
    return new InvalidInputException(new Problem(null, 0, 0, "--master", url,
        "Spark could not start a session on this master: " + why,
        "check that the master is running and that this URL is one Spark accepts (local[N], "
            + "spark://HOST:PORT, yarn, k8s://...); " + NO_CLUSTER));
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
