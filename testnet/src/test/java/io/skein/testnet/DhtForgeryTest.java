package io.skein.testnet;

import static io.skein.testnet.DhtClusterTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.KeyPair;
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
  private final MutableRecord genuine =
      MutableRecord.sign(owner, "name".getBytes(), 1, "the owner's value".getBytes());
  private final MutableRecord forged = forge(genuine, 2, "the forger's value");
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
    forger.forgeries.put(forged.key(), forged);
    assertThat(result(cluster.dht(1).put(genuine, Consistency.ALL)).levelReached()).isTrue();
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
    GetResult got = result(cluster.dht(4).get(genuine.key(), Consistency.QUORUM));

    assertThat(got.record()).isEqualTo(genuine);
    assertThat(got.invalidRecords()).as("%s", got).isEqualTo(1);
    assertThat(got.levelReached()).isTrue();
  }
}
