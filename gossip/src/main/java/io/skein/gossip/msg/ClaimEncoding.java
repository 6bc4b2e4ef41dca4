package io.skein.gossip.msg;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes a claim's signature covers (signed in the {@link
 * io.skein.crypto.Domain#GOSSIP_CLAIM} domain). All integers are big-endian.
 *
 * <pre>
 * alive   = type(1)=1 | member key(32) | incarnation(8) | host length(2) | host UTF-8 | port(2)
 * leave   = type(1)=2 | member key(32) | incarnation(8)
 * suspect = type(1)=3 | accused key(32) | incarnation(8) | accuser key(32)
 * dead    = type(1)=4 | accused key(32) | incarnation(8) | accuser key(32)
 * </pre>
 *
 * <p>The leading type byte keeps one kind of claim from being replayed as another; the domain keeps
 * a claim signature from verifying as a frame or record signature.
 */
public final class ClaimEncoding {
  /** Bytes of type, key and incarnation that every claim starts with. */
  static final int HEADER_BYTES = 1 + Ed25519.PUBLIC_KEY_BYTES + Long.BYTES;

  /** Longest encoding: an alive claim with a host of {@link Endpoint#MAX_HOST_BYTES}. */
  public static final int MAX_BYTES = HEADER_BYTES + 2 + Endpoint.MAX_HOST_BYTES + 2;

  /** Largest incarnation a claim may name. Incarnations are never negative. */
  public static final long MAX_INCARNATION = Long.MAX_VALUE;

  private ClaimEncoding() {}

  static byte[] alive(PublicKey member, Endpoint endpoint, long incarnation) {
    byte[] host = endpoint.host().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[HEADER_BYTES + 2 + host.length + 2];
    int at = header(out, ClaimType.ALIVE, member, incarnation);
    at = putShort(out, at, host.length);
    System.arraycopy(host, 0, out, at, host.length);
    putShort(out, at + host.length, endpoint.port());
    return out;
  }

  static byte[] leave(PublicKey member, long incarnation) {
    byte[] out = new byte[HEADER_BYTES];
    header(out, ClaimType.LEAVE, member, incarnation);
    return out;
  }

  static byte[] accusation(ClaimType type, PublicKey accused, long incarnation, PublicKey accuser) {
    byte[] out = new byte[HEADER_BYTES + Ed25519.PUBLIC_KEY_BYTES];
    int at = header(out, type, accused, incarnation);
    accuser.copyTo(out, at);
    return out;
  }

  private static int header(byte[] out, ClaimType type, PublicKey key, long incarnation) {
    out[0] = (byte) type.id();
    key.copyTo(out, 1);
    int at = 1 + Ed25519.PUBLIC_KEY_BYTES;
    for (int i = 7; i >= 0; i--) {
      out[at++] = (byte) (incarnation >>> (8 * i));
    }
    return at;
  }

  private static int putShort(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 8);
    out[at + 1] = (byte) value;
    return at + 2;
  }

  static long checkIncarnation(long incarnation) {
    if (incarnation < 0) {
      throw new IllegalArgumentException("incarnation must be >= 0, got " + incarnation);
    }
    return incarnation;
  }

  static byte[] checkSignature(byte[] signature) {
    if (signature == null || signature.length != Signer.SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "a claim signature is "
              + Signer.SIGNATURE_BYTES
              + " bytes, got "
              + (signature == null ? "null" : signature.length));
    }
    return signature.clone();
  }
}
