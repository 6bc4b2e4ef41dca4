package io.skein.gossip;

import static io.skein.gossip.OneCore.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.OneCore.Out;
import io.skein.gossip.OneCore.Peer;
import io.skein.gossip.TestNet.Node;
import io.skein.gossip.TestNet.Sent;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Periodic push-pull begins with a digest of the state and skips the states when in sync. */
class PushPullDigestTest {
  private final OneCore core = new OneCore(GossipConfig.lan(), 11);
  private final List<Peer> known = new ArrayList<>();

  @Test
  void thePeriodicExchangeSendsADigestOfTheStateNotTheState() {
    List<Peer> peers = known(3);
    PushPullDigest d = nextDigestRequest();
    List<Claim> state = new ArrayList<>();
    state.add(Alive.sign(core.keys, core.endpoint, 0));
    for (Peer p : peers) {
      state.add(p.alive(0));
    }
    assertThat(d.digestEquals(StateDigest.of(state))).isTrue();
    assertThat(core.sent).noneMatch(o -> o.message() instanceof PushPullRequest);
    assertThat(core.count(Counter.PUSH_PULL_DIGESTS_SENT)).isEqualTo(1);
  }

  @Test
  void anInSyncReplyEndsTheExchange() {
    known(3);
    PushPullDigest d = nextDigestRequest();
    Peer peer = peerAddressed(d);
    int before = core.sent.size();
    core.receive(peer, new PushPullDigestReply(d.seq(), true));
    assertThat(core.sent).hasSize(before);
    assertThat(core.count(Counter.PUSH_PULLS_IN_SYNC)).isEqualTo(1);
    assertThat(core.count(Counter.REPLIES_UNMATCHED)).isZero();
    core.advance(core.swim.config().pushPullTimeoutMillis() * 1_000_000L + SECOND);
    assertThat(core.count(Counter.PUSH_PULLS_FAILED)).isZero();
  }

  @Test
  void anOutOfSyncReplyRunsTheFullSignedExchangeWithTheSamePeer() {
    List<Peer> peers = known(3);
    PushPullDigest d = nextDigestRequest();
    Peer peer = peerAddressed(d);
    core.receive(peer, new PushPullDigestReply(d.seq(), false));
    Out last = core.sent.get(core.sent.size() - 1);
    assertThat(last.outbound().to()).isEqualTo(peer.endpoint());
    assertThat(last.outbound().expectedKeyOrNull()).isEqualTo(peer.key());
    PushPullRequest req = (PushPullRequest) last.message();
    assertThat(req.join()).isFalse();
    assertThat(req.state()).hasSize(4);
    Peer newcomer = core.newPeer();
    List<Claim> theirs = new ArrayList<>();
    for (Peer p : peers) {
      theirs.add(p.alive(0));
    }
    theirs.add(newcomer.alive(0));
    core.receive(peer, new PushPullResponse(req.seq(), theirs));
    assertThat(core.stateOf(newcomer)).isEqualTo(MemberState.ALIVE);
    assertThat(core.count(Counter.PUSH_PULLS_COMPLETED)).isEqualTo(1);
  }

  @Test
  void aReplyFromAnotherKeyOrToNoDigestIsUnmatched() {
    known(3);
    PushPullDigest d = nextDigestRequest();
    Peer stranger = core.newPeer();
    int before = core.sent.size();
    core.receive(stranger, new PushPullDigestReply(d.seq(), false));
    core.receive(peerAddressed(d), new PushPullDigestReply(d.seq() + 1000, false));
    assertThat(core.sent).hasSize(before);
    assertThat(core.count(Counter.REPLIES_UNMATCHED)).isEqualTo(2);
    // a full response cannot answer a digest request either
    core.receive(peerAddressed(d), new PushPullResponse(d.seq(), List.of()));
    assertThat(core.count(Counter.REPLIES_UNMATCHED)).isEqualTo(3);
  }

  @Test
  void aServedDigestIsAnsweredInSyncOnlyIfOurStateHashesTheSame() {
    List<Peer> peers = known(2);
    List<Claim> same =
        List.of(
            peers.get(1).alive(0), Alive.sign(core.keys, core.endpoint, 0), peers.get(0).alive(0));
    core.receive(peers.get(0), new PushPullDigest(7, StateDigest.of(same)));
    assertThat(core.sent.get(core.sent.size() - 1).message())
        .isEqualTo(new PushPullDigestReply(7, true));
    List<Claim> behind = List.of(Alive.sign(core.keys, core.endpoint, 0), peers.get(0).alive(0));
    core.receive(peers.get(0), new PushPullDigest(8, StateDigest.of(behind)));
    assertThat(core.sent.get(core.sent.size() - 1).message())
        .isEqualTo(new PushPullDigestReply(8, false));
    assertThat(core.count(Counter.PUSH_PULL_DIGESTS_SERVED)).isEqualTo(2);
  }

