package org.lodestone.io.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ProducerRow;
import org.lodestone.core.results.ResultRow;

/**
 * Writes tidy results as CSV ({@code year,metric,stage,product,region,sector,value,unit}) or JSON (an
 * array of objects with the same keys), and writes result folders atomically: each file is written
 * beside its target and moved into place only when complete, so a failed run leaves no partial file.
 */
public final class ResultsWriter {
  /** The CSV header of tidy results. */
  public static final String CSV_HEADER = String.join(",", ResultRow.COLUMNS);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private ResultsWriter() {
  }

  /** Writes rows as CSV with a header. Does not close the writer. */
  public static void writeCsv(List<ResultRow> rows, Writer out) throws IOException {
    out.write(CSV_HEADER);
    out.write('\n');
    for (ResultRow r : rows) {
      out.write(csvKey(r) + "," + number(r.value()) + "," + csvText(r.unit()) + "\n");
    }
    out.flush();
  }

  /** The key columns of a row, {@code year,metric,stage,product,region,sector}, as CSV text. */
  public static String csvKey(ResultRow r) {
    return csvKey(r.year(), r.metric(), r.stage(), r.product(), r.region(), r.sector());
  }

  /** The key columns {@code year,metric,stage,product,region,sector} as CSV text. */
  public static String csvKey(int year, String metric, String stage, String product, String region, String sector) {
    return year + "," + csvText(metric) + "," + csvText(stage) + "," + csvText(product) + "," + csvText(region) + ","
        + csvText(sector);
  }

  /** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
  public static String csvText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return "\"" + s.replace("\"", "\"\"") + "\"";
      }
    }
    return s;
  }

  /** Writes a row's key fields ({@code year} a number, the dimensions strings) into the current JSON object. */
  public static void writeKeyFields(JsonGenerator g, ResultRow r) throws IOException {
    g.writeNumberField("year", r.year());
    g.writeStringField("metric", r.metric());
    g.writeStringField("stage", r.stage());
    g.writeStringField("product", r.product());
    g.writeStringField("region", r.region());
    g.writeStringField("sector", r.sector());
  }

  /** Writes rows as a JSON array of objects (values through {@link Noise#clean}). Does not close the writer. */
  public static void writeJson(List<ResultRow> rows, Writer out) throws IOException {
    JSON.writeValue(out, rows.stream().map(ResultsWriter::cleaned).toList());
    out.write(System.lineSeparator());
    out.flush();
  }

  /**
   * Writes {@code results.csv} and {@code results.json} into {@code dir}, creating it if needed.
   * Each file appears complete or not at all.
   */
  public static void writeFolder(List<ResultRow> rows, Path dir) throws IOException {
    Files.createDirectories(dir);
    atomicWrite(dir.resolve("results.csv"), out -> writeCsv(rows, writer(out)));
    atomicWrite(dir.resolve("results.json"), out -> writeJson(rows, writer(out)));
  }

  /** Writes producers' rows as CSV ({@link ProducerRow#COLUMNS}). Does not close the writer. */
  public static void writeProducers(List<ProducerRow> rows, Writer out) throws IOException {
    out.write(String.join(",", ProducerRow.COLUMNS));
    out.write("\n");
    for (ProducerRow r : rows) {
      out.write(r.year() + "," + csvText(r.producer()) + "," + r.stage() + "," + r.region() + "," + csvText(r.owner()) + ","
          + number(r.capacity()) + "," + number(r.production()) + ","
          + (Double.isNaN(r.utilisation()) ? "" : number(r.utilisation())) + "," + number(r.priceReceived()) + ","
          + number(r.inputCost()) + "," + number(r.cashCost()) + "," + number(r.margin()) + "\n");
    }
    out.flush();
  }

  /** Writes {@code producers.csv} into {@code dir}, complete or not at all. */
  public static void writeProducersFile(List<ProducerRow> rows, Path dir) throws IOException {
    Files.createDirectories(dir);
    atomicWrite(dir.resolve("producers.csv"), out -> writeProducers(rows, writer(out)));
  }

  private static Writer writer(OutputStream out) {
    return new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Content of a file written by {@link #atomicWrite}. */
  @FunctionalInterface
  public interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** Writes a file next to {@code target} and moves it into place when complete. */
  public static void atomicWrite(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static ResultRow cleaned(ResultRow r) {
    double v = Noise.clean(r.value());
    return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(r.value()) ? r
        : new ResultRow(r.year(), r.metric(), r.stage(), r.product(), r.region(), r.sector(), v, r.unit());
  }

  /**
   * Plain decimal text of a value: no exponent, no trailing zeros, at most 9 significant digits; a value
   * within the balance tolerance of zero is {@code 0} ({@link Noise#clean}).
   */
  public static String number(double v) {
    v = Noise.clean(v);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new UncheckedIOException(new IOException("cannot write non-finite value " + v));
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(9)).stripTrailingZeros();
    return d.toPlainString();
  }
}
