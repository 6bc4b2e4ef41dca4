package io.skein.dht;

import static io.skein.dht.DhtPutGetTest.byDistance;
import static io.skein.dht.DhtPutGetTest.bytes;
import static io.skein.dht.DhtPutGetTest.gossipNetwork;
import static io.skein.dht.DhtPutGetTest.stored;
import static io.skein.dht.TestNetwork.MS;
import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.TestNetwork.Node;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gets that end once their level is met, puts whose lookup ends at the r closest, and requests the
 * transport refused: fewer requests per operation without giving up newest-record reads, repair or
 * placement. Virtual time, 40 nodes whose tables gossip filled (k = 20, alpha = 3, r = 8).
 */
class DhtEarlyEndTest {
  private static final DhtConfig CONFIG = DhtConfig.lan();
  private static final byte[] SALT = bytes("early");

  /** A node that is not among the 8 closest to {@code key} and is not {@code avoid}. */
  private static Node farReader(TestNetwork net, RecordKey key, Node avoid) {
    List<Node> sorted = byDistance(net, key);
    Node last = sorted.get(sorted.size() - 1);
    return last == avoid ? sorted.get(sorted.size() - 2) : last;
  }

  /** Stores {@code record} straight into the stores of {@code nodes}. */
  private static void place(TestNetwork net, List<Node> nodes, MutableRecord record) {
    for (Node n : nodes) {
      n.store.put(record, MutableRecord.NO_CAS, CONFIG.recordTtlMillis(), net.now() / MS);
    }
  }

