package org.lodestone.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.engine.RunResult;
import org.lodestone.core.model.TimeAxis;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Backtest;
import org.lodestone.scenario.HistorySeries;
import org.lodestone.scenario.Scenario;

/**
 * {@code GET /api/backtest?scenario=NAME[&from=Y&to=Y]}: every observed series of the scenario's
 * {@code history:} beside the model's values, computed while the request waits by the scenario's
 * nominal run and {@link Backtest#lines} (the matching and errors of {@code lodestone backtest}).
 * The window defaults to the observed years within the scenario's axis. The same limits as runs
 * (run-years, concurrent runs); a bad name answers 400, an unknown scenario 404, bad years 422, as
 * problem+json.
 *
 * <p>Body: {@code {scenario, from, to, series: [{title, metric, stage, product, region, sector, unit,
 * label, source, note, basis, error, errorUnit, years: [...], model: [... | null], observed: [{year,
 * value, source}]}]}}; values in base units (t, t REO, USD/kg; shares as fractions), {@code error}
 * the MAPE (%) or mean absolute error (points, shares) over the observed years with a model value,
 * null when none has one.
 */
final class HistoryApi {
  private final ServerConfig config;
  private final ScenarioCatalog catalog;
  private final RunManager runs;

  HistoryApi(ServerConfig config, ScenarioCatalog catalog, RunManager runs) {
    this.config = config;
    this.catalog = catalog;
    this.runs = runs;
  }

  void get(Context ctx) throws IOException {
    String raw = ctx.queryParam("scenario");
    if (raw == null || raw.isBlank()) {
      throw ApiProblem.badRequest("`scenario` is required: GET /api/backtest?scenario=base");
    }
    String name = ScenarioCatalog.checkName(raw.strip());
    Integer fromIn = LodestoneServer.yearParam(ctx, "from");
    Integer toIn = LodestoneServer.yearParam(ctx, "to");
    if (!catalog.exists(name)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    Scenario s = catalog.load(name);
    TimeAxis axis = s.chain().axis();
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    for (HistorySeries h : s.history()) {
      for (int y : h.years()) {
        if (axis.contains(y)) {
          first = Math.min(first, y);
          last = Math.max(last, y);
        }
      }
    }
    int from = fromIn != null ? fromIn : first == Integer.MAX_VALUE ? axis.firstYear() : first;
    int to = toIn != null ? toIn : last == Integer.MIN_VALUE ? axis.lastYear() : last;
    LodestoneServer.checkYears(axis, from, to);
    int yearCost = s.chain().isRegional() ? ServerConfig.REGIONAL_YEAR_COST : 1;
    long cost = (long) axis.size() * yearCost;
    if (cost > config.maxRunYears()) {
      throw new ApiProblem(413, "Run too large", "this backtest costs " + cost + " run-years"
          + (yearCost > 1 ? " (years x " + yearCost + " for regional markets)" : "") + "; the limit is "
          + config.maxRunYears());
    }
    runs.reserve();
    List<Backtest.Line> lines;
    try {
      RunResult r = AnnualEngine.run(s.chain());
      lines = Backtest.lines(s, TidyResults.rows(r, from, to), from, to);
    } finally {
      runs.release();
    }
    ctx.contentType("application/json").result(LodestoneServer.JSON.writeValueAsBytes(json(s.name(), from, to, lines)));
  }

  static ObjectNode json(String scenario, int from, int to, List<Backtest.Line> lines) {
    ObjectNode o = LodestoneServer.JSON.createObjectNode();
    o.put("scenario", scenario);
    o.put("from", from);
    o.put("to", to);
    ArrayNode series = o.putArray("series");
    for (Backtest.Line l : lines) {
      HistorySeries h = l.series();
      ObjectNode j = series.addObject();
      j.put("title", h.describe());
      j.put("metric", h.metric());
      j.put("stage", h.stage());
      j.put("product", h.product());
      j.put("region", h.region());
      j.put("sector", h.sector());
      j.put("unit", h.unit());
      j.put("label", h.label());
      j.put("source", h.source());
      j.put("note", h.note());
      j.put("basis", h.basis());
      Backtest.Comparison c = l.comparison();
      // the model metric compared: the series' own, or net_exports where gross exports meet one market's
      // implied net exports
      j.put("modelMetric", c == null ? h.metric() : c.modelMetric());
      if (c == null || Double.isNaN(c.error())) {
        j.putNull("error");
      } else {
        j.put("error", c.error());
      }
      j.put("errorUnit", h.unit().equals("share") ? "pts" : "%");
      j.put("compared", c == null ? 0 : c.years().length);
      ArrayNode ys = j.putArray("years");
      ArrayNode model = j.putArray("model");
      for (int i = 0; i < l.years().length; i++) {
        ys.add(l.years()[i]);
        if (Double.isNaN(l.model()[i])) {
          model.addNull();
        } else {
          model.add(l.model()[i]);
        }
      }
      ArrayNode obs = j.putArray("observed");
      int[] years = h.years();
      double[] values = h.values();
      String[] sources = h.pointSources();
      for (int i = 0; i < years.length; i++) {
        if (years[i] < from || years[i] > to) {
          continue;
        }
        ObjectNode p = obs.addObject();
        p.put("year", years[i]);
        p.put("value", values[i]);
        p.put("source", sources[i]);
      }
    }
    return o;
  }
}
