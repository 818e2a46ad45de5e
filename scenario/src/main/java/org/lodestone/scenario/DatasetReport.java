package org.lodestone.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of docs/DATASET.md that are counted or listed from the dataset itself, so the document
 * cannot drift from what {@code lodestone data} reports: the number of sources, figures, estimates
 * (E) and derivations (D), the number of history series, and the appendix of every E and D figure.
 * {@link #refresh} rewrites those parts of a document; a test holds the shipped file equal to its
 * refreshed self.
 */
public final class DatasetReport {
  /** Heading that opens the generated appendix; everything after it is generated. */
  public static final String APPENDIX_HEADING = "## Appendix: every estimate (E) and derived figure (D) in `base`";

  private static final Pattern SOURCES_ROW = Pattern.compile("(?m)^\\| `sources` \\| \\d+ \\|");
  private static final Pattern HISTORY_ROW = Pattern.compile("(?m)^\\| `history` \\| \\d+ series \\|");
  private static final Pattern PROVENANCE = Pattern.compile(
      "(?m)^Provenance: [^.]*figures\\. \\d+ are estimates \\(`E`\\) and \\d+ are derived by arithmetic \\(`D`\\)");

  private DatasetReport() {
  }

  /** Counts as {@code lodestone data sources} and {@code data estimates} report them. */
  public record Counts(int sources, int figures, int estimates, int derived, int historySeries) {
  }

  /** The scenario's counts. */
  public static Counts counts(Scenario s) {
    int e = 0;
    int d = 0;
    for (Figure f : s.figures()) {
      if (f.confidence().equals("E")) {
        e++;
      } else if (f.confidence().equals("D")) {
        d++;
      }
    }
    return new Counts(s.sources().size(), s.figures().size(), e, d, s.history().size());
  }

  /** The appendix: heading, explanation and one table row per E or D figure, in file order. */
  public static String appendix(Scenario s) {
    StringBuilder b = new StringBuilder(APPENDIX_HEADING).append("\n\n");
    b.append("Generated from the dataset (`lodestone data estimates base` lists the same figures with their\n"
        + "lines). Paths are YAML paths in `base.yaml` (points of a capacity or driver path are\n"
        + "`...capacity.YEAR`); a point without its own method inherits its path's. Source ids in the methods\n"
        + "refer to `sources:` in `base.yaml`.\n\n");
    b.append("| figure (path in base.yaml) | value | conf. | method |\n|---|---|---|---|\n");
    for (Figure f : s.figures()) {
      if (f.confidence().equals("E") || f.confidence().equals("D")) {
        b.append("| `").append(f.path()).append("` | ").append(cell(f.value())).append(" | ")
            .append(f.confidence()).append(" | ").append(cell(f.method())).append(" |\n");
      }
    }
    return b.toString();
  }

  /**
   * The document with its counted parts and appendix replaced by the scenario's.
   *
   * @throws IllegalArgumentException if the document lacks one of the parts
   */
  public static String refresh(String doc, Scenario s) {
    Counts c = counts(s);
    String out = replaceOnce(doc, SOURCES_ROW, "| `sources` | " + c.sources() + " |");
    out = replaceOnce(out, HISTORY_ROW, "| `history` | " + c.historySeries() + " series |");
    out = replaceOnce(out, PROVENANCE, "Provenance: " + c.figures() + " figures. " + c.estimates()
        + " are estimates (`E`) and " + c.derived() + " are derived by arithmetic (`D`)");
    int at = out.indexOf(APPENDIX_HEADING);
    if (at < 0) {
      throw new IllegalArgumentException("no appendix heading: " + APPENDIX_HEADING);
    }
    return out.substring(0, at) + appendix(s);
  }

  private static String replaceOnce(String doc, Pattern p, String with) {
    Matcher m = p.matcher(doc);
    if (!m.find()) {
      throw new IllegalArgumentException("docs/DATASET.md has no part matching " + p.pattern());
    }
    return doc.substring(0, m.start()) + with + doc.substring(m.end());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
