package io.skein.node.daemon;

import java.util.Objects;

/** Why a {@link Daemon} could not start, in one line an operator can act on. */
public final class DaemonStartException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that map failures to exit codes. */
  public enum Kind {
    /** The node's or the API's port is taken, or the address cannot be bound. */
    ADDRESS_IN_USE,
    /** The key file cannot be read, trusted or written. */
    KEY_FILE,
    /** The data directory cannot be created or written. */
    DATA_DIR,
    /** The record store is locked by another process, damaged or unwritable. */
    STORE,
    /** Anything else. */
    OTHER
  }

  private final Kind kind;

  /** An exception of {@code kind}. */
  public DaemonStartException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
