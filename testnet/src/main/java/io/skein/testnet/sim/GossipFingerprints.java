package io.skein.testnet.sim;

import io.skein.crypto.PublicKey;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic 64-bit fingerprints of gossip messages and membership events for the trace hash:
 * built from type ids, sequence numbers, keys' bytes and incarnations, never from identity hash
 * codes.
 */
final class GossipFingerprints {
  private GossipFingerprints() {}

  /** Claims whose subject key enters a message's fingerprint; the rest enter by type and number. */
  static final int KEYED_CLAIMS = 16;

  /**
   * A message: its type, its seq (if it has one), every claim's type and incarnation, and the
   * subjects of the first {@link #KEYED_CLAIMS} claims (a full state exchange carries thousands).
   */
  static long of(GossipMessage m) {
    long h = m.typeId();
    if (m instanceof Ping p) {
      h = mix(h, p.seq());
      h = mix(h, p.target() == null ? 0 : key(p.target()));
    } else if (m instanceof Ack a) {
      h = mix(h, a.seq());
    } else if (m instanceof Nack n) {
      h = mix(h, n.seq());
    } else if (m instanceof PingReq r) {
      h = mix(h, r.seq());
      h = mix(h, key(r.target()));
    } else if (m instanceof PushPullRequest r) {
      h = mix(h, r.seq() * 2 + (r.join() ? 1 : 0));
    } else if (m instanceof PushPullResponse r) {
      h = mix(h, r.seq());
    } else if (m instanceof PushPullDigest d) {
      h = mix(h, d.seq());
      h = mix(h, Arrays.hashCode(d.digest()));
    } else if (m instanceof PushPullDigestReply r) {
      h = mix(h, r.seq() * 2 + (r.inSync() ? 1 : 0));
    }
    List<Claim> claims = m.claims();
    h = mix(h, claims.size());
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      h = mix(h, c.type().id() * 31L + c.incarnation());
      if (i < KEYED_CLAIMS) {
        h = mix(h, key(c.subject()));
      }
    }
    return h;
  }

  /** An event: its type, the member's key, state and incarnation. */
  static long of(MemberEvent e) {
    long h = e.type().ordinal();
    h = mix(h, key(e.member().key()));
    h = mix(h, e.member().state().ordinal());
    return mix(h, e.member().incarnation());
  }

  /** A key's deterministic hash ({@code PublicKey.hashCode} is over its bytes). */
  private static long key(PublicKey k) {
    return k.hashCode();
  }

  private static long mix(long h, long v) {
    return SimRandom.mix64(h * 0x9e3779b97f4a7c15L + v);
  }
}
