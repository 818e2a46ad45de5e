package org.lodestone.core.problem;

import java.util.List;

/**
 * Thrown when user input (a scenario, a CSV file, an option) breaks one or more rules. Carries every
 * problem found, so that all are reported at once. Commands map it to exit code 2.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  /** @param problems at least one problem */
  public InvalidInputException(List<Problem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** A single problem. */
  public InvalidInputException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    StringBuilder b = new StringBuilder();
    for (Problem p : problems) {
      if (b.length() > 0) {
        b.append(System.lineSeparator());
      }
      b.append(p.format());
    }
    return b.toString();
  }
}