  @Test
  void getAtQuorumEndsOnceAQuorumOfTheReplicasAgree() {
    TestNetwork net = gossipNetwork(21, 40);
    Node writer = net.node(2);
    ImmutableRecord record = ImmutableRecord.of(bytes("quick read"));
    PutResult put = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));
    assertThat(put.acked()).isEqualTo(8);
    Node reader = farReader(net, record.key(), writer);

    GetResult get = net.await(reader, reader.dht.get(net.now(), record.key(), Consistency.QUORUM));

    assertThat(get.record()).isEqualTo(record);
    assertThat(get.levelReached()).isTrue();
    // alpha = 3 first, then the rest of the 8 replicas: never the k = 20 of a full lookup
    assertThat(get.stats().requests()).isLessThanOrEqualTo(8);
    net.runFor(SECOND);
    assertThat(reader.dht.runningOperations()).isZero();
    assertThat(reader.dht.counters().repairsSent()).isZero();
  }

  @Test
  void getAtOneEndsWithTheFirstRoundWhenItsReplicasHoldTheRecord() {
    TestNetwork net = gossipNetwork(22, 40);
    Node writer = net.node(5);
    ImmutableRecord record = ImmutableRecord.of(bytes("one is enough"));
    net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));
    Node reader = farReader(net, record.key(), writer);

    GetResult get = net.await(reader, reader.dht.get(net.now(), record.key(), Consistency.ONE));

    assertThat(get.record()).isEqualTo(record);
    assertThat(get.levelReached()).isTrue();
    assertThat(get.stats().requests()).isEqualTo(CONFIG.alpha());
    assertThat(get.stats().responses()).isEqualTo(1);
  }

  @Test
  void getAtQuorumReturnsTheNewestRecordWhenTheClosestReplicasAreStale() {
    TestNetwork net = gossipNetwork(23, 40);
    Node owner = net.node(0);
    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("old"));
    MutableRecord v2 = owner.dht.signMutable(SALT, 2, bytes("new"));
    RecordKey key = v1.key();
    List<Node> sorted = byDistance(net, key);
    // v2 acknowledged by 5 of the 8 replicas; the 3 closest, asked first, still hold v1
    place(net, sorted.subList(0, 3), v1);
    place(net, sorted.subList(3, 8), v2);
    Node reader = farReader(net, key, owner);

    GetResult get = net.await(reader, reader.dht.get(net.now(), key, Consistency.QUORUM));

    assertThat(get.record()).isEqualTo(v2);
    assertThat(get.agreeing()).isGreaterThanOrEqualTo(5);
    assertThat(get.levelReached()).isTrue();
    net.runFor(SECOND);
    for (Node n : sorted.subList(0, 8)) {
      assertThat(stored(net, n, key).record()).as("%s", n).isEqualTo(v2);
    }
  }

  @Test
  void staleReplicasThatAnswerAfterTheResultAreRepairedToo() {
    TestNetwork net = gossipNetwork(24, 40);
    Node owner = net.node(0);
    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("old"));
    MutableRecord v2 = owner.dht.signMutable(SALT, 2, bytes("new"));
    RecordKey key = v1.key();
    List<Node> sorted = byDistance(net, key);
    place(net, sorted.subList(0, 5), v2);
    List<Node> slowStale = sorted.subList(5, 8);
    place(net, slowStale, v1);
    for (Node n : slowStale) {
      n.extraLatencyNanos = 200 * MS;
    }
    Node reader = farReader(net, key, owner);
    long start = net.now();

    GetResult get = net.await(reader, reader.dht.get(net.now(), key, Consistency.QUORUM));

    assertThat(net.now() - start).isLessThan(200 * MS);
    assertThat(get.record()).isEqualTo(v2);
    assertThat(get.levelReached()).isTrue();
    assertThat(get.replicas()).isEqualTo(8);
    assertThat(get.repairs()).isZero();
    assertThat(reader.dht.runningOperations()).isEqualTo(1); // still waiting for the slow three
    net.runFor(SECOND);
    assertThat(reader.dht.runningOperations()).isZero();
    assertThat(reader.dht.counters().repairsSent()).isEqualTo(3);
    for (Node n : slowStale) {
      assertThat(stored(net, n, key).record()).as("%s", n).isEqualTo(v2);
    }
  }

  @Test
  void getOfAMissingKeyStillRunsTheWholeLookup() {
    TestNetwork net = gossipNetwork(25, 40);
    Node reader = net.node(7);
    GetResult get =
        net.await(reader, reader.dht.get(net.now(), RecordKey.ofImmutable(bytes("absent"))));
    assertThat(get.found()).isFalse();
    assertThat(get.stats().responses()).isGreaterThanOrEqualTo(CONFIG.k());
  }

  @Test
  void getBelowItsLevelAmongTheReplicasKeepsLookingFurther() {
    TestNetwork net = gossipNetwork(26, 40);
    Node owner = net.node(0);
    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("sparse"));
    List<Node> sorted = byDistance(net, v1.key());
    // only 2 of the 8 replicas hold it, and 3 nodes beyond them
    place(net, sorted.subList(0, 2), v1);
    place(net, sorted.subList(10, 13), v1);
    Node reader = farReader(net, v1.key(), owner);

    GetResult get = net.await(reader, reader.dht.get(net.now(), v1.key(), Consistency.QUORUM));

    assertThat(get.record()).isEqualTo(v1);
    assertThat(get.levelReached()).isFalse();
    assertThat(get.stats().responses()).isGreaterThanOrEqualTo(CONFIG.k());
    net.runFor(SECOND);
    for (Node n : sorted.subList(2, 8)) {
      assertThat(stored(net, n, v1.key()).record()).as("%s repaired", n).isEqualTo(v1);
    }
  }

  @Test
  void putLooksUpOnlyTheRClosestAndStoresOnThem() {
    TestNetwork net = gossipNetwork(27, 40);
    Node writer = net.node(9);
    ImmutableRecord record = ImmutableRecord.of(bytes("placed"));

    PutResult put = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));

    assertThat(put.levelReached()).isTrue();
    assertThat(put.stats().requests()).isLessThanOrEqualTo(CONFIG.replicationFactor());
    assertThat(DhtPutGetTest.holders(net, record.key()))
        .containsExactlyInAnyOrderElementsOf(byDistance(net, record.key()).subList(0, 8));
  }

  @Test
  void requestTheTransportRefusedFailsAtOnceInsteadOfAtItsTimeout() {
    TestNetwork net = gossipNetwork(28, 40);
    ImmutableRecord record = ImmutableRecord.of(bytes("no waiting"));
    List<Node> sorted = byDistance(net, record.key());
    Node writer = sorted.get(39);
    Node dead = sorted.get(0);
    dead.unreachable = true;
    net.down(dead);
    long start = net.now();

    PutResult put = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));

    assertThat(net.now() - start).isLessThan(CONFIG.requestTimeoutNanos() / 10);
    assertThat(writer.dht.counters().requestsNotSent()).isEqualTo(1);
    assertThat(writer.dht.counters().requestTimeouts()).isZero();
    assertThat(put.acked()).isEqualTo(8); // the next closest live node took its place
    assertThat(put.replicas()).isEqualTo(8);
    assertThat(DhtPutGetTest.holders(net, record.key()))
        .containsExactlyInAnyOrderElementsOf(sorted.subList(1, 9));
  }

  @Test
  void sendFailureOfAnUnknownRequestIsIgnored() {
    TestNetwork net = gossipNetwork(29, 3);
    Node a = net.node(0);
    a.dht.onSendFailed(net.now(), net.node(1).id(), 12345);
    assertThat(a.dht.counters().requestsNotSent()).isZero();
    assertThat(a.dht.routingTable().contains(net.node(1).id())).isTrue();
  }
}
