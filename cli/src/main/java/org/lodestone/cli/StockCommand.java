package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.stock.InflowDrivenModel;
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.core.stock.StockDrivenModel;
import org.lodestone.core.stock.StockResult;
import org.lodestone.core.stock.SurvivalTable;
import org.lodestone.core.stock.TimeConvention;
import org.lodestone.io.stock.SeriesTable;
import org.lodestone.io.stock.StockCsv;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lodestone stock}: a dynamic stock model (ODYM-compatible) on its own, inflow-driven or
 * stock-driven, for one or many series. See docs/stock-model.md.
 */
@Command(
    name = "stock",
    mixinStandardHelpOptions = true,
    description = {
        "Dynamic stock model: stock, outflow and stock change from an inflow (--inflow), or the inflow "
            + "needed for a target stock (--stock), for one series (`year,value`) or many "
            + "(`year,<series1>,<series2>,...`).",
        "Laws: fixed:mean=M, normal:mean=M,sd=S, foldednormal:mean=M,sd=S, lognormal:mean=M,sd=S, "
            + "lognormal-odym:mean=M,sd=S, weibull:shape=K,scale=L, gamma:shape=K,scale=T.",
        "Output: series,year,inflow,outflow,stock,stock_change. With --by-cohort also "
            + "series,year,cohort,stock,outflow: after a blank line on stdout, or in FILE-by-cohort.EXT "
            + "with --out FILE.EXT."})
public final class StockCommand extends CommandBase {
  static final class Driver {
    @Option(names = "--inflow", paramLabel = "FILE", required = true,
        description = "Inflow CSV (inflow-driven model).")
    Path inflow;

    @Option(names = "--stock", paramLabel = "FILE", required = true,
        description = "Target stock CSV (stock-driven model).")
    Path stock;
  }

  static final class Lifetimes {
    @Option(names = "--lifetime", paramLabel = "SPEC", required = true,
        description = "One lifetime for every series, e.g. normal:mean=10,sd=3.")
    String spec;

    @Option(names = "--lifetimes", paramLabel = "FILE", required = true,
        description = "CSV series,type,mean,sd,shape,scale: one lifetime per series.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Driver driver;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Lifetimes lifetimes;

  @Option(names = "--convention", paramLabel = "end|middle|start", defaultValue = "end",
      description = "When inflow arrives in its year: end (ODYM, default), middle or start (flodym).")
  String convention;

  @Option(names = "--initial-stock", paramLabel = "FILE",
      description = "With --stock: stock by cohort (cohort,<series...>) at the end of the year before the first year.")
  Path initialStock;

  @Option(names = "--negative-inflow-correction",
      description = "With --stock: instead of a negative inflow, set it to 0 and shrink all existing cohorts (ODYM).")
  boolean negativeInflowCorrection;

  @Option(names = "--by-cohort", description = "Also write stock and outflow by cohort.")
  boolean byCohort;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the results here instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<Problem> problems = new ArrayList<>();
    TimeConvention conv = parseConvention(problems);
    boolean stockDriven = driver.stock != null;
    if (!stockDriven && initialStock != null) {
      problems.add(new Problem("--initial-stock", 0, 0, null, null, "only applies with --stock", null));
    }
    if (!stockDriven && negativeInflowCorrection) {
      problems.add(new Problem("--negative-inflow-correction", 0, 0, null, null, "only applies with --stock", null));
    }
    Path dataFile = stockDriven ? driver.stock : driver.inflow;
    SeriesTable data = null;
    try {
      data = StockCsv.readSeries(dataFile, dataFile.toString(), stockDriven ? "stock" : "inflow");
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    LifetimeModel[] bySeries = null;
    SeriesTable initial = null;
    try {
      if (lifetimes.spec != null) {
        LifetimeModel one = StockCsv.parseSpec(lifetimes.spec, "--lifetime");
        if (data != null) {
          bySeries = new LifetimeModel[data.nSeries()];
          java.util.Arrays.fill(bySeries, one);
        }
      } else if (data != null) {
        bySeries = StockCsv.readLifetimes(lifetimes.file, lifetimes.file.toString(), data.names());
      }
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    if (initialStock != null && data != null && stockDriven) {
      try {
        initial = StockCsv.readInitialStock(initialStock, initialStock.toString(), data.names(), data.firstYear());
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }

    int m = data.nSeries();
    int k = initial == null ? 0 : initial.nYears();
    int n = k + data.nYears();
    int firstYear = data.firstYear() - k;
    SurvivalTable table = SurvivalTable.constant(n, conv, bySeries);
    StockResult result;
    if (stockDriven) {
      double[] target = new double[n * m];
      System.arraycopy(data.values(), 0, target, k * m, data.nYears() * m);
      StockDrivenModel.InitialStock init = initial == null ? null
          : new StockDrivenModel.InitialStock(k, initial.values());
      result = new StockDrivenModel(table, negativeInflowCorrection).run(target, init);
      reportUnmet(result, data, initial, k);
    } else {
      result = new InflowDrivenModel(table).run(data.values());
    }

    StringBuilder totals = new StringBuilder();
    StockCsv.writeTotals(totals, data.names(), firstYear, result);
    StringBuilder cohorts = null;
    if (byCohort) {
      cohorts = new StringBuilder();
      StockCsv.writeByCohort(cohorts, data.names(), firstYear, result);
    }
    if (out == null) {
      PrintWriter w = out();
      w.print(totals);
      if (cohorts != null) {
        w.print('\n');
        w.print(cohorts);
      }
      w.flush();
    } else {
      Files.writeString(out, totals, StandardCharsets.UTF_8);
      if (cohorts != null) {
        Files.writeString(byCohortPath(out), cohorts, StandardCharsets.UTF_8);
      }
    }
    return 0;
  }

  /** {@code results.csv → results-by-cohort.csv}; {@code results → results-by-cohort}. */
  static Path byCohortPath(Path out) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String newName = dot > 0 ? name.substring(0, dot) + "-by-cohort" + name.substring(dot) : name + "-by-cohort";
    return out.resolveSibling(newName);
  }

  private TimeConvention parseConvention(List<Problem> problems) {
    try {
      return TimeConvention.valueOf(convention.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("--convention", 0, 0, "convention", convention, "must be end, middle or start", null));
      return TimeConvention.END;
    }
  }

  private static void reportUnmet(StockResult r, SeriesTable data, SeriesTable initial, int k) {
    if (!r.hasUnmetYears()) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    int[] dataLines = data.lines();
    int[] initLines = initial == null ? new int[0] : initial.lines();
    for (int s = 0; s < r.nSeries(); s++) {
      for (int t = 0; t < r.nYears(); t++) {
        if (!r.isUnmet(s, t)) {
          continue;
        }
        if (t < k) {
          problems.add(new Problem(initial.file(), initLines[t], 0, data.names().get(s), null,
              "cohort " + (initial.firstYear() + t) + " cannot hold this stock: its lifetime leaves nothing by "
                  + (data.firstYear() - 1), "check the lifetime or the initial stock"));
        } else {
          problems.add(new Problem(data.file(), dataLines[t - k], 0, data.names().get(s), null,
              "target stock in " + (data.firstYear() + t - k) + " cannot be met: the lifetime keeps nothing "
                  + "in stock in the year of inflow (or the target is negative)",
              "a lifetime with mean 0, shape 0, or a fixed lifetime not above the convention's age in the year of inflow keeps nothing in stock"));
        }
      }
    }
    throw new InvalidInputException(problems);
  }
}
