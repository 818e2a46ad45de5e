package org.lodestone.spark;

import org.lodestone.ensemble.ScenarioSource;
import org.lodestone.scenario.UncertainScenario;

/**
 * The last scenario loaded in this JVM, by source. Executors are long-lived JVMs that run many tasks
 * of one ensemble; loading and validating the scenario per task would cost more than its draws. The
 * cached scenario is immutable, so sharing it between task threads is safe; a different source
 * replaces it.
 */
final class ScenarioCache {
  private record Entry(ScenarioSource source, UncertainScenario scenario) {
  }

  private static volatile Entry last;

  private ScenarioCache() {
  }

  static UncertainScenario get(ScenarioSource source) {
    Entry e = last;
    if (e != null && e.source().equals(source)) {
      return e.scenario();
    }
    synchronized (ScenarioCache.class) {
      e = last;
      if (e == null || !e.source().equals(source)) {
        e = new Entry(source, source.load());
        last = e;
      }
      return e.scenario();
    }
  }
}
