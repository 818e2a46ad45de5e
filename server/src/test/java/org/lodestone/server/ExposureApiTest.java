package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/exposure}: answers in JSON, CSV and xlsx; validation, limits and problem+json. */
class ExposureApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static final String BUYER = """
      name: Api buyer
      carryingCostRate: 0.1
      products:
        bev:
          sector: ev-traction
          units: {2024: 100000, 2030: 200000}
          kgMagnetPerUnit: 3
          sourcing: {EU: 0.9, CN: 0.1}
          contract: {share: 0.5, priceUsdPerKg: 49.2}
          stockMonths: 2
      """;

  static String body(String buyer, String extra) throws Exception {
    return "{\"buyer\": " + JSON.writeValueAsString(buyer) + extra + "}";
  }

  @Test
  void answersTheExposureAndItsProblems() throws Exception {
    ServerConfig cfg = ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("e.duckdb"));
    try (LodestoneServer server = LodestoneServer.create(cfg)) {
      JavalinTest.test(server.app(), (app, c) -> {
        Response ok = ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"scenario\": \"base\", \"from\": 2024, \"to\": 2030"), null);
        assertThat(ok.code()).isEqualTo(200);
        JsonNode j = JSON.readTree(ok.body().string());
        assertThat(j.get("buyer").asText()).isEqualTo("Api buyer");
        assertThat(j.get("draws").asInt()).isZero();
        assertThat(j.get("stockpile").has("months")).isTrue();
        // 100,000 units x 3 kg = 300 t of magnet in 2024
        boolean found = false;
        for (JsonNode r : j.get("rows")) {
          if (r.get("year").asInt() == 2024 && r.get("metric").asText().equals("magnets_needed")) {
            assertThat(r.get("value").asDouble()).isEqualTo(300.0);
            found = true;
          }
        }
        assertThat(found).isTrue();

        Response csv = ApiTest.req(c, "POST", "/api/exposure?format=csv", body(BUYER, ", \"from\": 2024, \"to\": 2025"), null);
        assertThat(csv.code()).isEqualTo(200);
        assertThat(csv.headers().get("Content-Type").get(0)).startsWith("text/csv");
        String text = csv.body().string();
        assertThat(text).startsWith("year,metric,product,value,unit\n").contains("2024,magnets_needed,,300,t");

        Response xlsx = ApiTest.req(c, "POST", "/api/exposure?format=xlsx", body(BUYER, ", \"from\": 2024, \"to\": 2025"), null);
        assertThat(xlsx.code()).isEqualTo(200);
        byte[] bytes = xlsx.body().string().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes[0]).isEqualTo((byte) 'P'); // a zip container
        assertThat(bytes[1]).isEqualTo((byte) 'K');

        // with draws: bands and the probability
        Response ens = ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"draws\": 4, \"seed\": 2, \"from\": 2024, \"to\": 2026"), null);
        assertThat(ens.code()).isEqualTo(200);
        JsonNode e = JSON.readTree(ens.body().string());
        assertThat(e.get("draws").asInt()).isEqualTo(4);
        assertThat(e.has("anyShortfallProbability")).isTrue();
        assertThat(e.get("rows").toString()).contains("cost_p95", "shortfall_p50");

        // a bad buyer file: 422 with positioned problems, as problem+json
        Response bad = ApiTest.req(c, "POST", "/api/exposure", body(BUYER.replace("ev-traction", "ev-tracton")
            .replace("CN: 0.1", "CN: 0.2"), ""), null);
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.headers().get("Content-Type").get(0)).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(bad.body().string());
        assertThat(p.get("problems")).hasSize(2);
        assertThat(p.get("problems").get(0).get("message").asText())
            .startsWith("buyer.yaml:5:").contains("did you mean `ev-traction`?");
        assertThat(p.get("problems").get(1).get("message").asText()).contains("must sum to 1");

        // missing buyer, bad draws, unknown scenario, format
        assertThat(ApiTest.req(c, "POST", "/api/exposure", "{}", null).code()).isEqualTo(422);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"draws\": -1"), null).code()).isEqualTo(422);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"draws\": 20001"), null).code()).isEqualTo(422);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"scenario\": \"nope\""), null).code()).isEqualTo(404);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"against\": \"nope\""), null).code()).isEqualTo(404);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"against\": \"base\", \"from\": 2024, \"to\": 2025"), null)
            .code()).isEqualTo(200);
        assertThat(ApiTest.req(c, "POST", "/api/exposure?format=pdf", body(BUYER, ""), null).code()).isEqualTo(400);
        assertThat(ApiTest.req(c, "POST", "/api/exposure", "[1]", null).code()).isEqualTo(400);
        // over the run-years limit: 26 years x (1 + 19,999) draws
        Response big = ApiTest.req(c, "POST", "/api/exposure", body(BUYER, ", \"draws\": 19999"), null);
        assertThat(big.code()).isEqualTo(413);
        assertThat(JSON.readTree(big.body().string()).get("detail").asText()).contains("run-years");
      });
    }
    assertThat(Files.exists(dir.resolve("data"))).isTrue();
  }
}
