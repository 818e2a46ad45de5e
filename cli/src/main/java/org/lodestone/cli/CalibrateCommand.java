package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.calibration.CalibratedChild;
import org.lodestone.scenario.calibration.Calibration;
import org.lodestone.scenario.calibration.Calibrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lodestone calibrate [SCENARIO] --fit Y-Y --test Y-Y [--out FILE]}. */
@Command(name = "calibrate",
    description = "Estimate the parameters named in the scenario's `calibrate:` block by bounded least squares "
        + "on log prices and log quantities over the fit window (CMA-ES, seeded), and show each observed "
        + "quantity's MAPE in the fit and test windows beside the random walk (last year's value).")
final class CalibrateCommand extends CommandBase {
  @Mixin
  ScenarioArg scenarioArg;

  @Option(names = "--fit", defaultValue = "2015-2020", paramLabel = "FROM-TO",
      description = "Years the parameters are fitted on (default: ${DEFAULT-VALUE}).")
  String fit;

  @Option(names = "--test", defaultValue = "2021-2024", paramLabel = "FROM-TO",
      description = "Years the fit is judged on, after the fit window (default: ${DEFAULT-VALUE}).")
  String test;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write a child scenario with the calibrated values (method `calibrated`).")
  Path out;

  @Option(names = "--evaluations", defaultValue = "3000",
      description = "Engine runs the optimiser may use (default: ${DEFAULT-VALUE}).")
  int evaluations;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the optimiser (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    Calibration cal = Calibration.load(scenarioArg.name);
    TimeAxis axis = cal.scenario().chain().axis();
    Calibrator.Window fitW = window("--fit", fit, axis);
    Calibrator.Window testW = window("--test", test, axis);
    if (testW.from() <= fitW.to()) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--test", test,
          "must start after the fit window ends (" + fitW.to() + ")", "e.g. --fit 2015-2020 --test 2021-2024"));
    }
    if (evaluations < 1) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--evaluations", String.valueOf(evaluations),
          "must be >= 1", null));
    }
    long t0 = System.nanoTime();
    Calibrator calibrator = new Calibrator(cal);
    Calibrator.Result r = calibrator.fit(fitW, testW, evaluations, seed);
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter o = out();
    o.printf(Locale.ROOT, "Calibration of %s: %d parameter%s, fit %s, test %s; CMA-ES seed %d, %d engine runs (%.1f s)%n",
        cal.scenario().name(), cal.dimension(), cal.dimension() == 1 ? "" : "s", fitW, testW, seed, r.evaluations(), seconds);
    o.printf(Locale.ROOT, "objective (fit window: mean squared log error of prices + that of quantities): %.4f at the written values -> %.4f%n%n",
        r.startObjective(), r.objective());
    o.printf("%-48s %10s %10s %10s %10s  %s%n", "parameter", "written", "calibrated", "min", "max", "bounds from");
    List<Calibration.Parameter> ps = cal.parameters();
    for (int k = 0; k < ps.size(); k++) {
      Calibration.Parameter p = ps.get(k);
      o.printf(Locale.ROOT, "%-48s %10s %10s %10s %10s  %s%n", trim(p.path(), 48), g(p.start()), g(r.best()[k]),
          g(p.min()), g(p.max()), p.source().isEmpty() ? "(method: " + trim(p.method(), 60) + ")" : p.source());
    }
    o.println();
    o.printf("%-40s | %-22s | %-22s | %s%n", "MAPE % by observed quantity", "fit " + fitW + ": n model RW",
        "test " + testW + ": n model RW", "test, written values");
    for (int i = 0; i < r.after().size(); i++) {
      Calibrator.SeriesError a = r.after().get(i);
      Calibrator.SeriesError b = r.before().get(i);
      o.printf(Locale.ROOT, "%-40s | %3d %8s %8s | %3d %8s %8s | %8s%n", trim(a.name(), 40), a.fitN(), pct(a.fitMape()),
          pct(a.fitRw()), a.testN(), pct(a.testMape()), pct(a.testRw()), pct(b.testMape()));
    }
    o.println();
    o.println("model: the run with the calibrated values; RW: random walk (each year forecast by the mean of the "
        + "previous year's observations of the same quantity; '-' where there is none); n: observations.");
    if (out != null) {
      writeChild(cal, r, fitW, testW, o);
    }
    o.flush();
    return 0;
  }

  private void writeChild(Calibration cal, Calibrator.Result r, Calibrator.Window fitW, Calibrator.Window testW,
      PrintWriter o) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    Path dir = target.getParent();
    String ref = scenarioArg.name;
    String parent = ScenarioLoader.isShipped(ref) && !ref.contains("/") && !ref.endsWith(".yaml")
        ? ref : dir.relativize(Path.of(ref).toAbsolutePath().normalize()).toString();
    String name = cal.scenario().name() + "-calibrated";
    String method = String.format(Locale.ROOT,
        "bounded least squares on log prices and log quantities, fit %s, test %s, objective %.4f (written values %.4f), CMA-ES seed %d, %d runs",
        fitW, testW, r.objective(), r.startObjective(), seed, r.evaluations());
    String yaml = CalibratedChild.yaml(name, parent, cal.parameters(), r.best(), method);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".calibrated-", ".yaml");
    try {
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      // round trip: the child must compile and reproduce the calibrated objective
      Calibration child = Calibration.read(ScenarioLoader.tree(tmp.toString()));
      double j = new Calibrator(child).objective(child.start(), fitW);
      if (Math.abs(j - r.objective()) > 1e-9 * Math.max(1, Math.abs(r.objective()))) {
        throw new InvalidInputException(new Problem(out.toString(), 0, 0, null, null,
            "the child scenario does not reproduce the calibrated values (objective " + j + " vs " + r.objective()
                + "): a calibrated path sits inside a block a child replaces whole", "calibrate a number a child can override"));
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    o.println("wrote " + out + " (" + name + " <- " + parent + "); the round trip reproduces the objective.");
  }

  private static Calibrator.Window window(String option, String text, TimeAxis axis) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{4})").matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidInputException(new Problem(null, 0, 0, option, text, "expected FROM-TO", "e.g. 2015-2020"));
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    if (b < a || !axis.contains(a) || !axis.contains(b)) {
      throw new InvalidInputException(new Problem(null, 0, 0, option, text,
          "must be a range of years within the scenario's " + axis.firstYear() + "-" + axis.lastYear(), null));
    }
    return new Calibrator.Window(a, b);
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", v);
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
