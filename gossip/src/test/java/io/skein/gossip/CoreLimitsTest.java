package io.skein.gossip;

import static io.skein.gossip.OneCore.MS;
import static io.skein.gossip.OneCore.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Endpoint;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.OneCore.Out;
import io.skein.gossip.OneCore.Peer;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifeguard's local health, dissemination limits and the bounds on every queue of one core. */
class CoreLimitsTest {
  @Test
  void probeSequenceNumbersStartBelowTwoToTheTwentiethSoTheyTakeThreeVarintBytes() {
    // Every ping and ack carries one as an unsigned varint: below 2^21 it takes 3 bytes, not 5.
    for (long seed = 1; seed <= 200; seed++) {
      OneCore core = new OneCore(GossipConfig.lan(), seed);
      core.knownPeers(1);
      core.advance(3 * SECOND);
      long seq =
          core.sent.stream()
              .map(Out::message)
              .filter(m -> m instanceof Ping)
              .map(m -> ((Ping) m).seq())
              .findFirst()
              .orElseThrow();
      assertThat(seq).as("first probe's seq, seed %d", seed).isBetween(0L, (1L << 20) - 1);
    }
  }

  private static List<Long> directProbeTimes(OneCore core) {
    List<Long> out = new ArrayList<>();
    for (Out o : core.sent) {
      if (o.message() instanceof Ping) {
        out.add(o.nanos());
      }
    }
    return out;
  }

  @Test
  void localHealthAwarenessRaisesTheProbeIntervalAfterMissedAcks() {
    OneCore core = new OneCore(GossipConfig.lan(), 11);
    core.knownPeers(5); // nobody answers: neither targets nor helpers
    core.advance(120 * SECOND);
    List<Long> probes = directProbeTimes(core);
    long firstGap = probes.get(1) - probes.get(0);
    long lastGap = probes.get(probes.size() - 1) - probes.get(probes.size() - 2);
    assertThat(firstGap).isEqualTo(1 * SECOND);
    assertThat(lastGap).as("probe interval * awarenessMaxMultiplier").isEqualTo(8 * SECOND);
    assertThat(core.swim.stats().healthScore()).isEqualTo(7);
    // No helper answered either: Lifeguard blames this node, not the members it probed.
    assertThat(core.count(Counter.SUSPICIONS_AVOIDED)).isEqualTo(core.count(Counter.PROBES_FAILED));
    assertThat(core.events).noneMatch(e -> e.type() == MemberEvent.Type.SUSPECT);
  }

  @Test
  void aNodeThatMissesItsOwnDeadlinesBlamesItselfNotTheMemberItProbed() {
    OneCore core = new OneCore(GossipConfig.lan(), 18);
    core.knownPeers(5);
    core.advance(1200 * MS); // a probe is in flight
    // The driver stalls (a long GC pause, say) and ticks 3 s after the deadline.
    core.now = core.swim.nextDeadlineNanos() + 3 * SECOND;
    core.swim.onTick(core.now);
    core.collect();
    assertThat(core.count(Counter.DEADLINES_MISSED)).isEqualTo(1);
    assertThat(core.swim.stats().healthScore()).isPositive();
    assertThat(core.count(Counter.SUSPICIONS_AVOIDED)).isEqualTo(core.count(Counter.PROBES_FAILED));
    assertThat(core.count(Counter.PROBES_FAILED)).isPositive();
    assertThat(core.events).noneMatch(e -> e.type() == MemberEvent.Type.SUSPECT);
  }

  @Test
  void aFailedProbeThatHelpersNackedSuspectsTheTargetAndKeepsHealth() {
    OneCore core = new OneCore(GossipConfig.lan(), 12);
    List<Peer> peers = core.knownPeers(5);
    core.advance(1500 * MS);
    // Find the first probe, answer its ping-reqs with nacks, like live helpers would.
    Ping ping = null;
    List<Out> pingReqs = new ArrayList<>();
    for (Out o : core.sent) {
      if (ping == null && o.message() instanceof Ping p) {
        ping = p;
      } else if (ping != null && o.message() instanceof PingReq r && r.seq() == ping.seq()) {
        pingReqs.add(o);
      }
    }
    assertThat(pingReqs).hasSize(3);
    for (Out o : pingReqs) {
      Peer helper =
          peers.stream().filter(p -> p.endpoint().equals(o.outbound().to())).findFirst().get();
      core.receive(helper, new Nack(ping.seq(), List.of()));
    }
    core.advance(600 * MS);
    assertThat(core.count(Counter.NACKS_RECEIVED)).isEqualTo(3);
    assertThat(core.count(Counter.SUSPICIONS_STARTED)).isEqualTo(1);
    assertThat(core.events).anyMatch(e -> e.type() == MemberEvent.Type.SUSPECT);
  }

