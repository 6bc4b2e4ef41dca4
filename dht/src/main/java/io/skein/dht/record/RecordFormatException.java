package io.skein.dht.record;

/** Bytes that are not a well-formed encoded record (see {@link RecordCodec}). */
public final class RecordFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception saying what is wrong. */
  public RecordFormatException(String message) {
    super(message);
  }
}
