package io.skein.testnet.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 over the trace. Records are buffered as little-endian longs and hashed in
 * blocks of {@link #BUFFER_BYTES}, so a record costs a few array stores, not a digest call.
 */
final class TraceHash {
  /** Bytes buffered before they are fed to the digest. */
  static final int BUFFER_BYTES = 8192;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final MessageDigest digest;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private long records;

  TraceHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Appends one record of three longs. */
  void add(long a, long b, long c) {
    if (position + 24 > BUFFER_BYTES) {
      flush();
    }
    LONGS.set(buffer, position, a);
    LONGS.set(buffer, position + 8, b);
    LONGS.set(buffer, position + 16, c);
    position += 24;
    records++;
  }

  /** Number of records appended. */
  long records() {
    return records;
  }

  private void flush() {
    digest.update(buffer, 0, position);
    position = 0;
  }

  /** SHA-256 of every record so far; hashing may continue afterwards. */
  byte[] digest() {
    flush();
    try {
      return ((MessageDigest) digest.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 digest cannot be cloned", e);
    }
  }

  /** {@link #digest()} as lowercase hex. */
  String hex() {
    return HexFormat.of().formatHex(digest());
  }

  /** A 64-bit FNV-1a hash of a string's chars: how events and labels enter the trace. */
  static long hashString(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A 64-bit hash of bytes (FNV-1a, then a murmur finalizer): how encoded messages enter it. */
  static long hashBytes(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return SimRandom.mix64(h ^ bytes.length);
  }
}
