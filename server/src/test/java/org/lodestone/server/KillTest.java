package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.store.ResultsQuery;
import org.lodestone.store.ResultsStore;
import org.lodestone.store.RunRecord;

/**
 * kill -9 during a run: a server in its own JVM saves three runs, starts a long one, and is killed
 * (destroyForcibly = SIGKILL) while that run's transaction is open. On restart the store holds the three
 * earlier runs intact and nothing of the killed one.
 */
class KillTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  Path dir;

  JsonNode call(String base, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body)) : b.GET();
    return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void killingTheServerMidRunLosesNoEarlierRunAndLeavesNoPartialOne() throws Exception {
    Path data = dir.resolve("data");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), KillTestServerMain.class.getName(), data.toString())
        .redirectErrorStream(true).start();
    List<String> earlier = new ArrayList<>();
    String longId;
    String seen;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
      String line;
      int port = -1;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("PORT ")) {
          port = Integer.parseInt(line.substring(5).strip());
          break;
        }
      }
      assertThat(port).as("server started").isPositive();
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      String base = "http://127.0.0.1:" + port;
      for (String s : List.of("base", "claim-total-120kt", "base")) {
        String id = call(base, "POST", "/api/runs", "{\"scenario\":\"" + s + "\"}").get("id").asText();
        for (int i = 0; i < 500 && !call(base, "GET", "/api/runs/" + id, null).get("status").asText().equals("done"); i++) {
          Thread.sleep(20);
        }
        earlier.add(id);
      }
      longId = call(base, "POST", "/api/runs", "{\"scenario\":\"claim-increment-120kt\"}").get("id").asText();
      JsonNode st;
      do {
        Thread.sleep(10);
        st = call(base, "GET", "/api/runs/" + longId, null);
      } while (!(st.get("status").asText().equals("saving") && st.get("progress").asDouble() > 0.6)
          && !st.get("status").asText().equals("done"));
      seen = st.get("status").asText() + " " + st.get("progress").asText();
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    System.out.println("kill -9: killed while the long run was " + seen);
    assertThat(seen).startsWith("saving");
    try (ResultsStore store = ResultsStore.open(data.resolve("kill.duckdb"))) {
      assertThat(store.integrityProblems()).isEmpty();
      assertThat(store.runs()).extracting(RunRecord::id).containsExactlyInAnyOrderElementsOf(earlier);
      for (String id : earlier) {
        RunRecord r = store.run(id).orElseThrow();
        assertThat(store.rows(id, ResultsQuery.ALL)).hasSize((int) r.rows());
        assertThat(r.rows()).isGreaterThan(1000);
      }
      assertThat(store.run(longId)).isEmpty();
      assertThat(store.scalar("SELECT count(*) FROM results WHERE run_id = '" + longId + "'")).isEqualTo(0L);
      System.out.println("kill -9: after restart " + store.runs().size() + " runs intact, "
          + store.scalar("SELECT count(*) FROM results") + " rows, none of the killed run");
    }
    // and the restarted server serves them
    try (LodestoneServer server = LodestoneServer.create(ServerConfig.defaults(data).withDbFile(data.resolve("kill.duckdb")))) {
      io.javalin.testtools.JavalinTest.test(server.app(), (app, c) -> {
        JsonNode runs = JSON.readTree(c.get("/api/runs").body().string());
        assertThat(runs.get("stored").size()).isEqualTo(3);
        assertThat(c.get("/api/runs/" + longId).code()).isEqualTo(404);
      });
    }
  }
}
