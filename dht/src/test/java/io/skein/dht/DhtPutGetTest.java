package io.skein.dht;

import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.TestNetwork.Node;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Value;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Put and get with replication, consistency levels, repair and validation of what is read. */
class DhtPutGetTest {
  private static final DhtConfig CONFIG = DhtConfig.lan();
  private static final byte[] SALT = bytes("profile");

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static TestNetwork gossipNetwork(long seed, int size) {
    TestNetwork net = new TestNetwork(seed);
    net.addNodes(size, CONFIG);
    net.introduceAllAsMembers();
    return net;
  }

  /** Nodes sorted by distance to {@code key}. */
  static List<Node> byDistance(TestNetwork net, RecordKey key) {
    List<Node> sorted = new ArrayList<>(net.nodes());
    sorted.sort(Comparator.comparing(n -> key.id().xor(n.id())));
    return sorted;
  }

  static List<Node> holders(TestNetwork net, RecordKey key) {
    List<Node> out = new ArrayList<>();
    for (Node n : net.nodes()) {
      if (n.store.get(key, TestNetwork.MS > 0 ? net.now() / TestNetwork.MS : 0) != null) {
        out.add(n);
      }
    }
    return out;
  }

  static StoredRecord stored(TestNetwork net, Node n, RecordKey key) {
    return n.store.get(key, net.now() / TestNetwork.MS);
  }

  @Test
  void putStoresOnTheRClosestNodesAndReportsHowManyAcknowledged() {
    TestNetwork net = gossipNetwork(1, 40);
    Node writer = net.node(3);
    ImmutableRecord record = ImmutableRecord.of(bytes("hello skein"));
    PutResult put = net.await(writer, writer.dht.put(net.now(), record));
    assertThat(put.replicas()).isEqualTo(8);
    assertThat(put.acked()).isEqualTo(8);
    assertThat(put.required()).isEqualTo(5);
    assertThat(put.levelReached()).isTrue();
    assertThat(put.rejections()).isEmpty();
    assertThat(holders(net, record.key()))
        .containsExactlyInAnyOrderElementsOf(byDistance(net, record.key()).subList(0, 8));
    // the lookup ends once the r closest answered: never the k = 20 of a full lookup
    assertThat(put.stats().requests()).isLessThanOrEqualTo(8);
  }