  @Test
  void eachRumorIsSentRetransmitLimitTimesLeastSentFirst() {
    OneCore core = new OneCore(GossipConfig.lan(), 13);
    List<Peer> peers = core.knownPeers(10);
    core.advance(20 * SECOND);
    Peer y = core.newPeer();
    Alive news = y.alive(0);
    core.receiveClaims(peers.get(0), news);
    int limit = core.swim.config().retransmitLimit(core.swim.liveMembers()); // 4*ceil(log10(13))
    assertThat(limit).isEqualTo(8);
    int before = core.sent.size();
    core.advance(30 * SECOND);
    long sends = 0;
    for (Out o : core.sent.subList(before, core.sent.size())) {
      if (!(o.message() instanceof PushPullRequest)) {
        sends += o.message().claims().stream().filter(news::equals).count();
      }
    }
    assertThat(sends).isEqualTo(limit);
    // The newest, least-sent rumor went out first in the very next message.
    Out next = core.sent.get(before);
    assertThat(next.message().claims()).first().isEqualTo(news);
  }

  @Test
  void aFullRumorQueueDropsTheOldestRumorAndCountsIt() {
    OneCore core = new OneCore(GossipConfig.lan().toBuilder().maxRumors(4).build(), 14);
    Peer from = core.newPeer();
    List<Alive> claims = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      claims.add(core.newPeer().alive(0));
    }
    core.receive(from, new io.skein.gossip.msg.Gossip(new ArrayList<Claim>(claims)));
    assertThat(core.count(Counter.RUMORS_DROPPED)).isEqualTo(6);
    assertThat(core.swim.stats().rumorsPending()).isEqualTo(4);
    core.advance(1 * SECOND);
    assertThat(core.claimsSent()).doesNotContain(claims.get(0)).contains(claims.get(9));
  }

  @Test
  void theMemberTableIsBoundedAndTombstonesMakeRoomFirst() {
    OneCore core = new OneCore(GossipConfig.lan().toBuilder().maxMembers(5).build(), 15);
    List<Peer> peers = core.knownPeers(8);
    assertThat(core.swim.members()).hasSize(5);
    assertThat(core.count(Counter.MEMBERS_REJECTED)).isEqualTo(4);
    core.receiveClaims(peers.get(0), io.skein.gossip.msg.Leave.sign(peers.get(0).keys(), 0));
    core.receiveClaims(peers.get(7), peers.get(7).alive(0));
    assertThat(core.swim.members()).hasSize(5);
    assertThat(core.stateOf(peers.get(0))).isNull();
    assertThat(core.stateOf(peers.get(7))).isEqualTo(MemberState.ALIVE);
  }

  @Test
  void pushPullRequestsInFlightAreBounded() {
    OneCore core =
        new OneCore(GossipConfig.lan().toBuilder().maxConcurrentPushPulls(2).build(), 16);
    List<Endpoint> seeds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seeds.add(core.newPeer().endpoint());
    }
    core.swim.join(core.now, seeds);
    core.collect();
    assertThat(core.sent).filteredOn(o -> o.message() instanceof PushPullRequest).hasSize(2);
    // Nobody answers: the join is retried every joinRetryInterval, still two at a time.
    core.advance(2 * SECOND);
    assertThat(core.sent).filteredOn(o -> o.message() instanceof PushPullRequest).hasSize(4);
    assertThat(core.count(Counter.JOIN_ATTEMPTS)).isEqualTo(2);
    assertThat(core.swim.joined()).isFalse();
  }

  @Test
  void servingPushPullIsRateLimitedWithNacks() {
    OneCore core =
        new OneCore(GossipConfig.lan().toBuilder().maxPushPullResponsesPerSecond(3).build(), 17);
    List<Peer> askers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Peer p = core.newPeer();
      askers.add(p);
      core.receive(p, new PushPullRequest(100 + i, true, List.of(p.alive(0))));
    }
    assertThat(core.sent).filteredOn(o -> o.message() instanceof PushPullResponse).hasSize(3);
    assertThat(core.sent).filteredOn(o -> o.message() instanceof Nack).hasSize(2);
    assertThat(core.count(Counter.PUSH_PULLS_REFUSED)).isEqualTo(2);
    // Served requests were merged; refused ones were not.
    assertThat(core.stateOf(askers.get(0))).isEqualTo(MemberState.ALIVE);
    assertThat(core.stateOf(askers.get(4))).isNull();
    core.advance(1 * SECOND);
    core.receive(askers.get(4), new PushPullRequest(200, true, List.of(askers.get(4).alive(0))));
    PushPullResponse resp = (PushPullResponse) core.sent.get(core.sent.size() - 1).message();
    assertThat(resp.seq()).isEqualTo(200);
    // This node and the three askers served before; the asker's own state is merged afterwards.
    assertThat(resp.state()).hasSize(4);
    assertThat(core.stateOf(askers.get(4))).isEqualTo(MemberState.ALIVE);
  }
}
