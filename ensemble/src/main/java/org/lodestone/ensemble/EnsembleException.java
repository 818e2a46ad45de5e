package org.lodestone.ensemble;

/** A draw or sample failed: names its index and the parameter values, for reproduction. */
public final class EnsembleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnsembleException(String message, Throwable cause) {
    super(message, cause);
  }
}
