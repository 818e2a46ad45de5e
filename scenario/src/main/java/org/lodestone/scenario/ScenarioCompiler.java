package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.model.Dynamics;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.yaml.Node;

/**
 * Validates a merged scenario tree and builds the model input: a pipeline of block compilers
 * ({@link Block}) over one shared {@link Compilation} (one structure reader, one number reader, one
 * draft). Collects every problem with its position, then fails once. The rules are those of
 * {@code docs/SCENARIO-FORMAT.md} ({@link Rule}).
 *
 * <p>One route: the blocks build a chain of data values; the {@link Tail} (capacity targets,
 * projects, events) turns it into the model input. The nominal scenario runs the tail on the data;
 * each Monte Carlo draw sets its parameters on the same data and runs the same tail with its values.
 */
final class ScenarioCompiler {
  private static final List<String> OWN_KEYS = List.of("name", "title", "description", "parent");

  /** The block compilers, in order (a block reads what earlier ones put in the draft). */
  private static final List<Block> BLOCKS = List.of(
      new AxisBlock(),
      new MaterialsBlock(),
      new ProducersBlock(),
      new SectorsBlock(),
      new StockHistoryBlock(),
      new HistoryBlock(),
      new TargetsBlock(),
      new InvestmentBlock(),
      new TradeBlock(),
      new ProjectsBlock(),
      new EventsBlock(),
      new CalibrationBlock(),
      new GovernanceBlock());

  private ScenarioCompiler() {
  }

  /** The valid top-level keys: the scenario's own and every block's. */
  static List<String> topKeys() {
    List<String> keys = new ArrayList<>(OWN_KEYS);
    BLOCKS.forEach(b -> keys.addAll(b.keys()));
    return keys;
  }

  static Scenario compile(Node.MapNode root, String origin, List<String> lineage) {
    return compileUncertain(root, origin, lineage).nominal();
  }

  /** Compiles with its uncertain parameters (distributions written in place of numbers). */
  static UncertainScenario compileUncertain(Node.MapNode root, String origin, List<String> lineage) {
    Compilation c = new Compilation();
    Reader r = c.read;
    r.checkKeys(root, "", topKeys());
    String name = r.requiredText(root, "name", "");
    if (name != null && !name.matches("[a-z0-9][a-z0-9-]*")) {
      r.at(root.get("name"), "name", name, "must be lower-case letters, digits and `-`", null);
    }
    String title = r.optionalText(root, "title");
    String description = r.optionalText(root, "description");
    for (Block b : BLOCKS) {
      try {
        b.compile(root, c);
      } catch (IllegalArgumentException e) {
        // a combination of values a model record refuses that no rule above caught: report it at the
        // block rather than stop with an internal error
        Node at = b.keys().stream().map(root::get).filter(java.util.Objects::nonNull).findFirst().orElse(root);
        r.at(at, String.join(", ", b.keys()), null, Rule.INVALID_CHAIN.format(e.getMessage()), null);
      }
    }
    checkFigureSources(c);
    if (!r.problems().isEmpty()) {
      throw new InvalidInputException(r.problems());
    }
    Tail tail = c.tail();
    SupplyChain data;
    SupplyChain chain;
    try {
      data = new SupplyChain(c.axis(), c.regions, c.depositCodes, c.split, c.producers, c.sectors, c.market,
          c.trade, new Dynamics(c.substitutes, c.investments)).withGovernance(c.governance);
      chain = tail.apply(data, null);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(new Problem(root.file(), root.line(), root.column(), null, null,
          Rule.INVALID_CHAIN.format(e.getMessage()), null));
    }
    Scenario nominal = new Scenario(name, title, description, origin, lineage, chain, c.sources,
        c.num().figures(), c.history, c.notes);
    List<UncertainScenario.Binding> bound = List.copyOf(c.bindings);
    return new UncertainScenario(nominal, data, c.num().params(), (editor, values) -> {
      for (UncertainScenario.Binding b : bound) {
        b.apply(editor, values);
      }
    }, tail::apply);
  }

  private static void checkFigureSources(Compilation c) {
    for (Figure f : c.num().figures()) {
      if (!f.source().isEmpty() && !c.sources.containsKey(f.source())) {
        c.read.report(new Problem(f.file(), f.line(), 0, f.path() + ".source", f.source(),
            Rule.UNKNOWN_CHOICE.format("source"), Reader.suggestion(f.source(), new ArrayList<>(c.sources.keySet()))));
      }
    }
  }
}
