package io.skein.gossip.msg;

import java.util.List;
import java.util.Objects;

/**
 * Hard limits on what one gossip message may carry. A codec must reject longer lists before
 * allocating them; the message records enforce the same limits on construction.
 */
public final class WireLimits {
  /**
   * Most claims piggybacked on one ping, ack, nack, ping-req or gossip message: 64, about 10 KB
   * with the longest claims. The sender's own budget is {@code GossipConfig.maxClaimsPerMessage}
   * (32 by default, about 5 KB).
   */
  public static final int MAX_PIGGYBACK_CLAIMS = 64;

  /**
   * Most claims in one push-pull request or response: 65,536. A member contributes its alive claim
   * plus its leave or at most {@code suspicionConfirmations + 2} accusations (4 with the default of
   * 2), so this holds the whole state of 4,096 members with room to spare; a larger state is
   * truncated by the sender: the members past the limit are not exchanged.
   */
  public static final int MAX_STATE_CLAIMS = 65_536;

  private WireLimits() {}

  /** An immutable copy of {@code claims}, at most {@code max} long, without nulls. */
  static List<Claim> bounded(List<Claim> claims, int max, String what) {
    Objects.requireNonNull(claims, what);
    if (claims.size() > max) {
      throw new IllegalArgumentException(
          what + " holds " + claims.size() + " claims, more than the limit " + max);
    }
    return List.copyOf(claims);
  }
}
