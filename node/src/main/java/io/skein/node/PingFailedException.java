package io.skein.node;

import java.io.IOException;

/**
 * A ping that failed before its timeout: it could not be sent (peer unreachable, send queue full),
 * too many requests were outstanding, or the node closed. A ping that is simply not answered fails
 * with a {@link java.util.concurrent.TimeoutException} instead.
 */
public final class PingFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message fit for a user. */
  public PingFailedException(String message) {
    super(message);
  }
}
