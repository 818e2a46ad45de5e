package org.lodestone.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Settings of a Lodestone server. Immutable; {@code withX(...)} returns a changed copy.
 *
 * @param dataDir          the only folder the server reads or writes (uploaded scenarios, scratch files)
 * @param dbFile           the results store file
 * @param host             address to bind; loopback unless a token is set
 * @param port             TCP port (0: any free port)
 * @param token            bearer token every API call must carry, or {@code null} (loopback only)
 * @param maxBodyBytes     largest request body accepted, bytes
 * @param maxActiveRuns    runs queued or running at once; beyond it requests get 429
 * @param maxRunYears      largest cost of one request: years computed × max(1, draws), a year of regional
 *                         markets counting {@link #REGIONAL_YEAR_COST}
 * @param runThreads       runs executed in parallel
 * @param shutdownGraceMs  how long a graceful shutdown waits for runs in progress, ms
 */
public record ServerConfig(Path dataDir, Path dbFile, String host, int port, String token, long maxBodyBytes,
    int maxActiveRuns, int maxRunYears, int runThreads, long shutdownGraceMs) {

  /** Environment variable read when {@code --token} is not given. */
  public static final String TOKEN_ENV = "LODESTONE_TOKEN";
  /** Most draws one ensemble may ask for. */
  public static final int MAX_DRAWS = 20_000;
  /** Cost of one year on regional markets (a linear programme) in global-market run-years. */
  public static final int REGIONAL_YEAR_COST = 100;

  /**
   * Defaults: data in {@code dataDir}, store {@code dataDir/lodestone.duckdb}, 127.0.0.1:8080, 1 MiB bodies,
   * 8 runs at once, 100,000 run-years per request (an ensemble's draws are kept in memory: about 1.3 kB per
   * draw and reported year, so the limit also bounds memory to ~130 MB).
   */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, dataDir.resolve("lodestone.duckdb"), "127.0.0.1", 8080, null,
        1 << 20, 8, 100_000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 10_000);
  }

  public ServerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    dbFile = dbFile.toAbsolutePath().normalize();
    if (token != null && token.isBlank()) {
      token = null;
    }
  }

  public ServerConfig withDbFile(Path f) {
    return new ServerConfig(dataDir, f, host, port, token, maxBodyBytes, maxActiveRuns, maxRunYears, runThreads,
        shutdownGraceMs);
  }

  public ServerConfig withHost(String h, int p) {
    return new ServerConfig(dataDir, dbFile, h, p, token, maxBodyBytes, maxActiveRuns, maxRunYears, runThreads,
        shutdownGraceMs);
  }

  public ServerConfig withToken(String t) {
    return new ServerConfig(dataDir, dbFile, host, port, t, maxBodyBytes, maxActiveRuns, maxRunYears, runThreads,
        shutdownGraceMs);
  }

  public ServerConfig withLimits(long body, int active, int runYears, int threads) {
    return new ServerConfig(dataDir, dbFile, host, port, token, body, active, runYears, threads, shutdownGraceMs);
  }

  public ServerConfig withShutdownGraceMs(long ms) {
    return new ServerConfig(dataDir, dbFile, host, port, token, maxBodyBytes, maxActiveRuns, maxRunYears,
        runThreads, ms);
  }

  /** Whether {@code host} is a loopback address. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
