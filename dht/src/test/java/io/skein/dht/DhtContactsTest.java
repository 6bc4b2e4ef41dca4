package io.skein.dht;

import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.dht.TestNetwork.Node;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.Nodes;
import io.skein.dht.record.InMemoryRecordStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Who enters the routing table, when, and how inbound requests are served and limited. */
class DhtContactsTest {
  private static final DhtConfig CONFIG = DhtConfig.lan();

  @Test
  void contactLearnedFromAReplyIsNotInsertedBeforeItAnswers() {
    TestNetwork net = new TestNetwork(1);
    Node a = net.addNode(CONFIG);
    Node b = net.addNode(CONFIG);
    Node c = net.addNode(CONFIG);
    a.dht.onMemberAlive(net.now(), b.contact);
    b.dht.onMemberAlive(net.now(), c.contact);
    net.down(c);
    FindNodeResult first = net.await(a, a.dht.findNode(net.now(), c.id()));
    assertThat(first.stats().failures()).isEqualTo(1);
    assertThat(a.dht.routingTable().contains(c.id())).isFalse();
    assertThat(first.closest()).containsExactly(b.contact);

    net.up(c);
    FindNodeResult second = net.await(a, a.dht.findNode(net.now(), c.id()));
    assertThat(second.closest()).startsWith(c.contact);
    assertThat(a.dht.routingTable().contains(c.id())).isTrue();
  }

  @Test
  void requesterIsPingedAndOnlyInsertedOnceItAnswers() {
    TestNetwork net = new TestNetwork(2);
    Node a = net.addNode(CONFIG);
    Node b = net.addNode(CONFIG);
    // b cannot receive: its request reaches a, but it cannot answer a's verification ping.
    net.down(b);
    b.dht.bootstrap(net.now(), List.of(a.contact));
    net.flush(b);
    net.runUntil(() -> a.dht.counters().requestsReceived() > 0, SECOND);
    assertThat(a.dht.counters().pingsSent()).isEqualTo(1);
    assertThat(a.dht.routingTable().contains(b.id())).isFalse();
    net.runFor(2 * SECOND);
    assertThat(a.dht.counters().requestTimeouts()).isEqualTo(1);
    assertThat(a.dht.routingTable().contains(b.id())).isFalse();

    net.up(b);
    net.await(b, b.dht.bootstrap(net.now(), List.of(a.contact)));
    net.runFor(SECOND);
    assertThat(a.dht.counters().pingsSent()).isEqualTo(2);
    assertThat(a.dht.routingTable().contains(b.id())).isTrue();
  }

  @Test
  void withoutPingingRequestersARequestNeverInsertsItsSender() {
    DhtConfig quiet = CONFIG.toBuilder().pingUnknownRequesters(false).build();
    TestNetwork net = new TestNetwork(3);
    Node a = net.addNode(quiet);
    Node b = net.addNode(quiet);
    net.await(b, b.dht.bootstrap(net.now(), List.of(a.contact)));
    net.runFor(5 * SECOND);
    assertThat(a.dht.counters().requestsReceived()).isPositive();
    assertThat(a.dht.routingTable().contains(b.id())).isFalse();
    assertThat(b.dht.routingTable().contains(a.id())).isTrue();
  }

  @Test
  void gossipMemberEntersWithoutAnyRequest() {
    TestNetwork net = new TestNetwork(4);
    Node a = net.addNode(CONFIG);
    Node b = net.addNode(CONFIG);
    a.dht.onMemberAlive(net.now(), b.contact);
    assertThat(a.dht.routingTable().contains(b.id())).isTrue();
    assertThat(a.dht.counters().contactsAdded()).isEqualTo(1);
    a.dht.onMemberDead(net.now(), b.id());
    assertThat(a.dht.routingTable().contains(b.id())).isFalse();
    assertThat(a.dht.counters().contactsRemovedDead()).isEqualTo(1);
  }

  @Test
  void replyFromAPeerOtherThanTheOneAskedIsDropped() {
    TestNetwork net = new TestNetwork(5);
    Node a = net.addNode(CONFIG);
    Node b = net.addNode(CONFIG);
    Node mallory = net.addNode(CONFIG);
    a.dht.onMemberAlive(net.now(), b.contact);
    a.dht.findNode(net.now(), b.id());
    List<Outbound> out = a.dht.drainOutbox();
    assertThat(out).hasSize(1);
    long rpcId = out.get(0).message().rpcId();
    a.dht.onMessage(net.now(), mallory.contact, new Nodes(rpcId, List.of(mallory.contact)));
    assertThat(a.dht.counters().repliesUnmatched()).isEqualTo(1);
    assertThat(a.dht.routingTable().contains(mallory.id())).isFalse();
    a.dht.onMessage(net.now(), b.contact, new Nodes(rpcId + 1, List.of()));
    assertThat(a.dht.counters().repliesUnmatched()).isEqualTo(2);
  }

