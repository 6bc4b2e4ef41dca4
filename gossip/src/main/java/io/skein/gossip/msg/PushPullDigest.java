package io.skein.gossip.msg;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A periodic state exchange by digest: the requester sends a hash of the state it would send in a
 * {@link PushPullRequest} instead of the state itself. The receiver compares it with the hash of
 * its own state and answers {@link PushPullDigestReply}: in sync (nothing more is exchanged), or
 * not, and then the requester runs the full signed exchange. A lying digest costs its sender only a
 * full exchange: the digest is never trusted for anything but skipping one.
 *
 * @param seq the requester's sequence number, echoed by the reply
 * @param digest {@link #DIGEST_BYTES} bytes, see {@code StateDigest} in the core
 */
public record PushPullDigest(long seq, byte[] digest) implements GossipMessage {
  /** Bytes of a state digest (SHA-256). */
  public static final int DIGEST_BYTES = 32;

  /** Validates and copies. */
  public PushPullDigest {
    Objects.requireNonNull(digest, "digest");
    if (digest.length != DIGEST_BYTES) {
      throw new IllegalArgumentException(
          "a state digest is " + DIGEST_BYTES + " bytes, got " + digest.length);
    }
    digest = digest.clone();
  }

  /** A copy of the digest. */
  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** Whether {@code other} equals this digest, without copying. */
  public boolean digestEquals(byte[] other) {
    return Arrays.equals(digest, other);
  }

  @Override
  public int typeId() {
    return MessageType.PUSH_PULL_DIGEST;
  }

  @Override
  public List<Claim> claims() {
    return List.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PushPullDigest d && d.seq == seq && Arrays.equals(d.digest, digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "PushPullDigest[seq=" + seq + ", digest=" + HexFormat.of().formatHex(digest) + "]";
  }
}
