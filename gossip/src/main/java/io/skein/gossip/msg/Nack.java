package io.skein.gossip.msg;

import java.util.List;

/**
 * A negative answer: from a {@link PingReq} helper whose own ping of the target went unanswered
 * (Lifeguard: proof that the helper, and so the prober's network, works), or from a node too busy
 * to serve a {@link PushPullRequest}.
 *
 * @param seq the {@code seq} of the request answered
 * @param claims piggybacked claims, at most {@link WireLimits#MAX_PIGGYBACK_CLAIMS}
 */
public record Nack(long seq, List<Claim> claims) implements GossipMessage {
  /** Validates and copies. */
  public Nack {
    claims = WireLimits.bounded(claims, WireLimits.MAX_PIGGYBACK_CLAIMS, "nack");
  }

  @Override
  public int typeId() {
    return MessageType.NACK;
  }
}
