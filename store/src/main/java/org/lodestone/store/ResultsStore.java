package org.lodestone.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.core.results.ResultRow;

/**
 * The results store: one embedded DuckDB file holding scenarios (content and hash), runs and their
 * tidy results, queryable with SQL by anyone who opens the file.
 *
 * <p>Tables: {@code scenarios(hash, name, content, created)}, {@code runs(id, scenario_hash,
 * scenario_name, seed, engine, created, status, duration_ms, from_year, to_year, row_count, draws)} and
 * {@code results(run_id, seq, year, metric, stage, product, region, sector, draw, percentile, value,
 * unit)} and, for single runs, {@code producers(run_id, seq, year, producer, stage, region, owner, capacity,
 * production, utilisation, price_received, input_cost, cash_cost, margin)} ({@link ProducerRow}; NaN is
 * stored as NULL). A run is written in one transaction ({@link #saveRun}): a crash or kill during the write leaves
 * no trace of that run and does not touch earlier ones (DuckDB writes committed transactions to its
 * write-ahead log and replays it on the next open).
 *
 * <p>Thread-safe: every operation uses its own connection duplicated from the database's; writes are
 * serialised. DuckDB allows one process to open a file for writing at a time.
 */
public final class ResultsStore implements AutoCloseable {
  /** Default file name, in the working directory. */
  public static final String DEFAULT_FILE = "lodestone.duckdb";

  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS scenarios(
        hash VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, content VARCHAR NOT NULL, created TIMESTAMP NOT NULL);
      CREATE TABLE IF NOT EXISTS runs(
        id VARCHAR PRIMARY KEY, scenario_hash VARCHAR NOT NULL, scenario_name VARCHAR NOT NULL,
        seed BIGINT NOT NULL, engine VARCHAR NOT NULL, created TIMESTAMP NOT NULL, status VARCHAR NOT NULL,
        duration_ms BIGINT NOT NULL, from_year INTEGER NOT NULL, to_year INTEGER NOT NULL,
        row_count BIGINT NOT NULL, draws INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS results(
        run_id VARCHAR NOT NULL, seq BIGINT NOT NULL, year INTEGER NOT NULL, metric VARCHAR NOT NULL,
        stage VARCHAR NOT NULL, product VARCHAR NOT NULL, region VARCHAR NOT NULL, sector VARCHAR NOT NULL,
        draw INTEGER, percentile DOUBLE, value DOUBLE NOT NULL, unit VARCHAR NOT NULL);
      CREATE TABLE IF NOT EXISTS producers(
        run_id VARCHAR NOT NULL, seq BIGINT NOT NULL, year INTEGER NOT NULL, producer VARCHAR NOT NULL,
        stage VARCHAR NOT NULL, region VARCHAR NOT NULL, owner VARCHAR NOT NULL, capacity DOUBLE,
        production DOUBLE, utilisation DOUBLE, price_received DOUBLE, input_cost DOUBLE, cash_cost DOUBLE,
        margin DOUBLE);
      """;
  private static final String RUN_COLUMNS = "id, scenario_hash, scenario_name, seed, engine, created, status, "
      + "duration_ms, from_year, to_year, row_count, draws";

  private final Path file;
  private final DuckDBConnection db;
  private final ReentrantLock writeLock = new ReentrantLock();

  private ResultsStore(Path file, DuckDBConnection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (creating if needed) the store in {@code file}.
   *
   * @throws StoreException if the file cannot be opened (for example another process holds it)
   */
  public static ResultsStore open(Path file) {
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Class.forName("org.duckdb.DuckDBDriver");
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs);
      try (Statement s = c.createStatement()) {
        s.execute(SCHEMA);
      }
      return new ResultsStore(abs, c);
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      if (msg.contains("lock")) {
        throw new StoreException(file + ": the results store is in use by another process"
            + " (a running `lodestone serve`?): " + firstLine(msg), e);
      }
      throw new StoreException(file + ": cannot open the results store: " + firstLine(msg), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new StoreException(file + ": cannot open the results store: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** SHA-256 of a scenario's content, hex. */
  public static String hash(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    return db.duplicate();
  }

  /**
   * Saves a complete run in one transaction: the scenario (once per hash), the run and every row. Either
   * all of it is stored or, on any failure, crash or kill, none of it.
   *
   * @param run             the run (its {@code rows} is set from {@code rows.size()})
   * @param scenarioName    the scenario's name
   * @param scenarioContent the scenario text the run used (its hash must be {@code run.scenarioHash()})
   * @param rows            the results
   * @param progress        told the share of rows written, in [0, 1]; may be {@code null}
   * @return the stored record
   */
  public RunRecord saveRun(RunRecord run, String scenarioName, String scenarioContent, List<StoredRow> rows,
      java.util.function.DoubleConsumer progress) {
    return saveRun(run, scenarioName, scenarioContent, rows, List.of(), progress);
  }

  /**
   * Saves a complete run with its producers' rows (margins), all in one transaction: either everything is
   * stored or, on any failure, crash or kill, nothing.
   *
   * @param producers the producers' rows of a single run (empty for ensembles)
   * @see #saveRun(RunRecord, String, String, List, java.util.function.DoubleConsumer)
   */
  public RunRecord saveRun(RunRecord run, String scenarioName, String scenarioContent, List<StoredRow> rows,
      List<ProducerRow> producers, java.util.function.DoubleConsumer progress) {
    if (!hash(scenarioContent).equals(run.scenarioHash())) {
      throw new IllegalArgumentException("scenario hash does not match its content");
    }
    RunRecord stored = new RunRecord(run.id(), run.scenarioHash(), run.scenarioName(), run.seed(),
        run.engine(), run.created(), run.status(), run.durationMs(), run.fromYear(), run.toYear(),
        rows.size(), run.draws());
    writeLock.lock();
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO scenarios VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
          ps.setString(1, run.scenarioHash());
          ps.setString(2, scenarioName);
          ps.setString(3, scenarioContent);
          ps.setTimestamp(4, Timestamp.from(run.created()));
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, stored.id());
          ps.setString(2, stored.scenarioHash());
          ps.setString(3, stored.scenarioName());
          ps.setLong(4, stored.seed());
          ps.setString(5, stored.engine());
          ps.setTimestamp(6, Timestamp.from(stored.created()));
          ps.setString(7, stored.status());
          ps.setLong(8, stored.durationMs());
          ps.setInt(9, stored.fromYear());
          ps.setInt(10, stored.toYear());
          ps.setLong(11, stored.rows());
          ps.setInt(12, stored.draws());
          ps.executeUpdate();
        }
        int n = rows.size();
        int step = Math.max(1, n / 100);
        try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("main", "results")) {
          for (int i = 0; i < n; i++) {
            StoredRow sr = rows.get(i);
            ResultRow r = sr.row();
            a.beginRow();
            a.append(stored.id());
            a.append((long) i);
            a.append(r.year());
            a.append(r.metric());
            a.append(r.stage());
            a.append(r.product());
            a.append(r.region());
            a.append(r.sector());
            if (sr.draw() == null) {
              a.appendNull();
            } else {
              a.append(sr.draw().intValue());
            }
            if (sr.percentile() == null) {
              a.appendNull();
            } else {
              a.append(sr.percentile().doubleValue());
            }
            a.append(r.value());
            a.append(r.unit());
            a.endRow();
            if (progress != null && i % step == 0) {
              progress.accept((double) i / n);
            }
          }
        }
        if (!producers.isEmpty()) {
          try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("main", "producers")) {
            for (int i = 0; i < producers.size(); i++) {
              ProducerRow p = producers.get(i);
              a.beginRow();
              a.append(stored.id());
              a.append((long) i);
              a.append(p.year());
              a.append(p.producer());
              a.append(p.stage());
              a.append(p.region());
              a.append(p.owner());
              for (double v : new double[] {p.capacity(), p.production(), p.utilisation(), p.priceReceived(),
                  p.inputCost(), p.cashCost(), p.margin()}) {
                if (Double.isFinite(v)) {
                  a.append(v);
                } else {
                  a.appendNull();
                }
              }
              a.endRow();
            }
          }
        }
        c.commit();
        if (progress != null) {
          progress.accept(1.0);
        }
        return stored;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot save run " + run.id() + ": " + firstLine(String.valueOf(e.getMessage())), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Every stored run, newest first. */
  public List<RunRecord> runs() {
    return queryRuns("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY created DESC, id", null);
  }

  /** One run. */
  public Optional<RunRecord> run(String id) {
    List<RunRecord> r = queryRuns("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?", id);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  private List<RunRecord> queryRuns(String sql, String param) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      List<RunRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8), rs.getInt(9),
              rs.getInt(10), rs.getLong(11), rs.getInt(12)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read runs: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  /** The content of a stored scenario by hash. */
  public Optional<String> scenarioContent(String hash) {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT content FROM scenarios WHERE hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read scenario: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  /** A run's rows matching {@code q}, in the order they were produced. */
  public List<StoredRow> rows(String runId, ResultsQuery q) {
    StringBuilder sql = new StringBuilder(
        "SELECT year, metric, stage, product, region, sector, value, unit, draw, percentile FROM results"
        + " WHERE run_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(runId);
    in(sql, params, "metric", q.metrics());
    in(sql, params, "stage", q.stages());
    in(sql, params, "product", q.products());
    in(sql, params, "region", q.regions());
    in(sql, params, "sector", q.sectors());
    if (q.fromYear() != null) {
      sql.append(" AND year >= ?");
      params.add(q.fromYear());
    }
    if (q.toYear() != null) {
      sql.append(" AND year <= ?");
      params.add(q.toYear());
    }
    sql.append(" ORDER BY seq");
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<StoredRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ResultRow r = new ResultRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getString(8));
          int draw = rs.getInt(9);
          Integer d = rs.wasNull() ? null : draw;
          double pct = rs.getDouble(10);
          Double p = rs.wasNull() ? null : pct;
          out.add(new StoredRow(r, d, p));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read results: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * A run's producers' rows (margins), ordered by producer and year; {@code stages} filters by stage code
   * (empty: all). Empty for ensembles and runs saved without producers. Missing values read as NaN.
   */
  public List<ProducerRow> producers(String runId, List<String> stages) {
    StringBuilder sql = new StringBuilder("SELECT year, producer, stage, region, owner, capacity, production,"
        + " utilisation, price_received, input_cost, cash_cost, margin FROM producers WHERE run_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(runId);
    in(sql, params, "stage", stages);
    sql.append(" ORDER BY seq");
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<ProducerRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double[] v = new double[7];
          for (int k = 0; k < 7; k++) {
            double d = rs.getDouble(6 + k);
            v[k] = rs.wasNull() ? Double.NaN : d;
          }
          out.add(new ProducerRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read producers: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (");
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      params.add(values.get(i));
    }
    sql.append(')');
  }

  /**
   * Consistency of the store: result rows without a run, and runs whose stored row count differs from
   * their rows. Empty when the store is intact.
   */
  public List<String> integrityProblems() {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "SELECT DISTINCT r.run_id FROM results r ANTI JOIN runs u ON r.run_id = u.id")) {
        while (rs.next()) {
          out.add("results of unknown run " + rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT DISTINCT p.run_id FROM producers p ANTI JOIN runs u ON p.run_id = u.id")) {
        while (rs.next()) {
          out.add("producers of unknown run " + rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT u.id, u.row_count, count(r.run_id) FROM runs u"
          + " LEFT JOIN results r ON r.run_id = u.id GROUP BY u.id, u.row_count"
          + " HAVING count(r.run_id) <> u.row_count")) {
        while (rs.next()) {
          out.add("run " + rs.getString(1) + " has " + rs.getLong(3) + " rows, expected " + rs.getLong(2));
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT u.id FROM runs u ANTI JOIN scenarios s ON s.hash = u.scenario_hash")) {
        while (rs.next()) {
          out.add("run " + rs.getString(1) + " has no scenario");
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check the store: " + firstLine(String.valueOf(e.getMessage())), e);
    }
    return out;
  }

  /**
   * Writes a run's results to {@code target} in {@code format}, atomically (complete or not at all).
   *
   * @throws StoreException if the run does not exist
   */
  public void export(String runId, ExportFormat format, Path target) throws IOException {
    RunRecord run = run(runId).orElseThrow(() -> new StoreException("no run " + runId, null));
    Path abs = target.toAbsolutePath();
    if (format == ExportFormat.parquet) {
      Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".parquet");
      try {
        Files.delete(tmp);
        copyParquet(run, tmp);
        try {
          Files.move(tmp, abs, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return;
    }
    List<StoredRow> rows = rows(runId, ResultsQuery.ALL);
    org.lodestone.io.results.ResultsWriter.atomicWrite(abs, out -> Exports.write(run, rows, format, out));
  }

  /** Writes a run's results to a stream (csv, json, xlsx; parquet goes through a temporary file). */
  public void export(String runId, ExportFormat format, OutputStream out, Path scratchDir) throws IOException {
    RunRecord run = run(runId).orElseThrow(() -> new StoreException("no run " + runId, null));
    if (format == ExportFormat.parquet) {
      Files.createDirectories(scratchDir);
      Path tmp = Files.createTempFile(scratchDir, "export-", ".parquet");
      try {
        Files.delete(tmp);
        copyParquet(run, tmp);
        Files.copy(tmp, out);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return;
    }
    Exports.write(run, rows(runId, ResultsQuery.ALL), format, out);
  }

  private void copyParquet(RunRecord run, Path file) {
    // COPY takes no bind parameters: the run id is validated by RunRecord.ID and the path is quoted.
    String cols = (run.draws() > 0 ? Exports.ENSEMBLE_COLUMNS : Exports.COLUMNS)
        .replace(", value,", ", CASE WHEN abs(value) <= " + Noise.ZERO_BELOW + " THEN 0.0 ELSE value END AS value,");
    String sql = "COPY (SELECT " + cols + " FROM results WHERE run_id = '" + run.id() + "' ORDER BY seq) TO '"
        + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT PARQUET)";
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new StoreException("cannot export run " + run.id() + ": " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  /** Runs any read-only SQL and returns the first column of the first row (for tests and tools). */
  public Object scalar(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    } catch (SQLException e) {
      throw new StoreException(firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the results store: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }
}
