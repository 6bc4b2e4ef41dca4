package io.skein.dht.record;

/**
 * A value stored in the DHT that validates by itself: an {@link ImmutableRecord} is addressed by
 * the hash of its value, a {@link MutableRecord} by its owner's key and salt and carries the
 * owner's signature. Instances are immutable.
 */
public sealed interface Record permits ImmutableRecord, MutableRecord {
  /** Where this record lives, derived from its content. */
  RecordKey key();

  /** A copy of the value bytes. */
  byte[] value();

  /** Length of the value in bytes. */
  int valueLength();

  /**
   * Whether this record supersedes {@code other} at the same key: a mutable record beats an
   * immutable one (an immutable record whose value is {@code publicKey || salt} can sit at a
   * mutable key; it must never hide the owner's record), a higher seq beats a lower one, and equal
   * seqs with different values are ordered by value bytes so every reader picks the same one.
   */
  static boolean isNewer(Record candidate, Record other) {
    if (other == null) {
      return true;
    }
    if (candidate instanceof MutableRecord m) {
      if (!(other instanceof MutableRecord o)) {
        return true;
      }
      if (m.seq() != o.seq()) {
        return m.seq() > o.seq();
      }
      return m.compareValue(o) > 0;
    }
    return false;
  }
}
