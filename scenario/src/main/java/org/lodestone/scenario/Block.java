package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * The compiler of one or more top-level YAML blocks ({@code producers:}, {@code sectors:}, ...). The
 * {@link ScenarioCompiler} runs its blocks in order over one shared {@link Compilation}: each reads
 * its keys of the merged scenario tree with the shared readers, reports problems with their
 * positions, and writes what it read into the draft (or adds a step to the tail that the nominal run
 * and every draw replay).
 *
 * <p>To add a top-level block: write one class implementing this interface and add one line to
 * {@link ScenarioCompiler}'s block list (its keys then become valid top-level keys); document it in
 * {@code docs/SCENARIO-FORMAT.md}; say in {@code ScenarioLoader} how a child merges it.
 */
interface Block {
  /** The top-level keys this block reads. */
  List<String> keys();

  /** Reads the block's keys of {@code root} into the draft. */
  void compile(Node.MapNode root, Compilation c);
}
