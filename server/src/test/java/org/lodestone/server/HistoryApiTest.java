package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lodestone.server.ApiTest.json;
import static org.lodestone.server.ApiTest.req;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Backtest;
import org.lodestone.scenario.HistorySeries;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;

/**
 * {@code GET /api/backtest}: every observed series of base's history beside the model, with the
 * values and errors of {@link Backtest#compare} (what {@code lodestone backtest} prints), each point's
 * own source, and problem+json for bad input.
 */
class HistoryApiTest {
  @TempDir
  Path dir;

  @Test
  void everyObservedSeriesOfBaseBesideTheModel() throws Exception {
    Scenario base = ScenarioLoader.load("base");
    List<HistorySeries> history = base.history();
    try (LodestoneServer server = LodestoneServer.create(ServerConfig.defaults(dir.resolve("data"))
        .withDbFile(dir.resolve("h.duckdb")))) {
      JavalinTest.test(server.app(), (app, c) -> {
        Response ok = req(c, "GET", "/api/backtest?scenario=base&from=2015&to=2024", null, null);
        assertThat(ok.code()).isEqualTo(200);
        JsonNode h = json(ok);
        assertThat(h.get("from").asInt()).isEqualTo(2015);
        assertThat(h.get("to").asInt()).isEqualTo(2024);
        JsonNode series = h.get("series");
        assertThat(series.size()).isEqualTo(history.size());
        // the same comparison as the CLI's backtest, series by series
        List<Backtest.Comparison> cli = Backtest.compare(base,
            TidyResults.rows(AnnualEngine.run(base.chain()), 2015, 2024), 2015, 2024);
        int compared = 0;
        for (int i = 0; i < history.size(); i++) {
          HistorySeries hs = history.get(i);
          JsonNode s = series.get(i);
          assertThat(s.get("title").asText()).isEqualTo(hs.describe());
          long inWindow = java.util.Arrays.stream(hs.years()).filter(y -> y >= 2015 && y <= 2024).count();
          assertThat(s.get("observed").size()).as(hs.describe()).isEqualTo((int) inWindow);
          assertThat(s.get("years").size()).isEqualTo(10);
          Backtest.Comparison c0 = cli.stream().filter(x -> x.series() == hs).findFirst().orElse(null);
          if (c0 == null) {
            assertThat(s.get("error").isNull()).as(hs.describe()).isTrue();
            continue;
          }
          compared++;
          assertThat(s.get("error").asDouble()).isCloseTo(c0.error(), within(1e-9));
          assertThat(s.get("modelMetric").asText()).as(hs.describe()).isEqualTo(c0.modelMetric());
          if (hs.metric().equals("exports") && hs.stage().equals("magnet")) {
            // one market: China's customs exports meet the implied net exports
            assertThat(s.get("modelMetric").asText()).isEqualTo("net_exports");
          }
          for (int k = 0; k < c0.years().length; k++) {
            int t = c0.years()[k] - 2015;
            assertThat(s.get("model").get(t).asDouble()).isEqualTo(c0.modelled()[k]);
          }
        }
        assertThat(compared).isEqualTo(cli.size()).isGreaterThan(20);
        // a point cited on its own keeps its source: NdPr oxide FOB China, 2015 from USGS MCS 2019
        JsonNode fob = null;
        for (JsonNode s : series) {
          if (s.get("metric").asText().equals("price") && s.get("product").asText().equals("NdPr")
              && s.get("label").asText().equals("fob-china")) {
            fob = s;
          }
        }
        assertThat(fob).isNotNull();
        assertThat(fob.get("observed").get(0).get("year").asInt()).isEqualTo(2015);
        assertThat(fob.get("observed").get(0).get("source").asText()).isEqualTo("usgs-mcs-2019");
        assertThat(fob.get("basis").asText()).isEqualTo("USD/kg, CN, fob-china");
        assertThat(fob.get("note").asText()).contains("FOB China");

        // the default window: the observed years on the axis
        JsonNode dflt = json(req(c, "GET", "/api/backtest?scenario=base", null, null));
        assertThat(dflt.get("from").asInt()).isEqualTo(2015);
        assertThat(dflt.get("to").asInt()).isGreaterThanOrEqualTo(2024);

        // bad input: 400, 404, 422, as problem+json; the server keeps answering
        Response noName = req(c, "GET", "/api/backtest", null, null);
        assertThat(noName.code()).isEqualTo(400);
        assertThat(json(noName).get("detail").asText()).contains("`scenario` is required");
        Response badName = req(c, "GET", "/api/backtest?scenario=..%2Fetc", null, null);
        assertThat(badName.code()).isEqualTo(400);
        assertThat(badName.headers().get("Content-Type").get(0)).startsWith("application/problem+json");
        Response unknown = req(c, "GET", "/api/backtest?scenario=nope", null, null);
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asText()).contains("no scenario named `nope`");
        Response year = req(c, "GET", "/api/backtest?scenario=base&from=1900", null, null);
        assertThat(year.code()).isEqualTo(422);
        assertThat(json(year).get("problems").get(0).get("message").asText()).contains("from").contains("outside");
        Response notYear = req(c, "GET", "/api/backtest?scenario=base&to=soon", null, null);
        assertThat(notYear.code()).isEqualTo(422);
        Response order = req(c, "GET", "/api/backtest?scenario=base&from=2024&to=2016", null, null);
        assertThat(order.code()).isEqualTo(422);
        assertThat(req(c, "GET", "/api/health", null, null).code()).isEqualTo(200);
        assertThat(json(req(c, "GET", "/openapi.json", null, null)).get("paths").has("/api/backtest")).isTrue();
      });
    }
  }
}
