package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Suspect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RumorQueueTest {
  private static final Endpoint EP = new Endpoint("10.0.0.1", 7946);
  private final GossipStats stats = new GossipStats();
  private final List<KeyPair> keys = new ArrayList<>();

  private KeyPair key(int i) {
    while (keys.size() <= i) {
      byte[] seed = new byte[32];
      seed[0] = (byte) keys.size();
      seed[1] = 42;
      keys.add(KeyPair.fromSeed(seed));
    }
    return keys.get(i);
  }

  private Alive alive(int member, long inc) {
    return Alive.sign(key(member), EP, inc);
  }

  private List<Claim> take(RumorQueue q, int max, int limit) {
    List<Claim> out = new ArrayList<>();
    q.take(out, max, limit);
    return out;
  }

  @Test
  void eachRumorIsSentRetransmitLimitTimesThenRetired() {
    RumorQueue q = new RumorQueue(100, stats);
    Alive a = alive(1, 0);
    q.add(a);
    int sends = 0;
    for (int i = 0; i < 20; i++) {
      sends += take(q, 8, 5).size();
    }
    assertThat(sends).isEqualTo(5);
    assertThat(q.isEmpty()).isTrue();
    assertThat(stats.get(Counter.RUMORS_RETIRED)).isEqualTo(1);
  }

  @Test
  void leastSentRumorsGoFirstAndNewestAmongEquals() {
    RumorQueue q = new RumorQueue(100, stats);
    Alive old = alive(1, 0);
    Alive mid = alive(2, 0);
    q.add(old);
    q.add(mid);
    assertThat(take(q, 1, 10)).containsExactly(mid); // equal counts: newest first
    assertThat(take(q, 1, 10)).containsExactly(old); // now old is the least sent
    Alive fresh = alive(3, 0);
    q.add(fresh);
    assertThat(take(q, 2, 10)).containsExactly(fresh, mid);
    assertThat(q.transmits(old)).isEqualTo(1);
    assertThat(q.transmits(mid)).isEqualTo(2);
    assertThat(q.transmits(fresh)).isEqualTo(1);
  }

  @Test
  void fullQueueDropsTheOldestRumorAndCountsIt() {
    RumorQueue q = new RumorQueue(3, stats);
    Alive first = alive(1, 0);
    q.add(first);
    q.add(alive(2, 0));
    q.add(alive(3, 0));
    take(q, 3, 10); // sending does not change age
    Alive fourth = alive(4, 0);
    q.add(fourth);
    assertThat(q.size()).isEqualTo(3);
    assertThat(q.contains(first)).isFalse();
    assertThat(q.contains(fourth)).isTrue();
    assertThat(stats.get(Counter.RUMORS_DROPPED)).isEqualTo(1);
    assertThat(stats.rumorsPending()).isEqualTo(3);
  }

  @Test
  void aNewerClaimAboutAMemberReplacesTheQueuedOnes() {
    RumorQueue q = new RumorQueue(100, stats);
    KeyPair x = key(1);
    Alive a0 = alive(1, 0);
    Suspect s0 = Suspect.sign(key(2), x.publicKey(), 0);
    q.add(a0);
    q.add(s0);
    assertThat(q.contains(a0)).as("suspect outranks alive at the same incarnation").isFalse();
    Alive a1 = alive(1, 1);
    q.add(a1);
    assertThat(q.contains(s0)).isFalse();
    assertThat(q.add(a0)).as("an older claim is not queued").isFalse();
    q.add(Leave.sign(x, 1));
    assertThat(q.contains(a1)).isFalse();
    assertThat(q.size()).isEqualTo(1);
    assertThat(stats.get(Counter.RUMORS_INVALIDATED)).isEqualTo(3);
  }

  @Test
  void accusationsByDifferentAccusersTravelTogether() {
    RumorQueue q = new RumorQueue(100, stats);
    KeyPair x = key(1);
    Suspect byA = Suspect.sign(key(2), x.publicKey(), 0);
    Suspect byB = Suspect.sign(key(3), x.publicKey(), 0);
    q.add(byA);
    q.add(byB);
    assertThat(q.size()).isEqualTo(2);
    q.add(Dead.sign(key(3), x.publicKey(), 0));
    assertThat(q.contains(byA)).as("dead outranks suspect").isFalse();
    assertThat(q.add(byA)).isFalse();
  }

  @Test
  void takeSkipsClaimsAlreadyInTheMessage() {
    RumorQueue q = new RumorQueue(100, stats);
    Alive a = alive(1, 0);
    q.add(a);
    List<Claim> out = new ArrayList<>(List.of(a));
    q.take(out, 8, 10);
    assertThat(out).containsExactly(a);
    assertThat(q.transmits(a)).isZero();
  }
}
