package io.skein.gossip.msg;

import io.skein.crypto.PublicKey;
import java.util.List;

/**
 * A direct probe. The receiver answers {@link Ack} with the same {@code seq} if it is {@code
 * target}; a ping meant for another key (a stale endpoint) goes unanswered.
 *
 * @param seq the prober's sequence number, echoed by the ack
 * @param target the key the prober expects to reach; {@code null} in a received ping whose
 *     transport already checked that it was addressed to this node (the node's wire format does not
 *     repeat the key its frame header is addressed to)
 * @param claims piggybacked claims, at most {@link WireLimits#MAX_PIGGYBACK_CLAIMS}
 */
public record Ping(long seq, PublicKey target, List<Claim> claims) implements GossipMessage {
  /** Validates and copies. */
  public Ping {
    claims = WireLimits.bounded(claims, WireLimits.MAX_PIGGYBACK_CLAIMS, "ping");
  }

  @Override
  public int typeId() {
    return MessageType.PING;
  }
}