  @Test
  void timedOutRequestsFailAndRepeatedFailuresEvict() {
    TestNetwork net = new TestNetwork(6);
    Node a = net.addNode(CONFIG);
    Node b = net.addNode(CONFIG);
    a.dht.onMemberAlive(net.now(), b.contact);
    net.down(b);
    net.await(a, a.dht.findNode(net.now(), b.id()));
    assertThat(a.dht.routingTable().contains(b.id())).isTrue();
    net.await(a, a.dht.findNode(net.now(), b.id()));
    assertThat(a.dht.counters().requestTimeouts()).isEqualTo(2);
    assertThat(a.dht.routingTable().contains(b.id())).isFalse();
    assertThat(a.dht.counters().contactsEvicted()).isEqualTo(1);
  }

  @Test
  void requestsAboveThePeersRateAreDropped() {
    DhtConfig limited = CONFIG.toBuilder().requestsPerPeerPerSecond(10).requestBurst(5).build();
    KeyPair keys = TestIds.keyPair(1);
    Dht dht =
        new Dht(
            limited,
            keys,
            Ed25519.VERIFIER,
            new Endpoint("10.0.0.1", 7000),
            new InMemoryRecordStore(10, 1000),
            new SplittableRandom(1),
            0);
    Contact peer = TestIds.contact(TestIds.keyPair(2), 2);
    Contact other = TestIds.contact(TestIds.keyPair(3), 3);
    for (int i = 0; i < 20; i++) {
      dht.onMessage(0, peer, new FindNode(i, peer.id()));
    }
    assertThat(replies(dht)).isEqualTo(5);
    assertThat(dht.counters().requestsRateLimited()).isEqualTo(15);
    // Another peer has its own allowance; time restores the first one's at 10 per second.
    dht.onMessage(0, other, new FindNode(100, peer.id()));
    assertThat(replies(dht)).isEqualTo(1);
    for (int i = 0; i < 20; i++) {
      dht.onMessage(SECOND, peer, new FindNode(200 + i, peer.id()));
    }
    assertThat(replies(dht)).isEqualTo(5);
  }

  private static long replies(Dht dht) {
    return dht.drainOutbox().stream().map(Outbound::message).filter(m -> !m.isRequest()).count();
  }

  @Test
  void findNodeIsAnsweredWithTheClosestKnownButNeverTheRequester() {
    TestNetwork net = new TestNetwork(7);
    net.addNodes(30, CONFIG);
    net.introduceAllAsMembers();
    Node a = net.node(0);
    Node asker = net.node(1);
    a.dht.drainOutbox();
    a.dht.onMessage(net.now(), asker.contact, new FindNode(42, asker.id()));
    DhtMessage reply =
        a.dht.drainOutbox().stream()
            .map(Outbound::message)
            .filter(m -> m instanceof Nodes)
            .findFirst()
            .orElseThrow();
    assertThat(reply.rpcId()).isEqualTo(42);
    List<Contact> closer = ((Nodes) reply).closer();
    assertThat(closer).hasSize(20).doesNotContain(asker.contact, a.contact);
  }

  @Test
  void quietBucketsAreRefreshedWithALookupOfARandomIdInThem() {
    TestNetwork net = new TestNetwork(8);
    net.addNodes(20, CONFIG);
    net.introduceAllAsMembers();
    net.runFor(SECOND);
    Node a = net.node(0);
    long before = a.dht.counters().lookupsStarted();
    long interval = CONFIG.bucketRefreshIntervalNanos();
    assertThat(a.dht.nextDeadlineNanos()).isLessThanOrEqualTo(interval);
    net.runFor(interval - 2 * SECOND);
    assertThat(a.dht.counters().lookupsStarted()).isEqualTo(before);
    net.runFor(2 * SECOND);
    assertThat(a.dht.counters().lookupsStarted()).isGreaterThan(before);
    assertThat(a.dht.routingTable().bucketsDueForRefresh(net.now(), interval)).isEmpty();
  }

  @Test
  void questionableContactIsPingedAndReplacedByAWaitingNewcomer() {
    DhtConfig tiny =
        CONFIG.toBuilder()
            .k(2)
            .alpha(1)
            .replicationFactor(1)
            .maxFailedRequests(1)
            .questionableAfterNanos(60 * SECOND)
            .build();
    TestNetwork net = new TestNetwork(9);
    net.addNodes(40, tiny);
    Node a = net.node(0);
    // Three nodes that all fall in a's bucket 0 (the half of the key space a is not in).
    List<Node> bucket0 =
        net.nodes().stream()
            .filter(n -> n != a && a.id().commonPrefixBits(n.id()) == 0)
            .limit(3)
            .toList();
    Node oldest = bucket0.get(0);
    Node other = bucket0.get(1);
    Node newcomer = bucket0.get(2);
    a.dht.onMemberAlive(net.now(), oldest.contact);
    a.dht.onMemberAlive(net.now(), other.contact);
    net.down(oldest);
    net.runFor(61 * SECOND);
    a.dht.onMemberAlive(net.now(), newcomer.contact);
    net.flush(a);
    assertThat(a.dht.routingTable().replacements(0)).containsExactly(newcomer.contact);
    assertThat(a.dht.counters().pingsSent()).isEqualTo(1);
    net.runFor(2 * SECOND);
    assertThat(a.dht.routingTable().bucket(0)).containsExactly(other.contact, newcomer.contact);
    assertThat(a.dht.counters().contactsEvicted()).isEqualTo(1);
  }
}