  @Test
  void aLyingDigestCostsOnlyAFullExchange() {
    List<Peer> peers = known(2);
    Peer liar = peers.get(0);
    core.receive(liar, new PushPullDigest(9, new byte[PushPullDigest.DIGEST_BYTES]));
    assertThat(core.sent.get(core.sent.size() - 1).message())
        .isEqualTo(new PushPullDigestReply(9, false));
    // nothing about any member changed
    assertThat(core.stateOf(peers.get(0))).isEqualTo(MemberState.ALIVE);
    assertThat(core.stateOf(peers.get(1))).isEqualTo(MemberState.ALIVE);
    assertThat(core.events).allMatch(e -> e.type() == MemberEvent.Type.JOINED);
  }

  @Test
  void theDigestSeesIncarnationsAndStatesButNotClaimOrderOrAccusers() {
    OneCore other = new OneCore(GossipConfig.lan(), 12);
    Peer a = other.newPeer();
    Peer b = other.newPeer();
    Peer c = other.newPeer();
    byte[] base = StateDigest.of(List.of(a.alive(0), b.alive(3)));
    assertThat(StateDigest.of(List.of(b.alive(3), a.alive(0)))).isEqualTo(base);
    assertThat(StateDigest.of(List.of(a.alive(0), b.alive(4)))).isNotEqualTo(base);
    assertThat(StateDigest.of(List.of(a.alive(0)))).isNotEqualTo(base);
    byte[] suspectByA = StateDigest.of(List.of(a.alive(0), b.alive(3), suspect(a, b, 3)));
    byte[] suspectByC = StateDigest.of(List.of(a.alive(0), b.alive(3), suspect(c, b, 3)));
    assertThat(suspectByA).isEqualTo(suspectByC).isNotEqualTo(base);
    byte[] dead =
        StateDigest.of(
            List.of(a.alive(0), b.alive(3), suspect(a, b, 3), Dead.sign(c.keys(), b.key(), 3)));
    assertThat(dead).isNotEqualTo(suspectByA).isNotEqualTo(base);
    assertThat(StateDigest.of(List.of())).hasSize(PushPullDigest.DIGEST_BYTES);
  }

  @Test
  void aConvergedClusterSendsNoFullStatesAfterJoining() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 21);
    List<Node> nodes = net.cluster(10);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    net.runFor(20 * SECOND); // join rumors retire
    for (Node n : nodes) {
      n.sent.clear();
    }
    net.runFor(2 * net.config.pushPullIntervalNanos(10));
    List<GossipMessage> digests = new ArrayList<>();
    List<GossipMessage> replies = new ArrayList<>();
    for (Node n : nodes) {
      for (Sent s : n.sent) {
        GossipMessage m = s.message();
        assertThat(m)
            .isNotInstanceOf(PushPullRequest.class)
            .isNotInstanceOf(PushPullResponse.class);
        if (m instanceof PushPullDigest) {
          digests.add(m);
        } else if (m instanceof PushPullDigestReply) {
          replies.add(m);
        }
      }
    }
    // every node's periodic exchange ran at least once, each answered in sync
    assertThat(digests).hasSizeGreaterThanOrEqualTo(10);
    assertThat(replies).hasSameSizeAs(digests).allMatch(r -> ((PushPullDigestReply) r).inSync());
    assertThat(net.converged()).isTrue();
  }

  @Test
  void aNodeThatMissedARumorCatchesUpThroughTheFullExchangeTheDigestTriggers() {
    TestNet net = TestNet.ed25519(GossipConfig.lan(), 22);
    List<Node> nodes = net.cluster(6);
    assertThat(net.runUntil(net::converged, 5 * SECOND)).isTrue();
    net.runFor(20 * SECOND);
    Node deaf = nodes.get(4);
    Node late = net.add();
    // the deaf node hears no claim about the late member except through push-pull
    net.rewrite =
        (from, to, m) -> {
          boolean stateSync =
              m instanceof PushPullRequest
                  || m instanceof PushPullResponse
                  || m instanceof PushPullDigest
                  || m instanceof PushPullDigestReply;
          if ((to == deaf && !stateSync) || (from == late && to == deaf)) {
            return null;
          }
          return m;
        };
    net.start(late);
    net.join(late, nodes.get(0));
    assertThat(net.runUntil(() -> deaf.stateOf(late) == MemberState.ALIVE, 10 * SECOND)).isFalse();
    assertThat(
            net.runUntil(
                () -> deaf.stateOf(late) == MemberState.ALIVE,
                2 * net.config.pushPullIntervalNanos(7)))
        .isTrue();
  }

  private static Suspect suspect(Peer accuser, Peer accused, long incarnation) {
    return Suspect.sign(accuser.keys(), accused.key(), incarnation);
  }

  private PushPullDigest nextDigestRequest() {
    for (int i = 0; i < 200; i++) {
      for (Out o : core.sent) {
        if (o.message() instanceof PushPullDigest d) {
          return d;
        }
      }
      core.advance(SECOND);
    }
    throw new AssertionError("no digest request within 200 s");
  }

  /** The known peer {@code d} went to. */
  private Peer peerAddressed(PushPullDigest d) {
    for (Out o : core.sent) {
      if (o.message() == d) {
        for (Peer p : known) {
          if (p.endpoint().equals(o.outbound().to())) {
            return p;
          }
        }
      }
    }
    throw new AssertionError("digest not sent to a known peer");
  }

  private List<Peer> known(int count) {
    known.addAll(core.knownPeers(count));
    return known;
  }
}
