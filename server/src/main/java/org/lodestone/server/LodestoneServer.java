package org.lodestone.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lodestone.core.model.Stage;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.core.results.ResultRow;
import org.lodestone.io.results.ResultsWriter;
import org.lodestone.scenario.Scenario;
import org.lodestone.store.ExportFormat;
import org.lodestone.store.Exports;
import org.lodestone.store.ResultsQuery;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.RunRecord;
import org.lodestone.store.StoreException;
import org.lodestone.store.StoredRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lodestone server: REST API under {@code /api}, its OpenAPI document at {@code /openapi.json} and
 * the dashboard at {@code /}. {@link #create} builds everything and returns the server without starting
 * it, so tests drive {@link #app()} in process; {@link #start()} binds {@code host:port}; {@link #close()}
 * shuts down gracefully (runs in progress finish or are abandoned, the store is closed).
 *
 * <p>Every failure is answered as RFC 9457 {@code application/problem+json}. The server reads and writes
 * only inside its data directory: scenario and run names are checked against fixed patterns, uploaded
 * scenarios may descend only from shipped or uploaded ones, and scratch files get generated names.
 */
public final class LodestoneServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LodestoneServer.class);
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM_JSON = "application/problem+json";

  private final ServerConfig config;
  private final ResultsStore store;
  private final ScenarioCatalog catalog;
  private final RunManager runs;
  private final Javalin app;
  private final byte[] tokenBytes;

  private LodestoneServer(ServerConfig config, RunExecutor executor) throws IOException {
    if (!config.loopback() && config.token() == null) {
      throw new IllegalArgumentException("binding " + config.host() + " (not loopback) needs a token: --token or "
          + ServerConfig.TOKEN_ENV);
    }
    this.config = config;
    Files.createDirectories(config.dataDir());
    this.catalog = new ScenarioCatalog(config.dataDir());
    this.store = ResultsStore.open(config.dbFile());
    List<String> broken = store.integrityProblems();
    if (!broken.isEmpty()) {
      LOG.warn("results store {} is inconsistent: {}", config.dbFile(), broken);
    }
    this.runs = new RunManager(store, executor, config.runThreads(), config.maxActiveRuns());
    this.tokenBytes = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = config.maxBodyBytes();
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      cfg.staticFiles.add("/public", Location.CLASSPATH);
      cfg.staticFiles.enableWebjars();
      routes(cfg.routes);
    });
  }

  /** Builds a server with the annual engine. */
  public static LodestoneServer create(ServerConfig config) throws IOException {
    return create(config, RunExecutor.ANNUAL);
  }

  /** Builds a server that computes runs with {@code executor} (ensembles plug in here). */
  public static LodestoneServer create(ServerConfig config, RunExecutor executor) throws IOException {
    return new LodestoneServer(config, executor);
  }

  /** The Javalin app (not started). */
  public Javalin app() {
    return app;
  }

  /** The port listened on once started (the configured one, or the one picked for port 0). */
  public int port() {
    return app.port();
  }

  /** The results store. */
  public ResultsStore store() {
    return store;
  }

  public ServerConfig config() {
    return config;
  }

  /** Starts listening on the configured host and port. */
  public LodestoneServer start() {
    app.start();
    return this;
  }

  /** Graceful shutdown: finishes or abandons runs within the grace period, stops HTTP, closes the store. */
  @Override
  public void close() {
    runs.shutdown(config.shutdownGraceMs());
    try {
      app.stop();
    } finally {
      store.close();
    }
  }

  // ---- routes ------------------------------------------------------------------------------

  private void routes(io.javalin.config.RoutesConfig r) {
    r.before("/api/*", this::guard);
    r.before("/openapi.json", this::guard);
    r.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
    r.exception(InvalidInputException.class, (e, ctx) -> problem(ctx, ApiProblem.invalid(e.problems())));
    r.exception(StoreException.class, (e, ctx) -> problem(ctx, new ApiProblem(500, "Store error", e.getMessage())));
    r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
        problem(ctx, new ApiProblem(e.getStatus(), reason(e.getStatus()), e.getMessage())));
    r.exception(Exception.class, (e, ctx) -> {
      LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
      problem(ctx, new ApiProblem(500, "Internal error", e.toString()));
    });
    r.error(404, ctx -> {
      if (ctx.path().startsWith("/api") && !PROBLEM_JSON.equals(ctx.res().getContentType())) {
        problem(ctx, ApiProblem.notFound("no such resource: " + ctx.path()));
      }
    });
    r.error(405, ctx -> problem(ctx, new ApiProblem(405, "Method not allowed", ctx.method() + " " + ctx.path())));
    r.error(413, ctx -> {
      if (!PROBLEM_JSON.equals(ctx.res().getContentType())) { // a 413 "Run too large" is already answered
        problem(ctx, new ApiProblem(413, "Payload too large",
            "request bodies are limited to " + config.maxBodyBytes() + " bytes"));
      }
    });

    r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(resource("openapi.json")));
    r.get("/api/health", this::health);
    r.get("/api/scenarios", this::listScenarios);
    r.post("/api/scenarios/validate", this::validateScenario);
    r.get("/api/scenarios/{name}", this::getScenario);
    r.put("/api/scenarios/{name}", this::uploadScenario);
    r.get("/api/runs", this::listRuns);
    r.post("/api/runs", this::startRun);
    r.post("/api/ensembles", this::startEnsemble);
    r.get("/api/runs/{id}", this::runStatus);
    r.sse("/api/runs/{id}/events", this::runEvents);
    r.get("/api/runs/{id}/results", this::results);
    r.get("/api/runs/{id}/producers", this::producers);
    r.get("/api/runs/{id}/export", this::export);
    r.get("/api/compare", this::compare);
    r.post("/api/exposure", new ExposureApi(config, catalog, runs)::post);
    r.get("/api/backtest", new HistoryApi(config, catalog, runs)::get);
  }

  private void guard(Context ctx) {
    long len = ctx.req().getContentLengthLong();
    if (len > config.maxBodyBytes()) {
      throw new ApiProblem(413, "Payload too large", "request bodies are limited to " + config.maxBodyBytes()
          + " bytes; this one has " + len);
    }
    if (tokenBytes == null) {
      return;
    }
    String auth = ctx.header("Authorization");
    byte[] given = auth != null && auth.startsWith("Bearer ")
        ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, tokenBytes)) {
      throw new ApiProblem(401, "Unauthorized", "this server needs `Authorization: Bearer <token>`",
          List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 413 -> "Payload too large";
      default -> "HTTP " + status;
    };
  }

  private static void problem(Context ctx, ApiProblem p) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.getMessage());
    body.put("instance", ctx.path());
    if (!p.problems().isEmpty()) {
      ArrayNode list = body.putArray("problems");
      for (Problem q : p.problems()) {
        ObjectNode o = list.addObject();
        o.put("message", q.format());
        o.put("file", q.file());
        o.put("line", q.line());
        o.put("column", q.column());
        o.put("path", q.path());
        o.put("value", q.value());
        o.put("rule", q.rule());
        o.put("hint", q.hint());
      }
    }
    p.headers().forEach(ctx::header);
    ctx.status(p.status()).contentType(PROBLEM_JSON).result(body.toString());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LodestoneServer.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private static void json(Context ctx, int status, Object body) throws IOException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  // ---- handlers ----------------------------------------------------------------------------

  private void health(Context ctx) throws IOException {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("status", "ok");
    h.put("activeRuns", runs.active());
    h.put("maxActiveRuns", config.maxActiveRuns());
    h.put("storedRuns", store.runs().size());
    h.put("store", config.dbFile().getFileName().toString());
    json(ctx, 200, h);
  }

  private void listScenarios(Context ctx) throws IOException {
    json(ctx, 200, catalog.list());
  }

  private void getScenario(Context ctx) throws IOException {
    String name = ScenarioCatalog.checkName(ctx.pathParam("name"));
    if (!catalog.exists(name)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    Scenario s = catalog.load(name);
    ObjectNode o = summary(s);
    o.put("yaml", catalog.content(name));
    json(ctx, 200, o);
  }

  private static ObjectNode summary(Scenario s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", s.name());
    o.put("title", s.title());
    o.put("description", s.description());
    o.set("lineage", JSON.valueToTree(s.lineage()));
    ObjectNode years = o.putObject("years");
    years.put("from", s.chain().axis().firstYear());
    years.put("to", s.chain().axis().lastYear());
    o.set("regions", JSON.valueToTree(s.chain().regionCodes()));
    o.put("producers", s.chain().producers().size());
    o.set("sectors", JSON.valueToTree(s.chain().sectors().stream().map(x -> x.id()).toList()));
    o.put("sources", s.sources().size());
    int y = Math.min(s.chain().axis().lastYear(), 2030);
    ObjectNode form = o.putObject("formDefaults");
    form.put("chinaCapacityYear", y);
    form.put("chinaMagnetKt", Math.round(ScenarioCatalog.chinaCapacityT(s.chain(), Stage.MAGNET, y) / 100) / 10.0);
    form.put("demandGrowthFrom", Math.min(s.chain().axis().lastYear(), 2025));
    form.put("policyFrom", ScenarioCatalog.policyFrom(s.chain()));
    form.put("policyTo", s.chain().axis().lastYear());
    form.put("regional", s.chain().isRegional());
    form.put("maxDraws", ServerConfig.MAX_DRAWS);
    return o;
  }

  private void validateScenario(Context ctx) throws IOException {
    String name = ctx.queryParam("name") == null ? "scenario" : ScenarioCatalog.checkName(ctx.queryParam("name"));
    Scenario s = catalog.validate(name, ctx.body());
    ObjectNode o = summary(s);
    o.put("valid", true);
    json(ctx, 200, o);
  }

  private void uploadScenario(Context ctx) throws IOException {
    String name = ScenarioCatalog.checkName(ctx.pathParam("name"));
    Scenario s = catalog.upload(name, ctx.body());
    ctx.header("Location", "/api/scenarios/" + name);
    json(ctx, 201, summary(s));
  }

  private void listRuns(Context ctx) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", runs.statuses().stream().map(LodestoneServer::statusJson).toList());
    out.put("stored", store.runs().stream().map(LodestoneServer::runJson).toList());
    json(ctx, 200, out);
  }

  static Map<String, Object> runJson(RunRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("scenario", r.scenarioName());
    m.put("scenarioHash", r.scenarioHash());
    m.put("seed", r.seed());
    m.put("engine", r.engine());
    m.put("created", r.created().toString());
    m.put("status", "done");
    m.put("progress", 1.0);
    m.put("durationMs", r.durationMs());
    m.put("fromYear", r.fromYear());
    m.put("toYear", r.toYear());
    m.put("rows", r.rows());
    m.put("draws", r.draws());
    return m;
  }

  static Map<String, Object> statusJson(RunManager.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("scenario", s.scenario());
    m.put("status", s.status().name());
    m.put("progress", Math.round(s.progress() * 1000) / 1000.0);
    m.put("message", s.message());
    m.put("created", s.created().toString());
    m.put("durationMs", s.durationMs());
    return m;
  }

  private void startRun(Context ctx) throws IOException {
    start(ctx, false);
  }

  private void startEnsemble(Context ctx) throws IOException {
    start(ctx, true);
  }

  /** An optional whole number of a request; {@code dflt} when absent. */
  static Integer wholeNumber(JsonNode req, String field, Integer dflt, List<Problem> problems) {
    JsonNode v = req.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(new Problem(null, 0, 0, field, v.toString(), "must be a whole number", null));
      return dflt;
    }
    return v.asInt();
  }

  /** Checks a request's {@code from}..{@code to} against a scenario's axis (422 with both problems). */
  static void checkYears(org.lodestone.core.model.TimeAxis axis, int from, int to) {
    List<Problem> problems = new ArrayList<>();
    String range = axis.firstYear() + ".." + axis.lastYear();
    if (!axis.contains(from)) {
      problems.add(new Problem(null, 0, 0, "from", String.valueOf(from), "year outside the scenario's axis " + range, null));
    }
    if (!axis.contains(to)) {
      problems.add(new Problem(null, 0, 0, "to", String.valueOf(to), "year outside the scenario's axis " + range, null));
    }
    if (problems.isEmpty() && from > to) {
      problems.add(new Problem(null, 0, 0, "from", String.valueOf(from), "must not be after `to` (" + to + ")", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /**
   * Starts a run ({@code POST /api/runs}, draws 0 or absent) or an ensemble ({@code POST /api/ensembles}, or
   * {@code /api/runs} with draws &gt; 0): checks the request, reserves a slot and answers 202 with the id.
   */
  private void start(Context ctx, boolean ensembleEndpoint) throws IOException {
    JsonNode req;
    try {
      req = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw ApiProblem.badRequest("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!req.isObject()) {
      throw ApiProblem.badRequest("body must be a JSON object like {\"scenario\": \"base\"}");
    }
    String name = ScenarioCatalog.checkName(req.path("scenario").asText("base"));
    List<Problem> input = new ArrayList<>();
    Integer drawsIn = wholeNumber(req, "draws", null, input);
    int draws = drawsIn == null ? 0 : drawsIn;
    if (ensembleEndpoint && drawsIn == null && input.isEmpty()) {
      input.add(new Problem(null, 0, 0, "draws", null, "required: the number of draws, 1.." + ServerConfig.MAX_DRAWS,
          "POST /api/runs runs one deterministic run"));
    } else if (ensembleEndpoint && draws <= 0) {
      input.add(new Problem(null, 0, 0, "draws", String.valueOf(draws), "must be > 0",
          "POST /api/runs runs one deterministic run"));
    } else if (draws < 0) {
      input.add(new Problem(null, 0, 0, "draws", String.valueOf(draws), "must be >= 0 (0: one deterministic run)", null));
    } else if (draws > ServerConfig.MAX_DRAWS) {
      input.add(new Problem(null, 0, 0, "draws", String.valueOf(draws), "at most " + ServerConfig.MAX_DRAWS
          + " draws per ensemble", null));
    }
    Integer threadsIn = wholeNumber(req, "threads", null, input);
    if (threadsIn != null && threadsIn <= 0) {
      input.add(new Problem(null, 0, 0, "threads", String.valueOf(threadsIn), "must be > 0", null));
    }
    int threads = Math.min(threadsIn == null || threadsIn <= 0 ? Ensembles.cores() : threadsIn, Ensembles.cores());
    Integer fromIn = wholeNumber(req, "from", null, input);
    Integer toIn = wholeNumber(req, "to", null, input);
    JsonNode seedNode = req.get("seed");
    if (seedNode != null && !seedNode.isNull() && !(seedNode.isIntegralNumber() && seedNode.canConvertToLong())) {
      input.add(new Problem(null, 0, 0, "seed", seedNode.toString(), "must be a whole number", null));
    }
    if (!input.isEmpty()) {
      throw new InvalidInputException(input);
    }
    boolean ensemble = draws > 0;
    long seed = req.path("seed").asLong(ensemble ? 1 : 0);
    ScenarioCatalog.Overrides o = overrides(req.path("overrides"));
    if (!catalog.exists(name)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    runs.reserve();
    boolean submitted = false;
    try {
      String id = RunManager.newId();
      Scenario parent = catalog.load(name);
      Scenario s = parent;
      String content = catalog.content(name);
      if (!o.empty()) {
        content = catalog.childYaml(name, parent, o);
        s = catalog.loadGenerated(id, content);
      }
      int first = s.chain().axis().firstYear();
      int last = s.chain().axis().lastYear();
      int from = fromIn == null ? first : fromIn;
      int to = toIn == null ? last : toIn;
      checkYears(s.chain().axis(), from, to);
      // the engine computes every year of the axis whatever is reported; a regional year costs ~100 global ones
      int yearCost = s.chain().isRegional() ? ServerConfig.REGIONAL_YEAR_COST : 1;
      long cost = (long) s.chain().axis().size() * yearCost * Math.max(1, draws);
      if (cost > config.maxRunYears()) {
        throw new ApiProblem(413, "Run too large", "this run costs " + cost + " run-years (years x max(1, draws)"
            + (yearCost > 1 ? " x " + yearCost + " for regional markets" : "") + "); the limit is "
            + config.maxRunYears() + (ensemble ? ": use fewer draws" : ""));
      }
      RunManager.Status st;
      if (ensemble) {
        var u = o.empty() ? catalog.loadUncertain(name) : catalog.loadGeneratedUncertain(id, content);
        String msg = u.dimension() == 0 ? "running " + draws + " draws (the scenario has no distributions: every"
            + " draw is the nominal run)" : "running " + draws + " draws over " + u.dimension()
            + " uncertain parameters on " + threads + (threads == 1 ? " thread" : " threads");
        int f = from;
        int t = to;
        st = runs.submit(id, s.name(), content, from, to, msg, p -> Ensembles.run(u, f, t, draws, seed, threads, p));
      } else {
        st = runs.submit(id, s, content, from, to, 0, seed);
      }
      submitted = true;
      Map<String, Object> body = statusJson(st);
      body.put("draws", draws);
      body.put("links", Map.of("status", "/api/runs/" + id, "events", "/api/runs/" + id + "/events",
          "results", "/api/runs/" + id + "/results"));
      ctx.header("Location", "/api/runs/" + id);
      json(ctx, 202, body);
    } finally {
      if (!submitted) {
        runs.release();
      }
    }
  }

  private static ScenarioCatalog.Overrides overrides(JsonNode o) {
    if (o.isMissingNode() || o.isNull()) {
      return new ScenarioCatalog.Overrides(null, null, null, null, null, null, null, null, null, null, null, null);
    }
    if (!o.isObject()) {
      throw ApiProblem.badRequest("`overrides` must be an object");
    }
    List<String> known = List.of("demandGrowthPct", "demandGrowthFrom", "chinaMagnetKt", "chinaCapacityYear",
        "scrapRecoveryPct", "exportControl", "exportControlSharePct", "exportControlFrom", "exportControlTo",
        "priceFloorUsdPerKg", "priceFloorFrom", "priceFloorTo");
    List<Problem> problems = new ArrayList<>();
    o.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        problems.add(new Problem(null, 0, 0, "overrides." + f, null, "unknown assumption",
            "known: " + String.join(", ", known)));
      }
    });
    for (String f : known) {
      JsonNode v = o.get(f);
      if (v != null && !v.isNull() && !(f.equals("exportControl") ? v.isBoolean() : v.isNumber())) {
        problems.add(new Problem(null, 0, 0, "overrides." + f, v.toString(),
            f.equals("exportControl") ? "must be true or false" : "must be a number", null));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new ScenarioCatalog.Overrides(dbl(o, "demandGrowthPct"), integer(o, "demandGrowthFrom"),
        dbl(o, "chinaMagnetKt"), integer(o, "chinaCapacityYear"), dbl(o, "scrapRecoveryPct"),
        o.hasNonNull("exportControl") ? o.get("exportControl").asBoolean() : null,
        dbl(o, "exportControlSharePct"), integer(o, "exportControlFrom"), integer(o, "exportControlTo"),
        dbl(o, "priceFloorUsdPerKg"), integer(o, "priceFloorFrom"), integer(o, "priceFloorTo"));
  }

  private static Double dbl(JsonNode o, String f) {
    return o.hasNonNull(f) ? o.get(f).asDouble() : null;
  }

  private static Integer integer(JsonNode o, String f) {
    return o.hasNonNull(f) ? o.get(f).asInt() : null;
  }

  private static String checkRunId(String id) {
    if (id == null || !RunRecord.ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("run id must match " + RunRecord.ID.pattern());
    }
    return id;
  }

  private Map<String, Object> status(String id) {
    RunManager.Job job = runs.job(id);
    if (job != null) {
      return statusJson(job.status());
    }
    return store.run(id).map(LodestoneServer::runJson)
        .orElseThrow(() -> ApiProblem.notFound("no run " + id + " (GET /api/runs lists them)"));
  }

  private void runStatus(Context ctx) throws IOException {
    json(ctx, 200, status(checkRunId(ctx.pathParam("id"))));
  }

  private void runEvents(SseClient client) {
    String id;
    try {
      id = checkRunId(client.ctx().pathParam("id"));
      status(id);
    } catch (ApiProblem e) {
      client.sendEvent("error", e.getMessage());
      client.close();
      return;
    }
    RunManager.Job job = runs.job(id);
    if (job == null || job.status().terminal()) {
      send(client, status(id));
      client.close();
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    java.util.function.Consumer<RunManager.Status> listener = s -> {
      if (client.terminated()) {
        throw new IllegalStateException("client gone");
      }
      send(client, statusJson(s));
      if (s.terminal()) {
        done.countDown();
      }
    };
    job.listeners.add(listener);
    client.onClose(() -> job.listeners.remove(listener));
    send(client, statusJson(job.status()));
    if (job.status().terminal()) {
      done.countDown();
    }
    try {
      // hold the request until the run ends (bounded), then close the stream
      done.await(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      job.listeners.remove(listener);
      client.close();
    }
  }

  private static void send(SseClient client, Map<String, Object> status) {
    try {
      client.sendEvent(String.valueOf(status.get("status")), JSON.writeValueAsString(status));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private RunRecord storedRun(String id) {
    RunManager.Job job = runs.job(id);
    RunManager.Status s = job == null ? null : job.status();
    if (s != null && s.status() != RunManager.Phase.done) { // a done run's rows are already stored
      throw new ApiProblem(409, "Run not finished", "run " + id + " is " + s.status()
          + (s.status() == RunManager.Phase.failed ? ": " + s.message() : "; its results appear when it is done"));
    }
    return store.run(id).orElseThrow(() -> ApiProblem.notFound("no run " + id + " (GET /api/runs lists them)"));
  }

  private static List<String> csvParam(Context ctx, String name) {
    List<String> out = new ArrayList<>();
    for (String v : ctx.queryParams(name)) {
      out.addAll(Arrays.stream(v.split(",", -1)).map(String::strip).toList());
    }
    return out;
  }

  static Integer yearParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(new Problem(null, 0, 0, name, v, "must be a year", null));
    }
  }

  private static ResultsQuery query(Context ctx) {
    Integer from = yearParam(ctx, "from");
    Integer to = yearParam(ctx, "to");
    if (from != null && to != null && from > to) {
      throw new InvalidInputException(new Problem(null, 0, 0, "from", String.valueOf(from),
          "must not be after to (" + to + ")", null));
    }
    return new ResultsQuery(csvParam(ctx, "metric"), csvParam(ctx, "stage"), csvParam(ctx, "product"),
        csvParam(ctx, "region"), csvParam(ctx, "sector"), from, to);
  }

  private void results(Context ctx) throws IOException {
    RunRecord run = storedRun(checkRunId(ctx.pathParam("id")));
    List<StoredRow> rows = store.rows(run.id(), query(ctx));
    boolean ensemble = run.draws() > 0;
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rows.size() * 64);
    switch (format) {
      case "json" -> {
        Exports.json(rows, ensemble, out);
        ctx.contentType("application/json");
      }
      case "csv" -> {
        Exports.csv(rows, ensemble, out);
        ctx.contentType("text/csv; charset=utf-8");
      }
      default -> throw new InvalidInputException(new Problem(null, 0, 0, "format", format, "must be json or csv", null));
    }
    ctx.result(out.toByteArray());
  }

  /** {@code GET /api/runs/{id}/producers[?stage=magnet]}: producers' margins by year (single runs). */
  private void producers(Context ctx) throws IOException {
    RunRecord run = storedRun(checkRunId(ctx.pathParam("id")));
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProducerRow p : store.producers(run.id(), csvParam(ctx, "stage"))) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("year", p.year());
      o.put("producer", p.producer());
      o.put("stage", p.stage());
      o.put("region", p.region());
      o.put("owner", p.owner());
      o.put("capacity", finite(p.capacity()));
      o.put("production", finite(p.production()));
      o.put("utilisation", finite(p.utilisation()));
      o.put("priceReceived", finite(p.priceReceived()));
      o.put("inputCost", finite(p.inputCost()));
      o.put("cashCost", finite(p.cashCost()));
      o.put("margin", finite(p.margin()));
      out.add(o);
    }
    json(ctx, 200, out);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? Noise.clean(v) : null;
  }

  private void export(Context ctx) throws IOException {
    RunRecord run = storedRun(checkRunId(ctx.pathParam("id")));
    String f = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
    ExportFormat format;
    try {
      format = ExportFormat.valueOf(f);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(new Problem(null, 0, 0, "format", f, "must be csv, json, parquet or xlsx", null));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.export(run.id(), format, out, catalog.scratchDir());
    ctx.header("Content-Disposition", "attachment; filename=\"lodestone-" + run.id() + "." + format.extension() + "\"");
    ctx.contentType(format.mediaType()).result(out.toByteArray());
  }

  private void compare(Context ctx) throws IOException {
    RunRecord a = storedRun(checkRunId(ctx.queryParam("a")));
    RunRecord b = storedRun(checkRunId(ctx.queryParam("b")));
    ResultsQuery q = query(ctx);
    Map<CompareKey, double[]> joined = new LinkedHashMap<>();
    Map<CompareKey, StoredRow> keys = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      for (StoredRow sr : store.rows(side == 0 ? a.id() : b.id(), q)) {
        if (sr.draw() != null) {
          continue; // compare deterministic rows and percentiles, not single draws
        }
        var r = sr.row();
        CompareKey k = new CompareKey(r.key(), sr.percentile());
        keys.putIfAbsent(k, sr);
        joined.computeIfAbsent(k, x -> new double[] {Double.NaN, Double.NaN})[side] = r.value();
      }
    }
    ctx.contentType("application/json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectField("a", runJson(a));
      g.writeObjectField("b", runJson(b));
      g.writeArrayFieldStart("rows");
      for (var e : joined.entrySet()) {
        var r = keys.get(e.getKey()).row();
        double[] v = e.getValue();
        g.writeStartObject();
        ResultsWriter.writeKeyFields(g, r);
        g.writeStringField("unit", r.unit());
        writeNumber(g, "a", v[0]);
        writeNumber(g, "b", v[1]);
        writeNumber(g, "diff", v[1] - v[0]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    ctx.result(out.toByteArray());
  }

  /** A row of a compared run: its key and, for ensembles, its percentile (null for the mean). */
  private record CompareKey(ResultRow.Key row, Double percentile) {
  }

  private static void writeNumber(JsonGenerator g, String f, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNullField(f);
    } else {
      g.writeNumberField(f, Noise.clean(v));
    }
  }
}
