package io.skein.gossip.msg;

import java.util.List;

/**
 * The answer to a {@link Ping}, sent by the target, or relayed by a {@link PingReq} helper to the
 * original prober.
 *
 * @param seq the {@code seq} of the ping (or ping-req) answered
 * @param claims piggybacked claims, at most {@link WireLimits#MAX_PIGGYBACK_CLAIMS}
 */
public record Ack(long seq, List<Claim> claims) implements GossipMessage {
  /** Validates and copies. */
  public Ack {
    claims = WireLimits.bounded(claims, WireLimits.MAX_PIGGYBACK_CLAIMS, "ack");
  }

  @Override
  public int typeId() {
    return MessageType.ACK;
  }
}
