package org.lodestone.server;

import java.util.List;
import java.util.Map;
import org.lodestone.core.problem.Problem;

/**
 * An API failure answered as RFC 9457 {@code application/problem+json}: status, title, detail and, for
 * invalid input, the positioned problems (the same messages the CLI prints).
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String title;
  private final transient List<Problem> problems;
  private final transient Map<String, String> headers;

  public ApiProblem(int status, String title, String detail, List<Problem> problems, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.problems = List.copyOf(problems);
    this.headers = Map.copyOf(headers);
  }

  public ApiProblem(int status, String title, String detail) {
    this(status, title, detail, List.of(), Map.of());
  }

  static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  static ApiProblem invalid(List<Problem> problems) {
    int n = problems.size();
    return new ApiProblem(422, "Invalid input", n + (n == 1 ? " problem" : " problems") + " found; nothing was run.",
        problems, Map.of());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<Problem> problems() {
    return problems;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
