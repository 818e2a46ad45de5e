package org.lodestone.core.problem;

/**
 * One problem found in user input: where it is, what was found, which rule it breaks and a hint.
 *
 * <p>Immutable. {@code file}, {@code path}, {@code value} and {@code hint} may be {@code null};
 * {@code line} and {@code column} are 1-based, 0 when unknown.
 *
 * @param file   the file name as the user gave it, or {@code null}
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path   dotted path of the field ({@code producers.lynas.capacity.2024}) or column name
 * @param value  the offending value as written, or {@code null}
 * @param rule   what was expected ("must be > 0")
 * @param hint   a suggestion, or {@code null}
 */
public record Problem(String file, int line, int column, String path, String value, String rule, String hint) {

  /** A problem with no position (for example a missing file). */
  public static Problem of(String file, String rule) {
    return new Problem(file, 0, 0, null, null, rule, null);
  }

  /**
   * Formats as {@code file:line:col path = value: rule (hint)}, the one message format used by every
   * command and the server.
   */
  public String format() {
    StringBuilder b = new StringBuilder();
    if (file != null) {
      b.append(file);
      if (line > 0) {
        b.append(':').append(line);
        if (column > 0) {
          b.append(':').append(column);
        }
      }
      b.append(' ');
    }
    if (path != null && !path.isEmpty()) {
      b.append(path);
      if (value != null) {
        b.append(" = ").append(value);
      }
      b.append(": ");
    } else if (value != null) {
      b.append('`').append(value).append("`: ");
    }
    b.append(rule);
    if (hint != null && !hint.isEmpty()) {
      b.append("; ").append(hint);
    }
    return b.toString();
  }
}
