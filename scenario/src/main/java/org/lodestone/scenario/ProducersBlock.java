package org.lodestone.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.Element;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Stage;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/**
 * {@code deposits:} (element shares of mined REO per deposit type) and {@code producers:} (facilities
 * with stage, region, status, cost and a capacity path). A producer's capacity is read here once, as
 * data; capacity targets, projects and events change it in the tail ({@link Tail}).
 */
final class ProducersBlock implements Block {
  static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::code).toList();
  private static final List<String> STATUSES =
      Arrays.stream(ProducerStatus.values()).map(ProducerStatus::code).toList();

  @Override
  public List<String> keys() {
    return List.of("deposits", "producers");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    c.split = readDeposits(root.get("deposits"), c);
    readProducers(root.get("producers"), c);
  }

  private static double[] readDeposits(Node n, Compilation c) {
    Reader r = c.read;
    List<String> codes = c.depositCodes;
    Node.MapNode m = n == null ? null : r.map(n, "deposits");
    if (m == null) {
      return new double[0];
    }
    List<Double> split = new ArrayList<>();
    for (Node.Entry e : m.entries().values()) {
      String p = "deposits." + e.key();
      codes.add(e.key());
      Node.MapNode d = r.map(e.value(), p);
      double sum = 0;
      for (Element el : Element.values()) {
        Num f = d == null ? Num.of(0) : c.num().required(d, el.code(), p, Kind.FRACTION, null, 0, 1, true);
        final int dep = codes.size() - 1;
        final int ee = el.ordinal();
        c.bind(f, (ed, v) -> ed.depositSplit(dep, ee, v));
        split.add(f.isNaN() ? 0 : f.value());
        sum += f.isNaN() ? 0 : f.value();
      }
      if (d != null) {
        List<String> keys = new ArrayList<>(Reader.codes());
        keys.addAll(List.of("name", "note"));
        r.checkKeys(d, p, keys);
        if (sum >= 1) {
          r.at(d, p, null, "element shares sum to " + sum + ": must be below 1 (the rest is other rare earths)", null);
        }
      }
    }
    return split.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void readProducers(Node n, Compilation c) {
    Reader r = c.read;
    Node.MapNode m = n == null ? null : r.map(n, "producers");
    if (m == null) {
      return;
    }
    List<String> regions = c.regions;
    List<String> deposits = c.depositCodes;
    List<Producer> out = c.producers;
    for (Node.Entry e : m.entries().values()) {
      String p = "producers." + e.key();
      Node.MapNode pm = r.map(e.value(), p);
      if (pm == null) {
        continue;
      }
      r.checkKeys(pm, p, List.of("name", "stage", "region", "owner", "deposit", "status", "cost",
          "capacity", "note", "remove"));
      String stageCode = r.requiredChoice(pm, "stage", p, STAGES);
      Stage stage = stageCode == null ? null : Stage.ofCode(stageCode);
      String region = r.requiredChoice(pm, "region", p, regions);
      String statusCode = r.requiredChoice(pm, "status", p, STATUSES);
      String name = r.optionalText(pm, "name");
      String owner = r.optionalText(pm, "owner");
      int deposit = -1;
      if (stage == Stage.MINING) {
        String d = r.requiredChoice(pm, "deposit", p, deposits);
        deposit = d == null ? -1 : deposits.indexOf(d);
      } else if (pm.get("deposit") != null && stage != null) {
        r.at(pm.get("deposit"), p + ".deposit", null, "only mines have a deposit", "remove it");
      }
      final int index = out.size();
      Num cost = c.num().required(pm, "cost", p, Kind.PRICE, null, 0, Double.MAX_VALUE, true);
      c.bind(cost, (ed, v) -> ed.cost(index, v));
      Kind capKind = stage == Stage.MINING || stage == Stage.SEPARATION ? Kind.MASS_REO : Kind.MASS;
      NumberReader.Path capacity = c.num().path(pm, "capacity", p, capKind, true, true);
      if (capacity != null && capacity.recipe() != null) {
        NumberReader.PathRecipe recipe = capacity.recipe();
        c.bindings.add((ed, values) -> ed.capacity(index, recipe.evaluate(values)));
      }
      if (stage == null || region == null || statusCode == null || capacity == null
          || (stage == Stage.MINING && deposit < 0) || cost.isNaN()) {
        continue;
      }
      out.add(new Producer(e.key(), name.isEmpty() ? e.key() : name, stage, regions.indexOf(region),
          owner.isEmpty() ? (name.isEmpty() ? e.key() : name) : owner,
          ProducerStatus.ofCode(statusCode), deposit, cost.value(), capacity.values()));
    }
  }
}
