package org.lodestone.scenario.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written: the file and 1-based line and column. The loader
 * keeps positions through parent merging, so every problem names the file and line of the value at
 * fault.
 */
public sealed interface Node permits Node.Scalar, Node.MapNode, Node.ListNode {

  /** The file the node was read from, as the user named it. */
  String file();

  /** 1-based line. */
  int line();

  /** 1-based column. */
  int column();

  /** A scalar: its text as written ({@code null} for YAML null). */
  record Scalar(String text, String file, int line, int column) implements Node {
  }

  /** A mapping; keys keep their order and their own positions. */
  record MapNode(Map<String, Entry> entries, String file, int line, int column) implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value under {@code key}, or {@code null}. */
    public Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  /** A sequence. */
  record ListNode(List<Node> items, String file, int line, int column) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /** A key of a mapping with its position, and its value. */
  record Entry(String key, int line, int column, Node value) {
  }
}
