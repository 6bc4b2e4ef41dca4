package io.skein.testnet.sim;

/** A process threw inside the simulator; the message names the node, the virtual time and seed. */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps what a process threw. */
  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
