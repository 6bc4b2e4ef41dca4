package io.skein.dht.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.TestIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The lookup state machine driven by hand against an oracle network where every node knows a random
 * fifth of the others.
 */
class LookupTest {
  /** A synthetic network: each node answers with the k closest among the nodes it knows. */
  private static final class Oracle {
    final List<Contact> all = new ArrayList<>();
    final Map<NodeId, List<Contact>> knows = new HashMap<>();
    final Set<NodeId> silent = new HashSet<>();

    Oracle(int size, RandomGenerator random, double silentFraction) {
      for (int i = 0; i < size; i++) {
        all.add(TestIds.randomContact(random));
      }
      for (Contact c : all) {
        List<Contact> known = new ArrayList<>();
        for (Contact o : all) {
          if (o != c && random.nextInt(5) == 0) {
            known.add(o);
          }
        }
        knows.put(c.id(), known);
        if (random.nextDouble() < silentFraction) {
          silent.add(c.id());
        }
      }
    }

    List<Contact> answer(NodeId peer, NodeId target, int k) {
      List<Contact> known = new ArrayList<>(knows.get(peer));
      known.sort(Comparator.comparing(c -> target.xor(c.id())));
      return known.subList(0, Math.min(k, known.size()));
    }
  }

  /** Runs the lookup to the end, answering breadth-first; returns the max requests in flight. */
  private static int run(Lookup lookup, Oracle oracle, int k, Map<NodeId, Integer> queriedBy) {
    List<Contact> inFlight = new ArrayList<>(lookup.nextRequests());
    record(lookup, inFlight, queriedBy);
    int maxInFlight = inFlight.size();
    while (!inFlight.isEmpty()) {
      Contact c = inFlight.remove(0);
      if (oracle.silent.contains(c.id())) {
        lookup.onFailure(c.id());
      } else {
        lookup.onSuccess(c.id(), oracle.answer(c.id(), lookup.target(), k));
      }
      List<Contact> more = lookup.nextRequests();
      record(lookup, more, queriedBy);
      inFlight.addAll(more);
      maxInFlight = Math.max(maxInFlight, inFlight.size());
    }
    return maxInFlight;
  }

  private static void record(Lookup lookup, List<Contact> sent, Map<NodeId, Integer> queriedBy) {
    for (Contact c : sent) {
      Integer previous = queriedBy.put(c.id(), lookup.pathOf(c.id()));
      assertThat(previous).as("%s queried twice", c).isNull();
    }
  }

  @Test
  void plainLookupKeepsAtMostAlphaInFlightUntilItStalls() {
    RandomGenerator random = new SplittableRandom(1);
    Oracle oracle = new Oracle(300, random, 0);
    NodeId self = TestIds.randomId(random);
    NodeId target = TestIds.randomId(random);
    Lookup lookup = new Lookup(self, target, oracle.all.subList(0, 20), 20, 3, 1);
    List<Contact> first = lookup.nextRequests();
    assertThat(first).hasSize(3);
    assertThat(lookup.nextRequests()).isEmpty();
    assertThat(lookup.isFinished()).isFalse();
  }

