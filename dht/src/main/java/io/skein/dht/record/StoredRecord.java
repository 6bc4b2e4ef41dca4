package io.skein.dht.record;

import java.util.Objects;

/**
 * A record as a store holds it: with the time it expires.
 *
 * @param record the record
 * @param expiresAtMillis when it expires, on the store's millisecond clock
 */
public record StoredRecord(Record record, long expiresAtMillis) {
  /** Checks the field. */
  public StoredRecord {
    Objects.requireNonNull(record, "record");
  }

  /** The record's key. */
  public RecordKey key() {
    return record.key();
  }

  /** Milliseconds left before expiry at {@code nowMillis}; zero or less once expired. */
  public long remainingTtlMillis(long nowMillis) {
    return expiresAtMillis - nowMillis;
  }

  /** Whether the record has expired at {@code nowMillis}. */
  public boolean expired(long nowMillis) {
    return expiresAtMillis <= nowMillis;
  }
}
