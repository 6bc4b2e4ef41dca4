package io.skein.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. Every Skein signature except {@link #BEP44} is an Ed25519ctx signature
 * (RFC 8032 section 5.1) whose context is this domain's tag, so a signature made for one purpose
 * never verifies for another, nor as a plain Ed25519 signature. {@link #BEP44} is plain Ed25519
 * over BitTorrent BEP 44's bencoded buffer, so that BEP 44's published vectors verify; a BEP 44
 * buffer cannot be confused with the others because no context signature verifies without its
 * context.
 *
 * <p>Tags are part of the wire format: never change one, only add new domains.
 */
public enum Domain {
  /** A transport frame: everything in the frame before the signature. */
  FRAME("skein/frame/v1"),
  /** A {@link PeerRecord}: how its owner can be reached. */
  PEER_RECORD("skein/peer-record/v1"),
  /** A relayed gossip claim (alive, leave, suspect, dead). */
  GOSSIP_CLAIM("skein/gossip-claim/v1"),
  /** A stored DHT record in BEP 44's signed-bytes format: plain Ed25519, no context. */
  BEP44(null);

  private final byte[] context;

  Domain(String tag) {
    this.context = tag == null ? null : tag.getBytes(StandardCharsets.US_ASCII);
  }

  /** The Ed25519ctx context, or {@code null} for plain Ed25519. Callers must not modify it. */
  byte[] context() {
    return context;
  }
}
