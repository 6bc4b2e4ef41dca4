package io.skein.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 public key: 32 bytes, immutable, comparable by value. */
public final class PublicKey {
  private final byte[] bytes;
  private volatile NodeId nodeId;
  private volatile org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;
  private volatile boolean pointChecked;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The key with these 32 bytes (copied). Any 32 bytes make a {@code PublicKey}; one that is not a
   * valid curve point simply never verifies a signature.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static PublicKey of(byte[] bytes) {
    if (bytes == null || bytes.length != Ed25519.PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new PublicKey(bytes.clone());
  }

  /**
   * The key at {@code source[offset, offset + 32)} (copied).
   *
   * @throws IllegalArgumentException if fewer than 32 bytes are there
   */
  public static PublicKey of(byte[] source, int offset) {
    if (source == null || offset < 0 || offset > source.length - Ed25519.PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a public key needs 32 bytes at offset "
              + offset
              + " of "
              + (source == null ? "null" : source.length + " bytes"));
    }
    return new PublicKey(Arrays.copyOfRange(source, offset, offset + Ed25519.PUBLIC_KEY_BYTES));
  }

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is null, not hex, or not 64 digits
   */
  public static PublicKey fromHex(String hex) {
    if (hex == null || hex.length() != Ed25519.PUBLIC_KEY_BYTES * 2) {
      throw new IllegalArgumentException("a public key is 64 hex digits, got " + Hex.describe(hex));
    }
    return new PublicKey(Hex.decode(hex, "public key"));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
  }

  /** Whether these 32 bytes equal {@code other[offset, offset + 32)}. */
  public boolean equalsBytes(byte[] other, int offset) {
    return Arrays.equals(bytes, 0, bytes.length, other, offset, offset + bytes.length);
  }

  /** SHA-256 of this key: the owner's position in the DHT key space. */
  public NodeId nodeId() {
    NodeId id = nodeId;
    if (id == null) {
      id = NodeId.of(Sha256.hash(bytes));
      nodeId = id;
    }
    return id;
  }

  /** Lowercase hex, 64 digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The decoded curve point, cached; {@code null} if these bytes are not a valid point. */
  org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point() {
    if (!pointChecked) {
      point = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(bytes, 0);
      pointChecked = true;
    }
    return point;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PublicKey(" + hex().substring(0, 16) + ")";
  }
}
