package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * once. Regenerate: {@code mvn -B -q -pl
 * cli -am test -Dtest=ReadmeOutputsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlodestone.writeDocs=true}.
 */
class ReadmeOutputsTest extends CliTestSupport {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern MARK = Pattern.compile("^<!-- output: (.+?) -->$");
  private static final Pattern PROMPT =
      Pattern.compile("^\\$ \\./lodestone (.+?)(?: \\| grep (?:-E )?'?(.+?)'?)?(?: >\\s*\\S+)?$");
  private static final String MASKED = "\u2026";

  private final Map<String, List<String>> runs = new HashMap<>();
  private final StringBuilder failures = new StringBuilder();

  @Test
  void markedOutputBlocksMatchTheCommands() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<String> written = new ArrayList<>();
    StringBuilder diffs = new StringBuilder();
    int blocks = 0;
    int skipped = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      written.add(line);
      Matcher m = MARK.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
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
    System.out.printf("ReadmeOutputsTest: %d README output blocks checked, %d slow ones left unchecked "
        + "(-Dlodestone.readme.slow=true checks them)%n", blocks, skipped);
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
    for (int k = 0; k < args.length; k++) {
      args[k] = args[k].replaceAll("^'(.*)'$", "$1");
      // README commands run from the repository root; the test runs in cli/
      if (args[k].contains("/") && !Files.exists(Path.of(args[k])) && Files.exists(Path.of("..", args[k]))) {
        args[k] = Path.of("..", args[k]).toString();
      }
    }
    int code = run(args);
    if (code != 0 && code != CheckCommand.CONTRADICTIONS) {
      failures.append("lodestone ").append(command).append(": exit ").append(code).append(": ").append(err)
          .append('\n');
    }
    List<String> lines = new ArrayList<>(out.toString().lines().map(String::stripTrailing).toList());
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
