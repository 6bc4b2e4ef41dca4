package io.skein.gossip.msg;

import java.util.List;

/**
 * The answer to a {@link PushPullRequest}: the responder's full state.
 *
 * @param seq the request's {@code seq}
 * @param state every claim the responder holds, as in {@link PushPullRequest#state()}; at most
 *     {@link WireLimits#MAX_STATE_CLAIMS}
 */
public record PushPullResponse(long seq, List<Claim> state) implements GossipMessage {
  /** Validates and copies. */
  public PushPullResponse {
    state = WireLimits.bounded(state, WireLimits.MAX_STATE_CLAIMS, "push-pull response");
  }

  @Override
  public int typeId() {
    return MessageType.PUSH_PULL_RESPONSE;
  }

  @Override
  public List<Claim> claims() {
    return state;
  }
}
