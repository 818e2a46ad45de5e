package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code events:}: read against the draft's producers, sectors and regions ({@link Events}); applied
 * in the tail after targets and projects. An event inherited from a parent file whose window lies wholly
 * outside this scenario's years is set aside with a note ({@link Scenario#notes()}), as a route outside
 * the axis is inactive; one written in the scenario's own file stays a positioned error.
 */
final class EventsBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("events");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    c.events = Events.read(root.get("events"), new EventReader.Context(c.read::report, c.num().forEvents(true),
        c.axis(), c.regions, c.producers, c.sectors), c.trade != null, root.file(), c.notes::add);
    // off_quota events name a cap's tranche, known once the market block is read (before this block)
    List<String> tranches = c.elementMarket == null ? List.of() : c.elementMarket.trancheIds();
    for (Event e : c.events) {
      if (e instanceof OffQuota oq) {
        oq.check(tranches, c.read::report);
      }
    }
  }
}
