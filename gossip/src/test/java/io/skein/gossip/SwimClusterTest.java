package io.skein.gossip;

import static io.skein.gossip.TestNet.MS;
import static io.skein.gossip.TestNet.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.TestNet.Node;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many cores wired by the test pump: the protocol end to end, with real Ed25519 claims. */
class SwimClusterTest {

  @Test
  void joinThroughASeedConverges() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 1);
    net.cluster(20);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    for (Node n : net.nodes()) {
      assertThat(n.swim.joined()).isTrue();
      assertThat(n.swim.liveMembers()).isEqualTo(20);
      assertThat(n.events).filteredOn(e -> e.type() == MemberEvent.Type.JOINED).hasSize(19);
    }
  }

  @Test
  void aCrashedMemberIsSuspectedThenDeclaredDeadByAll() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 2);
    List<Node> nodes = net.cluster(12);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    net.runFor(3 * SECOND);
    Node victim = nodes.get(5);
    long killedAt = net.now;
    net.kill(victim);
    assertThat(net.runUntil(() -> net.allSee(victim, MemberState.DEAD), 30 * SECOND)).isTrue();
    for (Node n : net.upNodes()) {
      List<MemberEvent.Type> seen = new ArrayList<>();
      for (MemberEvent e : n.events) {
        if (e.member().key().equals(victim.key()) && e.nowNanos() >= killedAt) {
          seen.add(e.type());
        }
      }
      assertThat(seen)
          .as(n.toString())
          .containsExactly(MemberEvent.Type.SUSPECT, MemberEvent.Type.DEAD);
    }
    // Nobody else was harmed.
    for (Node a : net.upNodes()) {
      for (Node b : net.upNodes()) {
        if (a != b) {
          assertThat(a.stateOf(b)).isEqualTo(MemberState.ALIVE);
        }
      }
    }
  }

  @Test
  void aLiveSuspectRefutesThroughTheProbesThatCarryTheAccusation() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 3);
    List<Node> nodes = net.cluster(8);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node x = nodes.get(3);
    Node accuser = nodes.get(4);
    // The accuser wrongly believes x failed (say a one-way link) and tells everyone.
    Suspect s = Suspect.sign(accuser.signer, x.key(), 0);
    for (Node n : net.nodes()) {
      if (n != accuser && n != x) {
        net.inject(accuser, n, new Gossip(List.of(s)));
      }
    }
    assertThat(net.runUntil(() -> x.swim.self().incarnation() > 0, 2 * SECOND)).isTrue();
    assertThat(net.runUntil(() -> net.allSee(x, MemberState.ALIVE), 2 * SECOND)).isTrue();
    long refuted = 0;
    long accusationProbes = 0;
    for (Node n : net.upNodes()) {
      refuted += n.swim.stats().get(Counter.SUSPICIONS_REFUTED);
      accusationProbes += n.swim.stats().get(Counter.ACCUSATION_PROBES);
    }
    assertThat(refuted).as("every member but x, the accuser too: its claim came back").isEqualTo(7);
    assertThat(accusationProbes).isPositive();
    assertThat(x.swim.stats().get(Counter.REFUTATIONS)).isOne();
    net.runFor(30 * SECOND);
    for (Node n : net.upNodes()) {
      assertThat(n.events)
          .noneMatch(e -> e.member().key().equals(x.key()) && e.type() == MemberEvent.Type.DEAD);
    }
  }

  @Test
  void gracefulLeaveIsSeenAsLeftNotDead() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 4);
    List<Node> nodes = net.cluster(10);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node leaver = nodes.get(6);
    net.leave(leaver);
    assertThat(net.runUntil(leaver.swim::leaveComplete, 10 * SECOND)).isTrue();
    net.kill(leaver); // the process exits once it has sent its leave enough times
    assertThat(net.runUntil(() -> net.allSee(leaver, MemberState.LEFT), 5 * SECOND)).isTrue();
    net.runFor(60 * SECOND);
    assertThat(net.allSee(leaver, MemberState.LEFT)).isTrue();
    for (Node n : net.upNodes()) {
      assertThat(n.events)
          .filteredOn(e -> e.member().key().equals(leaver.key()))
          .extracting(MemberEvent::type)
          .containsExactly(MemberEvent.Type.JOINED, MemberEvent.Type.LEFT);
    }
  }

  @Test
  void aRestartedMemberRejoinsWithAHigherIncarnation() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 5);
    List<Node> nodes = net.cluster(10);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node r = nodes.get(7);
    // Make r's incarnation non-zero first, so a fresh start (incarnation 0) is clearly behind.
    net.dropRule = (from, to, m) -> to == r && from == nodes.get(2);
    net.runUntil(() -> r.swim.self().incarnation() > 0, 60 * SECOND);
    net.dropRule = (from, to, m) -> false;
    long oldIncarnation = r.swim.self().incarnation();
    net.runFor(5 * SECOND);
    net.kill(r);
    assertThat(net.runUntil(() -> net.allSee(r, MemberState.DEAD), 30 * SECOND)).isTrue();
    net.runFor(2 * SECOND);
    net.start(r); // same key and endpoint, empty state, incarnation 0
    net.join(r, nodes.get(0));
    assertThat(net.runUntil(net::converged, 10 * SECOND)).isTrue();
    assertThat(r.swim.self().incarnation()).isGreaterThan(oldIncarnation);
    for (Node n : net.upNodes()) {
      if (n != r) {
        assertThat(n.incarnationOf(r)).isEqualTo(r.swim.self().incarnation());
        assertThat(n.events)
            .filteredOn(e -> e.member().key().equals(r.key()))
            .extracting(MemberEvent::type)
            .endsWith(MemberEvent.Type.DEAD, MemberEvent.Type.JOINED);
      }
    }
  }

  @Test
  void pushPullRepairsAMemberThatMissedEveryRumor() {
    // Dead and left members are sent in push-pull state for gossipToTheDead (30 s), so let the
    // periodic exchange come within that window.
    TestNet net =
        TestNet.ed25519(GossipConfig.lan().toBuilder().pushPullIntervalMillis(10_000).build(), 6);
    List<Node> nodes = net.cluster(6);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    Node deaf = nodes.get(2);
    boolean[] pushPullBlocked = {true};
    // deaf receives no rumors at all: gossip is lost, piggybacked claims are stripped; at first
    // push-pull to and from it is lost too.
    net.rewrite =
        (from, to, m) -> {
          boolean pushPull = m instanceof PushPullRequest || m instanceof PushPullResponse;
          if (pushPull && (to == deaf || from == deaf)) {
            return pushPullBlocked[0] ? null : m;
          } else if (to != deaf) {
            return m;
          } else if (m instanceof Gossip) {
            return null;
          } else if (m instanceof Ping p) {
            return new Ping(p.seq(), p.target(), List.of());
          } else if (m instanceof Ack a) {
            return new Ack(a.seq(), List.of());
          } else if (m instanceof Nack n) {
            return new Nack(n.seq(), List.of());
          } else if (m instanceof PingReq r) {
            return new PingReq(r.seq(), r.target(), r.targetEndpoint(), List.of());
          }
          return m;
        };
    Node leaver = nodes.get(4);
    net.leave(leaver);
    net.runUntil(leaver.swim::leaveComplete, 10 * SECOND);
    net.kill(leaver);
    net.runFor(10 * SECOND);
    assertThat(net.allSee(leaver, MemberState.LEFT)).isFalse();
    // deaf may have found the leaver gone by probing it, but cannot know it left.
    assertThat(deaf.stateOf(leaver)).isNotEqualTo(MemberState.LEFT);
    pushPullBlocked[0] = false;
    // The next periodic exchange repairs it.
    assertThat(net.runUntil(() -> deaf.stateOf(leaver) == MemberState.LEFT, 15 * SECOND)).isTrue();
    assertThat(
            deaf.swim.stats().get(Counter.PUSH_PULLS_COMPLETED)
                + deaf.swim.stats().get(Counter.PUSH_PULLS_SERVED))
        .isPositive();
  }

  @Test
  void deliveryOrderIsReproducibleFromTheSeed() {
    long[] a = run(42);
    long[] b = run(42);
    assertThat(a).containsExactly(b);
  }

  private static long[] run(long seed) {
    TestNet net = TestNet.fast(GossipConfig.lan(), seed);
    List<Node> nodes = net.cluster(15);
    net.runFor(3 * SECOND);
    net.kill(nodes.get(3));
    net.runFor(10 * SECOND + 7 * MS);
    return new long[] {net.messagesSent, net.claimsSent, nodes.get(0).swim.self().incarnation()};
  }
}