  @Test
  void lookupEndsWhenTheKClosestKnownHaveAllAnswered() {
    RandomGenerator random = new SplittableRandom(2);
    Oracle oracle = new Oracle(300, random, 0);
    NodeId target = TestIds.randomId(random);
    Lookup lookup =
        new Lookup(TestIds.randomId(random), target, oracle.all.subList(0, 10), 20, 3, 1);
    run(lookup, oracle, 20, new HashMap<>());
    assertThat(lookup.isFinished()).isTrue();
    List<Contact> all = new ArrayList<>(oracle.all);
    all.sort(Comparator.comparing(c -> target.xor(c.id())));
    assertThat(lookup.closestSucceeded(20)).containsExactlyElementsOf(all.subList(0, 20));
    assertThat(lookup.responses()).isEqualTo(lookup.requests());
    assertThat(lookup.hops()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void failuresAreSkippedAndNeverReturned() {
    RandomGenerator random = new SplittableRandom(3);
    Oracle oracle = new Oracle(300, random, 0.3);
    NodeId target = TestIds.randomId(random);
    Lookup lookup =
        new Lookup(TestIds.randomId(random), target, oracle.all.subList(0, 20), 20, 3, 1);
    run(lookup, oracle, 20, new HashMap<>());
    assertThat(lookup.isFinished()).isTrue();
    assertThat(lookup.failures()).isPositive();
    for (Contact c : lookup.closestSucceeded(20)) {
      assertThat(oracle.silent).doesNotContain(c.id());
    }
    assertThat(lookup.closestContacted(100).size())
        .isEqualTo(lookup.responses() + lookup.failures());
  }

  @Test
  void lookupWithoutSeedsFinishesAtOnce() {
    RandomGenerator random = new SplittableRandom(4);
    Lookup lookup =
        new Lookup(TestIds.randomId(random), TestIds.randomId(random), List.of(), 20, 3, 3);
    assertThat(lookup.nextRequests()).isEmpty();
    assertThat(lookup.isFinished()).isTrue();
  }

  @Test
  void ownIdIsNeverQueried() {
    RandomGenerator random = new SplittableRandom(5);
    Contact me = TestIds.randomContact(random);
    Contact other = TestIds.randomContact(random);
    Lookup lookup = new Lookup(me.id(), TestIds.randomId(random), List.of(me, other), 20, 3, 1);
    assertThat(lookup.nextRequests()).containsExactly(other);
    lookup.onSuccess(other.id(), List.of(me));
    assertThat(lookup.nextRequests()).isEmpty();
    assertThat(lookup.isFinished()).isTrue();
  }

  @Test
  void lateOrUnknownAnswersAreIgnored() {
    RandomGenerator random = new SplittableRandom(6);
    Contact a = TestIds.randomContact(random);
    Lookup lookup =
        new Lookup(TestIds.randomId(random), TestIds.randomId(random), List.of(a), 20, 3, 1);
    lookup.nextRequests();
    assertThat(lookup.onSuccess(TestIds.randomId(random), List.of())).isFalse();
    assertThat(lookup.onFailure(a.id())).isTrue();
    assertThat(lookup.onSuccess(a.id(), List.of())).isFalse();
  }

  /**
   * S/Kademlia: every node is queried on at most one path, and every node a path queries was
   * learned on that same path (a seed dealt to it, or named by a node that path queried).
   */
  @Property(tries = 40)
  void disjointPathsNeverShareAQueriedNode(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int paths,
      @ForAll @IntRange(min = 0, max = 30) int silentPercent) {
    RandomGenerator random = new SplittableRandom(seed);
    Oracle oracle = new Oracle(250, random, silentPercent / 100.0);
    NodeId target = TestIds.randomId(random);
    List<Contact> seeds = oracle.all.subList(0, 20);
    Lookup lookup = new Lookup(TestIds.randomId(random), target, seeds, 20, 3, paths);
    Map<NodeId, Integer> queriedBy = new HashMap<>();
    Map<Integer, Set<NodeId>> learnedOnPath = new HashMap<>();
    for (int p = 0; p < paths; p++) {
      learnedOnPath.put(p, new HashSet<>());
    }
    for (int i = 0; i < seeds.size(); i++) {
      learnedOnPath.get(i % paths).add(seeds.get(i).id());
    }
    List<Contact> inFlight = new ArrayList<>();
    List<Contact> first = lookup.nextRequests();
    record(lookup, first, queriedBy);
    inFlight.addAll(first);
    int maxInFlight = first.size();
    while (!inFlight.isEmpty()) {
      Contact c = inFlight.remove(0);
      int path = queriedBy.get(c.id());
      assertThat(learnedOnPath.get(path)).as("path %d learned %s itself", path, c).contains(c.id());
      if (oracle.silent.contains(c.id())) {
        lookup.onFailure(c.id());
      } else {
        List<Contact> answer = oracle.answer(c.id(), target, 20);
        for (Contact a : answer) {
          learnedOnPath.get(path).add(a.id());
        }
        lookup.onSuccess(c.id(), answer);
      }
      List<Contact> more = lookup.nextRequests();
      record(lookup, more, queriedBy);
      inFlight.addAll(more);
      maxInFlight = Math.max(maxInFlight, inFlight.size());
    }
    assertThat(lookup.isFinished()).isTrue();
    assertThat(new HashSet<>(queriedBy.values()).size()).isEqualTo(paths);
    assertThat(maxInFlight).isLessThanOrEqualTo(paths * 20);
  }

  @Test
  void everyDisjointPathGetsTheSeedsWhenThereAreFewerThanPaths() {
    RandomGenerator random = new SplittableRandom(7);
    Contact only = TestIds.randomContact(random);
    Lookup lookup =
        new Lookup(TestIds.randomId(random), TestIds.randomId(random), List.of(only), 20, 3, 3);
    assertThat(lookup.nextRequests()).containsExactly(only);
    lookup.onSuccess(only.id(), List.of());
    assertThat(lookup.nextRequests()).isEmpty();
    assertThat(lookup.isFinished()).isTrue();
    assertThat(lookup.closestSucceeded(20)).containsExactly(only);
  }
}
