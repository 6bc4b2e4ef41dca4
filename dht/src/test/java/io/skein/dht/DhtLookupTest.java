package io.skein.dht;

import static io.skein.dht.TestNetwork.MS;
import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.TestNetwork.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Iterative lookups through a network of DHT cores on virtual time. */
class DhtLookupTest {
  private static final DhtConfig CONFIG = DhtConfig.lan();

  private static List<NodeId> trueClosest(List<Node> candidates, NodeId target, int k) {
    return candidates.stream()
        .map(Node::id)
        .sorted(Comparator.comparing(target::xor))
        .limit(k)
        .collect(Collectors.toList());
  }

  private static List<NodeId> ids(List<Contact> contacts) {
    return contacts.stream().map(Contact::id).collect(Collectors.toList());
  }

  private static TestNetwork joinedNetwork(long seed, int size, DhtConfig config) {
    TestNetwork net = new TestNetwork(seed);
    net.addNodes(size, config);
    net.bootstrapAllThrough(net.node(0), 100 * MS);
    net.runFor(10 * SECOND);
    return net;
  }

  @Test
  void lookupInA200NodeNetworkFindsTheTrueKClosest() {
    TestNetwork net = joinedNetwork(1, 200, CONFIG);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 20; i++) {
      Node from = net.node(random.nextInt(200));
      NodeId target = TestIds.randomId(random);
      FindNodeResult result = net.await(from, from.dht.findNode(net.now(), target));
      List<Node> others = new ArrayList<>(net.nodes());
      others.remove(from);
      assertThat(ids(result.closest())).containsExactlyElementsOf(trueClosest(others, target, 20));
      assertThat(result.stats().hops()).isBetween(1, 6);
      assertThat(result.stats().requests()).isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void lookupOfAnExistingNodeFindsItFirst() {
    TestNetwork net = joinedNetwork(3, 100, CONFIG);
    Node from = net.node(5);
    Node wanted = net.node(77);
    FindNodeResult result = net.await(from, from.dht.findNode(net.now(), wanted.id()));
    assertThat(result.closest().get(0)).isEqualTo(wanted.contact);
  }

  /**
   * 30% of the nodes stop answering at once, before anyone notices: every lookup still completes
   * through per-request timeouts and returns only live nodes. Tables still list the silent nodes
   * (nobody has failed requests to them yet), so a peer's 20 closest may push a live node out of
   * its answer: recall is high but, as in any Kademlia right after mass failure, not always
   * perfect; repeated failures then evict the silent nodes and tables heal.
   */
  @Test
  void lookupWithThirtyPercentOfNodesSilentStillCompletesThroughTimeouts() {
    TestNetwork net = joinedNetwork(4, 200, CONFIG);
    SplittableRandom random = new SplittableRandom(5);
    List<Node> live = new ArrayList<>();
    for (Node n : net.nodes()) {
      if (n.index != 0 && random.nextInt(10) < 3) {
        net.down(n);
      } else {
        live.add(n);
      }
    }
    assertThat(live.size()).isBetween(120, 160);
    int found = 0;
    int lookups = 20;
    for (int i = 0; i < lookups; i++) {
      Node from = live.get(random.nextInt(live.size()));
      NodeId target = TestIds.randomId(random);
      long started = net.now();
      FindNodeResult result = net.await(from, from.dht.findNode(net.now(), target));
      assertThat(result.stats().failures()).isPositive();
      assertThat(net.now() - started).isLessThan(10 * SECOND);
      List<Node> others = new ArrayList<>(live);
      others.remove(from);
      List<NodeId> expected = trueClosest(others, target, 20);
      for (Contact c : result.closest()) {
        assertThat(net.node(c.id()).down).as("a silent node is never a result").isFalse();
      }
      found += (int) ids(result.closest()).stream().filter(expected::contains).count();
    }
    assertThat(found).as("live true-closest nodes found").isGreaterThan(lookups * 20 * 8 / 10);
  }

  @Test
  void silentNodesAreEvictedAfterRepeatedTimeoutsSoLaterLookupsFindTheTrueKClosest() {
    TestNetwork net = joinedNetwork(9, 120, CONFIG);
    SplittableRandom random = new SplittableRandom(10);
    List<Node> live = new ArrayList<>();
    for (Node n : net.nodes()) {
      if (n.index != 0 && random.nextInt(10) < 3) {
        net.down(n);
      } else {
        live.add(n);
      }
    }
    NodeId target = TestIds.randomId(random);
    Node from = live.get(1);
    List<Node> others = new ArrayList<>(live);
    others.remove(from);
    List<NodeId> expected = trueClosest(others, target, 20);
    FindNodeResult result = null;
    for (int round = 0; round < 6; round++) {
      for (Node n : live) {
        net.flush(n);
        n.dht.findNode(net.now(), target);
        net.flush(n);
      }
      net.runFor(10 * SECOND);
      result = net.await(from, from.dht.findNode(net.now(), target));
    }
    assertThat(from.dht.counters().contactsEvicted()).isPositive();
    assertThat(ids(result.closest())).containsExactlyElementsOf(expected);
  }

  @Test
  void disjointPathLookupAlsoFindsTheTrueKClosest() {
    DhtConfig config = CONFIG.toBuilder().disjointPaths(3).build();
    TestNetwork net = joinedNetwork(6, 150, config);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10; i++) {
      Node from = net.node(random.nextInt(150));
      NodeId target = TestIds.randomId(random);
      FindNodeResult result = net.await(from, from.dht.findNode(net.now(), target));
      List<Node> others = new ArrayList<>(net.nodes());
      others.remove(from);
      assertThat(ids(result.closest())).containsExactlyElementsOf(trueClosest(others, target, 20));
    }
  }

  @Test
  void gossipFedTablesRouteInOneHopInASmallNetwork() {
    TestNetwork net = new TestNetwork(8);
    net.addNodes(15, CONFIG);
    net.introduceAllAsMembers();
    Node from = net.node(0);
    NodeId target = net.node(9).id();
    FindNodeResult result = net.await(from, from.dht.findNode(net.now(), target));
    assertThat(result.stats().hops()).isEqualTo(1);
    assertThat(result.closest()).hasSize(14);
  }
}
