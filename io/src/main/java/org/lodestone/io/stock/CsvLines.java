package org.lodestone.io.stock;

import java.util.ArrayList;
import java.util.List;

/**
 * A careful CSV line splitter that remembers where each cell starts, so that problems can name the
 * 1-based column. Supports double-quoted cells with doubled quotes inside; cells are trimmed.
 */
final class CsvLines {
  private CsvLines() {}

  /** One cell: its text and its 1-based column (character position in the line). */
  record Cell(String text, int column) {}

  /** Splits one line (without its line terminator). Returns null if a quote is not closed. */
  static List<Cell> split(String line) {
    List<Cell> cells = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      int start = i;
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      StringBuilder b = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char ch = line.charAt(i);
          if (ch == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              b.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          b.append(ch);
          i++;
        }
        if (!closed) {
          return null;
        }
        while (i < n && line.charAt(i) != ',') {
          i++;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          b.append(line.charAt(i));
          i++;
        }
      }
      cells.add(new Cell(b.toString().trim(), start + 1));
      if (i >= n) {
        return cells;
      }
      i++; // the comma
    }
  }

  /** Splits text into lines, dropping a UTF-8 BOM and accepting \n, \r\n and \r. */
  static List<String> lines(String text) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return List.of(text.split("\r\n|\n|\r", -1));
  }
}
