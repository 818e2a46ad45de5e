package org.lodestone.scenario;

import static org.lodestone.scenario.Reader.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.lodestone.core.model.Sector;
import org.lodestone.scenario.Reader.Prov;
import org.lodestone.scenario.Units.Kind;
import org.lodestone.scenario.yaml.Node;

/** {@code history:}: observed series (production, prices, ...) to compare runs with; not model input. */
final class HistoryBlock implements Block {
  private static final List<String> METRICS =
      List.of("production", "capacity", "price", "share_china", "demand", "exports", "imports", "net_exports", "quota");

  @Override
  public List<String> keys() {
    return List.of("history");
  }

  @Override
  public void compile(Node.MapNode root, Compilation c) {
    Reader r = c.read;
    Node n = root.get("history");
    if (n == null) {
      return;
    }
    Node.ListNode list = r.list(n, "history", "series", "start each series with `- metric: ...`");
    if (list == null) {
      return;
    }
    List<String> products = new ArrayList<>(Reader.codes());
    products.add("magnet");
    products.add(org.lodestone.core.results.TidyResults.BLANK); // magnet production on a blank basis
    products.add(org.lodestone.core.results.TidyResults.REPORTED); // mining/separation without off-quota output
    products.add("REO"); // concentrate trade history (stage mining, product REO, as in the results)
    List<String> regionsW = new ArrayList<>(c.regions);
    regionsW.add("WORLD");
    List<String> sectorIds = c.sectors.stream().map(Sector::id).toList();
    for (int i = 0; i < list.items().size(); i++) {
      String p = "history[" + i + "]";
      Node.MapNode m = r.map(list.items().get(i), p);
      if (m == null) {
        continue;
      }
      r.checkKeys(m, p, List.of("metric", "stage", "product", "region", "sector", "unit", "source",
          "label", "values", "note", "confidence", "method"));
      String metric = r.requiredChoice(m, "metric", p, METRICS);
      String stage = m.get("stage") == null ? "" : r.requiredChoice(m, "stage", p, ProducersBlock.STAGES);
      String product = m.get("product") == null ? "" : r.requiredChoice(m, "product", p, products);
      String region = m.get("region") == null ? "" : r.requiredChoice(m, "region", p, regionsW);
      String sector = m.get("sector") == null ? "" : r.requiredChoice(m, "sector", p, sectorIds);
      String unit = r.requiredText(m, "unit", p);
      String source = r.optionalText(m, "source");
      Prov prov = r.provOf(m, p);
      Kind kind = unit == null ? null : switch (unit) {
        case "t", "kt", "Mt" -> Kind.MASS;
        case "t REO", "kt REO", "Mt REO" -> Kind.MASS_REO;
        case "USD/kg", "USD/t" -> Kind.PRICE;
        case "%" -> Kind.FRACTION;
        default -> null;
      };
      if (unit != null && kind == null) {
        r.at(m.get("unit"), p + ".unit", unit, Rule.UNKNOWN_CHOICE.format("unit"), "use t, t REO, USD/kg or %");
      }
      Node vn = m.get("values");
      TreeMap<Integer, Double> values = new TreeMap<>();
      TreeMap<Integer, String> pointSources = new TreeMap<>();
      if (vn == null) {
        r.at(m, p + ".values", null, Rule.MISSING.format(), "give values by year: `values: {2023: 280000}`");
      } else {
        Node.MapNode vm = r.map(vn, p + ".values");
        if (vm != null && kind != null) {
          for (Node.Entry e : vm.entries().values()) {
            Integer y = r.yearKey(e, p + ".values", NumberReader.PATH_META);
            if (y == null) {
              continue;
            }
            Num v = c.num().number(e.value(), p + ".values." + e.key(), kind, unit, prov);
            c.num().forbid(v, "history holds observations");
            if (!v.isNaN()) {
              if (v.value() < 0) {
                r.at(e.value(), p + ".values." + e.key(), fmt(v.value()), Rule.AT_LEAST.format("0"), null);
              }
              values.put(y, v.value());
              // a point cited on its own ({value, source}) keeps its source; else the series' applies
              pointSources.put(y, e.value() instanceof Node.MapNode pm && pm.get("source") instanceof Node.Scalar ps
                  && ps.text() != null ? ps.text().strip() : "");
            }
          }
        }
      }
      if (metric == null || stage == null || product == null || region == null || sector == null
          || unit == null || kind == null) {
        continue;
      }
      String baseUnit = switch (kind) {
        case MASS -> "t";
        case MASS_REO -> "t REO";
        case PRICE -> "USD/kg";
        default -> "share";
      };
      c.history.add(new HistorySeries(metric, stage, product, region, sector, baseUnit, source,
          r.optionalText(m, "label"), values.keySet().stream().mapToInt(Integer::intValue).toArray(),
          values.values().stream().mapToDouble(Double::doubleValue).toArray(),
          pointSources.values().toArray(new String[0]), r.optionalText(m, "note")));
    }
  }
}
