package org.lodestone.cli;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import picocli.CommandLine.Option;

/** The {@code --from/--to YEAR} options (default: the scenario's axis), checked against a scenario's axis. */
final class Years {
  @Option(names = "--from", paramLabel = "YEAR", description = "First year to report (default: the scenario's).")
  Integer from;

  @Option(names = "--to", paramLabel = "YEAR", description = "Last year to report (default: the scenario's).")
  Integer to;

  /** {from, to} of these options on an axis; problems name the option. */
  int[] resolve(TimeAxis axis) {
    return resolve(axis, from, to);
  }

  /** {from, to}, defaulting to the axis; problems name the option. */
  static int[] resolve(TimeAxis axis, Integer from, Integer to) {
    int first = axis.firstYear();
    int last = axis.lastYear();
    List<Problem> problems = new ArrayList<>();
    if (from != null && !axis.contains(from)) {
      problems.add(new Problem(null, 0, 0, "--from", String.valueOf(from),
          "year outside the scenario's axis " + first + ".." + last, null));
    }
    if (to != null && !axis.contains(to)) {
      problems.add(new Problem(null, 0, 0, "--to", String.valueOf(to),
          "year outside the scenario's axis " + first + ".." + last, null));
    }
    int f = from == null ? first : from;
    int t = to == null ? last : to;
    if (problems.isEmpty() && f > t) {
      problems.add(new Problem(null, 0, 0, "--from", String.valueOf(f), "must not be after --to (" + t + ")", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new int[] {f, t};
  }
}
