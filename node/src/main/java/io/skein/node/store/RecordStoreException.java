package io.skein.node.store;

import java.util.Objects;

/**
 * A persistent record store cannot be opened or used. The message is one line meant for the
 * operator (it names the file and what to do); the cause, if any, carries the library's detail for
 * the log.
 */
public final class RecordStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that map failures to exit codes or metrics. */
  public enum Kind {
    /** Another process (or another store in this process) has the file open. */
    LOCKED,
    /** The file is not a readable store: damaged, truncated, or not a store at all. */
    CORRUPT,
    /** The file was written by a newer version, in a format this build does not read. */
    NEWER_FORMAT,
    /** The file is a valid MVStore file, but not a Skein record store. */
    NOT_A_RECORD_STORE,
    /** The file or its directory cannot be written. */
    NOT_WRITABLE,
    /** Reading or writing the file failed (disk full, I/O error); the store is closed. */
    IO_ERROR,
    /** The store was used after {@code close()} or after a failure closed it. */
    CLOSED
  }

  private final Kind kind;

  /** A failure of {@code kind} with a one-line {@code message}. */
  public RecordStoreException(Kind kind, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
