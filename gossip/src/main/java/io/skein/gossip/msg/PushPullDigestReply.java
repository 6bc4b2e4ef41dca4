package io.skein.gossip.msg;

import java.util.List;

/**
 * The answer to a {@link PushPullDigest}.
 *
 * @param seq the {@code seq} of the digest request answered
 * @param inSync whether the responder's state hashes to the same digest; if not, the requester
 *     follows up with a full {@link PushPullRequest}
 */
public record PushPullDigestReply(long seq, boolean inSync) implements GossipMessage {
  @Override
  public int typeId() {
    return MessageType.PUSH_PULL_DIGEST_REPLY;
  }

  @Override
  public List<Claim> claims() {
    return List.of();
  }
}
