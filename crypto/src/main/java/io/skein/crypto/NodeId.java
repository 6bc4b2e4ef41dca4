package io.skein.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 256-bit identifier: a node's SHA-256(public key), or any key in the DHT key space. Distances
 * are XOR, compared as unsigned big-endian integers (Kademlia).
 */
public final class NodeId implements Comparable<NodeId> {
  /** Size in bytes. */
  public static final int BYTES = 32;

  /** Size in bits. */
  public static final int BITS = BYTES * 8;

  /** Hex digits in {@link #shortId()}. */
  public static final int SHORT_HEX_DIGITS = 8;

  private final byte[] bytes;

  private NodeId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The id with these 32 bytes (copied).
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static NodeId of(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a node id is 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new NodeId(bytes.clone());
  }

  /**
   * The id at {@code source[offset, offset + 32)} (copied).
   *
   * @throws IllegalArgumentException if fewer than 32 bytes are there
   */
  public static NodeId of(byte[] source, int offset) {
    if (source == null || offset < 0 || offset > source.length - BYTES) {
      throw new IllegalArgumentException(
          "a node id needs 32 bytes at offset "
              + offset
              + " of "
              + (source == null ? "null" : source.length + " bytes"));
    }
    return new NodeId(Arrays.copyOfRange(source, offset, offset + BYTES));
  }

  /** The id of the owner of {@code key}: SHA-256(key). */
  public static NodeId of(PublicKey key) {
    return key.nodeId();
  }

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is null, not hex, or not 64 digits
   */
  public static NodeId fromHex(String hex) {
    if (hex == null || hex.length() != BYTES * 2) {
      throw new IllegalArgumentException("a node id is 64 hex digits, got " + Hex.describe(hex));
    }
    return new NodeId(Hex.decode(hex, "node id"));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, BYTES);
  }

  /** The byte at {@code index} (0 is the most significant). */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** Bit {@code index} counted from the most significant bit (0..255). */
  public boolean bit(int index) {
    return ((bytes[index >>> 3] >>> (7 - (index & 7))) & 1) == 1;
  }

  /** XOR distance to {@code other}, itself an id. */
  public NodeId xor(NodeId other) {
    byte[] out = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      out[i] = (byte) (bytes[i] ^ other.bytes[i]);
    }
    return new NodeId(out);
  }

  /**
   * Compares the XOR distances of {@code a} and {@code b} to this id without allocating: negative
   * if {@code a} is closer, zero if equally close (a equals b), positive if {@code b} is closer.
   */
  public int compareDistance(NodeId a, NodeId b) {
    for (int i = 0; i < BYTES; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xff;
      int db = (b.bytes[i] ^ bytes[i]) & 0xff;
      if (da != db) {
        return da < db ? -1 : 1;
      }
    }
    return 0;
  }

  /** Number of leading bits this id shares with {@code other} (256 if equal). */
  public int commonPrefixBits(NodeId other) {
    for (int i = 0; i < BYTES; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** Number of leading zero bits (for the S/Kademlia static puzzle on SHA-256(id)). */
  public int leadingZeroBits() {
    for (int i = 0; i < BYTES; i++) {
      int x = bytes[i] & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** Lowercase hex, 64 digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The first 8 hex digits: the form log lines start with. */
  public String shortId() {
    return HexFormat.of().formatHex(bytes, 0, SHORT_HEX_DIGITS / 2);
  }

  /** Unsigned big-endian order of the ids themselves (not a distance). */
  @Override
  public int compareTo(NodeId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are a hash already: their first four are as good as any mix.
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | (bytes[3] & 0xff);
  }

  @Override
  public String toString() {
    return shortId();
  }
}
