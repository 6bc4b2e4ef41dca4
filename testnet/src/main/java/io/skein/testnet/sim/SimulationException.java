package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;

/** A process threw inside the simulator; the message names the node, the virtual time and seed. */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps what a process threw. */
  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What node {@code index} threw in {@code what} at virtual time {@code nowNanos}. */
  static SimulationException of(
      int index,
      Endpoint endpoint,
      int incarnation,
      String what,
      long nowNanos,
      long seed,
      RuntimeException cause) {
    if (cause instanceof SimulationException se) {
      return se;
    }
    return new SimulationException(
        "node "
            + index
            + " ("
            + endpoint
            + ", incarnation "
            + incarnation
            + ") failed in "
            + what
            + " at t="
            + nowNanos
            + "ns, seed="
            + seed,
        cause);
  }
}
