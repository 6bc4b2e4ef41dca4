package io.skein.testnet;

import static io.skein.testnet.DhtClusterTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.DhtConfig;
import io.skein.dht.GetResult;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RejectReason;
import io.skein.node.NodeConfig;
import io.skein.node.dht.DhtWireTypes;
import io.skein.node.dht.StoreRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ten real nodes, one of them malicious: it forges newer versions of someone else's mutable record,
 * stores them on its peers and serves them in FIND_VALUE answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhtForgeryTest {
  static final int NODES = 10;
  static final int FORGER = NODES - 1;

  private final ForgingInterceptor forger = new ForgingInterceptor();
  private final KeyPair owner = KeyPair.generate();
  private MutableRecord genuine;
  private MutableRecord forged;
  private DhtCluster cluster;

  /** A record at {@code original}'s key claiming {@code seq}, with a signature that fails. */
  private static MutableRecord forge(MutableRecord original, long seq, String value) {
    byte[] signature = original.signature();
    signature[10] ^= 0x40;
    return MutableRecord.of(
        original.publicKey(), original.salt(), seq, value.getBytes(), signature);
  }

  @BeforeAll
  void start() throws Exception {
    DhtConfig config = DhtClusterTest.CONFIG;
    cluster =
        DhtCluster.start(
            NODES, NodeConfig.local(), config, i -> i == FORGER ? List.of(forger) : List.of());
    cluster.bootstrapThrough(0, 60_000);
    // a name whose key has the forger among its 4 closest nodes: every reader's r = 8 replicas
    // include it, so a get at ALL cannot end before its forged answer was heard
    NodeId forgerId = cluster.dht(FORGER).self().id();
    for (int i = 0; genuine == null || !amongClosest(genuine.key().id(), forgerId, 4); i++) {
      genuine =
          MutableRecord.sign(owner, ("name" + i).getBytes(), 1, "the owner's value".getBytes());
    }
    forged = forge(genuine, 2, "the forger's value");
    forger.forgeries.put(forged.key(), forged);
    assertThat(result(cluster.dht(1).put(genuine, Consistency.ALL)).levelReached()).isTrue();
  }

  private boolean amongClosest(NodeId key, NodeId node, int n) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      ids.add(cluster.dht(i).self().id());
    }
    ids.sort(key::compareDistance);
    return ids.subList(0, n).contains(node);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aForgedRecordStoredByAPeerIsRejectedByEveryNodeAndCounted() throws Exception {
    for (int i = 0; i < NODES - 1; i++) {
      var victim = cluster.dht(i).self();
      forger.send(
          c ->
              c.request(
                  victim.endpoint(),
                  victim.publicKey(),
                  DhtWireTypes.STORE,
                  new StoreRequest(c.endpoint(), forged, MutableRecord.NO_CAS, 60_000),
                  10_000));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> forger.storeAcks.size() == NODES - 1);
    assertThat(forger.storeAcks)
        .extracting(StoreAck::reason)
        .containsOnly(RejectReason.BAD_SIGNATURE);
    for (int i = 0; i < NODES - 1; i++) {
      assertThat(cluster.dht(i).metrics().storeRejects(RejectReason.BAD_SIGNATURE)).isEqualTo(1);
      var held = result(cluster.dht(i).localRecord(genuine.key()));
      if (held != null) {
        assertThat(held.record()).isEqualTo(genuine);
      }
    }
  }

  @Test
  void aForgedValueServedByAPeerIsIgnoredAndTheGenuineRecordRead() throws Exception {
    // ALL: the forger is one of the 8 replicas, so the get hears it whatever the timing
    GetResult got = result(cluster.dht(4).get(genuine.key(), Consistency.ALL));

    assertThat(got.record()).isEqualTo(genuine);
    assertThat(got.invalidRecords()).as("%s", got).isEqualTo(1);
    // a replica serving a forgery does not count toward the level: 7 of 8 agree
    assertThat(got.agreeing()).as("%s", got).isEqualTo(7);
    assertThat(got.levelReached()).isFalse();
    // a QUORUM get ends on the honest replicas and reads the genuine record too
    GetResult quorum = result(cluster.dht(4).get(genuine.key(), Consistency.QUORUM));
    assertThat(quorum.record()).isEqualTo(genuine);
    assertThat(quorum.levelReached()).isTrue();
  }
}
