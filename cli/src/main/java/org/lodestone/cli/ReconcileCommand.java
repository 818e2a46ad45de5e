package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.reconcile.Reconciliation;
import org.lodestone.scenario.ReconcileNetwork;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lodestone reconcile [SCENARIO] --year Y}: the year's observed NdPr chain, reconciled. */
@Command(name = "reconcile",
    description = "Reconcile one year's observed flows (mine, separation, magnet output on blank and "
        + "finished bases, demand) so every process balances: weighted least squares, chi-square global "
        + "test and measurement test at 5 %%.")
final class ReconcileCommand extends CommandBase {
  @Mixin
  ScenarioArg scenarioArg;

  @Option(names = "--year", required = true, description = "The year to reconcile.")
  int year;

  @Option(names = "--free-unobserved",
      description = "Treat flows with no observation as unmeasured (estimated where observable) instead "
          + "of taking the run's value with the `model` relative sd.")
  boolean free;

  @Override
  public Integer call() {
    ScenarioLoader.Tree tree = ScenarioLoader.tree(scenarioArg.name);
    Scenario s = ScenarioLoader.compile(tree);
    ReconcileNetwork.Settings settings = ReconcileNetwork.Settings.read(tree.root());
    if (!s.chain().axis().contains(year)) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--year", String.valueOf(year),
          "outside the scenario's years " + s.chain().axis().firstYear() + "-" + s.chain().axis().lastYear(), null));
    }
    RunResult run = AnnualEngine.run(s.chain());
    ReconcileNetwork.Network net = ReconcileNetwork.build(s, run, year, settings, free);
    Reconciliation.Result r = net.reconcile();
    print(out(), s, net, r, settings);
    return 0;
  }

  static void print(PrintWriter out, Scenario s, ReconcileNetwork.Network net, Reconciliation.Result r,
      ReconcileNetwork.Settings settings) {
    List<ReconcileNetwork.Flow> flows = net.flows();
    out.printf(Locale.ROOT, "Reconciliation of %s, %d: %d flows, %d processes (NdPr chain, world; t, mined ore t REO)%n%n",
        s.name(), net.year(), flows.size(), net.processes().size());
    out.printf("%-52s %10s %9s %10s %7s %6s  %s%n", "flow", "observed", "sd", "reconciled", "adj(sd)", "z", "source");
    for (int j = 0; j < flows.size(); j++) {
      ReconcileNetwork.Flow f = flows.get(j);
      boolean m = r.measured()[j];
      String rec = r.observable()[j] ? num(r.reconciled()[j]) : "unobservable";
      out.printf(Locale.ROOT, "%-52s %10s %9s %10s %7s %6s  %s%s%n", trim(f.name(), 52),
          m ? num(f.value()) : "-", m ? num(f.sd()) : "-", rec,
          m ? String.format(Locale.ROOT, "%+.2f", r.adjustmentSd()[j]) : "",
          Double.isNaN(r.testStatistic()[j]) ? "" : String.format(Locale.ROOT, "%.2f", r.testStatistic()[j]),
          m ? f.origin() + (f.grade().isEmpty() || f.grade().equals("model") ? "" : " [" + f.grade() + "]") : "unmeasured",
          r.flagged()[j] ? "  << CONFLICT" : "");
    }
    double[] before = net.imbalance(net.values());
    double[] after = net.imbalance(r.reconciled());
    out.println();
    out.printf("%-62s %12s %12s%n", "process balance (in - out, t)", "observed", "reconciled");
    for (int i = 0; i < before.length; i++) {
      boolean allMeasured = true;
      for (int j = 0; j < flows.size(); j++) {
        allMeasured &= net.a()[i][j] == 0 || r.measured()[j];
      }
      out.printf(Locale.ROOT, "%-62s %12s %12s%n", trim(net.processes().get(i), 62),
          allMeasured ? num(before[i]) : "(unmeasured)", num(after[i]));
    }
    out.println();
    if (r.dof() == 0) {
      out.println("chi-square global test: no redundancy (0 degrees of freedom): nothing to test.");
    } else {
      out.printf(Locale.ROOT, "chi-square global test: %.2f on %d degrees of freedom, critical %.2f at 5 %% (p = %.3g): %s%n",
          r.chiSquare(), r.dof(), r.chiSquareCritical(), r.pValue(), r.passes() ? "PASSES" : "FAILS");
    }
    int flagged = 0;
    for (boolean b : r.flagged()) {
      flagged += b ? 1 : 0;
    }
    out.printf(Locale.ROOT, "measurement test: |z| > %.2f (5 %% over the testable flows, Sidak) flags %d flow%s in conflict%n",
        r.testCritical(), flagged, flagged == 1 ? "" : "s");
    StringBuilder sds = new StringBuilder();
    settings.byGrade().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
        sds.append(sds.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
            .append(String.format(Locale.ROOT, "%.0f %%", 100 * e.getValue())));
    out.println("relative sd by confidence: " + sds + " (`reconcile: {relativeSd: ...}` in a scenario changes them);"
        + " `model`: the run's value for a flow with no observation.");
    out.println("adj(sd) = (reconciled - observed) / sd; z = |adjustment| / sd of the adjustment (measurement test).");
    out.flush();
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    return a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
