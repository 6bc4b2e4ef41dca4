package io.skein.gossip.msg;

import java.util.List;

/**
 * Rumors sent on the gossip interval to a few random members, for claims that have not yet been
 * piggybacked enough times. Expects no reply.
 *
 * @param claims the rumors, 1 to {@link WireLimits#MAX_PIGGYBACK_CLAIMS}
 */
public record Gossip(List<Claim> claims) implements GossipMessage {
  /** Validates and copies. */
  public Gossip {
    claims = WireLimits.bounded(claims, WireLimits.MAX_PIGGYBACK_CLAIMS, "gossip");
  }

  @Override
  public int typeId() {
    return MessageType.GOSSIP;
  }
}
