package org.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lodestone.core.exposure.Buyer;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.ensemble.EnsembleSpec;
import org.lodestone.ensemble.ExposureReport;
import org.lodestone.ensemble.ProgressListener;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.BuyerLoader;
import org.lodestone.scenario.UncertainScenario;
import org.lodestone.store.Exports;

/**
 * {@code POST /api/exposure}: a buyer file's exposure to a scenario, computed while the request waits
 * (the same limits as runs: body size, run-years, draws, concurrent runs). Body:
 * {@code {"buyer": "<buyer YAML>", "scenario": "base", "against": "regional-markets", "draws": 0,
 * "seed": 1, "from": Y, "to": Y, "threads": K}} ({@code against}, optional: measure supply at risk
 * against that scenario's demand, as {@code lodestone exposure --against}); {@code ?format=json} (default), {@code csv} or {@code xlsx}. Bad input answers 422
 * with the positioned problems (file {@code buyer.yaml}), as problem+json.
 */
final class ExposureApi {
  /** The name buyer-file problems carry. */
  static final String BUYER_FILE = "buyer.yaml";

  private final ServerConfig config;
  private final ScenarioCatalog catalog;
  private final RunManager runs;

  ExposureApi(ServerConfig config, ScenarioCatalog catalog, RunManager runs) {
    this.config = config;
    this.catalog = catalog;
    this.runs = runs;
  }

  void post(Context ctx) throws IOException {
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!List.of("json", "csv", "xlsx").contains(format)) {
      throw ApiProblem.badRequest("format must be json, csv or xlsx, got `" + format + "`");
    }
    JsonNode req;
    try {
      req = ctx.body().isBlank() ? LodestoneServer.JSON.createObjectNode() : LodestoneServer.JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw ApiProblem.badRequest("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!req.isObject()) {
      throw ApiProblem.badRequest("body must be a JSON object like {\"buyer\": \"name: ...\", \"scenario\": \"base\"}");
    }
    List<Problem> input = new ArrayList<>();
    JsonNode buyerNode = req.get("buyer");
    if (buyerNode == null || !buyerNode.isTextual() || buyerNode.asText().isBlank()) {
      input.add(new Problem(null, 0, 0, "buyer", null, "required: the buyer file's YAML text",
          "see docs/BUYER-FORMAT.md"));
    }
    String name = ScenarioCatalog.checkName(req.path("scenario").asText("base"));
    String againstName = req.hasNonNull("against") ? ScenarioCatalog.checkName(req.path("against").asText()) : null;
    int draws = LodestoneServer.wholeNumber(req, "draws", 0, input);
    if (draws < 0) {
      input.add(new Problem(null, 0, 0, "draws", String.valueOf(draws), "must be >= 0 (0: the nominal run)", null));
    } else if (draws > ServerConfig.MAX_DRAWS) {
      input.add(new Problem(null, 0, 0, "draws", String.valueOf(draws), "at most " + ServerConfig.MAX_DRAWS
          + " draws", null));
    }
    int threadsIn = LodestoneServer.wholeNumber(req, "threads", Ensembles.cores(), input);
    if (threadsIn <= 0) {
      input.add(new Problem(null, 0, 0, "threads", String.valueOf(threadsIn), "must be > 0", null));
    }
    int threads = Math.max(1, Math.min(threadsIn, Ensembles.cores()));
    LodestoneServer.wholeNumber(req, "seed", 1, input); // checked; read as a long below
    long seed = req.path("seed").asLong(1);
    Integer fromIn = LodestoneServer.wholeNumber(req, "from", null, input);
    Integer toIn = LodestoneServer.wholeNumber(req, "to", null, input);
    if (!input.isEmpty()) {
      throw new InvalidInputException(input);
    }
    if (!catalog.exists(name)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    if (againstName != null && !catalog.exists(againstName)) {
      throw ApiProblem.notFound("no scenario named `" + againstName + "` (GET /api/scenarios lists them)");
    }
    UncertainScenario u = catalog.loadUncertain(name);
    UncertainScenario ref = againstName == null ? null : catalog.loadUncertain(againstName);
    if (ref != null && !(ref.nominal().chain().axis().equals(u.nominal().chain().axis())
        && ref.nominal().chain().regionCodes().equals(u.nominal().chain().regionCodes())
        && ref.nominal().chain().sectors().size() == u.nominal().chain().sectors().size())) {
      throw new InvalidInputException(List.of(new Problem(null, 0, 0, "against", againstName,
          "must have the same years, regions and sectors as " + name, null)));
    }
    Buyer buyer = BuyerLoader.parse(BUYER_FILE, buyerNode.asText(), u.nominal().chain());
    var axis = u.nominal().chain().axis();
    int from = fromIn == null ? axis.firstYear() : fromIn;
    int to = toIn == null ? axis.lastYear() : toIn;
    LodestoneServer.checkYears(axis, from, to);
    int yearCost = u.nominal().chain().isRegional() ? ServerConfig.REGIONAL_YEAR_COST : 1;
    long cost = (long) axis.size() * yearCost * (1 + draws) * (ref == null ? 1 : 2);
    if (cost > config.maxRunYears()) {
      throw new ApiProblem(413, "Run too large", "this exposure costs " + cost + " run-years (years x (1 + draws)"
          + (yearCost > 1 ? " x " + yearCost + " for regional markets" : "") + "); the limit is "
          + config.maxRunYears() + (draws > 0 ? ": use fewer draws" : ""));
    }
    runs.reserve();
    ExposureReport report;
    try {
      EnsembleSpec spec = draws > 0 ? new EnsembleSpec(draws, seed, from, to) : null;
      report = ExposureReport.of(u, ref, buyer, spec, from, to, threads, ProgressListener.NONE);
    } finally {
      runs.release();
    }
    switch (format) {
      case "csv" -> ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
          "attachment; filename=\"exposure.csv\"").result(csv(report));
      case "xlsx" -> ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("Content-Disposition", "attachment; filename=\"exposure.xlsx\"").result(xlsx(report, buyer, name));
      default -> ctx.contentType("application/json").result(LodestoneServer.JSON.writeValueAsBytes(
          json(report, buyer, u.nominal().name(), from, to, seed)));
    }
  }

