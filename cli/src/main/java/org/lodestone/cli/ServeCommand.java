package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.server.LodestoneServer;
import org.lodestone.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lodestone serve}: the REST API and the dashboard. Runs until interrupted (Ctrl-C, SIGTERM). */
@Command(name = "serve", description = "Serve the REST API and the web dashboard (Ctrl-C stops it).")
final class ServeCommand extends CommandBase {
  @Mixin
  DbOption db;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}); any other than loopback needs --token.")
  String host;

  @Option(names = "--data", defaultValue = "lodestone-data", paramLabel = "DIR",
      description = "Data directory: uploaded scenarios and scratch files; the server touches nothing outside"
          + " it and the store (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Bearer token every API call must carry (default: $" + ServerConfig.TOKEN_ENV + ").")
  String token;

  @Option(names = "--max-runs", defaultValue = "8", description = "Runs queued or running at once (default: ${DEFAULT-VALUE}).")
  int maxRuns;

  /** Set by tests: returns once the server has started instead of blocking. */
  CountDownLatch stop;

  @Override
  public Integer call() throws Exception {
    List<Problem> problems = new ArrayList<>();
    if (port < 0 || port > 65_535) {
      problems.add(new Problem(null, 0, 0, "--port", String.valueOf(port), "must be a TCP port, 0-65535",
          "0 picks a free port"));
    }
    if (maxRuns <= 0) {
      problems.add(new Problem(null, 0, 0, "--max-runs", String.valueOf(maxRuns), "must be > 0", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String t = token != null ? token : System.getenv(ServerConfig.TOKEN_ENV);
    ServerConfig cfg = ServerConfig.defaults(data).withDbFile(db.db).withHost(host, port).withToken(t);
    cfg = cfg.withLimits(cfg.maxBodyBytes(), maxRuns, cfg.maxRunYears(), cfg.runThreads());
    if (!cfg.loopback() && cfg.token() == null) {
      throw new InvalidInputException(new Problem(null, 0, 0, "--host", host,
          "binding an address other than loopback needs a token", "pass --token or set " + ServerConfig.TOKEN_ENV));
    }
    LodestoneServer server = start(LodestoneServer.create(cfg));
    PrintWriter err = err();
    err.printf("lodestone: serving http://%s:%d/ (API /api, OpenAPI /openapi.json), store %s, data %s%n",
        host.contains(":") ? "[" + host + "]" : host, server.port(), cfg.dbFile(), cfg.dataDir());
    err.flush();
    CountDownLatch stopped = stop != null ? stop : new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "lodestone-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    if (stop != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    }
    return 0;
  }

  /** Starts the server; a port that cannot be bound (in use, not allowed) is the user's to change. */
  private LodestoneServer start(LodestoneServer server) {
    try {
      return server.start();
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.net.BindException || c instanceof java.net.UnknownHostException) {
          server.close();
          throw new InvalidInputException(new Problem(null, 0, 0, "--host/--port", host + ":" + port,
              "cannot listen here: " + c.getMessage(), "choose another --port (or stop the program using it)"));
        }
      }
      throw e;
    }
  }
}