  @Test
  void putThatCannotReachItsLevelSaysSo() {
    TestNetwork net = gossipNetwork(2, 12);
    ImmutableRecord record = ImmutableRecord.of(bytes("fragile"));
    List<Node> sorted = byDistance(net, record.key());
    Node writer = sorted.get(11);
    for (Node n : sorted.subList(0, 8)) {
      net.down(n);
    }
    PutResult quorum = net.await(writer, writer.dht.put(net.now(), record, Consistency.QUORUM));
    assertThat(quorum.replicas()).isEqualTo(8);
    assertThat(quorum.required()).isEqualTo(5);
    // Only the three other live nodes and the writer itself could store it.
    assertThat(quorum.acked()).isEqualTo(4);
    assertThat(quorum.levelReached()).isFalse();
    assertThat(holders(net, record.key())).hasSize(4);

    PutResult one = net.await(writer, writer.dht.put(net.now(), record, Consistency.ONE));
    assertThat(one.levelReached()).isTrue();
    PutResult all = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));
    assertThat(all.levelReached()).isFalse();
    assertThat(all.required()).isEqualTo(8);
  }

  @Test
  void failedReplicasAreReplacedByTheNextClosestLiveNodes() {
    TestNetwork net = gossipNetwork(3, 40);
    ImmutableRecord record = ImmutableRecord.of(bytes("durable"));
    List<Node> sorted = byDistance(net, record.key());
    Node writer = sorted.get(39);
    net.down(sorted.get(0));
    net.down(sorted.get(2));
    PutResult put = net.await(writer, writer.dht.put(net.now(), record, Consistency.ALL));
    assertThat(put.acked()).isEqualTo(8);
    assertThat(put.levelReached()).isTrue();
    List<Node> expected = new ArrayList<>(sorted.subList(0, 10));
    expected.remove(sorted.get(2));
    expected.remove(sorted.get(0));
    assertThat(holders(net, record.key())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void putRefusedByTheReplicasReportsTheirReasons() {
    TestNetwork net = gossipNetwork(4, 20);
    Node owner = net.node(0);
    MutableRecord v2 = owner.dht.signMutable(SALT, 2, bytes("two"));
    assertThat(net.<PutResult>await(owner, owner.dht.put(net.now(), v2)).levelReached()).isTrue();

    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("one"));
    PutResult stale = net.await(owner, owner.dht.put(net.now(), v1));
    assertThat(stale.acked()).isZero();
    assertThat(stale.levelReached()).isFalse();
    assertThat(stale.rejections()).containsOnlyKeys(RejectReason.SEQ_TOO_LOW);

    MutableRecord v3 = owner.dht.signMutable(SALT, 3, bytes("three"));
    PutResult wrongCas =
        net.await(
            owner, owner.dht.put(net.now(), v3, 1, CONFIG.recordTtlMillis(), Consistency.QUORUM));
    assertThat(wrongCas.rejections()).containsOnlyKeys(RejectReason.CAS_MISMATCH);
    assertThat(wrongCas.levelReached()).isFalse();
    PutResult rightCas =
        net.await(
            owner, owner.dht.put(net.now(), v3, 2, CONFIG.recordTtlMillis(), Consistency.ALL));
    assertThat(rightCas.levelReached()).isTrue();
    assertThat(rightCas.acked()).isEqualTo(8);
  }

  @Test
  void invalidRecordIsRefusedLocallyBeforeAnythingIsSent() {
    DhtConfig small = CONFIG.toBuilder().maxValueBytes(100).build();
    TestNetwork net = new TestNetwork(5);
    Node a = net.addNode(small);
    Node b = net.addNode(small);
    a.dht.onMemberAlive(net.now(), b.contact);
    long sentBefore = a.dht.counters().requestsSent();
    PutResult big = net.await(a, a.dht.put(net.now(), ImmutableRecord.of(new byte[101])));
    assertThat(big.rejections()).isEqualTo(Map.of(RejectReason.VALUE_TOO_LARGE, 1));
    assertThat(big.levelReached()).isFalse();
    PutResult salty =
        net.await(a, a.dht.put(net.now(), a.dht.signMutable(new byte[65], 1, bytes("v"))));
    assertThat(salty.rejections()).isEqualTo(Map.of(RejectReason.SALT_TOO_LARGE, 1));
    MutableRecord good = a.dht.signMutable(SALT, 1, bytes("v"));
    MutableRecord forged =
        MutableRecord.of(net.node(1).keys.publicKey(), SALT, 1, bytes("v"), good.signature());
    PutResult bad = net.await(a, a.dht.put(net.now(), forged));
    assertThat(bad.rejections()).isEqualTo(Map.of(RejectReason.BAD_SIGNATURE, 1));
    assertThat(a.dht.counters().requestsSent()).isEqualTo(sentBefore);
  }

  @Test
  void getReturnsTheNewestValidRecordAndRepairsAStaleReplica() {
    TestNetwork net = gossipNetwork(6, 30);
    Node owner = net.node(0);
    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("old"));
    RecordKey key = v1.key();
    List<Node> sorted = byDistance(net, key);
    Node stale = sorted.get(0) == owner ? sorted.get(1) : sorted.get(0);
    assertThat(net.<PutResult>await(owner, owner.dht.put(net.now(), v1, Consistency.ALL)).acked())
        .isEqualTo(8);
    net.down(stale);
    MutableRecord v2 = owner.dht.signMutable(SALT, 2, bytes("new"));
    assertThat(net.<PutResult>await(owner, owner.dht.put(net.now(), v2)).levelReached()).isTrue();
    net.up(stale);
    assertThat(((MutableRecord) stored(net, stale, key).record()).seq()).isEqualTo(1);

    Node reader = sorted.get(29) == owner ? sorted.get(28) : sorted.get(29);
    GetResult get = net.await(reader, reader.dht.get(net.now(), key));
    assertThat(get.record()).isEqualTo(v2);
    assertThat(get.repairs()).isGreaterThanOrEqualTo(1);
    assertThat(get.agreeing()).isLessThan(get.replicas());
    net.runFor(SECOND);
    assertThat(stored(net, stale, key).record()).isEqualTo(v2);

    GetResult again = net.await(reader, reader.dht.get(net.now(), key, Consistency.ALL));
    assertThat(again.record()).isEqualTo(v2);
    assertThat(again.repairs()).isZero();
    assertThat(again.agreeing()).isEqualTo(again.replicas());
    assertThat(again.levelReached()).isTrue();
  }

  @Test
  void getOfAnUnknownKeyFindsNothingAndRepairsNothing() {
    TestNetwork net = gossipNetwork(7, 20);
    Node reader = net.node(4);
    GetResult get =
        net.await(reader, reader.dht.get(net.now(), RecordKey.ofImmutable(bytes("nobody"))));
    assertThat(get.found()).isFalse();
    // nothing found ends no path early: the whole lookup runs (k = 20 > the 19 other nodes)
    assertThat(get.stats().responses()).isEqualTo(19);
    assertThat(get.repairs()).isZero();
    assertThat(get.agreeing()).isEqualTo(8);
    assertThat(get.levelReached()).isTrue();
  }

  @Test
  void forgedAndStaleRecordsFromMaliciousPeersAreRejected() {
    TestNetwork net = gossipNetwork(8, 30);
    Node owner = net.node(0);
    MutableRecord v1 = owner.dht.signMutable(SALT, 1, bytes("one"));
    MutableRecord v5 = owner.dht.signMutable(SALT, 5, bytes("five"));
    RecordKey key = v5.key();
    assertThat(net.<PutResult>await(owner, owner.dht.put(net.now(), v5, Consistency.ALL)).acked())
        .isEqualTo(8);
    List<Node> sorted = byDistance(net, key);
    List<Node> replicas = new ArrayList<>(sorted.subList(0, 9));
    replicas.remove(owner);
    // A forger claims seq 99 with a signature that does not verify.
    MutableRecord forged =
        MutableRecord.of(owner.keys.publicKey(), SALT, 99, bytes("evil"), v5.signature());
    // Another answers with a record from another key.
    Record wrongKey = ImmutableRecord.of(bytes("unrelated"));
    Node forger = replicas.get(0);
    Node wrong = replicas.get(1);
    Node replayer = replicas.get(2);
    forger.responder =
        (from, m) ->
            m instanceof FindValue f ? new Value(f.rpcId(), forged, 1000, List.of()) : null;
    wrong.responder =
        (from, m) ->
            m instanceof FindValue f ? new Value(f.rpcId(), wrongKey, 1000, List.of()) : null;
    // A replayer answers with an old, validly signed version.
    replayer.responder =
        (from, m) -> m instanceof FindValue f ? new Value(f.rpcId(), v1, 1000, List.of()) : null;

    Node reader = sorted.get(29) == owner ? sorted.get(28) : sorted.get(29);
    GetResult get = net.await(reader, reader.dht.get(net.now(), key));
    assertThat(get.record()).isEqualTo(v5);
    assertThat(get.invalidRecords()).isEqualTo(2);
    assertThat(reader.dht.counters().invalidRecordsReceived()).isEqualTo(2);
    assertThat(get.repairs()).isEqualTo(3);
    assertThat(get.agreeing()).isEqualTo(5);
    assertThat(get.levelReached()).isTrue();

    // The forged record never replaces the real one anywhere, even when pushed with STORE.
    long rejectedBefore = net.node(1).dht.counters().storesRejected(RejectReason.BAD_SIGNATURE);
    Node victim = replicas.get(3);
    victim.dht.onMessage(
        net.now(), forger.contact, new io.skein.dht.msg.Store(7, forged, -1, 1000));
    assertThat(stored(net, victim, key).record()).isEqualTo(v5);
    assertThat(victim.dht.counters().storesRejected(RejectReason.BAD_SIGNATURE))
        .isEqualTo(rejectedBefore + 1);
  }

  @Test
  void getWithDisjointPathsReadsTheRecordToo() {
    TestNetwork net = new TestNetwork(9);
    net.addNodes(40, CONFIG.toBuilder().disjointPaths(3).build());
    net.introduceAllAsMembers();
    Node writer = net.node(1);
    ImmutableRecord record = ImmutableRecord.of(bytes("three ways"));
    assertThat(net.<PutResult>await(writer, writer.dht.put(net.now(), record)).levelReached())
        .isTrue();
    Node reader = net.node(30);
    GetResult get = net.await(reader, reader.dht.get(net.now(), record.key()));
    assertThat(get.record()).isEqualTo(record);
    assertThat(get.levelReached()).isTrue();
  }

  static NodeId id(Node n) {
    return n.id();
  }
}
