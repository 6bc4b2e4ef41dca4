package io.skein.gossip;

import static io.skein.gossip.TestNet.MS;
import static io.skein.gossip.TestNet.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.PublicKey;
import io.skein.gossip.TestNet.Node;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A joining node settles its view with push-pulls soon after its join, so a member that joined
 * later in the same burst, whose alive rumor never reached it, is learned within seconds rather
 * than at the next periodic push-pull.
 */
class JoinSettleTest {

  @Test
  void aMemberWhoseRumorMissedAJoinerIsLearnedAtTheSecondSettle() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 5);
    List<Node> early = net.cluster(6);
    Node joiner = early.get(5);
    long probe = net.config.probeIntervalMillis() * MS;
    // Past the joiner's first settle (at most 1.5 probe intervals after its join answered).
    net.runFor(probe * 3 / 2 + 200 * MS);
    Node late = net.add();
    // The late member's alive rumor is used up elsewhere: the joiner hears of it only through
    // push-pull states.
    net.rewrite = (from, to, m) -> to == joiner ? without(late.key(), m) : m;
    net.start(late);
    net.join(late, early.get(0));
    long joinedAt = net.now;
    assertThat(net.runUntil(() -> joiner.stateOf(late) == MemberState.ALIVE, 30 * SECOND)).isTrue();
    // The second settle comes 1.5-2.5 probe intervals after the first: within 2.5 of now.
    assertThat(net.now - joinedAt).isLessThan(probe * 5 / 2);
    assertThat(net.converged()).isTrue();
  }

  @Test
  void aJoinerSettlesTwiceThenFallsBackToThePeriodicInterval() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 6);
    List<Node> nodes = net.cluster(8);
    Node joiner = nodes.get(3);
    net.runFor(60 * SECOND);
    List<Long> exchanges = new ArrayList<>();
    List<Object> partners = new ArrayList<>();
    for (TestNet.Sent s : joiner.sent) {
      if (s.message() instanceof PushPullDigest) {
        exchanges.add(s.nanos());
        partners.add(s.to());
      }
    }
    long interval = net.config.pushPullIntervalNanos(8);
    long probe = net.config.probeIntervalMillis() * MS;
    assertThat(exchanges).hasSizeGreaterThanOrEqualTo(3);
    assertThat(exchanges.get(0)).isBetween(probe / 2, 2 * probe);
    long spacing = exchanges.get(1) - exchanges.get(0);
    assertThat(spacing).isBetween(3 * probe / 2, 5 * probe / 2);
    assertThat(partners.get(1)).isNotEqualTo(partners.get(0));
    assertThat(exchanges.get(2) - exchanges.get(1)).isEqualTo(interval);
  }

  /** {@code m} without claims about {@code subject}; push-pull messages pass unchanged. */
  static GossipMessage without(PublicKey subject, GossipMessage m) {
    List<Claim> kept = new ArrayList<>();
    for (Claim c : m.claims()) {
      if (!c.subject().equals(subject)) {
        kept.add(c);
      }
    }
    if (m instanceof Ping p) {
      return new Ping(p.seq(), p.target(), kept);
    } else if (m instanceof Ack a) {
      return new Ack(a.seq(), kept);
    } else if (m instanceof Nack n) {
      return new Nack(n.seq(), kept);
    } else if (m instanceof PingReq r) {
      return new PingReq(r.seq(), r.target(), r.targetEndpoint(), kept);
    } else if (m instanceof Gossip) {
      return new Gossip(kept);
    }
    return m;
  }
}
