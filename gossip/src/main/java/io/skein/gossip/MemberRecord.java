package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Leave;
import java.util.LinkedHashMap;
import java.util.Map;

/** This node's mutable view of one member. Owned by {@link Membership}. */
final class MemberRecord {
  final PublicKey key;

  /** The latest verified alive claim: endpoint and the highest alive incarnation. */
  Alive alive;

  /** The member's incarnation here: the alive claim's, or its leave's if higher. */
  long incarnation;

  MemberState state = MemberState.ALIVE;
  long stateChangeNanos;

  /** The leave claim, when LEFT. */
  Leave leave;

  /** The running suspicion, when SUSPECT. */
  Suspicion suspicion;

  /**
   * Verified accusations at {@link #incarnation} by accuser, first accuser first; kept while
   * SUSPECT or DEAD so that push-pull can relay them. Bounded by {@link Membership}.
   */
  final Map<PublicKey, Claim> accusations = new LinkedHashMap<>(4);

  /** Whether the record is in the probe and gossip target list. */
  boolean inOrder;

  MemberRecord(Alive alive, long nowNanos) {
    this.key = alive.member();
    this.alive = alive;
    this.incarnation = alive.incarnation();
    this.stateChangeNanos = nowNanos;
  }

  Endpoint endpoint() {
    return alive.endpoint();
  }

  boolean isLive() {
    return state == MemberState.ALIVE || state == MemberState.SUSPECT;
  }

  Member snapshot() {
    return new Member(key.nodeId(), key, alive.endpoint(), state, incarnation);
  }

  @Override
  public String toString() {
    return key.nodeId().shortId() + "@" + alive.endpoint() + "/" + state + "/" + incarnation;
  }
}
