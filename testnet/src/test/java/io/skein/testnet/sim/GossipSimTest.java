package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class GossipSimTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int N = 100;

  /**
   * 100 nodes started over 5 s, converged, then node 50 crashes and every node declares it dead.
   */
  private static GossipSim convergeThenCrash(long seed, SimKeys keys) {
    GossipSim g = GossipSim.builder(seed).keys(keys).build();
    g.addNodes(N, 5 * SECOND);
    assertThat(g.runUntilConverged(120 * SECOND)).as("converged").isTrue();
    assertThat(g.viewsExact()).isTrue();

    PublicKey victim = g.sim().publicKey(50);
    Watch dead = g.watch(victim, EnumSet.of(MemberEvent.Type.DEAD));
    g.crash(50);
    g.sim().runUntil(() -> dead.seen() == N - 1, 100_000_000L, g.sim().nowNanos() + 60 * SECOND);
    assertThat(dead.seen()).as("nodes that declared the crashed node dead").isEqualTo(N - 1);
    for (int i = 0; i < N; i++) {
      if (i != 50) {
        assertThat(g.stateIn(i, victim))
            .as("node %d's view of node 50", i)
            .isEqualTo(MemberState.DEAD);
      }
    }
    assertThat(g.falseDeathCount()).isZero();
    assertThat(g.trueDeathCount()).isEqualTo(N - 1);
    return g;
  }

  @Test
  void hundredNodesConvergeAndEveryNodeSeesACrashedNodeDead(SimSeed seed) {
    GossipSim g = convergeThenCrash(seed.value(), SimKeys.standIn());

    g.sim().runFor(30 * SECOND);
    assertThat(g.converged()).isTrue();
    assertThat(g.viewsExact()).isTrue();
    assertThat(g.falseDeathCount()).isZero();
  }

  @Test
  void theSameSeedGivesTheSameTraceTwice(SimSeed seed) {
    GossipSim first = convergeThenCrash(seed.value(), SimKeys.standIn());
    GossipSim second = convergeThenCrash(seed.value(), SimKeys.standIn());

    assertThat(second.sim().traceHashHex()).isEqualTo(first.sim().traceHashHex());
    assertThat(second.sim().nowNanos()).isEqualTo(first.sim().nowNanos());
    assertThat(second.sim().stats().toString()).isEqualTo(first.sim().stats().toString());
    assertThat(convergeThenCrash(seed.value() + 1, SimKeys.standIn()).sim().traceHashHex())
        .isNotEqualTo(first.sim().traceHashHex());
  }

  @Test
  void hundredNodesWithRealEd25519ConvergeAndDetectACrash(SimSeed seed) {
    GossipSim g = convergeThenCrash(seed.value(), SimKeys.ed25519());

    assertThat(g.counterSum(Counter.CLAIMS_VERIFIED)).isPositive();
    assertThat(g.counterSum(Counter.CLAIMS_FORGED)).isZero();
  }

  @Test
  void aRestartedNodeRejoinsAndIsAliveEverywhereAgain(SimSeed seed) {
    GossipSim g = GossipSim.builder(seed.value()).build();
    g.addNodes(30, 2 * SECOND);
    assertThat(g.runUntilConverged(60 * SECOND)).isTrue();

    g.crash(7);
    g.sim().runFor(20 * SECOND);
    assertThat(g.stateIn(0, g.sim().publicKey(7))).isEqualTo(MemberState.DEAD);
    g.restart(7, false);
    assertThat(g.runUntilConverged(g.sim().nowNanos() + 30 * SECOND)).isTrue();

    assertThat(g.viewsExact()).isTrue();
    assertThat(g.falseDeathCount()).isZero();
  }

  @Test
  void aLongStallIsOneFalseDeathThatEveryOtherNodeReports(SimSeed seed) {
    int n = 20;
    GossipSim g = GossipSim.builder(seed.value()).build();
    g.addNodes(n, SECOND);
    assertThat(g.runUntilConverged(60 * SECOND)).isTrue();

    g.sim().pause(7, 30 * SECOND);
    g.sim().runFor(29 * SECOND);

    assertThat(g.falseDeathEpisodes()).isEqualTo(1);
    assertThat(g.falseDeathEpisodesAbout(7)).isEqualTo(1);
    assertThat(g.falseDeathCount()).isEqualTo(g.falseDeathsAbout(7)).isEqualTo(n - 1);
    assertThat(g.falseDeaths()).allMatch(d -> d.subject() == 7 && d.subjectPaused());
    assertThat(g.trueDeathCount()).isZero();

    // resumed, it refutes with a higher incarnation and everyone takes it back
    assertThat(g.runUntilConverged(g.sim().nowNanos() + 30 * SECOND)).isTrue();
    assertThat(g.viewsExact()).isTrue();
    assertThat(g.eventCount(MemberEvent.Type.JOINED)).isGreaterThanOrEqualTo(n * (n - 1) + n - 1);
  }

  @Test
  void aForgedClaimIsRejectedByEveryNode(SimSeed seed) {
    int n = 20;
    GossipSim g = GossipSim.builder(seed.value()).build();
    g.addNodes(n, SECOND);
    assertThat(g.runUntilConverged(60 * SECOND)).isTrue();
    PublicKey victim = g.sim().publicKey(5);
    long incarnation = g.swim(0).member(victim).orElseThrow().incarnation();

    // Mallory claims the victim moved to Mallory's endpoint, signing with Mallory's own key
    int mallory = g.sim().addNode(node -> new Forger(node, victim, incarnation + 10, n));
    g.sim().runFor(5 * SECOND);

    for (int i = 0; i < n; i++) {
      Member seen = g.swim(i).member(victim).orElseThrow();
      assertThat(seen.endpoint()).isEqualTo(Simulator.endpointOf(5));
      assertThat(seen.incarnation()).isLessThan(incarnation + 10);
      assertThat(seen.state()).isEqualTo(MemberState.ALIVE);
    }
    assertThat(g.counterSum(Counter.CLAIMS_FORGED)).isGreaterThanOrEqualTo(n - 1);
    assertThat(mallory).isEqualTo(n);
  }

  /** A process that sends one gossip message with a forged alive claim to nodes 0..n-1. */
  private static final class Forger implements SimProcess<GossipMessage> {
    private final List<GossipMessage> out = new ArrayList<>();
    private final int n;

    Forger(SimNode node, PublicKey victim, long incarnation, int n) {
      this.n = n;
      Signer mallory = node.signer();
      byte[] signature = Alive.sign(mallory, node.endpoint(), incarnation).signature();
      out.add(new Gossip(List.of(new Alive(victim, node.endpoint(), incarnation, signature))));
    }

    @Override
    public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, GossipMessage m) {}

    @Override
    public void onTick(long nowNanos) {}

    @Override
    public long nextDeadlineNanos() {
      return Long.MAX_VALUE;
    }

    @Override
    public void drain(SimOutbox<GossipMessage> outbox) {
      for (GossipMessage m : out) {
        for (int i = 0; i < n; i++) {
          outbox.send(Simulator.endpointOf(i), null, m);
        }
      }
      out.clear();
    }
  }
}
