package org.lodestone.io.stock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.stock.LifetimeLaws;
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.core.stock.StockResult;
import org.lodestone.io.results.ResultsWriter;

/**
 * Reading and writing the CSV files of {@code lodestone stock}. Every reader collects all problems of a
 * file (with file, line, column, column name, value, rule and hint) and throws one
 * {@link InvalidInputException}.
 */
public final class StockCsv {
  /** The laws accepted in a lifetime spec, with their parameter names in order. */
  static final Map<String, List<String>> LAWS = LifetimeLaws.PARAMETERS;

  private StockCsv() {}

  /**
   * Reads a {@code year,value} or {@code year,<series1>,<series2>,…} file of non-negative values for
   * consecutive years.
   *
   * @param file    path to read
   * @param display the name to use in messages (as the user wrote it)
   * @param what    what the values are ("inflow", "stock"), for messages
   */
  public static SeriesTable readSeries(Path file, String display, String what) {
    List<Problem> problems = new ArrayList<>();
    List<String> lines = readLines(file, display);
    List<CsvLines.Cell> header = header(lines, display, "year", "for one series write `year,value`");
    List<String> names = headerNames(header, display, problems);
    int m = names.size();
    List<double[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    int firstYear = 0;
    Integer prevYear = null;
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = li + 1;
      List<CsvLines.Cell> cells = CsvLines.split(line);
      if (!checkShape(cells, header.size(), display, lineNo, line, problems)) {
        prevYear = yearOrNull(cells, prevYear);
        continue;
      }
      Integer year = parseYear(cells.get(0), display, lineNo, "year", problems);
      if (year != null) {
        if (prevYear == null) {
          firstYear = year;
        } else if (year != prevYear + 1) {
          problems.add(new Problem(display, lineNo, cells.get(0).column(), "year", cells.get(0).text(),
              "years must be consecutive and increasing; expected " + (prevYear + 1), null));
        }
        prevYear = year;
      }
      double[] row = new double[m];
      for (int s = 0; s < m; s++) {
        row[s] = parseValue(cells.get(s + 1), display, lineNo, names.get(s), what, problems);
      }
      rows.add(row);
      rowLines.add(lineNo);
    }
    if (rows.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(display, 2, 0, null, null, "at least one year of data is required", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return table(display, firstYear, names, rows, rowLines);
  }

  /**
   * Reads an age-structured initial stock: {@code cohort,value} or {@code cohort,<series…>} with the
   * stock of each cohort (consecutive cohort years ending at {@code firstYear − 1}) at the end of year
   * {@code firstYear − 1}. The series must be those of the stock file, in any order; the result is
   * reordered to {@code names}.
   */
  public static SeriesTable readInitialStock(Path file, String display, List<String> names, int firstYear) {
    List<String> lines = readLines(file, display);
    List<CsvLines.Cell> header = header(lines, display, "cohort", "the series names must be those of --stock");
    List<Problem> problems = new ArrayList<>();
    List<String> fileNames = headerNames(header, display, problems);
    int[] toSeries = new int[fileNames.size()];
    for (int j = 0; j < fileNames.size(); j++) {
      toSeries[j] = names.indexOf(fileNames.get(j));
      if (toSeries[j] < 0) {
        problems.add(new Problem(display, 1, header.get(j + 1).column(), "series", fileNames.get(j),
            "unknown series", "series in the stock file: " + String.join(", ", names)));
      }
    }
    for (String n : names) {
      if (!fileNames.contains(n)) {
        problems.add(new Problem(display, 1, 0, "series", n, "series of the stock file missing here", null));
      }
    }
    List<double[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    Integer prev = null;
    int first = 0;
    int lastLine = 1;
    CsvLines.Cell lastCohortCell = null;
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = li + 1;
      List<CsvLines.Cell> cells = CsvLines.split(line);
      if (!checkShape(cells, header.size(), display, lineNo, line, problems)) {
        continue;
      }
      Integer cohort = parseYear(cells.get(0), display, lineNo, "cohort", problems);
      if (cohort != null) {
        if (prev == null) {
          first = cohort;
        } else if (cohort != prev + 1) {
          problems.add(new Problem(display, lineNo, cells.get(0).column(), "cohort", cells.get(0).text(),
              "cohorts must be consecutive and increasing; expected " + (prev + 1), null));
        }
        prev = cohort;
        lastLine = lineNo;
        lastCohortCell = cells.get(0);
      }
      double[] row = new double[names.size()];
      for (int j = 0; j < fileNames.size(); j++) {
        double v = parseValue(cells.get(j + 1), display, lineNo, fileNames.get(j), "stock", problems);
        if (toSeries[j] >= 0) {
          row[toSeries[j]] = v;
        }
      }
      rows.add(row);
      rowLines.add(lineNo);
    }
    if (prev != null && prev != firstYear - 1) {
      problems.add(new Problem(display, lastLine, lastCohortCell.column(), "cohort", String.valueOf(prev),
          "the last cohort must be " + (firstYear - 1) + ", the year before the first year of the stock file",
          "the initial stock is the age structure at the end of that year"));
    }
    if (rows.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(display, 2, 0, null, null, "at least one cohort is required", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return table(display, first, names, rows, rowLines);
  }

  /** The header {@code first,<series>[,<series>…]} of a series file, or the problem that it is not one. */
  private static List<CsvLines.Cell> header(List<String> lines, String display, String first, String hint) {
    List<CsvLines.Cell> header = lines.isEmpty() ? null : CsvLines.split(lines.get(0));
    if (header == null || header.size() < 2 || !header.get(0).text().equalsIgnoreCase(first)) {
      throw new InvalidInputException(new Problem(display, 1, 1, null, lines.isEmpty() ? "" : lines.get(0),
          "header must be `" + first + ",<series>[,<series>…]`", hint));
    }
    return header;
  }

  /** The rows read (one array of the series' values a year, with its line) as one year-major table. */
  private static SeriesTable table(String display, int firstYear, List<String> names, List<double[]> rows,
      List<Integer> rowLines) {
    int m = names.size();
    double[] values = new double[rows.size() * m];
    int[] lineOf = new int[rows.size()];
    for (int t = 0; t < rows.size(); t++) {
      System.arraycopy(rows.get(t), 0, values, t * m, m);
      lineOf[t] = rowLines.get(t);
    }
    return new SeriesTable(display, firstYear, names, values, lineOf);
  }

  /**
   * Parses a lifetime spec such as {@code normal:mean=10,sd=3}.
   *
   * @param spec   the text
   * @param source where it came from, for messages ({@code --lifetime})
   */
  public static LifetimeModel parseSpec(String spec, String source) {
    String s = spec.trim();
    int colon = s.indexOf(':');
    String law = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    List<Problem> problems = new ArrayList<>();
    Map<String, Double> values = new HashMap<>();
    if (!LAWS.containsKey(law)) {
      throw new InvalidInputException(new Problem(source, 0, 0, "law", law, "unknown lifetime law",
          "one of " + String.join(", ", LAWS.keySet())));
    }
    if (colon >= 0 && colon + 1 < s.length()) {
      for (String part : s.substring(colon + 1).split(",")) {
        int eq = part.indexOf('=');
        String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String text = eq < 0 ? "" : part.substring(eq + 1).trim();
        if (!LAWS.get(law).contains(key)) {
          problems.add(new Problem(source, 0, 0, law + "." + key, text, "unknown parameter",
              law + " takes " + String.join(", ", LAWS.get(law))));
          continue;
        }
        Double v = parseDouble(text);
        if (v == null) {
          problems.add(new Problem(source, 0, 0, law + "." + key, text, "must be a finite number", null));
        } else {
          values.put(key, v);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return build(law, values, source, 0, 0, problems, spec);
  }

  /**
   * Reads {@code series,type,mean,sd,shape,scale}: one lifetime per series, all series of the data file
   * exactly once. Cells of parameters the law does not take must be empty.
   *
   * @return lifetimes in the order of {@code names}
   */
  public static LifetimeModel[] readLifetimes(Path file, String display, List<String> names) {
    List<String> lines = readLines(file, display);
    List<String> expected = List.of("series", "type", "mean", "sd", "shape", "scale");
    List<CsvLines.Cell> header = lines.isEmpty() ? null : CsvLines.split(lines.get(0));
    List<String> got = new ArrayList<>();
    if (header != null) {
      header.forEach(c -> got.add(c.text().toLowerCase(Locale.ROOT)));
    }
    if (!got.equals(expected)) {
      throw new InvalidInputException(new Problem(display, 1, 1, null, lines.isEmpty() ? "" : lines.get(0),
          "header must be `series,type,mean,sd,shape,scale`", "leave unused parameters empty"));
    }
    List<Problem> problems = new ArrayList<>();
    LifetimeModel[] out = new LifetimeModel[names.size()];
    int[] seenAt = new int[names.size()];
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = li + 1;
      List<CsvLines.Cell> cells = CsvLines.split(line);
      if (!checkShape(cells, expected.size(), display, lineNo, line, problems)) {
        continue;
      }
      CsvLines.Cell seriesCell = cells.get(0);
      int s = names.indexOf(seriesCell.text());
      if (s < 0) {
        problems.add(new Problem(display, lineNo, seriesCell.column(), "series", seriesCell.text(),
            "unknown series", "series in the data file: " + String.join(", ", names)));
      } else if (seenAt[s] != 0) {
        problems.add(new Problem(display, lineNo, seriesCell.column(), "series", seriesCell.text(),
            "series given twice", "first on line " + seenAt[s]));
      } else {
        seenAt[s] = lineNo;
      }
      CsvLines.Cell typeCell = cells.get(1);
      String law = typeCell.text().toLowerCase(Locale.ROOT);
      if (!LAWS.containsKey(law)) {
        problems.add(new Problem(display, lineNo, typeCell.column(), "type", typeCell.text(),
            "unknown lifetime law", "one of " + String.join(", ", LAWS.keySet())));
        continue;
      }
      Map<String, Double> values = new HashMap<>();
      int rowStart = problems.size();
      for (int j = 2; j < expected.size(); j++) {
        CsvLines.Cell cell = cells.get(j);
        String key = expected.get(j);
        if (cell.text().isEmpty()) {
          continue;
        }
        if (!LAWS.get(law).contains(key)) {
          problems.add(new Problem(display, lineNo, cell.column(), key, cell.text(),
              "not a parameter of " + law, "leave it empty; " + law + " takes " + String.join(", ", LAWS.get(law))));
          continue;
        }
        Double v = parseDouble(cell.text());
        if (v == null) {
          problems.add(new Problem(display, lineNo, cell.column(), key, cell.text(), "must be a finite number", null));
        } else {
          values.put(key, v);
        }
      }
      if (problems.size() > rowStart) {
        continue;
      }
      int before = problems.size();
      try {
        LifetimeModel model = build(law, values, display, lineNo, typeCell.column(), new ArrayList<>(), line);
        if (s >= 0 && seenAt[s] == lineNo && problems.size() == before) {
          out[s] = model;
        }
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    for (int s = 0; s < names.size(); s++) {
      if (seenAt[s] == 0) {
        problems.add(new Problem(display, 0, 0, "series", names.get(s), "no lifetime given for this series", null));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return out;
  }

  private static LifetimeModel build(String law, Map<String, Double> v, String source, int line, int column,
      List<Problem> problems, String text) {
    for (String p : LAWS.get(law)) {
      if (!v.containsKey(p)) {
        problems.add(new Problem(source, line, column, law + "." + p, null, "missing parameter",
            "write e.g. " + example(law)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    try {
      return LifetimeLaws.create(law, v);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(new Problem(source, line, column, law, text.trim(), e.getMessage(), null));
    }
  }

  private static String example(String law) {
    return switch (law) {
      case "fixed" -> "fixed:mean=5";
      case "weibull" -> "weibull:shape=1.2,scale=10";
      case "gamma" -> "gamma:shape=2,scale=5";
      default -> law + ":mean=20,sd=5";
    };
  }

  /** Writes {@code series,year,inflow,outflow,stock,stock_change}, series by series. */
  public static void writeTotals(Appendable out, List<String> names, int firstYear, StockResult r)
      throws IOException {
    out.append("series,year,inflow,outflow,stock,stock_change\n");
    StringBuilder b = new StringBuilder(64);
    for (int s = 0; s < r.nSeries(); s++) {
      String name = ResultsWriter.csvText(names.get(s));
      for (int t = 0; t < r.nYears(); t++) {
        b.setLength(0);
        b.append(name).append(',').append(firstYear + t).append(',');
        number(b, r.inflow(s, t)).append(',');
        number(b, r.outflow(s, t)).append(',');
        number(b, r.stock(s, t)).append(',');
        number(b, r.stockChange(s, t)).append('\n');
        out.append(b);
      }
    }
  }

  /** Writes {@code series,year,cohort,stock,outflow} for every cohort up to each year. */
  public static void writeByCohort(Appendable out, List<String> names, int firstYear, StockResult r)
      throws IOException {
    out.append("series,year,cohort,stock,outflow\n");
    int n = r.nYears();
    StringBuilder b = new StringBuilder(64);
    for (int s = 0; s < r.nSeries(); s++) {
      String name = ResultsWriter.csvText(names.get(s));
      double[] sc = r.cohortStock(s);
      double[] oc = r.cohortOutflow(s);
      for (int t = 0; t < n; t++) {
        for (int c = 0; c <= t; c++) {
          b.setLength(0);
          b.append(name).append(',').append(firstYear + t).append(',').append(firstYear + c).append(',');
          number(b, sc[t * n + c]).append(',');
          number(b, oc[t * n + c]).append('\n');
          out.append(b);
        }
      }
    }
  }

  /**
   * A value as every results writer prints it ({@link ResultsWriter#number}): plain decimal, at most 9
   * significant digits, and 0 within the balance tolerance of zero ({@code Noise}), so a sum's residue
   * such as {@code -2.78e-17} or {@code 0.30000000000000004} prints as 0 and 0.3.
   */
  static StringBuilder number(StringBuilder b, double v) {
    return b.append(ResultsWriter.number(v));
  }

  private static List<String> readLines(Path file, String display) {
    try {
      return new ArrayList<>(CsvLines.lines(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.of(display, "cannot read file: " + e.getMessage()));
    }
  }

  private static List<String> headerNames(List<CsvLines.Cell> header, String display, List<Problem> problems) {
    List<String> names = new ArrayList<>();
    for (int j = 1; j < header.size(); j++) {
      CsvLines.Cell c = header.get(j);
      if (c.text().isEmpty()) {
        problems.add(new Problem(display, 1, c.column(), null, "", "series name must not be empty", null));
      } else if (names.contains(c.text())) {
        problems.add(new Problem(display, 1, c.column(), "series", c.text(), "series name given twice", null));
      }
      names.add(c.text());
    }
    return names;
  }

  private static boolean checkShape(List<CsvLines.Cell> cells, int expected, String display, int lineNo,
      String line, List<Problem> problems) {
    if (cells == null) {
      problems.add(new Problem(display, lineNo, 0, null, line, "unclosed quote", null));
      return false;
    }
    if (cells.size() != expected) {
      int col = cells.size() > expected ? cells.get(expected).column() : line.length() + 1;
      problems.add(new Problem(display, lineNo, col, null, null,
          "row has " + cells.size() + " cells, the header has " + expected, "every row needs one value per column"));
      return false;
    }
    return true;
  }

  /** The year of a row that is otherwise broken, so that the next row is not also reported. */
  private static Integer yearOrNull(List<CsvLines.Cell> cells, Integer fallback) {
    if (cells == null || cells.isEmpty()) {
      return fallback == null ? null : fallback + 1;
    }
    try {
      return Integer.valueOf(cells.get(0).text());
    } catch (NumberFormatException e) {
      return fallback == null ? null : fallback + 1;
    }
  }

  private static Integer parseYear(CsvLines.Cell cell, String display, int lineNo, String column,
      List<Problem> problems) {
    try {
      return Integer.valueOf(cell.text());
    } catch (NumberFormatException e) {
      problems.add(new Problem(display, lineNo, cell.column(), column, cell.text(), "must be an integer year", null));
      return null;
    }
  }

  private static double parseValue(CsvLines.Cell cell, String display, int lineNo, String column, String what,
      List<Problem> problems) {
    Double v = parseDouble(cell.text());
    if (v == null) {
      problems.add(new Problem(display, lineNo, cell.column(), column, cell.text(),
          what + " must be a finite number", cell.text().isEmpty() ? "write 0 for no " + what : null));
      return 0.0;
    }
    if (v < 0) {
      problems.add(new Problem(display, lineNo, cell.column(), column, cell.text(), what + " must be >= 0", null));
      return 0.0;
    }
    return v;
  }

  /** A finite number, or null (for empty, non-numeric, NaN and infinities). */
  static Double parseDouble(String text) {
    if (text.isEmpty()) {
      return null;
    }
    char last = text.charAt(text.length() - 1);
    if (Character.isLetter(last) && last != 'e' && last != 'E') {
      return null; // Double.parseDouble accepts "1d", "1f"
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
