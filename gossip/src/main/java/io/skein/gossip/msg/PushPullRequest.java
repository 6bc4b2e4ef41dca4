package io.skein.gossip.msg;

import java.util.List;

/**
 * A full state exchange, sent periodically to one random member and on join to the seeds. The
 * receiver answers {@link PushPullResponse} with its own state, or {@link Nack} if busy.
 *
 * @param seq the requester's sequence number, echoed by the response
 * @param join whether the requester is joining (it then knows nobody yet)
 * @param state every claim the requester holds: per member its alive claim, then its leave or the
 *     accusations against it; at most {@link WireLimits#MAX_STATE_CLAIMS}
 */
public record PushPullRequest(long seq, boolean join, List<Claim> state) implements GossipMessage {
  /** Validates and copies. */
  public PushPullRequest {
    state = WireLimits.bounded(state, WireLimits.MAX_STATE_CLAIMS, "push-pull request");
  }

  @Override
  public int typeId() {
    return MessageType.PUSH_PULL_REQUEST;
  }

  @Override
  public List<Claim> claims() {
    return state;
  }
}
