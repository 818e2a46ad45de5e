package org.lodestone.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;

/**
 * Reads one YAML document into a {@link Node} tree with positions, using Jackson's streaming YAML
 * parser (positions come from the parser's token locations). Duplicate keys are reported as errors,
 * not silently overwritten.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlReader() {
  }

  /**
   * Parses the document.
   *
   * @param file   name used in positions
   * @param reader the text
   * @throws InvalidInputException with the position of a syntax error or duplicate keys
   */
  public static Node read(String file, Reader reader) {
    List<Problem> problems = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(reader)) {
      JsonToken tok = p.nextToken();
      if (tok == null) {
        throw new InvalidInputException(new Problem(file, 1, 1, null, null,
            "the file is empty", "a scenario needs at least `name:` and `parent:`"));
      }
      Node root = readValue(file, p, problems);
      if (p.nextToken() != null) {
        JsonLocation loc = p.currentTokenLocation();
        problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), null, null,
            "more than one YAML document", "put one scenario per file"));
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      return root;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      if (nl > 0) {
        msg = msg.substring(0, nl);
      }
      throw new InvalidInputException(new Problem(file, loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), null, null, "malformed YAML: " + msg,
          "check indentation and quoting near this line"));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.of(file, "cannot read: " + e.getMessage()));
    }
  }

  private static Node readValue(String file, JsonParser p, List<Problem> problems) throws IOException {
    JsonToken tok = p.currentToken();
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    switch (tok) {
      case START_OBJECT -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          p.nextToken();
          Node value = readValue(file, p, problems);
          if (entries.containsKey(key)) {
            Node.Entry first = entries.get(key);
            problems.add(new Problem(file, kl.getLineNr(), kl.getColumnNr(), key, null,
                "duplicate key (first at line " + first.line() + ")", "keep one of them"));
          } else {
            entries.put(key, new Node.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
          }
        }
        return new Node.MapNode(entries, file, line, col);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(file, p, problems));
        }
        return new Node.ListNode(items, file, line, col);
      }
      case VALUE_NULL -> {
        return new Node.Scalar(null, file, line, col);
      }
      default -> {
        return new Node.Scalar(p.getText(), file, line, col);
      }
    }
  }
}
