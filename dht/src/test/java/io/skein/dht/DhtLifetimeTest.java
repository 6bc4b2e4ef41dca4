package io.skein.dht;

import static io.skein.dht.DhtPutGetTest.byDistance;
import static io.skein.dht.DhtPutGetTest.bytes;
import static io.skein.dht.DhtPutGetTest.holders;
import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.TestNetwork.Node;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.RecordKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records expire unless republished, and replicas follow membership changes. */
class DhtLifetimeTest {
  private static final long MINUTE = 60 * SECOND;

  /** One-minute records republished every 30 s, replicated every 15 s. */
  private static final DhtConfig SHORT =
      DhtConfig.lan().toBuilder()
          .recordTtlMillis(60_000)
          .republishIntervalMillis(30_000)
          .replicationIntervalMillis(15_000)
          .expirySweepIntervalMillis(5_000)
          .build();

  private static TestNetwork network(long seed, int size, DhtConfig config) {
    TestNetwork net = new TestNetwork(seed);
    net.addNodes(size, config);
    net.introduceAllAsMembers();
    return net;
  }

  @Test
  void recordsExpireAfterTheirTtlUnlessTheirPublisherRepublishesThem() {
    TestNetwork net = network(1, 25, SHORT);
    Node publisher = net.node(0);
    ImmutableRecord kept = ImmutableRecord.of(bytes("kept alive"));
    ImmutableRecord dropped = ImmutableRecord.of(bytes("let go"));
    net.await(publisher, publisher.dht.put(net.now(), kept));
    net.await(publisher, publisher.dht.put(net.now(), dropped));
    assertThat(holders(net, kept.key())).hasSize(8);
    assertThat(holders(net, dropped.key())).hasSize(8);
    assertThat(publisher.dht.forget(dropped.key())).isTrue();

    net.runFor(59 * SECOND);
    assertThat(holders(net, dropped.key())).hasSize(8);
    net.runFor(2 * SECOND);
    // Re-replication carried the remaining lifetime only: nobody kept the forgotten record.
    assertThat(holders(net, dropped.key())).isEmpty();

    net.runFor(5 * MINUTE);
    assertThat(holders(net, kept.key())).hasSize(8);
    assertThat(holders(net, dropped.key())).isEmpty();
    assertThat(publisher.dht.counters().republishes()).isGreaterThanOrEqualTo(10);
    long expired = 0;
    for (Node n : net.nodes()) {
      expired += n.dht.counters().recordsExpired();
    }
    assertThat(expired).isGreaterThanOrEqualTo(8);
  }

  @Test
  void recordIsReReplicatedWhenAReplicaHolderDies() {
    TestNetwork net = network(2, 30, DhtConfig.lan());
    net.runFor(2 * SECOND); // the sweep after everyone joined has run (on empty stores)
    ImmutableRecord record = ImmutableRecord.of(bytes("survivor"));
    List<Node> sorted = byDistance(net, record.key());
    Node writer = sorted.get(29);
    net.await(writer, writer.dht.put(net.now(), record));
    assertThat(holders(net, record.key()))
        .containsExactlyInAnyOrderElementsOf(sorted.subList(0, 8));
    Node ninth = sorted.get(8);

    Node dying = sorted.get(3);
    net.down(dying);
    net.announceDead(dying);
    net.runFor(5 * SECOND);

    List<Node> expected = new ArrayList<>(sorted.subList(0, 9));
    expected.remove(dying);
    List<Node> live = new ArrayList<>(holders(net, record.key()));
    live.remove(dying);
    assertThat(live).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ninth.dht.counters().recordsStored()).isEqualTo(1);
    long replicationStores = 0;
    for (Node n : net.nodes()) {
      replicationStores += n.dht.counters().replicationStoresSent();
    }
    // Each of the 7 remaining replicas sends it to the one newcomer, and to nobody else.
    assertThat(replicationStores).isEqualTo(7);
  }

  @Test
  void aNodeThatJoinsCloserToAKeyReceivesTheRecord() {
    TestNetwork net = new TestNetwork(3);
    net.addNodes(40, DhtConfig.lan());
    // Only the first 30 are members at first.
    for (Node a : net.nodes().subList(0, 30)) {
      for (Node b : net.nodes().subList(0, 30)) {
        if (a != b) {
          a.dht.onMemberAlive(net.now(), b.contact);
        }
      }
      net.flush(a);
    }
    List<Node> late = net.nodes().subList(30, 40);
    // A key that the late nodes are closest to.
    RecordKey key = null;
    ImmutableRecord record = null;
    for (int i = 0; key == null; i++) {
      ImmutableRecord candidate = ImmutableRecord.of(bytes("v" + i));
      if (late.contains(byDistance(net, candidate.key()).get(0))) {
        record = candidate;
        key = candidate.key();
      }
    }
    Node writer = net.node(0);
    net.await(writer, writer.dht.put(net.now(), record));
    Node newcomer = byDistance(net, key).get(0);
    assertThat(newcomer.store.size()).isZero();
    for (Node a : net.nodes()) {
      if (a != newcomer) {
        a.dht.onMemberAlive(net.now(), newcomer.contact);
        newcomer.dht.onMemberAlive(net.now(), a.contact);
        net.flush(a);
      }
    }
    net.flush(newcomer);
    net.runFor(5 * SECOND);
    assertThat(holders(net, key)).contains(newcomer);
  }

  @Test
  void periodicReplicationRestoresAReplicaThatLostItsRecord() {
    TestNetwork net = network(4, 20, SHORT);
    ImmutableRecord record = ImmutableRecord.of(bytes("restored"));
    Node writer = byDistance(net, record.key()).get(19);
    net.await(writer, writer.dht.put(net.now(), record));
    writer.dht.forget(record.key());
    Node replica = byDistance(net, record.key()).get(0);
    assertThat(replica.store.remove(record.key())).isTrue();
    net.runFor(16 * SECOND);
    assertThat(holders(net, record.key())).contains(replica);
  }
}
