package io.skein.crypto;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A key file could not be read, trusted or written. It is checked (an {@link IOException}) because
 * every caller must decide what a node does without its identity. {@link #getMessage()} is one line
 * fit to show a user as is: it names the file, the problem and, where there is one, the fix. It
 * never contains key material.
 */
public final class KeyFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (exit codes, first start). */
  public enum Reason {
    /** There is no file at the path. */
    MISSING,
    /** The file exists but is not a valid key file of a version this build reads. */
    CORRUPT,
    /** Group or others have access to the file (POSIX file systems only). */
    INSECURE_PERMISSIONS,
    /** A file is already at the path and overwriting was not asked for. */
    EXISTS,
    /**
     * The file system failed or refused the operation (permission denied, not a file, disk full).
     */
    IO
  }

  private final Reason reason;
  private final transient Path path;

  KeyFileException(Reason reason, Path path, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.path = path;
  }

  KeyFileException(Reason reason, Path path, String message) {
    this(reason, path, message, null);
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }

  /** The key file's path as the caller gave it. */
  public Path path() {
    return path;
  }
}
