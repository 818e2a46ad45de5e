package org.lodestone.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.Noise;
import org.lodestone.ensemble.MetricExpression;
import org.lodestone.ensemble.ScenarioMetric;
import org.lodestone.ensemble.Sobol;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.uncertainty.UncertainParameter;
import org.lodestone.scenario.UncertainScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lodestone sensitivity SCENARIO --metric M}: Sobol indices, or a one-at-a-time tornado. */
@Command(name = "sensitivity", description = {
    "Rank the scenario's uncertain parameters by their effect on one result: Sobol first-order (S1) and "
        + "total (ST) indices from Saltelli sampling (Jansen's total estimator), with bootstrap "
        + "confidence intervals; or, with --tornado, each parameter at its 5%% and 95%% quantiles.",
    "The metric uses the --prob grammar without a comparison: e.g. unserved, price[stage=magnet], "
        + "unserved[region=US]/demand[region=US]."})
final class SensitivityCommand extends CommandBase {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Shipped scenario name or file with distributions.")
  String scenario;

  @Option(names = "--metric", required = true, paramLabel = "M", description = "The result to explain.")
  String metric;

  @Option(names = "--year", paramLabel = "Y", description = "Year of the result (default: the scenario's last).")
  Integer year;

  @Option(names = "--samples", defaultValue = "1024", paramLabel = "N",
      description = "Saltelli base samples; the model runs N × (parameters + 2) times. Default: ${DEFAULT-VALUE}.")
  int samples;

  @Option(names = "--bootstrap", defaultValue = "500", paramLabel = "B",
      description = "Bootstrap resamples for the 95%% intervals (0: none). Default: ${DEFAULT-VALUE}.")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--tornado", description = "Quick one-at-a-time look instead of Sobol indices (2 × parameters + 1 runs).")
  boolean tornado;

