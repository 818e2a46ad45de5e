package org.lodestone.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.lodestone.core.results.Noise;
import org.lodestone.core.results.ResultRow;
import org.lodestone.io.results.ResultsWriter;

/**
 * Writes stored rows as CSV, JSON or xlsx with the tidy columns; ensemble runs get {@code draw} and
 * {@code percentile} columns before {@code value}.
 */
public final class Exports {
  static final String COLUMNS = "year, metric, stage, product, region, sector, value, unit";
  static final String ENSEMBLE_COLUMNS = "year, metric, stage, product, region, sector, draw, percentile, value, unit";

  private Exports() {
  }

  /** Writes rows of {@code run} to {@code out} (not closed). */
  public static void write(RunRecord run, List<StoredRow> rows, ExportFormat format, OutputStream out)
      throws IOException {
    boolean ensemble = run.draws() > 0 || rows.stream().anyMatch(r -> r.draw() != null || r.percentile() != null);
    switch (format) {
      case csv -> csv(rows, ensemble, out);
      case json -> json(rows, ensemble, out);
      case xlsx -> xlsx(run, rows, ensemble, out);
      default -> throw new IllegalArgumentException("not a streamed format: " + format);
    }
  }

  /** Tidy CSV with a header; the same text as {@code lodestone run --format csv} for a plain run. */
  public static void csv(List<StoredRow> rows, boolean ensemble, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (!ensemble) {
      ResultsWriter.writeCsv(rows.stream().map(StoredRow::row).toList(), w);
      return;
    }
    w.write(ENSEMBLE_COLUMNS.replace(" ", "") + "\n");
    for (StoredRow sr : rows) {
      ResultRow r = sr.row();
      w.write(ResultsWriter.csvKey(r) + ","
          + (sr.draw() == null ? "" : sr.draw()) + ","
          + (sr.percentile() == null ? "" : ResultsWriter.number(sr.percentile())) + ","
          + ResultsWriter.number(r.value()) + "," + ResultsWriter.csvText(r.unit()) + "\n");
    }
    w.flush();
  }

  /** A JSON array of row objects; {@code draw}/{@code percentile} only for ensembles. */
  public static void json(List<StoredRow> rows, boolean ensemble, OutputStream out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartArray();
    for (StoredRow sr : rows) {
      writeRow(g, sr, ensemble);
    }
    g.writeEndArray();
    g.writeRaw('\n');
    g.close();
  }

  /** Writes one row object. */
  public static void writeRow(JsonGenerator g, StoredRow sr, boolean ensemble) throws IOException {
    ResultRow r = sr.row();
    g.writeStartObject();
    ResultsWriter.writeKeyFields(g, r);
    if (ensemble) {
      if (sr.draw() == null) {
        g.writeNullField("draw");
      } else {
        g.writeNumberField("draw", sr.draw());
      }
      if (sr.percentile() == null) {
        g.writeNullField("percentile");
      } else {
        g.writeNumberField("percentile", sr.percentile());
      }
    }
    g.writeFieldName("value");
    g.writeNumber(ResultsWriter.number(r.value()));
    g.writeStringField("unit", r.unit());
    g.writeEndObject();
  }

  /**
   * An xlsx workbook of one table and one sheet of key-value facts (reports other than tidy results,
   * such as a buyer's exposure): strings stay strings, {@link Number}s are written as numbers (within
   * the balance tolerance of zero as 0, {@link Noise}), nulls as empty cells.
   */
  public static void xlsxTable(String sheet, String[] header, List<Object[]> rows, String metaSheet,
      String[][] meta, OutputStream out) throws IOException {
    Workbook wb = new Workbook(new NonClosing(out), "Lodestone", "1.0");
    Worksheet ws = wb.newWorksheet(sheet);
    for (int c = 0; c < header.length; c++) {
      ws.value(0, c, header[c]);
      ws.style(0, c).bold().set();
    }
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      for (int c = 0; c < row.length; c++) {
        if (row[c] instanceof Number n) {
          ws.value(i + 1, c, Noise.clean(n.doubleValue()));
        } else if (row[c] != null) {
          ws.value(i + 1, c, row[c].toString());
        }
      }
    }
    ws.freezePane(0, 1);
    Worksheet m = wb.newWorksheet(metaSheet);
    for (int k = 0; k < meta.length; k++) {
      m.value(k, 0, meta[k][0]);
      m.value(k, 1, meta[k][1]);
    }
    wb.finish();
  }

  /** An xlsx workbook: sheet {@code results} (tidy rows, numbers as numbers) and sheet {@code run}. */
  public static void xlsx(RunRecord run, List<StoredRow> rows, boolean ensemble, OutputStream out)
      throws IOException {
    Workbook wb = new Workbook(new NonClosing(out), "Lodestone", "1.0");
    Worksheet ws = wb.newWorksheet("results");
    String[] header = (ensemble ? ENSEMBLE_COLUMNS : COLUMNS).split(", ");
    for (int c = 0; c < header.length; c++) {
      ws.value(0, c, header[c]);
      ws.style(0, c).bold().set();
    }
    int i = 1;
    for (StoredRow sr : rows) {
      ResultRow r = sr.row();
      int c = 0;
      ws.value(i, c++, r.year());
      ws.value(i, c++, r.metric());
      ws.value(i, c++, r.stage());
      ws.value(i, c++, r.product());
      ws.value(i, c++, r.region());
      ws.value(i, c++, r.sector());
      if (ensemble) {
        if (sr.draw() != null) {
          ws.value(i, c, sr.draw());
        }
        c++;
        if (sr.percentile() != null) {
          ws.value(i, c, sr.percentile());
        }
        c++;
      }
      ws.value(i, c++, Noise.clean(r.value()));
      ws.value(i, c, r.unit());
      i++;
    }
    ws.freezePane(0, 1);
    Worksheet meta = wb.newWorksheet("run");
    String[][] kv = {
        {"id", run.id()}, {"scenario", run.scenarioName()}, {"scenario_hash", run.scenarioHash()},
        {"seed", String.valueOf(run.seed())}, {"engine", run.engine()}, {"created", run.created().toString()},
        {"status", run.status()}, {"duration_ms", String.valueOf(run.durationMs())},
        {"years", run.fromYear() + "-" + run.toYear()}, {"rows", String.valueOf(run.rows())},
        {"draws", String.valueOf(run.draws())}};
    for (int k = 0; k < kv.length; k++) {
      meta.value(k, 0, kv[k][0]);
      meta.value(k, 1, kv[k][1]);
    }
    wb.finish();
  }

  /** fastexcel closes its stream at the end; callers own theirs. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
