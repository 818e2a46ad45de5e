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
 * @param maxRunYears      largest cost of one request: years × max(1, draws)
 * @param runThreads       runs executed in parallel
 * @param shutdownGraceMs  how long a graceful shutdown waits for runs in progress, ms
 */
public record ServerConfig(Path dataDir, Path dbFile, String host, int port, String token, long maxBodyBytes,
    int maxActiveRuns, int maxRunYears, int runThreads, long shutdownGraceMs) {

  /** Environment variable read when {@code --token} is not given. */
  public static final String TOKEN_ENV = "LODESTONE_TOKEN";

  /** Defaults: data in {@code dataDir}, store {@code dataDir/lodestone.duckdb}, 127.0.0.1:8080. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, dataDir.resolve("lodestone.duckdb"), "127.0.0.1", 8080, null,
        1 << 20, 8, 2_000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 10_000);
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
