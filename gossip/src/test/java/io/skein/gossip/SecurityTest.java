package io.skein.gossip;

import static io.skein.gossip.TestNet.MS;
import static io.skein.gossip.TestNet.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Domain;
import io.skein.crypto.Endpoint;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.TestNet.Node;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lying members, in a cluster with real Ed25519 claims. The liar is a real member (its own core
 * runs normally); the test additionally sends, from its endpoint and under its key, claims it made
 * up.
 */
class SecurityTest {

  private static void toAll(TestNet net, Node liar, Claim... claims) {
    for (Node n : net.upNodes()) {
      if (n != liar) {
        net.inject(liar, n, new Gossip(List.of(claims)));
      }
    }
  }

  private static boolean everSeen(
      TestNet net, Node observerExcluded, Node subject, MemberEvent.Type t) {
    for (Node n : net.nodes()) {
      if (n == observerExcluded) {
        continue;
      }
      for (MemberEvent e : n.events) {
        if (e.type() == t && e.member().key().equals(subject.key())) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void aForgedLeaveOrAliveForAnotherMemberIsRejectedEverywhere() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 21);
    List<Node> nodes = net.cluster(8);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node victim = nodes.get(2);
    Node liar = nodes.get(5);
    Endpoint trap = new Endpoint("6.6.6.6", 666);
    Leave leaveShape = Leave.sign(victim.signer, 0);
    Leave forgedLeave =
        new Leave(victim.key(), 0, liar.signer.sign(Domain.GOSSIP_CLAIM, leaveShape.signedBytes()));
    Alive aliveShape = Alive.sign(victim.signer, trap, 1_000);
    Alive forgedAlive =
        new Alive(
            victim.key(),
            trap,
            1_000,
            liar.signer.sign(Domain.GOSSIP_CLAIM, aliveShape.signedBytes()));
    toAll(net, liar, forgedLeave, forgedAlive);
    net.runFor(30 * SECOND);
    for (Node n : net.upNodes()) {
      if (n == victim || n == liar) {
        continue;
      }
      Member seen = n.swim.member(victim.key()).orElseThrow();
      assertThat(seen.state()).isEqualTo(MemberState.ALIVE);
      assertThat(seen.endpoint()).isEqualTo(victim.endpoint);
      assertThat(seen.incarnation()).isZero();
      assertThat(n.swim.stats().get(Counter.CLAIMS_FORGED)).isEqualTo(2);
    }
    assertThat(everSeen(net, liar, victim, MemberEvent.Type.LEFT)).isFalse();
  }

  @Test
  void oneMaliciousAccuserRepeatingDeadForALiveNodeDoesNotGetItRemovedAnywhere() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 22);
    net.lossRate = 0.01;
    List<Node> nodes = net.cluster(10);
    assertThat(net.runUntil(net::converged, 10 * SECOND)).isTrue();
    Node victim = nodes.get(3);
    Node liar = nodes.get(8);
    long until = net.now + 60 * SECOND;
    while (net.now < until) {
      // Always at the incarnation the liar currently knows, i.e. one the victim really signed.
      long inc = liar.incarnationOf(victim);
      toAll(
          net,
          liar,
          Dead.sign(liar.signer, victim.key(), inc),
          Suspect.sign(liar.signer, victim.key(), inc));
      net.runFor(100 * MS);
    }
    net.runFor(10 * SECOND);
    assertThat(everSeen(net, liar, victim, MemberEvent.Type.DEAD)).isFalse();
    for (Node n : net.upNodes()) {
      if (n != liar && n != victim) {
        assertThat(n.stateOf(victim)).isEqualTo(MemberState.ALIVE);
        assertThat(n.swim.stats().get(Counter.DEATHS_DECLARED)).isZero();
      }
    }
    assertThat(victim.swim.self().incarnation()).as("it refuted again and again").isGreaterThan(10);
  }

  @Test
  void anAbsurdIncarnationInAnAccusationCannotPreventRefutation() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 23);
    List<Node> nodes = net.cluster(8);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node victim = nodes.get(1);
    Node liar = nodes.get(6);
    // The victim never signed this incarnation; refuting it would need Long.MAX_VALUE + 1.
    toAll(
        net,
        liar,
        Suspect.sign(liar.signer, victim.key(), Long.MAX_VALUE),
        Dead.sign(liar.signer, victim.key(), Long.MAX_VALUE - 1));
    net.runFor(5 * SECOND);
    assertThat(victim.swim.self().incarnation()).isZero();
    for (Node n : net.upNodes()) {
      if (n != liar) {
        assertThat(n.swim.stats().get(Counter.CLAIMS_UNVERIFIABLE)).isEqualTo(2);
        if (n != victim) {
          assertThat(n.stateOf(victim)).isEqualTo(MemberState.ALIVE);
        }
      }
    }
    // An accusation at the incarnation the victim did sign is refuted as usual.
    toAll(net, liar, Suspect.sign(liar.signer, victim.key(), 0));
    assertThat(net.runUntil(() -> victim.swim.self().incarnation() == 1, 2 * SECOND)).isTrue();
    assertThat(net.runUntil(() -> net.allSee(victim, MemberState.ALIVE), 2 * SECOND)).isTrue();
    assertThat(everSeen(net, liar, victim, MemberEvent.Type.DEAD)).isFalse();
  }
}
