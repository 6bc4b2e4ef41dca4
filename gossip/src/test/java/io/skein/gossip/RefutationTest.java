package io.skein.gossip;

import static io.skein.gossip.OneCore.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.gossip.OneCore.Out;
import io.skein.gossip.OneCore.Peer;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How an accused node's refutation travels: straight to whoever started a timer against it, so a
 * node that stalled and wakes up refutes before the earliest timers run out (issue #3).
 */
class RefutationTest {
  private final OneCore core = new OneCore(GossipConfig.lan(), 11);

  @Test
  void aRefutationGoesStraightToTheAccuserAtOnce() {
    List<Peer> peers = core.knownPeers(6);
    Peer relay = peers.get(0);
    Peer accuser = peers.get(4);
    int before = core.sent.size();

    // The accusation arrives through a third member, as gossip does.
    core.receiveClaims(relay, Suspect.sign(accuser.keys(), core.keys.publicKey(), 0));

    Alive refutation = Alive.sign(core.keys, core.endpoint, 1);
    List<Out> toAccuser =
        core.sent.subList(before, core.sent.size()).stream()
            .filter(o -> o.outbound().to().equals(accuser.endpoint()))
            .toList();
    assertThat(toAccuser).hasSize(1);
    Out out = toAccuser.get(0);
    assertThat(out.nanos()).as("sent while handling the accusation").isEqualTo(core.now);
    assertThat(out.outbound().expectedKeyOrNull()).isEqualTo(accuser.key());
    assertThat(out.message()).isInstanceOf(Gossip.class);
    assertThat(out.message().claims()).first().isEqualTo(refutation);
  }

  @Test
  void aStaleAccusationRepeatedByAnotherMemberIsNotAnsweredByDirectMessage() {
    List<Peer> peers = core.knownPeers(6);
    core.receiveClaims(peers.get(0), Suspect.sign(peers.get(1).keys(), core.keys.publicKey(), 0));
    int before = core.sent.size();

    // Already refuted: the same incarnation accused again changes nothing and sends nothing.
    core.receiveClaims(peers.get(0), Suspect.sign(peers.get(2).keys(), core.keys.publicKey(), 0));

    assertThat(core.sent.subList(before, core.sent.size())).isEmpty();
    assertThat(core.count(GossipStats.Counter.REFUTATIONS)).isEqualTo(1);
  }

  @Test
  void anAckToAPingThatAccusesThisNodeCarriesItsAliveClaimFirst() {
    List<Peer> peers = core.knownPeers(6);
    core.receiveClaims(peers.get(0), Suspect.sign(peers.get(1).keys(), core.keys.publicKey(), 0));
    Alive refutation = Alive.sign(core.keys, core.endpoint, 1);
    // Let gossip spend the refutation's retransmissions: it leaves the rumor queue.
    core.advance(10 * SECOND);
    Peer plain = peers.get(3);
    core.receive(plain, new Ping(1, core.keys.publicKey(), List.of()));
    assertThat(lastMessageTo(plain).claims()).doesNotContain(refutation);

    // A confirmer's accusation probe, queued while this node stalled, arrives after the refutation.
    Peer confirmer = peers.get(2);
    Suspect late = Suspect.sign(confirmer.keys(), core.keys.publicKey(), 0);
    core.receive(confirmer, new Ping(2, core.keys.publicKey(), List.of(late)));

    Ack ack = (Ack) lastMessageTo(confirmer);
    assertThat(ack.seq()).isEqualTo(2);
    assertThat(ack.claims()).first().isEqualTo(refutation);
  }

  @Test
  void anAccusationProbeThatWaitedForASlotIsMadeEvenOnceConfirmed() {
    List<Peer> peers = core.knownPeers(40);
    // Four accusations from four accusers: three probes start, the fourth waits for a slot.
    for (int i = 0; i < 4; i++) {
      core.receiveClaims(
          peers.get(10 + i), Suspect.sign(peers.get(20 + i).keys(), peers.get(i).key(), 0));
    }
    assertThat(core.count(GossipStats.Counter.ACCUSATION_PROBES)).isEqualTo(3);
    Peer waiting = peers.get(3);
    // Its suspicion is confirmed by k = 2 more accusers meanwhile.
    core.receiveClaims(peers.get(10), Suspect.sign(peers.get(30).keys(), waiting.key(), 0));
    core.receiveClaims(peers.get(10), Suspect.sign(peers.get(31).keys(), waiting.key(), 0));
    int before = core.sent.size();

    core.advance(1500 * OneCore.MS); // the first three probes fail and free their slots

    assertThat(core.count(GossipStats.Counter.ACCUSATION_PROBES)).isEqualTo(4);
    assertThat(core.sent.subList(before, core.sent.size()))
        .anyMatch(
            o ->
                o.message() instanceof Ping ping
                    && ping.target().equals(waiting.key())
                    && !ping.claims().isEmpty()
                    && ping.claims().get(0) instanceof Suspect s
                    && s.subject().equals(waiting.key()));
  }

  private io.skein.gossip.msg.GossipMessage lastMessageTo(Peer p) {
    for (int i = core.sent.size() - 1; i >= 0; i--) {
      if (core.sent.get(i).outbound().to().equals(p.endpoint())) {
        return core.sent.get(i).message();
      }
    }
    throw new AssertionError("nothing sent to " + p);
  }
}
