package io.skein.node.store;

import io.skein.node.store.RecordStoreException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Turns what can go wrong with a store file into one-line {@link RecordStoreException}s that say
 * what happened and what the operator can do.
 */
final class MvStoreErrors {
  /** MVStore appends its version and error code to messages, as in {@code " [2.4.240/7]"}. */
  private static final Pattern MVSTORE_SUFFIX =
      Pattern.compile("\\s*\\[\\d+\\.\\d+\\.\\d+/-?\\d+]");

  /** Longest library detail quoted in a message. */
  static final int MAX_DETAIL_CHARS = 100;

  private static final String START_EMPTY =
      "move the file away to start with an empty store (peers replicate their records again)";

  private MvStoreErrors() {}

  /** Refuses paths that cannot be a writable store file before MVStore touches them. */
  static void checkPath(Path file) {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new RecordStoreException(
          Kind.NOT_WRITABLE,
          "cannot create record store " + file + ": directory " + dir + " does not exist",
          null);
    }
    if (Files.exists(file)) {
      if (!Files.isRegularFile(file)) {
        throw new RecordStoreException(
            Kind.NOT_A_RECORD_STORE, "record store " + file + " is not a regular file", null);
      }
      if (!Files.isWritable(file)) {
        throw new RecordStoreException(
            Kind.NOT_WRITABLE,
            "record store " + file + " is read-only: give the node write access to it",
            null);
      }
    } else if (!Files.isWritable(dir)) {
      throw new RecordStoreException(
          Kind.NOT_WRITABLE,
          "cannot create record store " + file + ": directory " + dir + " is not writable",
          null);
    }
  }

  /** Refuses a foreign MVStore file and a record store of a newer format; a new file passes. */
  static void checkFormat(MVStore store, Path file) {
    int version = store.getStoreVersion();
    if (!store.hasMap(MvStoreRecordStore.RECORDS_MAP)) {
      if (version == 0 && store.getMapNames().isEmpty()) {
        return;
      }
      throw new RecordStoreException(
          Kind.NOT_A_RECORD_STORE,
          "file " + file + " is an MVStore file but not a Skein record store; name another file",
          null);
    }
    if (version > MvStoreRecordStore.FORMAT_VERSION) {
      throw new RecordStoreException(
          Kind.NEWER_FORMAT,
          "record store "
              + file
              + " has format "
              + version
              + ", newer than this Skein reads ("
              + MvStoreRecordStore.FORMAT_VERSION
              + "): run a newer Skein, or "
              + START_EMPTY,
          null);
    }
    if (version < 1) {
      throw new RecordStoreException(
          Kind.NOT_A_RECORD_STORE,
          "record store " + file + " has no format version; " + START_EMPTY,
          null);
    }
  }

  /** What a failure while opening (or checking) the file means. */
  static RecordStoreException onOpen(RuntimeException e, Path file) {
    if (e instanceof MVStoreException m) {
      switch (m.getErrorCode()) {
        case DataUtils.ERROR_FILE_LOCKED:
          return new RecordStoreException(
              Kind.LOCKED,
              "record store "
                  + file
                  + " is locked: another process (another skein node on this data directory?)"
                  + " has it open",
              e);
        case DataUtils.ERROR_UNSUPPORTED_FORMAT:
          if (detail(e).contains("larger")) {
            return new RecordStoreException(
                Kind.NEWER_FORMAT,
                "record store "
                    + file
                    + " was written by a newer storage engine ("
                    + detail(e)
                    + "): run a newer Skein, or "
                    + START_EMPTY,
                e);
          }
          break;
        case DataUtils.ERROR_READING_FAILED:
          if (endsEarly(e)) {
            return new RecordStoreException(
                Kind.CORRUPT,
                "record store "
                    + file
                    + " is damaged or not a store file (it ends after "
                    + sizeOf(file)
                    + " bytes, inside its header); "
                    + START_EMPTY,
                e);
          }
          return new RecordStoreException(
              Kind.IO_ERROR, "cannot read record store " + file + ": " + detail(e), e);
        default:
          break;
      }
    }
    return new RecordStoreException(
        Kind.CORRUPT,
        "record store "
            + file
            + " is damaged or not a store file ("
            + detail(e)
            + "); "
            + START_EMPTY,
        e);
  }

  /** What a failure of a read or write on an open store means; the store is closed by then. */
  static RecordStoreException onWrite(MVStoreException e, Path file) {
    switch (e.getErrorCode()) {
      case DataUtils.ERROR_CLOSED:
        return new RecordStoreException(Kind.CLOSED, "record store " + file + " is closed", e);
      case DataUtils.ERROR_FILE_CORRUPT:
      case DataUtils.ERROR_CHUNK_NOT_FOUND:
      case DataUtils.ERROR_BLOCK_NOT_FOUND:
        return new RecordStoreException(
            Kind.CORRUPT,
            "record store " + file + " is damaged (" + detail(e) + "); the store is closed",
            e);
      default:
        return new RecordStoreException(
            Kind.IO_ERROR,
            "record store " + file + " failed (" + detail(e) + "); the store is closed",
            e);
    }
  }

  /** A record that does not decode, or does not sit at its own key. */
  static RecordStoreException corruptRecord(Path file, byte[] key, String why) {
    return new RecordStoreException(
        Kind.CORRUPT,
        "record store "
            + file
            + " holds a damaged record at key "
            + HexFormat.of().formatHex(key)
            + " ("
            + why
            + "); "
            + START_EMPTY,
        null);
  }

  private static boolean endsEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  private static String sizeOf(Path file) {
    try {
      return Long.toString(Files.size(file));
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * The exception's message without MVStore's version suffix, with its cause's message, cut to
   * {@link #MAX_DETAIL_CHARS} (the whole text stays in the exception's cause, for the log).
   */
  static String detail(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = MVSTORE_SUFFIX.matcher(message).replaceAll("");
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    if (message.length() > MAX_DETAIL_CHARS) {
      int cut = message.lastIndexOf(' ', MAX_DETAIL_CHARS);
      message = message.substring(0, cut > 0 ? cut : MAX_DETAIL_CHARS) + " ...";
    }
    return message;
  }
}
