package org.lodestone.core.engine;

/** A broken mass balance: a bug in the model, never a user error. Names the process, year and gap. */
public final class MassBalanceException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MassBalanceException(String process, int year, double in, double out) {
    super("mass balance broken at " + process + " in " + year + ": in " + in + " t, out " + out
        + " t, imbalance " + (in - out) + " t");
  }

  MassBalanceException(String message) {
    super(message);
  }
}
