package io.skein.node.wire;

import java.util.Locale;

/**
 * Why a frame was dropped, in the order {@link FrameCodec#decode} checks (cheapest first; nothing
 * after {@link #BAD_SIGNATURE} runs on unauthenticated bytes). Each is counted in {@code
 * skein_frames_dropped_total{reason}}.
 */
public enum DropReason implements Decoded {
  /** Shorter than a header plus a signature. */
  TOO_SHORT,
  /** Longer than the frame size limit; refused without reading a byte. */
  TOO_LARGE,
  /** A frame version this codec does not speak. */
  BAD_VERSION,
  /** A flag bit this codec does not know (see {@link FrameLayout#KNOWN_FLAGS}). */
  BAD_FLAGS,
  /** Another network's frame. */
  WRONG_NETWORK,
  /** A message type id this node does not know. */
  UNKNOWN_TYPE,
  /** Addressed to another node. */
  WRONG_RECIPIENT,
  /** Timestamp further from our clock than the allowed skew. */
  STALE_TIMESTAMP,
  /** A short sender id whose key this node does not hold (see {@link FrameLayout}). */
  UNKNOWN_SENDER,
  /** The signature does not verify with the sender's key. */
  BAD_SIGNATURE,
  /** A request or one-way frame whose id this sender already used, or older than its window. */
  REPLAYED,
  /** A reply to no outstanding request of ours, from the wrong key, late, or already answered. */
  UNSOLICITED_REPLY,
  /** Authentic, but the payload does not decode exactly (bad bytes or trailing bytes). */
  UNDECODABLE,
  /** Refused by the transport's per-peer rate limit (not produced by the codec). */
  RATE_LIMITED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label value: the name in lowercase. */
  public String label() {
    return label;
  }
}
