package org.lodestone.store;

/** A failure of the results store (cannot open, read or write), with a message fit for users. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
