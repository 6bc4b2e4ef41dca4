package io.skein.gossip.msg;

import java.util.List;

/**
 * A message of the gossip protocol. Requests carry a {@code seq} that their reply echoes; the
 * transport maps it to its own request ids.
 */
public sealed interface GossipMessage
    permits Ping,
        Ack,
        Nack,
        PingReq,
        Gossip,
        PushPullRequest,
        PushPullResponse,
        PushPullDigest,
        PushPullDigestReply {
  /** The wire type id, one of {@link MessageType}'s constants. */
  int typeId();

  /** Claims carried: piggybacked rumors, or the full state for push-pull. Immutable. */
  List<Claim> claims();
}