  static ObjectNode json(ExposureReport report, Buyer buyer, String scenario, int from, int to, long seed) {
    ObjectNode o = LodestoneServer.JSON.createObjectNode();
    o.put("buyer", buyer.name());
    o.put("scenario", scenario);
    o.put("from", from);
    o.put("to", to);
    o.put("draws", report.draws());
    if (report.draws() > 0) {
      o.put("seed", seed);
      o.put("anyShortfallProbability", report.anyShortfallProbability());
    }
    ObjectNode sp = o.putObject("stockpile");
    sp.put("months", report.stockpile().months());
    sp.put("worstYear", report.stockpile().worstYear());
    sp.put("meanHoldingCostUsdPerYear", report.stockpile().meanHoldingCost());
    sp.put("carryingCostRate", buyer.carryingCostRate());
    ArrayNode rows = o.putArray("rows");
    for (ExposureReport.Row r : report.rows()) {
      ObjectNode row = rows.addObject();
      row.put("year", r.year());
      row.put("metric", r.metric());
      row.put("product", r.product());
      if (Double.isNaN(r.value())) {
        row.putNull("value");
      } else {
        row.put("value", r.value());
      }
      row.put("unit", r.unit());
    }
    return o;
  }

  static String csv(ExposureReport report) {
    StringBuilder b = new StringBuilder("year,metric,product,value,unit\n");
    for (ExposureReport.Row r : report.rows()) {
      b.append(r.year()).append(',').append(r.metric()).append(',').append(r.product()).append(',')
          .append(Double.isNaN(r.value()) ? "" : ResultsWriter.number(r.value())).append(',').append(r.unit())
          .append('\n');
    }
    return b.toString();
  }

  static byte[] xlsx(ExposureReport report, Buyer buyer, String scenario) throws IOException {
    List<Object[]> rows = new java.util.ArrayList<>();
    for (ExposureReport.Row r : report.rows()) {
      rows.add(new Object[] {r.year(), r.metric(), r.product(), Double.isNaN(r.value()) ? null : r.value(), r.unit()});
    }
    String[][] kv = {{"buyer", buyer.name()}, {"scenario", scenario}, {"draws", String.valueOf(report.draws())},
        {"stockpile_months", String.valueOf(report.stockpile().months())},
        {"stockpile_worst_year", String.valueOf(report.stockpile().worstYear())},
        {"stockpile_mean_holding_cost_usd_per_year", String.valueOf(report.stockpile().meanHoldingCost())}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exports.xlsxTable("exposure", new String[] {"year", "metric", "product", "value", "unit"}, rows, "buyer", kv, out);
    return out.toByteArray();
  }
}
