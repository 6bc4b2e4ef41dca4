package io.skein.gossip;

import static io.skein.gossip.MemberEvent.Type.ALIVE;
import static io.skein.gossip.MemberEvent.Type.DEAD;
import static io.skein.gossip.MemberEvent.Type.JOINED;
import static io.skein.gossip.MemberEvent.Type.LEFT;
import static io.skein.gossip.MemberEvent.Type.SUSPECT;
import static io.skein.gossip.OneCore.MS;
import static io.skein.gossip.OneCore.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Domain;
import io.skein.crypto.Endpoint;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.OneCore.Peer;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claim rules of one core, with the other members played by the test. */
class MembershipRulesTest {
  private final OneCore core = new OneCore(GossipConfig.lan(), 7);

  @Test
  void anAliveClaimForAnUnknownMemberMakesItJoin() {
    Peer x = core.newPeer();
    core.receiveClaims(x, x.alive(3));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.ALIVE);
    assertThat(core.swim.member(x.key()).orElseThrow().incarnation()).isEqualTo(3);
    assertThat(core.swim.member(x.key()).orElseThrow().endpoint()).isEqualTo(x.endpoint());
    assertThat(core.swim.member(x.key()).orElseThrow().id()).isEqualTo(x.key().nodeId());
    assertThat(core.eventsAbout(x)).containsExactly(JOINED);
  }

  @Test
  void anAliveMemberAtANewEndpointIsUpdated() {
    Peer x = core.knownPeers(2).get(0);
    Endpoint moved = new Endpoint("10.7.7.7", 7000);
    Alive there = Alive.sign(x.keys(), moved, 1);
    core.receiveClaims(x, there);
    assertThat(core.swim.member(x.key()).orElseThrow().endpoint()).isEqualTo(moved);
    assertThat(core.eventsAbout(x)).containsExactly(JOINED, MemberEvent.Type.UPDATED);
    assertThat(core.count(Counter.MEMBERS_UPDATED)).isEqualTo(1);
  }

  @Test
  void suspectIsRefutedByHigherIncarnation() {
    List<Peer> peers = core.knownPeers(5);
    Peer x = peers.get(0);
    Peer accuser = peers.get(1);
    core.receiveClaims(accuser, Suspect.sign(accuser.keys(), x.key(), 0));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.SUSPECT);
    core.advance(200 * MS);
    core.receiveClaims(x, x.alive(1));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.ALIVE);
    assertThat(core.eventsAbout(x)).containsExactly(JOINED, SUSPECT, ALIVE);
    assertThat(core.count(Counter.SUSPICIONS_REFUTED)).isEqualTo(1);
    core.advance(60 * SECOND);
    assertThat(core.eventsAbout(x)).doesNotContain(DEAD);
  }

  @Test
  void anAccusedNodeRefutesWithAHigherSelfSignedIncarnation() {
    Peer accuser = core.knownPeers(3).get(0);
    core.receiveClaims(accuser, Suspect.sign(accuser.keys(), core.keys.publicKey(), 0));
    assertThat(core.swim.self().incarnation()).isEqualTo(1);
    assertThat(core.swim.self().state()).isEqualTo(MemberState.ALIVE);
    assertThat(core.count(Counter.REFUTATIONS)).isEqualTo(1);
    assertThat(core.swim.stats().healthScore()).as("being accused lowers local health").isOne();
    core.advance(1 * SECOND);
    assertThat(core.claimsSent())
        .contains(Alive.sign(core.keys, core.endpoint, 1))
        .noneMatch(c -> c.subject().equals(core.keys.publicKey()) && c.incarnation() == 0);
  }

  @Test
  void aForgedAliveForAnotherMemberIsRejected() {
    List<Peer> peers = core.knownPeers(3);
    Peer victim = peers.get(0);
    Peer liar = peers.get(1);
    Endpoint trap = new Endpoint("6.6.6.6", 666);
    Alive shape = Alive.sign(victim.keys(), trap, 9);
    Alive forged =
        new Alive(
            victim.key(), trap, 9, liar.keys().sign(Domain.GOSSIP_CLAIM, shape.signedBytes()));
    core.receiveClaims(liar, forged);
    Member seen = core.swim.member(victim.key()).orElseThrow();
    assertThat(seen.endpoint()).isEqualTo(victim.endpoint());
    assertThat(seen.incarnation()).isZero();
    assertThat(core.count(Counter.CLAIMS_FORGED)).isEqualTo(1);
    // Nor can a liar introduce a member under someone else's key.
    Peer stranger = core.newPeer();
    Alive forgedNew =
        new Alive(
            stranger.key(),
            trap,
            0,
            liar.keys().sign(Domain.GOSSIP_CLAIM, stranger.alive(0).signedBytes()));
    core.receiveClaims(liar, forgedNew);
    assertThat(core.stateOf(stranger)).isNull();
    assertThat(core.count(Counter.CLAIMS_FORGED)).isEqualTo(2);
  }

  @Test
  void aForgedLeaveForAnotherMemberIsRejected() {
    List<Peer> peers = core.knownPeers(3);
    Peer victim = peers.get(0);
    Peer liar = peers.get(1);
    Leave shape = Leave.sign(victim.keys(), 0);
    Leave forged =
        new Leave(victim.key(), 0, liar.keys().sign(Domain.GOSSIP_CLAIM, shape.signedBytes()));
    core.receiveClaims(liar, forged);
    assertThat(core.stateOf(victim)).isEqualTo(MemberState.ALIVE);
    assertThat(core.count(Counter.CLAIMS_FORGED)).isEqualTo(1);
    assertThat(core.claimsSent()).doesNotContain(forged);
  }

  @Test
  void anAccusationNamingAnIncarnationTheAccusedNeverSignedChangesNothing() {
    List<Peer> peers = core.knownPeers(3);
    Peer x = peers.get(0);
    Peer liar = peers.get(1);
    core.receiveClaims(liar, Suspect.sign(liar.keys(), x.key(), Long.MAX_VALUE));
    core.receiveClaims(liar, Dead.sign(liar.keys(), core.keys.publicKey(), Long.MAX_VALUE));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.ALIVE);
    assertThat(core.swim.self().incarnation()).as("no jump to an unbeatable number").isZero();
    assertThat(core.count(Counter.CLAIMS_UNVERIFIABLE)).isEqualTo(2);
    // A real accusation is still refuted in the ordinary way.
    core.receiveClaims(liar, Dead.sign(liar.keys(), core.keys.publicKey(), 0));
    assertThat(core.swim.self().incarnation()).isOne();
  }

  @Test
  void oneAccuserAloneLeavesTheMaximumTimeout() {
    List<Peer> peers = core.knownPeers(10); // N = 11: min 1.041 s, max 6.248 s, k = 2
    Peer x = peers.get(0);
    GossipConfig c = core.swim.config();
    long start = core.now;
    core.receiveClaims(peers.get(1), Suspect.sign(peers.get(1).keys(), x.key(), 0));
    core.advance(30 * SECOND);
    MemberEvent dead = deadEvent(x);
    assertThat(dead.nowNanos() - start).isEqualTo(c.suspicionMaxTimeoutNanos(11));
    assertThat(core.count(Counter.DEATHS_UNCONFIRMED)).isEqualTo(1);
  }

  @Test
  void lifeguardConfirmationsShortenTheTimeout() {
    List<Peer> peers = core.knownPeers(10);
    Peer x = peers.get(0);
    GossipConfig c = core.swim.config();
    long start = core.now;
    core.receiveClaims(peers.get(1), Suspect.sign(peers.get(1).keys(), x.key(), 0));
    core.advance(100 * MS);
    core.receiveClaims(peers.get(2), Suspect.sign(peers.get(2).keys(), x.key(), 0));
    core.receiveClaims(peers.get(2), Suspect.sign(peers.get(2).keys(), x.key(), 0)); // same
    core.receiveClaims(peers.get(3), Dead.sign(peers.get(3).keys(), x.key(), 0));
    core.advance(30 * SECOND);
    assertThat(deadEvent(x).nowNanos() - start).isEqualTo(c.suspicionMinTimeoutNanos(11));
    assertThat(core.count(Counter.SUSPICION_CONFIRMATIONS)).isEqualTo(2);
    assertThat(core.count(Counter.DEATHS_UNCONFIRMED)).isZero();
  }

  @Test
  void aReceivedAccusationMakesTheNodeProbeTheAccusedWithTheAccusationAttached() {
    List<Peer> peers = core.knownPeers(5);
    Peer x = peers.get(0);
    Suspect s = Suspect.sign(peers.get(1).keys(), x.key(), 0);
    core.receiveClaims(peers.get(1), s);
    OneCore.Out ping = core.sent.get(core.sent.size() - 1);
    assertThat(ping.outbound().to()).isEqualTo(x.endpoint());
    assertThat(ping.outbound().expectedKeyOrNull()).isEqualTo(x.key());
    assertThat(ping.message()).isInstanceOf(io.skein.gossip.msg.Ping.class);
    assertThat(ping.message().claims()).first().isEqualTo(s);
    assertThat(core.count(Counter.ACCUSATION_PROBES)).isEqualTo(1);
  }

  @Test
  void gracefulLeaveIsSeenAsLeftNotDeadAndAHigherIncarnationRejoins() {
    Peer x = core.knownPeers(3).get(0);
    core.receiveClaims(x, Leave.sign(x.keys(), 0));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.LEFT);
    core.advance(30 * SECOND);
    assertThat(core.stateOf(x)).isEqualTo(MemberState.LEFT);
    core.receiveClaims(x, x.alive(0)); // stale: no resurrection
    assertThat(core.stateOf(x)).isEqualTo(MemberState.LEFT);
    core.receiveClaims(x, x.alive(1));
    assertThat(core.eventsAbout(x)).containsExactly(JOINED, LEFT, JOINED);
    assertThat(core.count(Counter.MEMBERS_LEFT)).isEqualTo(1);
  }

  @Test
  void aDeadMemberStaysDeadUntilItSignsAHigherIncarnation() {
    List<Peer> peers = core.knownPeers(4);
    Peer x = peers.get(0);
    core.receiveClaims(peers.get(1), Suspect.sign(peers.get(1).keys(), x.key(), 0));
    core.advance(60 * SECOND);
    assertThat(core.stateOf(x)).isEqualTo(MemberState.DEAD);
    core.receiveClaims(peers.get(1), x.alive(0));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.DEAD);
    core.receiveClaims(x, x.alive(1));
    assertThat(core.stateOf(x)).isEqualTo(MemberState.ALIVE);
    assertThat(core.eventsAbout(x)).containsExactly(JOINED, SUSPECT, DEAD, JOINED);
  }

  @Test
  void pushPullStateMergesAliveSuspectAndLeftButDoesNotLearnTheLongGone() {
    Peer a = core.newPeer();
    Peer b = core.newPeer();
    Peer gone = core.newPeer();
    Peer seed = core.newPeer();
    core.swim.join(core.now, List.of(seed.endpoint()));
    core.collect();
    PushPullRequest req = (PushPullRequest) core.sent.get(core.sent.size() - 1).message();
    assertThat(req.join()).isTrue();
    assertThat(req.state()).containsExactly(Alive.sign(core.keys, core.endpoint, 0));
    List<Claim> state =
        List.of(
            seed.alive(0),
            a.alive(2),
            b.alive(0),
            Suspect.sign(seed.keys(), b.key(), 0),
            gone.alive(0),
            Dead.sign(seed.keys(), gone.key(), 0));
    core.receive(seed, new PushPullResponse(req.seq(), state));
    assertThat(core.swim.joined()).isTrue();
    assertThat(core.stateOf(seed)).isEqualTo(MemberState.ALIVE);
    assertThat(core.stateOf(a)).isEqualTo(MemberState.ALIVE);
    assertThat(core.stateOf(b)).isEqualTo(MemberState.SUSPECT);
    assertThat(core.stateOf(gone)).isNull();
    assertThat(core.count(Counter.PUSH_PULLS_COMPLETED)).isEqualTo(1);
  }

  private MemberEvent deadEvent(Peer x) {
    return core.events.stream()
        .filter(e -> e.type() == DEAD && e.member().key().equals(x.key()))
        .findFirst()
        .orElseThrow();
  }
}
