package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint in process through Javalin's test tools: answers, errors, auth, limits, traversal. */
class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;

  /**
   * A request whose connection Jetty may drop instead of answering (it does so for some ambiguous
   * encoded paths): null then — refused, and nothing was read or written.
   */
  static Response reqOrRefused(HttpClient c, String method, String path, String body) {
    try {
      return req(c, method, path, body, null);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception closed) { // an IOException, thrown through Kotlin without a declaration
      if (closed instanceof java.io.IOException) {
        return null;
      }
      throw new IllegalStateException(closed);
    }
  }

  static Response req(HttpClient c, String method, String path, String body, String token) {
    Consumer<io.javalin.testtools.Request.Builder> b = r -> {
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      switch (method) {
        case "POST" -> r.post(BodyPublishers.ofString(body == null ? "" : body));
        case "PUT" -> r.put(BodyPublishers.ofString(body == null ? "" : body));
        default -> r.get();
      }
    };
    return c.request(path, b);
  }

  static JsonNode json(Response r) throws Exception {
    return JSON.readTree(r.body().string());
  }

  static String waitDone(HttpClient c, String id, String token) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode s = json(req(c, "GET", "/api/runs/" + id, null, token));
      String st = s.path("status").asText();
      if (st.equals("done") || st.equals("failed") || st.equals("abandoned")) {
        return st;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " did not finish");
  }

  ServerConfig config() {
    return ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("t.duckdb"));
  }

  @Test
  void everyEndpointAnswersAndErrorsAreProblemJson() throws Exception {
    try (LodestoneServer server = LodestoneServer.create(config())) {
      JavalinTest.test(server.app(), (app, c) -> {
        JsonNode health = json(req(c, "GET", "/api/health", null, null));
        assertThat(health.get("status").asText()).isEqualTo("ok");

        JsonNode openapi = json(req(c, "GET", "/openapi.json", null, null));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        for (String p : List.of("/api/health", "/api/scenarios", "/api/scenarios/{name}", "/api/scenarios/validate",
            "/api/runs", "/api/ensembles", "/api/runs/{id}", "/api/runs/{id}/events", "/api/runs/{id}/results",
            "/api/runs/{id}/export", "/api/runs/{id}/producers", "/api/compare")) {
          assertThat(openapi.get("paths").has(p)).as(p).isTrue();
        }

        JsonNode scenarios = json(req(c, "GET", "/api/scenarios", null, null));
        assertThat(scenarios.findValuesAsText("name")).contains("base", "claim-total-120kt");
        JsonNode base = json(req(c, "GET", "/api/scenarios/base", null, null));
        assertThat(base.get("years").get("from").asInt()).isEqualTo(2015);
        assertThat(base.get("yaml").asText()).contains("name: base");
        assertThat(base.get("formDefaults").get("chinaMagnetKt").asDouble()).isGreaterThan(100);
        assertThat(req(c, "GET", "/api/scenarios/nope", null, null).code()).isEqualTo(404);

        // validate: ok and a positioned error, the same message as the CLI
        String good = "name: mine\nparent: base\nyears: {to: 2030}\n";
        assertThat(json(req(c, "POST", "/api/scenarios/validate?name=mine", good, null)).get("valid").asBoolean()).isTrue();
        Response bad = req(c, "POST", "/api/scenarios/validate?name=mine", "name: mine\nparent: base\nmagnet: {capactiy: 3}\n", null);
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.headers().get("Content-Type").get(0)).startsWith("application/problem+json");
        assertThat(json(bad).get("problems").get(0).get("message").asText()).startsWith("mine.yaml:3:").contains("capactiy");

        // upload, list, a child of the upload, and overwriting a shipped one
        Response up = req(c, "PUT", "/api/scenarios/mine", good, null);
        assertThat(up.code()).as(up.body().string()).isEqualTo(201);
        assertThat(json(req(c, "GET", "/api/scenarios", null, null)).findValuesAsText("name")).contains("mine");
        assertThat(req(c, "PUT", "/api/scenarios/child", "name: child\nparent: mine.yaml\n", null).code()).isEqualTo(201);
        assertThat(req(c, "PUT", "/api/scenarios/base", good, null).code()).isEqualTo(409);
        assertThat(req(c, "PUT", "/api/scenarios/other", good, null).code()).isEqualTo(422); // name mismatch

        // runs: start, status, SSE, results with filters, csv, export, compare
        Response started = req(c, "POST", "/api/runs", "{\"scenario\":\"base\"}", null);
        assertThat(started.code()).isEqualTo(202);
        String a = json(started).get("id").asText();
        JsonNode events = null;
        HttpResponse<String> sse = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(c.getOrigin() + "/api/runs/" + a + "/events")).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(sse.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(sse.body()).contains("data:").contains("\"status\":\"done\"");
        assertThat(waitDone(c, a, null)).isEqualTo("done");
        // read at once on the news of "done": the rows are stored by then (a 409 problem here was a race
        // between the job table and the store, fixed in RunManager.finishLocked and storedRun)
        JsonNode rows = json(req(c, "GET", "/api/runs/" + a + "/results?metric=price&stage=magnet&from=2024&to=2025", null, null));
        assertThat(rows.isArray()).as(rows.toString()).isTrue();
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("region").asText()).isEmpty();
        assertThat(rows.get(0).get("unit").asText()).isEqualTo("USD/kg");
        String csv = req(c, "GET", "/api/runs/" + a + "/results?metric=served,unserved&sector=ev-traction&format=csv", null, null).body().string();
        assertThat(csv).startsWith("year,metric,stage,product,region,sector,value,unit\n").contains(",served,,magnet,,ev-traction,");
        for (String f : List.of("csv", "json", "parquet", "xlsx")) {
          Response ex = req(c, "GET", "/api/runs/" + a + "/export?format=" + f, null, null);
          assertThat(ex.code()).as(f).isEqualTo(200);
          assertThat(ex.headers().get("Content-Disposition").get(0)).contains("lodestone-" + a + "." + f);
        }
        assertThat(req(c, "GET", "/api/runs/" + a + "/export?format=pdf", null, null).code()).isEqualTo(422);

        String overrides = "{\"scenario\":\"base\",\"overrides\":{\"demandGrowthPct\":8,\"demandGrowthFrom\":2025,"
            + "\"chinaMagnetKt\":150,\"chinaCapacityYear\":2030,\"scrapRecoveryPct\":50}}";
        String b = json(req(c, "POST", "/api/runs", overrides, null)).get("id").asText();
        assertThat(waitDone(c, b, null)).isEqualTo("done");
        JsonNode cmp = json(req(c, "GET", "/api/compare?a=" + a + "&b=" + b + "&metric=capacity&stage=magnet&region=CN&from=2030&to=2030", null, null));
        assertThat(cmp.get("rows").size()).isEqualTo(1);
        // the target scales the data's CN magnet capacity to 150 kt in 2030; endogenous plants
        // (producer new-magnets-CN) come on top of it
        double endogenous = 0;
        for (JsonNode p : json(req(c, "GET", "/api/runs/" + b + "/producers?stage=magnet", null, null))) {
          if (p.get("year").asInt() == 2030 && p.get("producer").asText().equals("new-magnets-CN")) {
            endogenous = p.get("capacity").asDouble();
          }
        }
        assertThat(cmp.get("rows").get(0).get("b").asDouble() - endogenous)
            .isCloseTo(150_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(cmp.get("rows").get(0).get("diff").asDouble()).isNotZero();
        JsonNode dem = json(req(c, "GET", "/api/compare?a=" + a + "&b=" + b + "&metric=demand_reference&sector=&product=magnet&region=&from=2035&to=2035", null, null));
        assertThat(dem.get("rows").get(0).get("b").asDouble()).isGreaterThan(dem.get("rows").get(0).get("a").asDouble());
        String c2 = json(req(c, "POST", "/api/runs", "{\"scenario\":\"child\"}", null)).get("id").asText();
        assertThat(waitDone(c, c2, null)).isEqualTo("done");

        JsonNode list = json(req(c, "GET", "/api/runs", null, null));
        assertThat(list.get("stored").findValuesAsText("id")).contains(a, b, c2);

        // input errors
        assertThat(req(c, "POST", "/api/runs", "{not json", null).code()).isEqualTo(400);
        assertThat(req(c, "POST", "/api/runs", "{\"scenario\":\"nope\"}", null).code()).isEqualTo(404);
        Response years = req(c, "POST", "/api/runs", "{\"scenario\":\"base\",\"from\":1990}", null);
        assertThat(years.code()).isEqualTo(422);
        assertThat(json(years).get("problems").get(0).get("message").asText()).isEqualTo(
            "from = 1990: year outside the scenario's axis 2015..2040");
        Response control = req(c, "POST", "/api/runs", "{\"overrides\":{\"exportControl\":true}}", null);
        assertThat(control.code()).isEqualTo(422); // the share that may still leave is required
        assertThat(json(control).get("problems").get(0).get("path").asText()).isEqualTo("overrides.exportControlSharePct");
        assertThat(req(c, "POST", "/api/runs", "{\"overrides\":{\"priceFloorUsdPerKg\":80,\"priceFloorFrom\":1990}}",
            null).code()).isEqualTo(422);
        assertThat(req(c, "POST", "/api/runs", "{\"overrides\":{\"bogus\":1}}", null).code()).isEqualTo(422);
        assertThat(req(c, "POST", "/api/ensembles", "{}", null).code()).isEqualTo(422); // draws required
        assertThat(req(c, "GET", "/api/runs/nope-123", null, null).code()).isEqualTo(404);
        assertThat(req(c, "GET", "/api/runs/NOT_AN_ID/results", null, null).code()).isEqualTo(400);
        assertThat(req(c, "GET", "/api/runs/" + a + "/results?from=abc", null, null).code()).isEqualTo(422);
        // a reversed window is an error, not an empty answer
        Response reversed = req(c, "GET", "/api/runs/" + a + "/results?from=2030&to=2020", null, null);
        assertThat(reversed.code()).isEqualTo(422);
        assertThat(json(reversed).get("problems").get(0).get("path").asText()).isEqualTo("from");
        assertThat(req(c, "GET", "/api/nothing-here", null, null).code()).isEqualTo(404);
        assertThat(json(req(c, "GET", "/api/nothing-here", null, null)).get("status").asInt()).isEqualTo(404);
      });
    }
  }

  @Test
  void producersMarginsAreSavedWithARunAndFilteredByStage() throws Exception {
    try (LodestoneServer server = LodestoneServer.create(config())) {
      JavalinTest.test(server.app(), (app, c) -> {
        String a = json(req(c, "POST", "/api/runs", "{\"scenario\":\"base\",\"from\":2024,\"to\":2026}", null))
            .get("id").asText();
        assertThat(waitDone(c, a, null)).isEqualTo("done");
        Response all = req(c, "GET", "/api/runs/" + a + "/producers", null, null);
        assertThat(all.code()).isEqualTo(200);
        assertThat(all.headers().get("Content-Type").get(0)).startsWith("application/json");
        JsonNode rows = json(all);
        assertThat(rows.size()).isGreaterThan(0);
        assertThat(rows.findValuesAsText("stage")).contains("magnet", "metal", "separation", "mining");
        assertThat(rows.findValues("year")).allMatch(y -> y.asInt() >= 2024 && y.asInt() <= 2026);
        JsonNode r0 = rows.get(0);
        for (String f : List.of("year", "producer", "stage", "region", "owner", "capacity", "production",
            "utilisation", "priceReceived", "inputCost", "cashCost", "margin")) {
          assertThat(r0.has(f)).as(f).isTrue();
        }
        JsonNode magnets = json(req(c, "GET", "/api/runs/" + a + "/producers?stage=magnet", null, null));
        assertThat(magnets.size()).isGreaterThan(0).isLessThan(rows.size());
        assertThat(magnets.findValuesAsText("stage")).containsOnly("magnet");
        for (JsonNode m : magnets) {
          if (m.get("margin").isNumber()) {
            assertThat(m.get("margin").asDouble()).isCloseTo(m.get("priceReceived").asDouble()
                - m.get("inputCost").asDouble() - m.get("cashCost").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
          }
        }
        assertThat(json(req(c, "GET", "/api/runs/" + a + "/producers?stage=nope", null, null)).size()).isZero();

        Response unknown = req(c, "GET", "/api/runs/nope-123/producers", null, null);
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.headers().get("Content-Type").get(0)).startsWith("application/problem+json");
        assertThat(json(unknown).get("status").asInt()).isEqualTo(404);
        assertThat(req(c, "GET", "/api/runs/NOT_AN_ID/producers", null, null).code()).isEqualTo(400);
      });
    }
  }

  @Test
  void noClientInputReadsOrWritesOutsideTheDataDirectory() throws Exception {
    Path secret = dir.resolve("secret.yaml");
    Files.writeString(secret, "name: secret\nparent: base\n");
    try (LodestoneServer server = LodestoneServer.create(config())) {
      // no cookie-clearing request after the test: Jetty may drop the client's pooled connection on an
      // ambiguous encoded path, and the cleanup request would then fail on the dead connection
      io.javalin.testtools.TestConfig noCleanup = new io.javalin.testtools.TestConfig(false, true,
          java.net.http.HttpClient.newHttpClient(), java.util.Map.of());
      JavalinTest.test(server.app(), noCleanup, (app, c) -> {
        for (String path : List.of("/api/scenarios/..%2F..%2Fsecret", "/api/scenarios/..%2Fsecret.yaml",
            "/api/scenarios/%2Fetc%2Fpasswd", "/api/runs/..%2F..%2Fx/export?format=parquet")) {
          Response r = reqOrRefused(c, "GET", path, null);
          if (r != null) {
            assertThat(r.code()).as(path).isIn(400, 404);
            assertThat(r.body().string()).doesNotContain("secret.yaml:");
          }
        }
        Response evil = reqOrRefused(c, "PUT", "/api/scenarios/..%2Fevil", "name: evil\nparent: base\n");
        if (evil != null) {
          assertThat(evil.code()).isIn(400, 404);
        }
        Response parent = req(c, "PUT", "/api/scenarios/evil", "name: evil\nparent: " + secret + "\n", null);
        assertThat(parent.code()).isEqualTo(422);
        assertThat(json(parent).get("problems").get(0).get("message").asText()).startsWith("evil.yaml:2:9 parent = ");
        assertThat(req(c, "PUT", "/api/scenarios/evil2", "name: evil2\nparent: ../../secret.yaml\n", null).code()).isEqualTo(422);
        assertThat(req(c, "POST", "/api/scenarios/validate", "name: x\nparent: ../secret.yaml\n", null).code()).isEqualTo(422);
        assertThat(req(c, "POST", "/api/runs", "{\"scenario\":\"../../secret\"}", null).code()).isEqualTo(400);
        Response dotted = reqOrRefused(c, "GET", "/%2e%2e/%2e%2e/secret.yaml", null);
        if (dotted != null) {
          assertThat(dotted.body().string()).doesNotContain("name: secret");
        }
      });
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
        .isSubsetOf("secret.yaml", "data", "t.duckdb", "t.duckdb.wal");
    try (var files = Files.walk(dir.resolve("data"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).doesNotContain("evil.yaml", "evil2.yaml", "x.yaml");
    }
  }

  @Test
  void aTokenIsRequiredOffLoopbackAndThenOnEveryCall() throws Exception {
    assertThatThrownBy(() -> LodestoneServer.create(config().withHost("0.0.0.0", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    try (LodestoneServer server = LodestoneServer.create(config().withToken("s3cret"))) {
      JavalinTest.test(server.app(), (app, c) -> {
        for (String p : List.of("/api/health", "/api/scenarios", "/api/runs", "/openapi.json")) {
          Response r = req(c, "GET", p, null, null);
          assertThat(r.code()).as(p).isEqualTo(401);
          assertThat(r.headers().get("WWW-Authenticate")).contains("Bearer");
          assertThat(req(c, "GET", p, null, "wrong").code()).isEqualTo(401);
          assertThat(req(c, "GET", p, null, "s3cret").code()).isEqualTo(200);
        }
        assertThat(req(c, "POST", "/api/runs", "{}", null).code()).isEqualTo(401);
        assertThat(req(c, "GET", "/", null, null).code()).isEqualTo(200); // the page itself; its calls carry the token
      });
    }
  }

  @Test
  void requestCostIsBounded() throws Exception {
    ServerConfig cfg = config().withLimits(2_000, 2, 20, 1);
    RunExecutor slow = (s, from, to, draws, seed, progress) -> {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return RunExecutor.ANNUAL.execute(s, from, to, draws, seed, progress);
    };
    try (LodestoneServer server = LodestoneServer.create(cfg, slow)) {
      JavalinTest.test(server.app(), (app, c) -> {
        Response big = req(c, "POST", "/api/scenarios/validate", "name: x\nparent: base\n" + "#".repeat(5_000), null);
        assertThat(big.code()).isEqualTo(413);
        assertThat(json(big).get("status").asInt()).isEqualTo(413);
        assertThat(req(c, "POST", "/api/runs", "{\"scenario\":\"base\"}", null).code()).isEqualTo(413); // 26 years > 20 run-years
      });
    }
    try (LodestoneServer server = LodestoneServer.create(config().withLimits(1 << 20, 2, 100, 1), slow)) {
      JavalinTest.test(server.app(), (app, c) -> {
        List<Integer> codes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 4; i++) {
          last = req(c, "POST", "/api/runs", "{\"scenario\":\"base\"}", null);
          codes.add(last.code());
          if (last.code() == 202) {
            ids.add(json(last).get("id").asText());
          }
        }
        assertThat(codes).containsExactly(202, 202, 429, 429);
        assertThat(last.headers().get("Retry-After")).containsExactly("2");
        Response running = req(c, "GET", "/api/runs/" + ids.get(1) + "/results", null, null);
        assertThat(running.code()).isEqualTo(409);
        for (String id : ids) {
          assertThat(waitDone(c, id, null)).isEqualTo("done");
        }
        assertThat(req(c, "POST", "/api/runs", "{\"scenario\":\"base\"}", null).code()).isEqualTo(202);
      });
    }
  }

  @Test
  void gracefulShutdownFinishesRunsInProgress() throws Exception {
    RunExecutor slow = (s, from, to, draws, seed, progress) -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return RunExecutor.ANNUAL.execute(s, from, to, draws, seed, progress);
    };
    String[] id = new String[1];
    LodestoneServer server = LodestoneServer.create(config(), slow);
    JavalinTest.test(server.app(), (app, c) -> id[0] = json(req(c, "POST", "/api/runs", "{}", null)).get("id").asText());
    server.close();
    try (var store = org.lodestone.store.ResultsStore.open(dir.resolve("t.duckdb"))) {
      assertThat(store.run(id[0])).isPresent();
      assertThat(store.integrityProblems()).isEmpty();
    }
  }
}