  @Option(names = "--out", paramLabel = "DIR", description = "Write sobol.csv (or tornado.csv) into DIR.")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<Problem> problems = new ArrayList<>();
    if (samples < 2) {
      problems.add(new Problem(null, 0, 0, "--samples", String.valueOf(samples), "must be >= 2", null));
    }
    if (bootstrap < 0) {
      problems.add(new Problem(null, 0, 0, "--bootstrap", String.valueOf(bootstrap), "must be >= 0", null));
    }
    if (threads != null && threads <= 0) {
      problems.add(new Problem(null, 0, 0, "--threads", String.valueOf(threads), "must be > 0", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    MetricExpression expression = MetricExpression.parseMetric(metric, "--metric");
    UncertainScenario u = ScenarioLoader.loadUncertain(scenario);
    if (u.dimension() == 0) {
      throw new InvalidInputException(new Problem(null, 0, 0, null, scenario,
          "has no distributions: nothing to rank", "write a distribution in place of a number, "
          + "e.g. cost: {dist: uniform, min: 8 USD/kg, max: 12 USD/kg}"));
    }
    int y = year == null ? u.nominal().chain().axis().lastYear() : year;
    ScenarioMetric m = new ScenarioMetric(u, expression, y);
    int k = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    PrintWriter stdout = out();
    List<UncertainParameter> ps = u.parameters();
    int width = 10;
    for (UncertainParameter p : ps) {
      width = Math.max(width, p.path().length());
    }
    if (tornado) {
      double[] base = new double[1];
      List<ScenarioMetric.Bar> bars = m.tornado(0.05, k, base);
      stdout.printf(Locale.ROOT, "Tornado of %s in %d, %s: nominal %s; each parameter at its 5 %% and 95 %% quantiles%n",
          metric, y, u.nominal().name(), g(base[0]));
      stdout.printf(Locale.ROOT, "%-" + width + "s %12s %12s %12s %12s %12s%n", "parameter", "low value",
          "high value", "at low", "at high", "swing");
      for (ScenarioMetric.Bar b : bars) {
        stdout.printf(Locale.ROOT, "%-" + width + "s %12s %12s %12s %12s %12s%n", ps.get(b.parameter()).path(),
            g(b.lowValue()), g(b.highValue()), g(b.atLow()), g(b.atHigh()), g(b.swing()));
      }
      stdout.flush();
      if (out != null) {
        Files.createDirectories(out);
        ResultsWriter.atomicWrite(out.resolve("tornado.csv"), o -> {
          Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
          w.write("parameter,law,low_value,high_value,at_low,at_high,swing,nominal\n");
          for (ScenarioMetric.Bar b : bars) {
            UncertainParameter p = ps.get(b.parameter());
            w.write(p.path() + "," + p.law() + "," + n(b.lowValue()) + "," + n(b.highValue()) + "," + n(b.atLow())
                + "," + n(b.atHigh()) + "," + n(b.swing()) + "," + n(base[0]) + "\n");
          }
          w.flush();
        });
      }
      return 0;
    }
    Sobol.Result r;
    int runs = samples * (u.dimension() + 2);
    try (EnsembleProgress progress = EnsembleProgress.start("sensitivity", runs)) {
      double[] yv = Sobol.evaluate(Sobol.saltelliPoints(u.dimension(), samples), m, k, progress.listener());
      int undefined = 0;
      for (double v : yv) {
        if (!Double.isFinite(v)) {
          undefined++;
        }
      }
      if (undefined > 0) {
        throw new InvalidInputException(new Problem(null, 0, 0, "--metric", metric,
            "undefined in " + undefined + " of " + runs + " samples (a ratio with a zero denominator?)", null));
      }
      try {
        r = Sobol.analyze(yv, u.dimension(), samples, bootstrap, seed, 0.95);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(new Problem(null, 0, 0, "--metric", metric, e.getMessage(),
            "pick a result that the distributions move, or another --year"));
      }
    }
    stdout.printf(Locale.ROOT, "Sobol indices of %s in %d, %s: %d parameters, %d samples (%d runs), output sd %s%n",
        metric, y, u.nominal().name(), u.dimension(), samples, runs, g(Math.sqrt(r.variance())));
    stdout.printf(Locale.ROOT, "%-" + width + "s %-11s %7s %17s %7s %17s%n", "parameter", "law", "S1", "95% CI", "ST",
        "95% CI");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < u.dimension(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -r.total()[i]).thenComparingInt(i -> i));
    for (int i : order) {
      stdout.printf(Locale.ROOT, "%-" + width + "s %-11s %7.3f %17s %7.3f %17s%n", ps.get(i).path(), ps.get(i).law(),
          r.first()[i], ci(r.firstLow()[i], r.firstHigh()[i]), r.total()[i], ci(r.totalLow()[i], r.totalHigh()[i]));
    }
    stdout.flush();
    if (out != null) {
      Files.createDirectories(out);
      ResultsWriter.atomicWrite(out.resolve("sobol.csv"), o -> {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        w.write("parameter,law,file,line,S1,S1_low,S1_high,ST,ST_low,ST_high\n");
        for (int i : order) {
          UncertainParameter p = ps.get(i);
          w.write(p.path() + "," + p.law() + "," + (p.file() == null ? "" : p.file()) + "," + p.line() + ","
              + n(r.first()[i]) + "," + n(r.firstLow()[i]) + "," + n(r.firstHigh()[i]) + "," + n(r.total()[i]) + ","
              + n(r.totalLow()[i]) + "," + n(r.totalHigh()[i]) + "\n");
        }
        w.flush();
      });
    }
    return 0;
  }

  private static String ci(double lo, double hi) {
    return Double.isNaN(lo) ? "" : String.format(Locale.ROOT, "[%6.3f, %6.3f]", Noise.clean(lo), Noise.clean(hi));
  }

  private static String g(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", Noise.clean(v));
  }

  private static String n(double v) {
    return Double.isNaN(v) ? "" : ResultsWriter.number(v);
  }
}
