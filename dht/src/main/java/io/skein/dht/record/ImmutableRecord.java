package io.skein.dht.record;

import java.util.Arrays;
import java.util.Objects;

/** A record addressed by the SHA-256 of its value; it can never change, only expire. */
public final class ImmutableRecord implements Record {
  private final byte[] value;
  private volatile RecordKey key;

  private ImmutableRecord(byte[] value) {
    this.value = value;
  }

  /** The immutable record holding {@code value} (copied). */
  public static ImmutableRecord of(byte[] value) {
    Objects.requireNonNull(value, "value");
    return new ImmutableRecord(value.clone());
  }

  @Override
  public RecordKey key() {
    RecordKey k = key;
    if (k == null) {
      k = RecordKey.ofImmutable(value);
      key = k;
    }
    return k;
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public int valueLength() {
    return value.length;
  }

  /** The value without a copy, for the codec and validator. */
  byte[] valueRef() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImmutableRecord other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "ImmutableRecord(" + key() + ", " + value.length + " bytes)";
  }
}
