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

  /**
   * Two versions of one owner's record in a 40-node network: v1 on replicas {@code [0, split)} of
   * the 8 closest, v2 on {@code [split, 8)} when {@code staleFirst}, the other way round otherwise.
   */
  private record Versions(
      TestNetwork net, MutableRecord v1, MutableRecord v2, List<Node> sorted, Node reader) {
    static Versions placed(long seed, int split, boolean staleFirst) {
      TestNetwork net = gossipNetwork(seed, 40);
      Node owner = net.node(0);
      MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("old"));
      MutableRecord v2 = owner.dht.signMutable(SALT, 2, bytes("new"));
      List<Node> sorted = byDistance(net, v1.key());
      place(net, sorted.subList(0, split), staleFirst ? v1 : v2);
      place(net, sorted.subList(split, 8), staleFirst ? v2 : v1);
      return new Versions(net, v1, v2, sorted, farReader(net, v1.key(), owner));
    }

    GetResult getAtQuorum() {
      return net.await(reader, reader.dht.get(net.now(), v1.key(), Consistency.QUORUM));
    }

    void assertReplicasHoldV2(List<Node> replicas) {
      net.runFor(SECOND);
      for (Node n : replicas) {
        assertThat(stored(net, n, v1.key()).record()).as("%s", n).isEqualTo(v2);
      }
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

    long sentBefore = reader.dht.counters().requestsSent();
    long id = reader.dht.get(net.now(), record.key(), Consistency.QUORUM);
    // a quorum of r = 8 asked at once, so the get can end after one round trip (alpha = 3 would
    // always need a second)
    assertThat(reader.dht.counters().requestsSent() - sentBefore)
        .isEqualTo(Consistency.QUORUM.required(8));
    GetResult get = net.await(reader, id);

    assertThat(get.record()).isEqualTo(record);
    assertThat(get.levelReached()).isTrue();
    // at most the r replicas asked: never the k = 20 of a full lookup
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
    // v2 acknowledged by 5 of the 8 replicas; the 3 closest, asked first, still hold v1
    Versions versions = Versions.placed(23, 3, true);

    GetResult get = versions.getAtQuorum();

    assertThat(get.record()).isEqualTo(versions.v2());
    assertThat(get.agreeing()).isGreaterThanOrEqualTo(5);
    assertThat(get.levelReached()).isTrue();
    versions.assertReplicasHoldV2(versions.sorted().subList(0, 8));
  }

  @Test
  void staleReplicasThatAnswerAfterTheResultAreRepairedToo() {
    Versions versions = Versions.placed(24, 5, false);
    List<Node> slowStale = versions.sorted().subList(5, 8);
    for (Node n : slowStale) {
      n.extraLatencyNanos = 200 * MS;
    }
    TestNetwork net = versions.net();
    Node reader = versions.reader();
    long start = net.now();

    GetResult get = versions.getAtQuorum();

    assertThat(net.now() - start).isLessThan(200 * MS);
    assertThat(get.record()).isEqualTo(versions.v2());
    assertThat(get.levelReached()).isTrue();
    assertThat(get.replicas()).isEqualTo(8);
    assertThat(get.repairs()).isZero();
    assertThat(reader.dht.runningOperations()).isEqualTo(1); // still waiting for the slow three
    versions.assertReplicasHoldV2(slowStale);
    assertThat(reader.dht.runningOperations()).isZero();
    assertThat(reader.dht.counters().repairsSent()).isEqualTo(3);
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
  void putLookupAsksTheKClosestWhenItIsNotToStopAtTheReplicas() {
    DhtConfig wide = CONFIG.toBuilder().putLookupStopsAtReplicas(false).build();
    TestNetwork net = new TestNetwork(30);
    net.addNodes(40, wide);
    net.introduceAllAsMembers();
    Node writer = net.node(4);
    ImmutableRecord record = ImmutableRecord.of(bytes("asked widely"));

    PutResult put = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));

    assertThat(put.levelReached()).isTrue();
    assertThat(put.stats().responses()).isGreaterThanOrEqualTo(wide.k());
    assertThat(DhtConfig.wan().putLookupStopsAtReplicas()).isFalse();
  }

  @Test
  void requestTheTransportRefusedFailsAtOnceInsteadOfAtItsTimeout() {
    ImmutableRecord record = ImmutableRecord.of(bytes("no waiting"));
    TestNetwork net = gossipNetwork(28, 40);
    List<Node> sorted = byDistance(net, record.key());
    Node dead = sorted.get(0);
    dead.unreachable = true; // and down: it would not answer either
    net.down(dead);
    Node writer = sorted.get(39);
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
