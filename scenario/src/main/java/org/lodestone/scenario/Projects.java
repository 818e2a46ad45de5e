package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * The {@code projects:} block: how capacity that is not built yet arrives, by producer status.
 *
 * <pre>
 * projects:
 *   announced:    {delay: 2, haircut: 50 %, rampYears: 2}
 *   construction: {delay: {dist: uniform, min: 0, max: 2, confidence: E, method: ...}}
 * </pre>
 *
 * For each producer of a listed status, at compile time (after {@code capacityTargets}, before the
 * events), the capacity path {@code c} (t per year, by year index) becomes, in this order:
 * <ol>
 *   <li><b>delay</b> d years (real, {@code >= 0}): {@code s(t) = c(t − d)}, linearly interpolated
 *       between the two years around {@code t − d}, and {@code c(0)} (the first axis year's value)
 *       where {@code t − d} falls before the axis; capacity pushed beyond the last year is lost. So
 *       0, 0, 100, 100 with d = 1 is 0, 0, 0, 100 and with d = 0.5 is 0, 0, 50, 100;</li>
 *   <li><b>haircut</b> h in [0, 1): {@code s(t) × (1 − h)}, every year;</li>
 *   <li><b>ramp</b> over R years ({@code rampYears}, real, {@code >= 1}; 1 = nameplate at once, the
 *       default): each capacity increase {@code Δ(τ) = max(0, s(τ) − s(τ − 1))}, τ ≥ 1, arrives at
 *       {@code Δ(τ) · min(1, (t − τ + 1) / R)} in year t ≥ τ — the convention of endogenous
 *       investment ({@code Investment}): the first year runs at 1/R of the step. Decreases act at
 *       once. The result is {@code y(t) = max(0, s(t) − Σ_{τ ≤ t} Δ(τ) · (1 − min(1, (t − τ + 1) / R)))},
 *       never above {@code s(t)}; the first axis year's capacity counts as built.</li>
 * </ol>
 * Operating producers are never changed: the block refuses {@code operating}. Any of the three
 * numbers may be a distribution; one draw applies to every producer of that status, so a drawn delay
 * moves all of them together. Draws re-apply the rule to each drawn capacity path ({@link #apply}
 * registers the binding), as capacity targets are re-applied.
 */
final class Projects {
  private static final List<String> KEYS = List.of("delay", "haircut", "rampYears", "note");

  /** One status's rule: nominal values and, where uncertain, the parameter index (else −1). */
  private record Rule(ProducerStatus status, double delayYears, int delayParam, double haircut,
      int haircutParam, double rampYears, int rampParam) {
    double delay(double[] v) {
      return delayParam >= 0 ? v[delayParam] : delayYears;
    }

    double cut(double[] v) {
      return haircutParam >= 0 ? v[haircutParam] : haircut;
    }

    double ramp(double[] v) {
      return rampParam >= 0 ? v[rampParam] : rampYears;
    }

    boolean identity() {
      return delayParam < 0 && haircutParam < 0 && rampParam < 0 && delayYears == 0 && haircut == 0
          && rampYears <= 1;
    }
  }

  private final List<Rule> rules;

  private Projects(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * Reads {@code projects:} (may be null), reporting problems with their positions.
   *
   * @param axisYears number of years on the axis (the largest delay accepted)
   */
  static Projects read(Node n, Events.Numbers numbers, Consumer<Problem> problems, int axisYears) {
    List<Rule> rules = new ArrayList<>();
    if (n == null) {
      return new Projects(rules);
    }
    if (!(n instanceof Node.MapNode m)) {
      problems.accept(at(n, "projects", null, "must be a mapping by status",
          "e.g. `projects: {announced: {delay: 2, haircut: 50 %}}`"));
      return new Projects(rules);
    }
    List<String> statuses = new ArrayList<>();
    for (ProducerStatus s : ProducerStatus.values()) {
      if (s != ProducerStatus.OPERATING) {
        statuses.add(s.code());
      }
    }
    for (Node.Entry e : m.entries().values()) {
      String p = "projects." + e.key();
      if (e.key().equals("note")) {
        continue;
      }
      if (e.key().equals(ProducerStatus.OPERATING.code())) {
        problems.accept(new Problem(e.value().file(), e.line(), e.column(), p, null,
            "operating producers are never shifted: their paths are capacity that exists",
            "rules apply to " + String.join(" and ", statuses)));
        continue;
      }
      ProducerStatus status = statuses.contains(e.key()) ? ProducerStatus.ofCode(e.key()) : null;
      if (status == null) {
        String best = Suggest.closest(e.key(), statuses);
        problems.accept(new Problem(e.value().file(), e.line(), e.column(), p, null, "unknown status",
            best != null ? "did you mean `" + best + "`?" : "expected " + String.join(" or ", statuses)));
        continue;
      }
      if (!(e.value() instanceof Node.MapNode rm)) {
        problems.accept(at(e.value(), p, null, "must be a mapping", "keys " + String.join(", ", KEYS)));
        continue;
      }
      boolean ok = true;
      for (Node.Entry k : rm.entries().values()) {
        if (!KEYS.contains(k.key())) {
          String best = Suggest.closest(k.key(), KEYS);
          problems.accept(new Problem(k.value().file(), k.line(), k.column(), p + "." + k.key(), null,
              "unknown key `" + k.key() + "`",
              best != null ? "did you mean `" + best + "`?" : "expected one of " + String.join(", ", KEYS)));
          ok = false;
        }
      }
      Events.Num delay = field(rm, "delay", p, 0, axisYears, 0, numbers, problems,
          "must be in [0, " + axisYears + "] years", "a delay in years (a plain number)");
      Events.Num haircut = field(rm, "haircut", p, 0, Math.nextDown(1.0), 0, numbers, problems,
          "must be in [0, 100 %)", "a project cut by 100 % does not exist: `remove: true` it");
      Events.Num ramp = field(rm, "rampYears", p, 1, axisYears, 1, numbers, problems,
          "must be in [1, " + axisYears + "] years", "1 = nameplate in the first year of each step");
      if (!ok || delay == null || haircut == null || ramp == null) {
        continue;
      }
      rules.add(new Rule(status, delay.value(), delay.param(), haircut.value(), haircut.param(),
          ramp.value(), ramp.param()));
    }
    return new Projects(rules);
  }

  /** Reads one optional number of a rule; null after a problem. */
  private static Events.Num field(Node.MapNode m, String key, String p, double min, double max,
      double absent, Events.Numbers numbers, Consumer<Problem> problems, String rule, String hint) {
    Node n = m.get(key);
    if (n == null) {
      return new Events.Num(absent, -1);
    }
    Events.Num v = numbers.read(n, p + "." + key, key.equals("haircut") ? Units.Kind.FRACTION
        : Units.Kind.NUMBER, min, max);
    if (Double.isNaN(v.value())) {
      return null;
    }
    if (v.value() < min || v.value() > max) {
      problems.accept(at(n, p + "." + key, n instanceof Node.Scalar s ? s.text() : null, rule, hint));
      return null;
    }
    return v;
  }

  /**
   * Applies the rules to the producers' nominal paths and, when a rule has a distribution or changes
   * anything, adds the binding that re-applies it to each draw's capacity paths. The binding must run
   * after the bindings that draw capacity paths (it reads the editor's current path), and the chain
   * draws start from must hold the paths before this step.
   *
   * @return the producers with their paths changed (a new list; the input is not modified)
   */
  List<Producer> apply(List<Producer> producers, List<UncertainScenario.Binding> bindings) {
    List<Producer> out = new ArrayList<>(producers);
    List<Rule> active = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (Rule r : rules) {
      int[] ks = java.util.stream.IntStream.range(0, out.size())
          .filter(k -> out.get(k).status() == r.status()).toArray();
      if (ks.length == 0 || r.identity()) {
        continue;
      }
      for (int k : ks) {
        Producer pr = out.get(k);
        out.set(k, pr.withCapacityT(transform(pr.capacityT(), r.delayYears(), r.haircut(), r.rampYears())));
      }
      active.add(r);
      targets.add(ks);
    }
    if (!active.isEmpty()) {
      bindings.add((editor, values) -> {
        for (int i = 0; i < active.size(); i++) {
          Rule r = active.get(i);
          double d = r.delay(values);
          double h = r.cut(values);
          double ramp = r.ramp(values);
          for (int k : targets.get(i)) {
            editor.capacity(k, transform(editor.capacityT(k), d, h, ramp));
          }
        }
      });
    }
    return out;
  }

  /**
   * A capacity path delayed, cut and ramped as in the class description.
   *
   * @param capacityT  capacity by year index, t per year, {@code >= 0} (not modified)
   * @param delayYears delay, years, {@code >= 0} (may be fractional)
   * @param haircut    share of nameplate that never arrives, in [0, 1)
   * @param rampYears  years from a step's first year to its nameplate, {@code >= 1}
   * @return a new path of the same length
   */
  static double[] transform(double[] capacityT, double delayYears, double haircut, double rampYears) {
    if (!(delayYears >= 0) || !(haircut >= 0 && haircut < 1) || !(rampYears >= 1)) {
      throw new IllegalArgumentException("delay " + delayYears + " y, haircut " + haircut + ", ramp "
          + rampYears + " y: need delay >= 0, haircut in [0, 1), ramp >= 1");
    }
    int n = capacityT.length;
    double[] s = new double[n];
    for (int t = 0; t < n; t++) {
      double x = t - delayYears;
      if (x <= 0) {
        s[t] = capacityT[0];
      } else {
        int i = (int) Math.floor(x);
        double f = x - i;
        s[t] = f == 0 ? capacityT[i] : capacityT[i] + f * (capacityT[i + 1] - capacityT[i]);
      }
      s[t] *= 1 - haircut;
    }
    if (rampYears == 1) {
      return s;
    }
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double pending = 0;
      for (int tau = 1; tau <= t; tau++) {
        double step = s[tau] - s[tau - 1];
        if (step > 0) {
          pending += step * (1 - Math.min(1, (t - tau + 1) / rampYears));
        }
      }
      y[t] = Math.max(0, s[t] - pending);
    }
    return y;
  }

  private static Problem at(Node n, String p, String value, String rule, String hint) {
    return new Problem(n.file(), n.line(), n.column(), p, value, rule, hint);
  }
}
