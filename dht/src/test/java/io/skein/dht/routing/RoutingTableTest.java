package io.skein.dht.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.TestIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Invariants and behaviour of the k-bucket routing table. */
class RoutingTableTest {
  private static final long SECOND = 1_000_000_000L;

  /** A contact whose id falls in bucket {@code index} of {@code self}'s table. */
  private static Contact contactInBucket(NodeId self, int index, RandomGenerator random) {
    while (true) {
      Contact c = TestIds.randomContact(random);
      if (self.commonPrefixBits(c.id()) == index) {
        return c;
      }
    }
  }

  @Property(tries = 100)
  void noBucketEverHoldsMoreThanK(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int k, @ForAll boolean failSome) {
    RandomGenerator random = new SplittableRandom(seed);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, k, k, 2, 0);
    List<Contact> inserted = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Contact c =
          random.nextInt(4) == 0
              ? contactInBucket(self, random.nextInt(3), random)
              : TestIds.randomContact(random);
      inserted.add(c);
      table.onContactResponded(c, i);
      if (failSome && random.nextInt(5) == 0) {
        table.onRequestFailed(inserted.get(random.nextInt(inserted.size())).id());
      }
    }
    int total = 0;
    for (int b = 0; b < NodeId.BITS; b++) {
      List<Contact> bucket = table.bucket(b);
      assertThat(bucket.size()).isLessThanOrEqualTo(k);
      assertThat(table.replacements(b).size()).isLessThanOrEqualTo(k);
      for (Contact c : bucket) {
        assertThat(table.bucketIndex(c.id())).isEqualTo(b);
      }
      total += bucket.size();
    }
    assertThat(table.size()).isEqualTo(total);
  }

  @Property(tries = 100)
  void closestAgreesWithBruteForceSortByXorDistance(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 300) int contacts,
      @ForAll @IntRange(min = 0, max = 40) int n,
      @ForAll boolean targetNearSelf) {
    RandomGenerator random = new SplittableRandom(seed);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 20, 0, 2, 0);
    for (int i = 0; i < contacts; i++) {
      table.onContactResponded(TestIds.randomContact(random), i);
    }
    NodeId target =
        targetNearSelf
            ? RoutingTable.randomIdInBucket(self, 10 + random.nextInt(200), random)
            : TestIds.randomId(random);
    List<Contact> expected = new ArrayList<>(table.all());
    expected.sort(Comparator.comparing(c -> target.xor(c.id())));
    expected = expected.subList(0, Math.min(n, expected.size()));
    assertThat(table.closest(target, n)).containsExactlyElementsOf(expected);
  }

  @Property(tries = 50)
  void closestToOwnIdAgreesWithBruteForce(@ForAll long seed) {
    RandomGenerator random = new SplittableRandom(seed);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 20, 0, 2, 0);
    for (int i = 0; i < 200; i++) {
      table.onContactResponded(TestIds.randomContact(random), i);
    }
    List<Contact> expected = new ArrayList<>(table.all());
    expected.sort(Comparator.comparing(c -> self.xor(c.id())));
    assertThat(table.closest(self, 20)).containsExactlyElementsOf(expected.subList(0, 20));
  }

  @Property(tries = 200)
  void randomIdInBucketFallsInThatBucket(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 255) int index) {
    RandomGenerator random = new SplittableRandom(seed);
    NodeId self = TestIds.randomId(random);
    assertThat(self.commonPrefixBits(RoutingTable.randomIdInBucket(self, index, random)))
        .isEqualTo(index);
  }

  @Test
  void bucketKeepsLeastRecentlySeenFirst() {
    RandomGenerator random = new SplittableRandom(1);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 3, 3, 2, 0);
    Contact a = contactInBucket(self, 0, random);
    Contact b = contactInBucket(self, 0, random);
    Contact c = contactInBucket(self, 0, random);
    table.onContactResponded(a, 1);
    table.onContactResponded(b, 2);
    table.onContactResponded(c, 3);
    assertThat(table.onContactResponded(a, 4)).isEqualTo(InsertOutcome.UPDATED);
    assertThat(table.bucket(0)).containsExactly(b, c, a);
    assertThat(table.leastRecentlySeen(0)).isEqualTo(b);
    assertThat(table.leastRecentlySeenNanos(0)).isEqualTo(2);
  }

  @Test
  void fullBucketSendsNewcomersToTheReplacementCache() {
    RandomGenerator random = new SplittableRandom(2);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 2, 2, 2, 0);
    Contact a = contactInBucket(self, 0, random);
    Contact b = contactInBucket(self, 0, random);
    Contact c = contactInBucket(self, 0, random);
    table.onContactResponded(a, 1);
    table.onContactResponded(b, 2);
    assertThat(table.onContactResponded(c, 3)).isEqualTo(InsertOutcome.CACHED);
    assertThat(table.contains(c.id())).isFalse();
    assertThat(table.replacements(0)).containsExactly(c);
  }

  @Test
  void contactFailingRepeatedlyIsEvictedAndReplacedByTheNewestReplacement() {
    RandomGenerator random = new SplittableRandom(3);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 2, 2, 2, 0);
    Contact a = contactInBucket(self, 0, random);
    Contact b = contactInBucket(self, 0, random);
    Contact r1 = contactInBucket(self, 0, random);
    Contact r2 = contactInBucket(self, 0, random);
    table.onContactResponded(a, 1);
    table.onContactResponded(b, 2);
    table.onContactResponded(r1, 3);
    table.onContactResponded(r2, 4);
    assertThat(table.onRequestFailed(a.id())).isFalse();
    assertThat(table.contains(a.id())).isTrue();
    assertThat(table.onRequestFailed(a.id())).isTrue();
    assertThat(table.contains(a.id())).isFalse();
    assertThat(table.bucket(0)).containsExactly(b, r2);
    assertThat(table.replacements(0)).containsExactly(r1);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void answeringResetsTheFailureCount() {
    RandomGenerator random = new SplittableRandom(4);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 2, 2, 2, 0);
    Contact a = contactInBucket(self, 0, random);
    table.onContactResponded(a, 1);
    table.onRequestFailed(a.id());
    table.onContactResponded(a, 2);
    assertThat(table.onRequestFailed(a.id())).isFalse();
    assertThat(table.contains(a.id())).isTrue();
  }

  @Test
  void deadMemberIsRemovedAndReplaced() {
    RandomGenerator random = new SplittableRandom(5);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 1, 1, 3, 0);
    Contact a = contactInBucket(self, 0, random);
    Contact r = contactInBucket(self, 0, random);
    table.onVerifiedMember(a, 1);
    table.onVerifiedMember(r, 2);
    assertThat(table.remove(a.id())).isTrue();
    assertThat(table.bucket(0)).containsExactly(r);
  }

  @Test
  void ownIdNeverEntersTheTable() {
    RandomGenerator random = new SplittableRandom(6);
    Contact me = TestIds.randomContact(random);
    RoutingTable table = new RoutingTable(me.id(), 20, 20, 2, 0);
    assertThat(table.onContactResponded(me, 1)).isEqualTo(InsertOutcome.IGNORED);
    assertThat(table.size()).isZero();
  }

  @Test
  void bucketsComeDueForRefreshUpToOnePastTheDeepestNonEmptyBucket() {
    RandomGenerator random = new SplittableRandom(7);
    NodeId self = TestIds.randomId(random);
    RoutingTable table = new RoutingTable(self, 20, 20, 2, 0);
    assertThat(table.bucketsDueForRefresh(100 * SECOND, SECOND)).isEmpty();
    assertThat(table.nextRefreshDeadlineNanos(SECOND)).isEqualTo(Long.MAX_VALUE);
    table.onContactResponded(contactInBucket(self, 3, random), 0);
    assertThat(table.nextRefreshDeadlineNanos(60 * SECOND)).isEqualTo(60 * SECOND);
    assertThat(table.bucketsDueForRefresh(59 * SECOND, 60 * SECOND)).isEmpty();
    assertThat(table.bucketsDueForRefresh(60 * SECOND, 60 * SECOND)).containsExactly(0, 1, 2, 3, 4);
    table.markRefreshed(RoutingTable.randomIdInBucket(self, 2, random), 60 * SECOND);
    assertThat(table.bucketsDueForRefresh(60 * SECOND, 60 * SECOND)).containsExactly(0, 1, 3, 4);
  }
}
