package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/** {@code projects:}: how unbuilt capacity arrives, by producer status ({@link Projects}); a tail step. */
final class ProjectsBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("projects");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    c.projects = Projects.read(root.get("projects"), c.num().forEvents(false), c.read::report, c.axis().size());
  }
}
