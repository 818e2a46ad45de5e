package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestone.server.ApiTest.json;
import static org.lodestone.server.ApiTest.req;
import static org.lodestone.server.ApiTest.waitDone;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ensembles through the API, and the form's export control and price floor as generated child scenarios. */
class EnsembleAndPolicyApiTest {
  static final String UNCERTAIN = "name: unc\nparent: base\n"
      + "magnet: {scrapRecovery: {dist: uniform, min: 80 %, max: 100 %}}\n";

  @TempDir
  Path dir;

  ServerConfig config() {
    return ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("e.duckdb"));
  }

  /** year|metric|stage|product|region|sector -> value, of the plain (non-percentile) rows. */
  static Map<String, Double> values(JsonNode rows) {
    Map<String, Double> m = new HashMap<>();
    for (JsonNode r : rows) {
      if (r.path("percentile").isNull() || r.path("percentile").isMissingNode()) {
        m.put(r.get("year").asInt() + "|" + r.get("metric").asText() + "|" + r.get("stage").asText() + "|"
            + r.get("product").asText() + "|" + r.get("region").asText() + "|" + r.get("sector").asText(),
            r.get("value").asDouble());
      }
    }
    return m;
  }

  @Test
  void anEnsembleRunsAsynchronouslyAndStoresPercentiles() throws Exception {
    try (LodestoneServer server = LodestoneServer.create(config())) {
      JavalinTest.test(server.app(), (app, c) -> {
        assertThat(req(c, "PUT", "/api/scenarios/unc", UNCERTAIN, null).code()).isEqualTo(201);
        Response started = req(c, "POST", "/api/ensembles",
            "{\"scenario\":\"unc\",\"draws\":50,\"seed\":7,\"from\":2024,\"to\":2026}", null);
        assertThat(started.code()).as(started.body().string()).isEqualTo(202);
        JsonNode body = json(started);
        String id = body.get("id").asText();
        assertThat(body.get("draws").asInt()).isEqualTo(50);
        HttpResponse<String> sse = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(c.getOrigin() + "/api/runs/" + id + "/events")).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(sse.body()).contains("\"status\":\"done\"");
        assertThat(waitDone(c, id, null)).isEqualTo("done");
        JsonNode run = json(req(c, "GET", "/api/runs/" + id, null, null));
        assertThat(run.get("draws").asInt()).isEqualTo(50);
        assertThat(run.get("engine").asText()).startsWith("mc/1");
        assertThat(run.get("fromYear").asInt()).isEqualTo(2024);

        JsonNode rows = json(req(c, "GET", "/api/runs/" + id + "/results", null, null));
        assertThat(rows.size()).isGreaterThan(100);
        Map<String, double[]> bands = new HashMap<>();
        for (JsonNode r : rows) {
          assertThat(r.get("year").asInt()).isBetween(2024, 2026);
          assertThat(r.get("draw").isNull()).isTrue();
          String key = r.get("year").asInt() + "|" + r.get("metric").asText() + "|" + r.get("stage").asText() + "|"
              + r.get("product").asText() + "|" + r.get("region").asText() + "|" + r.get("sector").asText();
          double[] b = bands.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
          JsonNode p = r.get("percentile");
          if (p.isNull()) {
            b[3] = r.get("value").asDouble();
          } else if (p.asDouble() == 5) {
            b[0] = r.get("value").asDouble();
          } else if (p.asDouble() == 50) {
            b[1] = r.get("value").asDouble();
          } else if (p.asDouble() == 95) {
            b[2] = r.get("value").asDouble();
          } else {
            assertThat(p.asDouble()).isIn(25.0, 75.0);
          }
        }
        int meanOutside = 0;
        for (var e : bands.entrySet()) {
          double[] b = e.getValue();
          assertThat(b).as(e.getKey()).doesNotContain(Double.NaN);
          assertThat(b[0]).as(e.getKey()).isLessThanOrEqualTo(b[1]);
          assertThat(b[1]).as(e.getKey()).isLessThanOrEqualTo(b[2]);
          // the mean of a skewed output (e.g. investment saturating at its growth bound in most
          // draws) can fall outside p05..p95; it may only rarely do so
          if (b[3] < b[0] - 1e-9 * Math.abs(b[0]) - 1e-12 || b[3] > b[2] + 1e-9 * Math.abs(b[2]) + 1e-12) {
            meanOutside++;
          }
        }
        assertThat(meanOutside).isLessThanOrEqualTo(bands.size() / 20);
        // the distribution moves the results: the recycled NdPr oxide has a band of some width
        assertThat(bands.entrySet().stream().filter(e -> e.getKey().contains("|recycled|"))
            .anyMatch(e -> e.getValue()[2] > e.getValue()[0])).isTrue();
        String csv = req(c, "GET", "/api/runs/" + id + "/results?format=csv&metric=price&stage=magnet&region=", null, null)
            .body().string();
        assertThat(csv).startsWith("year,metric,stage,product,region,sector,draw,percentile,value,unit\n").contains(",,95,");

        // the same through POST /api/runs with draws, and an ensemble of the form's child scenario
        Response viaRuns = req(c, "POST", "/api/runs", "{\"scenario\":\"unc\",\"draws\":10,\"from\":2025,\"to\":2025,"
            + "\"overrides\":{\"demandGrowthPct\":5}}", null);
        assertThat(viaRuns.code()).isEqualTo(202);
        assertThat(waitDone(c, json(viaRuns).get("id").asText(), null)).isEqualTo("done");

        // bad input: problem+json 4xx
        for (String bad : List.of("{\"scenario\":\"unc\",\"draws\":0}", "{\"scenario\":\"unc\",\"draws\":-5}",
            "{\"scenario\":\"unc\"}", "{\"scenario\":\"unc\",\"draws\":20001}", "{\"scenario\":\"unc\",\"draws\":\"many\"}",
            "{\"scenario\":\"unc\",\"draws\":2.5}", "{\"scenario\":\"unc\",\"draws\":10,\"threads\":0}",
            "{\"scenario\":\"unc\",\"draws\":10,\"from\":1990}")) {
          Response r = req(c, "POST", "/api/ensembles", bad, null);
          assertThat(r.code()).as(bad).isEqualTo(422);
          assertThat(r.headers().get("Content-Type").get(0)).as(bad).startsWith("application/problem+json");
        }
        assertThat(req(c, "POST", "/api/runs", "{\"draws\":-1}", null).code()).isEqualTo(422);
        Response tooBig = req(c, "POST", "/api/ensembles", "{\"scenario\":\"unc\",\"draws\":20000}", null);
        assertThat(tooBig.code()).isEqualTo(413); // 20,000 draws x 26 years > 100,000 run-years
        assertThat(json(tooBig).get("detail").asText()).contains("run-years");
        assertThat(req(c, "POST", "/api/ensembles", "{\"scenario\":\"nope\",\"draws\":5}", null).code()).isEqualTo(404);
      });
    }
  }

  @Test
  void exportControlAndPriceFloorChangeTheResults() throws Exception {
    try (LodestoneServer server = LodestoneServer.create(config())) {
      JavalinTest.test(server.app(), (app, c) -> {
        // a short axis keeps the regional run (~0.1 s a year) quick
        assertThat(req(c, "PUT", "/api/scenarios/short", "name: short\nparent: base\nyears: {to: 2027}\n", null).code())
            .isEqualTo(201);
        String ref = json(req(c, "POST", "/api/runs", "{\"scenario\":\"short\",\"from\":2024,\"to\":2027}", null))
            .get("id").asText();
        // a demand slump, so that prices fall below the US producers' costs: the floor keeps them running
        String slump = "\"demandGrowthPct\":-40,\"demandGrowthFrom\":2024";
        String slumped = json(req(c, "POST", "/api/runs", "{\"scenario\":\"short\",\"from\":2024,\"to\":2027,"
            + "\"overrides\":{" + slump + "}}", null)).get("id").asText();
        Response started = req(c, "POST", "/api/runs", "{\"scenario\":\"short\",\"from\":2024,\"to\":2027,\"overrides\":"
            + "{\"exportControl\":true,\"exportControlSharePct\":30,\"exportControlFrom\":2026,\"exportControlTo\":2026}}", null);
        assertThat(started.code()).as(started.body().string()).isEqualTo(202);
        String ctl = json(started).get("id").asText();
        Response floor = req(c, "POST", "/api/runs", "{\"scenario\":\"short\",\"from\":2024,\"to\":2027,\"overrides\":"
            + "{" + slump + ",\"priceFloorUsdPerKg\":200,\"priceFloorFrom\":2025,\"priceFloorTo\":2027}}", null);
        assertThat(floor.code()).as(floor.body().string()).isEqualTo(202);
        String flr = json(floor).get("id").asText();
        for (String id : List.of(ref, slumped, ctl, flr)) {
          String end = waitDone(c, id, null);
          assertThat(end).as(json(req(c, "GET", "/api/runs/" + id, null, null)).toString()).isEqualTo("done");
        }
        Map<String, Double> a = values(json(req(c, "GET", "/api/runs/" + ref + "/results", null, null)));
        Map<String, Double> b = values(json(req(c, "GET", "/api/runs/" + ctl + "/results", null, null)));
        Map<String, Double> f = values(json(req(c, "GET", "/api/runs/" + flr + "/results", null, null)));
        Map<String, Double> s = values(json(req(c, "GET", "/api/runs/" + slumped + "/results", null, null)));
        // the control binds: outside China magnets cost more than China's price plus the 2 USD/kg trade cost
        Double cn = b.get("2026|price|magnet|magnet|CN|");
        assertThat(cn).as(b.keySet().stream().filter(k -> k.startsWith("2026|price|magnet")).toList().toString()).isNotNull();
        double outside = b.entrySet().stream().filter(e -> e.getKey().startsWith("2026|price|magnet|magnet|")
            && !e.getKey().endsWith("|CN|") && !e.getKey().endsWith("||")).mapToDouble(Map.Entry::getValue).max().orElseThrow();
        System.out.println("export control 2026: magnet price CN " + cn + ", max outside " + outside);
        assertThat(outside).isGreaterThan(cn + 2);
        // the floor keeps the US NdPr chain producing at least as much, more in some year
        System.out.println("price floor: US separation " + s.get("2026|production|separation||US|") + " -> "
            + f.get("2026|production|separation||US|") + "; mining " + s.get("2026|production|mining||US|") + " -> "
            + f.get("2026|production|mining||US|"));
        boolean more = false;
        for (int y = 2025; y <= 2027; y++) {
          for (String stage : List.of("mining", "separation")) {
            String k = y + "|production|" + stage + "||US|";
            assertThat(f.get(k)).as(k).isGreaterThanOrEqualTo(s.get(k) - 1e-6);
            more |= f.get(k) > s.get(k) + 1;
          }
        }
        assertThat(more).as("the floor raised US production somewhere").isTrue();
      });
    }
  }
}
