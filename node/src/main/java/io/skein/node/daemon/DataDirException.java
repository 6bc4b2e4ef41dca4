package io.skein.node.daemon;

import java.io.IOException;

/**
 * The data directory or one of its files could not be created, read or written. {@link
 * #getMessage()} is one line naming the path and the problem.
 */
public final class DataDirException extends IOException {
  private static final long serialVersionUID = 1L;

  DataDirException(String message) {
    super(message);
  }

  DataDirException(String message, Throwable cause) {
    super(message, cause);
  }
}
