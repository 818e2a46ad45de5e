package org.lodestone.scenario;

import java.util.List;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code stockHistory:}: magnets put in use before the run ({@link StockHistory}), added to the
 * sectors read by {@link SectorsBlock} (so it runs after it, and after {@link MaterialsBlock}, whose
 * manufacturing yield turns a blank basis into finished magnets).
 */
final class StockHistoryBlock implements Block {
  @Override
  public List<String> keys() {
    return List.of("stockHistory");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    StockHistory history = StockHistory.read(root.get("stockHistory"), c.num().forEvents(false), c.read::report,
        c.axis(), c.market == null ? 1 : c.market.manufacturingYield());
    List<org.lodestone.core.model.Sector> withPrior = List.copyOf(history.apply(c.sectors));
    c.sectors.clear();
    c.sectors.addAll(withPrior);
  }
}
