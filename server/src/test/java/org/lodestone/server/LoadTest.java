package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small load test on loopback: 50 concurrent clients, each 20 requests (4 of 5 read filtered results,
 * 1 of 5 starts a run). Only 200, 202 and the documented 429 may come back; heap stays bounded. Writes
 * the numbers to {@code target/load-report.txt}.
 */
class LoadTest {
  static final int CLIENTS = 50;
  static final int REQUESTS = 20;
  @TempDir
  Path dir;

  @Test
  void fiftyConcurrentClients() throws Exception {
    ServerConfig cfg = ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("load.duckdb"));
    try (LodestoneServer server = LodestoneServer.create(cfg)) {
      JavalinTest.test(server.app(), (app, c) -> {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = c.getOrigin();
        String seed = ApiTest.json(ApiTest.req(c, "POST", "/api/runs", "{}", null)).get("id").asText();
        ApiTest.waitDone(c, seed, null);
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int k = 0; k < CLIENTS; k++) {
          int client = k;
          fs.add(pool.submit(() -> {
            for (int i = 0; i < REQUESTS; i++) {
              HttpRequest req = (client + i) % 5 == 0
                  ? HttpRequest.newBuilder(URI.create(base + "/api/runs")).POST(HttpRequest.BodyPublishers.ofString("{}")).build()
                  : HttpRequest.newBuilder(URI.create(base + "/api/runs/" + seed + "/results?metric=price,production,served"
                      + "&from=2020&to=2035")).GET().build();
              long s = System.nanoTime();
              HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
              latencies.add(System.nanoTime() - s);
              codes.computeIfAbsent(r.statusCode(), x -> new AtomicInteger()).incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();
        for (int i = 0; i < 600 && server.store().runs().size() + 0 < 1 + codes.getOrDefault(202, new AtomicInteger()).get(); i++) {
          Thread.sleep(50);
        }
        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p95 = sorted.get((int) (sorted.size() * 0.95)) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        String report = String.format(Locale.ROOT, "load test: %d clients x %d requests = %d requests in %d ms;"
            + " codes %s; p50 %.1f ms, p95 %.1f ms, max %.1f ms; heap after GC %d MiB; runs stored %d%n",
            CLIENTS, REQUESTS, sorted.size(), wallMs, new java.util.TreeMap<>(codes), p50, p95, max, heapMb,
            server.store().runs().size());
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "load-report.txt"), report);
        assertThat(codes.keySet()).isSubsetOf(200, 202, 429);
        assertThat(sorted).hasSize(CLIENTS * REQUESTS);
        assertThat(codes.get(200).get()).isEqualTo(CLIENTS * REQUESTS * 4 / 5);
        assertThat(heapMb).isLessThan(768);
        assertThat(server.store().integrityProblems()).isEmpty();
      });
    }
  }
}
