package io.skein.gossip.msg;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * An indirect probe: "ping {@code target} for me". The helper pings the target and relays its ack
 * as an {@link Ack} with this {@code seq}, or answers {@link Nack} if the target stays silent.
 *
 * @param seq the prober's sequence number, echoed by the ack or nack
 * @param target the key of the member to probe
 * @param targetEndpoint where the prober believes the target is (used if the helper does not know
 *     the target)
 * @param claims piggybacked claims, at most {@link WireLimits#MAX_PIGGYBACK_CLAIMS}
 */
public record PingReq(long seq, PublicKey target, Endpoint targetEndpoint, List<Claim> claims)
    implements GossipMessage {
  /** Validates and copies. */
  public PingReq {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetEndpoint, "targetEndpoint");
    claims = WireLimits.bounded(claims, WireLimits.MAX_PIGGYBACK_CLAIMS, "ping-req");
  }

  @Override
  public int typeId() {
    return MessageType.PING_REQ;
  }
}
