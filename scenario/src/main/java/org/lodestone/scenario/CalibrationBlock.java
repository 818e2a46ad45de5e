package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code calibrate:} and {@code reconcile:}: settings of the {@code lodestone calibrate} and
 * {@code lodestone reconcile} tools, not of the model. They are valid top-level keys here and are read,
 * with their own positioned checks, by {@code calibration.Calibration} and {@link ReconcileNetwork}.
 */
final class CalibrationBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("calibrate", "reconcile");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    // read by the tools that use them; nothing enters the model input
  }
}
