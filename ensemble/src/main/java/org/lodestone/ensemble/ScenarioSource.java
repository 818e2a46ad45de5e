package org.lodestone.ensemble;

import java.io.Serializable;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;

/**
 * How a worker obtains the uncertain scenario. Serializable so that a Spark task can carry it: a
 * worker loads the scenario itself (an {@link UncertainScenario} holds closures and distributions
 * that are not serializable). Loading must give the same scenario everywhere.
 */
@FunctionalInterface
public interface ScenarioSource extends Serializable {
  /** Loads (or returns) the scenario. */
  UncertainScenario load();

  /**
   * A shipped scenario's name or a file path, loaded with {@link ScenarioLoader#loadUncertain}. On a
   * cluster a file must be readable at the same path on every executor (a shared file system, or
   * {@code spark-submit --files} with a relative path).
   */
  static ScenarioSource of(String ref) {
    return new ByReference(ref);
  }

  /** Loads by reference; a record, so it serializes with its one string. */
  record ByReference(String ref) implements ScenarioSource {
    @Override
    public UncertainScenario load() {
      return ScenarioLoader.loadUncertain(ref);
    }
  }
}
