package io.skein.dht.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.TestIds;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A get's early end driven by hand: the 8 nodes closest to the key are colluders that replay an
 * old, validly signed version; the next 8 hold the newest. One path ends on the colluders'
 * agreement; with two disjoint paths the colluders can end only their own path.
 */
class GetTest {
  private static final byte[] SALT = "salt".getBytes(StandardCharsets.UTF_8);
  private static final int R = 8;

  private final KeyPair owner = TestIds.keyPair(77);
  private final MutableRecord v1 = MutableRecord.sign(owner, SALT, 1, bytes("old"));
  private final MutableRecord v2 = MutableRecord.sign(owner, SALT, 2, bytes("new"));
  private final RecordKey key = v1.key();
  private final List<Contact> byDistance = new ArrayList<>();
  private final NodeId self;

  GetTest() {
    RandomGenerator random = new SplittableRandom(5);
    for (int i = 0; i < 2 * R; i++) {
      byDistance.add(TestIds.randomContact(random));
    }
    byDistance.sort(Comparator.comparing(c -> key.id().xor(c.id())));
    NodeId far;
    do {
      far = TestIds.randomId(random);
    } while (key.id().compareDistance(far, byDistance.get(2 * R - 1).id()) < 0);
    self = far;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Answers every request at once, each with the record its node holds and no contacts, ending
   * satisfied paths after each answer as the core does; returns the get once its lookup finished.
   */
  private Get run(int paths, List<Contact> seeds) {
    Lookup lookup = new Lookup(self, key.id(), seeds, 20, 3, R, paths);
    Get get =
        new Get(
            self,
            key,
            Consistency.QUORUM,
            R,
            lookup,
            new RecordValidator(Ed25519.VERIFIER, 1000),
            null,
            0);
    Set<NodeId> colluders = Set.copyOf(byDistance.subList(0, R).stream().map(Contact::id).toList());
    List<Contact> inFlight = new ArrayList<>(lookup.nextRequests());
    while (!lookup.isFinished() && !inFlight.isEmpty()) {
      Contact c = inFlight.remove(0);
      get.onValue(c.id(), colluders.contains(c.id()) ? v1 : v2, 60_000);
      lookup.onSuccess(c.id(), List.of());
      get.finishSatisfiedPaths();
      inFlight.addAll(lookup.nextRequests());
    }
    assertThat(lookup.isFinished()).isTrue();
    get.finish();
    return get;
  }

  @Test
  void onePathEndsWhenTheClosestEightAgreeEvenOnAReplayedOldVersion() {
    Get get = run(1, byDistance);
    assertThat(get.record()).isEqualTo(v1);
    assertThat(get.levelReached()).isTrue();
    assertThat(get.lookup().requests()).isLessThanOrEqualTo(R);
  }

  @Test
  void colludersEndOnlyTheirOwnDisjointPathAndTheNewestRecordWins() {
    // dealt round-robin: path 0 gets the 8 colluders, path 1 the 8 honest replicas
    List<Contact> seeds = new ArrayList<>();
    for (int i = 0; i < R; i++) {
      seeds.add(byDistance.get(i));
      seeds.add(byDistance.get(R + i));
    }
    Get get = run(2, seeds);
    assertThat(get.lookup().pathOf(byDistance.get(0).id())).isZero();
    assertThat(get.lookup().pathOf(byDistance.get(R).id())).isEqualTo(1);
    assertThat(get.record()).isEqualTo(v2);
  }
}
