package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks every README output block marked on the line just before its code fence against the commands run
 * in process, and with {@code -Dlodestone.writeDocs=true} rewrites the block in place. Two markers:
 *
 * <ul>
 *   <li>{@code <!-- output: lodestone ARGS[; OPTION]... -->}: the block is the output of {@code lodestone
 *       ARGS} (a first block line starting with {@code $ } is the prompt shown and is kept as is);
 *   <li>{@code <!-- output: prompts[; OPTION]... -->}: the commands are the block's own {@code $
 *       ./lodestone ARGS [| grep [-E] 'REGEX']} lines, each followed by its output up to the next {@code $ }
 *       line; {@code > FILE} discards the output.
 * </ul>
 *
 * Options: {@code abridged} keeps only the fresh lines whose {@link #label} matches the block's lines, in
 * order (a block line {@code ...} stays where it is); {@code grep: REGEX} keeps the lines where REGEX is
 * found; {@code mask: REGEX} ignores what REGEX matches (timings, draws/s) and keeps the block's line as
 * last measured when only that differs; {@code only: N} (prompts) checks the first N commands and keeps the
 * rest as shown (a {@code $ sed ...} step, a long ensemble); {@code slow} marks a block that takes too long
 * for every build: it is kept as is unless {@code -Dlodestone.readme.slow=true}. Each distinct command runs
 * once.
 *
 * <p>A number in prose is checked the same way ({@link #values}): {@code <!-- value: COMMAND; grep: REGEX[;
 * OPTION]... -->TEXT<!-- /value -->} on one line, where COMMAND is {@code lodestone ARGS} or the NAME of a line
 * {@code <!-- command: NAME = lodestone ARGS[; slow] -->} anywhere in the README (a rendered inline comment
 * must not contain {@code --}, so commands with long options are named; in a table row REGEX must not contain
 * {@code |}; a marker right after a backtick is an example in a code span and is not checked). TEXT must be
 * the value taken from the first output line where REGEX is found: its last group (so a year alternation may
 * come first), or with {@code field: N} the line's Nth comma-separated field, or with {@code column: N} the
 * Nth token after the row {@link #label}; then, with
 * {@code format: F} ({@link String#format}, e.g. {@code %,.1f}), that value as a number times {@code scale:
 * S} (default 1), formatted; {@code agg: min} or {@code max} takes every matching line's value, {@code over:
 * REGEX2} divides by and {@code minus: REGEX2} subtracts the value of the first line matching REGEX2 (both
 * need {@code format:}). Regenerate (blocks and values): {@code mvn -B -q -pl cli -am test
 * -Dtest=ReadmeOutputsTest -Dsurefire.failIfNoSpecifiedTests=false -Dlodestone.writeDocs=true
 * -Dlodestone.readme.slow=true}.
 */
class ReadmeOutputsTest extends CliTestSupport {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern MARK = Pattern.compile("^<!-- output: (.+?) -->$");
  private static final Pattern PROMPT =
      Pattern.compile("^\\$ \\./lodestone (.+?)(?: \\| grep (?:-E )?'?(.+?)'?)?(?: >\\s*\\S+)?$");
  private static final String MASKED = "\u2026";
  private static final Pattern VALUE = Pattern.compile("(?<!`)<!-- value: (.+?) -->(.*?)<!-- /value -->");
  private static final Pattern COMMAND = Pattern.compile("^<!-- command: (\\S+) = lodestone(.*?) -->$");

  private final Map<String, List<String>> runs = new HashMap<>();
  private final StringBuilder failures = new StringBuilder();

  @Test
  void markedOutputBlocksMatchTheCommands() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    Map<String, String> named = commands(lines);
    boolean slowToo = Boolean.getBoolean("lodestone.readme.slow");
    Function<String, List<String>> commandOutput = c -> runs.computeIfAbsent(c, this::output);
    List<String> written = new ArrayList<>();
    StringBuilder diffs = new StringBuilder();
    int blocks = 0;
    int skipped = 0;
    int[] valueCount = new int[2];
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = MARK.matcher(line.trim());
      if (!m.matches()) {
        String fresh = values(line, i + 1, named, slowToo, commandOutput, failures, valueCount);
        if (!fresh.equals(line)) {
          diffs.append("\nREADME.md:").append(i + 1).append(" (value):\n  - ").append(line).append("\n  + ")
              .append(fresh).append('\n');
        }
        written.add(fresh);
        continue;
      }
      written.add(line);
      assertThat(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"))
          .as("README.md:%d: an output marker must be followed by a code fence", i + 1).isTrue();
      written.add(lines.get(i + 1));
      int end = i + 2;
      List<String> block = new ArrayList<>();
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        block.add(lines.get(end++));
      }
      assertThat(end).as("README.md:%d: unclosed code fence", i + 2).isLessThan(lines.size());
      String[] parts = m.group(1).split(";\\s+");
      boolean slow = List.of(parts).stream().anyMatch(o -> o.trim().equals("slow"));
      if (slow && !Boolean.getBoolean("lodestone.readme.slow")) {
        written.addAll(block);
        written.add(lines.get(end));
        i = end;
        skipped++;
        continue;
      }
      List<String> fresh = fresh(i + 1, parts, block);
      if (!fresh.equals(block)) {
        diffs.append(diff(i + 3, m.group(1), block, fresh));
      }
      written.addAll(fresh);
      written.add(lines.get(end));
      i = end;
      blocks++;
    }
    assertThat(failures.toString()).as("README output commands").isEmpty();
    assertThat(blocks).as("marked README output blocks").isPositive();
    System.out.printf("ReadmeOutputsTest: %d README output blocks and %d values checked, %d slow blocks and %d "
        + "slow values left unchecked (-Dlodestone.readme.slow=true checks them)%n", blocks, valueCount[0],
        skipped, valueCount[1]);
    if (Boolean.getBoolean("lodestone.writeDocs")) {
      Files.writeString(README, String.join("\n", written) + "\n", StandardCharsets.UTF_8);
      return;
    }
    assertThat(diffs.toString())
        .as("README output blocks are stale; regenerate with -Dlodestone.writeDocs=true")
        .isEmpty();
  }

  @Test
  void rowLabelsAreTheWordsBeforeTheNumbers() {
    assertThat(label("  mining China share                 70%       59%")).isEqualTo("mining China share");
    assertThat(label("chi-square global test: 0.56 on 5 degrees of freedom")).isEqualTo("chi-square global test:");
    assertThat(label("                                    2015      2020")).isEqualTo("2015");
    assertThat(label("mining => separation, CN                                270,000    27,000"))
        .isEqualTo("mining => separation, CN");
    assertThat(label("")).isEmpty();
  }

  /**
   * The README's named commands: {@code <!-- command: NAME = lodestone ARGS[; slow] -->} lines, NAME to
   * {@code ARGS[; slow]}.
   */
  static Map<String, String> commands(List<String> lines) {
    Map<String, String> named = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher c = COMMAND.matcher(lines.get(i).trim());
      if (c.matches()) {
        String was = named.put(c.group(1), c.group(2).trim());
        assertThat(was).as("README.md:%d: command %s is named twice", i + 1, c.group(1)).isNull();
      }
    }
    return named;
  }

  /**
   * The line with each value marker's TEXT retaken from its command's output (see the class comment). A
   * marker whose command is slow keeps its TEXT unless {@code slowToo}; counts go to {@code counted}
   * (checked, slow). A marker that is malformed, names an unknown command or matches no output line is
   * added to {@code problems} and keeps its TEXT.
   */
  static String values(String line, int lineNo, Map<String, String> named, boolean slowToo,
      Function<String, List<String>> output, StringBuilder problems, int[] counted) {
    Matcher v = VALUE.matcher(line);
    StringBuilder out = new StringBuilder();
    while (v.find()) {
      String text = v.group(2);
      String fresh = text;
      String where = "README.md:" + lineNo + ": value '" + v.group(1) + "': ";
      String[] parts = v.group(1).split(";\\s+");
      String head = parts[0].trim();
      String command;
      boolean slow = false;
      if (v.group(1).contains("--")) {
        problems.append(where).append("an inline comment must not contain '--' (it would show); name the "
            + "command on a line <!-- command: NAME = lodestone ARGS -->\n");
        command = null;
      } else if (line.startsWith("|") && v.group(1).contains("|")) {
        problems.append(where).append("a '|' in a table row splits the cell; write [|] or a character class\n");
        command = null;
      } else if (head.equals("lodestone") || head.startsWith("lodestone ")) {
        command = head.substring("lodestone".length()).trim();
      } else if (named.containsKey(head)) {
        String[] def = named.get(head).split(";\\s+");
        command = def[0].trim();
        slow = def.length > 1 && def[1].trim().equals("slow");
      } else {
        problems.append(where).append("no command named '").append(head).append("'\n");
        command = null;
      }
      if (command != null && slow && !slowToo) {
        counted[1]++;
      } else if (command != null) {
        counted[0]++;
        String taken = take(output.apply(command), parts, where, problems);
        if (taken != null) {
          fresh = taken;
        }
      }
      v.appendReplacement(out, Matcher.quoteReplacement(
          "<!-- value: " + v.group(1) + " -->" + fresh + "<!-- /value -->"));
    }
    v.appendTail(out);
    return out.toString();
  }

  /** The value a marker's options take from a command's output lines, or null (and a problem). */
  private static String take(List<String> lines, String[] parts, String where, StringBuilder problems) {
    Pattern grep = null;
    Pattern over = null;
    Pattern minus = null;
    String agg = null;
    int field = 0;
    int column = 0;
    double scale = 1;
    String format = null;
    for (int k = 1; k < parts.length; k++) {
      String o = parts[k].trim();
      int colon = o.indexOf(':');
      String key = colon < 0 ? o : o.substring(0, colon);
      String arg = colon < 0 ? "" : o.substring(colon + 1).trim();
      switch (key) {
        case "grep" -> grep = Pattern.compile(arg);
        case "over" -> over = Pattern.compile(arg);
        case "minus" -> minus = Pattern.compile(arg);
        case "agg" -> agg = arg;
        case "field" -> field = Integer.parseInt(arg);
        case "column" -> column = Integer.parseInt(arg);
        case "scale" -> scale = Double.parseDouble(arg);
        case "format" -> format = arg;
        default -> {
          problems.append(where).append("unknown option '").append(o).append("'\n");
          return null;
        }
      }
    }
    if (grep == null || (agg != null && !agg.equals("min") && !agg.equals("max"))) {
      problems.append(where).append("needs 'grep: REGEX' (and 'agg:' is min or max)\n");
      return null;
    }
    if (format == null && (over != null || minus != null || agg != null || scale != 1)) {
      problems.append(where).append("'over:', 'minus:', 'agg:' and 'scale:' need 'format:'\n");
      return null;
    }
    List<String> found = new ArrayList<>();
    for (String l : lines) {
      Matcher g = grep.matcher(l);
      if (g.find()) {
        found.add(extract(l, g, field, column));
        if (agg == null) {
          break;
        }
      }
    }
    if (found.isEmpty() || found.contains(null)) {
      problems.append(where).append(found.isEmpty() ? "no output line matches " + grep
          : "no field or column " + Math.max(field, column) + " in a line matching " + grep).append('\n');
      return null;
    }
    if (format == null) {
      return found.get(0);
    }
    double x = agg == null ? number(found.get(0)) : agg.equals("min")
        ? found.stream().mapToDouble(ReadmeOutputsTest::number).min().getAsDouble()
        : found.stream().mapToDouble(ReadmeOutputsTest::number).max().getAsDouble();
    for (Pattern other : new Pattern[] {over, minus}) {
      if (other == null) {
        continue;
      }
      String y = null;
      for (String l : lines) {
        Matcher g = other.matcher(l);
        if (g.find()) {
          y = extract(l, g, field, column);
          break;
        }
      }
      if (y == null) {
        problems.append(where).append("no output line matches ").append(other).append('\n');
        return null;
      }
      x = other == over ? x / number(y) : x - number(y);
    }
    if (Double.isNaN(x)) {
      problems.append(where).append("'").append(String.join("', '", found)).append("' is not a number\n");
      return null;
    }
    return String.format(Locale.ROOT, format, x * scale);
  }

  /**
   * The match's last group (the whole match if it has none), the line's Nth comma-separated field or its Nth
   * token after the row label.
   */
  private static String extract(String line, Matcher g, int field, int column) {
    if (field > 0) {
      String[] f = line.split(",", -1);
      return field <= f.length ? f[field - 1] : null;
    }
    if (column > 0) {
      String s = line.strip();
      String[] c = s.substring(label(s).length()).strip().split("\\s+");
      return column <= c.length ? c[column - 1] : null;
    }
    return g.group(g.groupCount());
  }

  /** The first number in the text ("1,090.9" is 1090.9, "70%" 70, "3p" 3), NaN if there is none. */
  static double number(String text) {
    Matcher n = Pattern.compile("[-+]?\\d[\\d,]*(\\.\\d+)?([eE][-+]?\\d+)?").matcher(text);
    return n.find() ? Double.parseDouble(n.group().replace(",", "")) : Double.NaN;
  }

  @Test
  void valuesAreTakenFromTheNamedOutputLine() {
    Map<String, List<String>> outputs = Map.of(
        "run --format csv", List.of("2015,stock_in_use,,magnet,,,651234.5,t", "2024,stock_in_use,,magnet,,,1590012,t"),
        "run", List.of("  in use, end of year              680.6   1,090.9", "  mining China share    70%    59%"));
    Map<String, String> named = commands(List.of("<!-- command: csv = lodestone run --format csv -->",
        "<!-- command: calibrate = lodestone calibrate base; slow -->"));
    StringBuilder problems = new StringBuilder();
    int[] counted = new int[2];
    String line = "stock <!-- value: csv; grep: ^2015,stock_in_use,,magnet,,,([^,]+); scale: 0.001; format: %.0f -->"
        + "600<!-- /value --> kt, then <!-- value: csv; grep: ^2024,stock_in_use,; field: 7; format: %,.0f -->"
        + "1,590,012<!-- /value --> t; <!-- value: lodestone run; grep: ^  in use; column: 2 -->1,090.9"
        + "<!-- /value -->, share <!-- value: lodestone run; grep: China share; column: 1; scale: 0.01; "
        + "format: %.2f -->0.7<!-- /value -->; <!-- value: calibrate; grep: objective (\\S+) -->1.66<!-- /value -->";
    String fresh = values(line, 9, named, false, outputs::get, problems, counted);
    assertThat(problems.toString()).isEmpty();
    assertThat(counted).containsExactly(4, 1);
    // 651234.5 t is 651 kt: the stale 600 is retaken, 1,590,012 and 1,090.9 are right, 0.7 is now 0.70
    assertThat(fresh).isEqualTo(line.replace("-->600<", "-->651<").replace("-->0.7<", "-->0.70<"));
    assertThat(values(fresh, 9, named, false, outputs::get, problems, counted)).isEqualTo(fresh);
    // 1,590,012 / 651,234.5 = 2.44; 1,590,012 - 651,234.5 = 938,777.5 t = 938.8 kt; range 651-1,590 kt
    String derived = "<!-- value: csv; grep: ^2024,stock_in_use,; field: 7; over: ^2015,stock_in_use,; format: %.2f -->"
        + "x<!-- /value --> <!-- value: csv; grep: ^2024,stock_in_use,; field: 7; minus: ^2015,stock_in_use,; "
        + "scale: 0.001; format: %.1f -->x<!-- /value --> <!-- value: csv; grep: ,stock_in_use,; field: 7; agg: min; "
        + "scale: 0.001; format: %.0f -->x<!-- /value -->-<!-- value: csv; grep: ,stock_in_use,; field: 7; agg: max; "
        + "scale: 0.001; format: %,.0f -->x<!-- /value -->";
    assertThat(values(derived, 10, named, false, outputs::get, problems, counted).replaceAll("<!--.*?-->", ""))
        .isEqualTo("2.44 938.8 651-1,590");
    assertThat(problems.toString()).isEmpty();
    assertThat(number("3p")).isEqualTo(3);
    assertThat(number("-1,090.5%")).isEqualTo(-1090.5);
    assertThat(number("-")).isNaN();
  }

  @Test
  void aStaleOrUnmatchedValueFails() {
    StringBuilder problems = new StringBuilder();
    Map<String, List<String>> outputs = Map.of("run", List.of("  in use, end of year              680.6"));
    String stale = "the stock (<!-- value: lodestone run; grep: in use, end of year +(\\S+) -->651<!-- /value --> kt)";
    assertThat(values(stale, 1, Map.of(), false, outputs::get, problems, new int[2])).isNotEqualTo(stale)
        .contains("-->680.6<");
    assertThat(problems.toString()).isEmpty();
    String example = "`<!-- value: nameless; grep: x -->1<!-- /value -->`";
    assertThat(values(example, 2, Map.of(), false, outputs::get, problems, new int[2])).isEqualTo(example);
    assertThat(problems.toString()).as("a marker in a code span is an example").isEmpty();
    String unmatched = "<!-- value: lodestone run; grep: ^no such row (\\S+) -->1<!-- /value -->";
    assertThat(values(unmatched, 2, Map.of(), false, outputs::get, problems, new int[2])).isEqualTo(unmatched);
    assertThat(problems.toString()).contains("README.md:2").contains("no output line matches");
    problems.setLength(0);
    String dashes = "<!-- value: lodestone run --format csv; grep: x -->1<!-- /value -->";
    values(dashes, 3, Map.of(), false, outputs::get, problems, new int[2]);
    assertThat(problems.toString()).contains("must not contain '--'");
    problems.setLength(0);
    values("<!-- value: nameless; grep: x -->1<!-- /value -->", 4, Map.of(), false, outputs::get, problems,
        new int[2]);
    assertThat(problems.toString()).contains("no command named 'nameless'");
    problems.setLength(0);
    values("| cell | <!-- value: lodestone run; grep: ^20(15|20) -->1<!-- /value --> |", 5, Map.of(), false,
        outputs::get, problems, new int[2]);
    assertThat(problems.toString()).contains("README.md:5").contains("splits the cell");
  }

  private List<String> fresh(int markerLine, String[] parts, List<String> block) {
    List<String> out = new ArrayList<>();
    String head = parts[0].trim();
    if (head.startsWith("lodestone ") || head.equals("lodestone")) {
      List<String> shown = block;
      if (!block.isEmpty() && block.get(0).startsWith("$ ")) {
        out.add(block.get(0));
        shown = block.subList(1, block.size());
      }
      out.addAll(select(head.substring("lodestone".length()).trim(), null, parts, shown));
      return out;
    }
    assertThat(head).as("README.md:%d: marker is 'lodestone ARGS' or 'prompts'", markerLine)
        .isEqualTo("prompts");
    int only = Integer.MAX_VALUE;
    for (String o : parts) {
      if (o.trim().startsWith("only:")) {
        only = Integer.parseInt(o.trim().substring(5).trim());
      }
    }
    int k = 0;
    int prompts = 0;
    while (k < block.size()) {
      if (prompts++ == only) {
        out.addAll(block.subList(k, block.size()));
        break;
      }
      String prompt = block.get(k);
      Matcher p = PROMPT.matcher(prompt);
      assertThat(p.matches())
          .as("README.md:%d: '%s' is not a '$ ./lodestone ARGS [| grep]' line", markerLine + 2 + k, prompt)
          .isTrue();
      int next = k + 1;
      while (next < block.size() && !block.get(next).startsWith("$ ")) {
        next++;
      }
      out.add(prompt);
      if (!prompt.matches(".* >\\s*\\S+$")) {
        out.addAll(select(p.group(1), p.group(2), parts, block.subList(k + 1, next)));
      }
      k = next;
    }
    return out;
  }

  private List<String> select(String command, String grep, String[] options, List<String> shown) {
    List<String> fresh = runs.computeIfAbsent(command, this::output);
    if (grep != null) {
      Pattern p = Pattern.compile(grep);
      fresh = fresh.stream().filter(l -> p.matcher(l).find()).toList();
    }
    Pattern mask = null;
    boolean abridged = false;
    for (int k = 1; k < options.length; k++) {
      String o = options[k].trim();
      if (o.equals("abridged")) {
        abridged = true;
      } else if (o.startsWith("grep:")) {
        Pattern p = Pattern.compile(o.substring(5).trim());
        fresh = fresh.stream().filter(l -> p.matcher(l).find()).toList();
      } else if (o.equals("slow") || o.startsWith("only:")) {
        continue;
      } else if (o.startsWith("mask:")) {
        mask = Pattern.compile(o.substring(5).trim());
      } else {
        throw new IllegalArgumentException("README output marker: unknown option '" + o + "'");
      }
    }
    if (abridged) {
      List<String> kept = new ArrayList<>();
      int next = 0;
      for (String l : fresh) {
        next = elisions(shown, next, kept);
        if (next < shown.size() && label(l).equals(label(shown.get(next)))) {
          kept.add(l);
          next++;
        }
      }
      elisions(shown, next, kept);
      fresh = kept;
    }
    List<String> out = new ArrayList<>();
    for (String l : fresh) {
      String keep = l;
      if (mask != null) {
        String masked = mask.matcher(l).replaceAll(MASKED);
        for (String b : shown) {
          if (mask.matcher(b).replaceAll(MASKED).equals(masked)) {
            keep = b;
            break;
          }
        }
      }
      out.add(keep);
    }
    return out;
  }

  /** Copies the block's {@code ...} lines (elided output) at {@code next}; returns the next index. */
  private static int elisions(List<String> shown, int next, List<String> kept) {
    while (next < shown.size() && shown.get(next).strip().equals("...")) {
      kept.add(shown.get(next++));
    }
    return next;
  }

  /** Runs {@code lodestone ARGS}; the shown output is stdout (exit 0, or check's 3: contradictions). */
  private List<String> output(String command) {
    String[] args = command.split("\\s+");
    Map<String, String> moved = new HashMap<>();
    for (int k = 0; k < args.length; k++) {
      args[k] = args[k].replaceAll("^'(.*)'$", "$1");
      // README commands run from the repository root; the test runs in cli/ (and shows the paths as given)
      if (args[k].contains("/") && !Files.exists(Path.of(args[k])) && Files.exists(Path.of("..", args[k]))) {
        moved.put(Path.of("..", args[k]).toString(), args[k]);
        args[k] = Path.of("..", args[k]).toString();
      }
    }
    int code = run(args);
    if (code != 0 && code != CheckCommand.CONTRADICTIONS) {
      failures.append("lodestone ").append(command).append(": exit ").append(code).append(": ").append(err)
          .append('\n');
    }
    List<String> lines = new ArrayList<>();
    for (String l : out.toString().lines().map(String::stripTrailing).toList()) {
      for (Map.Entry<String, String> e : moved.entrySet()) {
        l = l.replace(e.getKey(), e.getValue());
      }
      lines.add(l);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /**
   * The row label: the text before the first run of two spaces, leading spaces dropped, then only the words
   * before the first word with a digit ("chi-square global test: 1.64 on 5 ..." is "chi-square global
   * test:"); a line that starts with a number (a header of years) keeps its first column.
   */
  static String label(String line) {
    String s = line.strip();
    int cut = s.indexOf("  ");
    String column = cut < 0 ? s : s.substring(0, cut);
    StringBuilder words = new StringBuilder();
    for (String w : column.split(" ")) {
      if (w.chars().anyMatch(Character::isDigit)) {
        break;
      }
      words.append(words.length() == 0 ? "" : " ").append(w);
    }
    return words.length() == 0 ? column : words.toString();
  }

  private static String diff(int firstLine, String marker, List<String> was, List<String> now) {
    StringBuilder b = new StringBuilder("\nREADME.md:" + firstLine + " (" + marker + "):\n");
    int n = Math.max(was.size(), now.size());
    for (int k = 0; k < n; k++) {
      String w = k < was.size() ? was.get(k) : null;
      String f = k < now.size() ? now.get(k) : null;
      if (w != null && w.equals(f)) {
        continue;
      }
      if (w != null) {
        b.append("  - ").append(w).append('\n');
      }
      if (f != null) {
        b.append("  + ").append(f).append('\n');
      }
    }
    return b.toString();
  }
}
