package io.skein.node.store;

import io.skein.crypto.KeyPair;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import java.nio.charset.StandardCharsets;

/** Records and keys for the store tests; owners come from fixed seeds. */
final class TestRecords {
  /** An epoch time (2023-11-14T22:13:20Z): persistent stores take epoch milliseconds. */
  static final long T0 = 1_700_000_000_000L;

  static final KeyPair OWNER = owner(1);
  static final byte[] SALT = bytes("salt");

  private TestRecords() {}

  static KeyPair owner(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[1] = (byte) (n >>> 8);
    seed[31] = 7;
    return KeyPair.fromSeed(seed);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ImmutableRecord immutable(String value) {
    return ImmutableRecord.of(bytes(value));
  }

  static MutableRecord mutable(long seq, String value) {
    return MutableRecord.sign(OWNER, SALT, seq, bytes(value));
  }

  static MutableRecord mutable(KeyPair owner, byte[] salt, long seq, String value) {
    return MutableRecord.sign(owner, salt, seq, bytes(value));
  }

  /**
   * The immutable record that lives at {@link #OWNER}'s mutable key under {@link #SALT}: its value
   * is {@code publicKey || salt}, so its SHA-256 is that key.
   */
  static ImmutableRecord squatterAtMutableKey() {
    byte[] pk = OWNER.publicKey().bytes();
    byte[] value = new byte[pk.length + SALT.length];
    System.arraycopy(pk, 0, value, 0, pk.length);
    System.arraycopy(SALT, 0, value, pk.length, SALT.length);
    return ImmutableRecord.of(value);
  }
}
