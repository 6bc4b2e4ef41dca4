package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyPair;
import io.skein.dht.Consistency;
import io.skein.dht.DhtConfig;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.node.NodeConfig;
import io.skein.node.dht.DhtService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sixteen real nodes that joined through one seed store and read records among themselves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhtClusterTest {
  static final int NODES = 16;

  /** Local timeouts with room for first handshakes on 2 shared, loaded cores. */
  static final DhtConfig CONFIG =
      DhtConfig.local().toBuilder().requestTimeoutNanos(3_000_000_000L).build();

  private DhtCluster cluster;

  @BeforeAll
  void startAndJoinThroughOneSeed() throws Exception {
    cluster = DhtCluster.start(NODES, NodeConfig.local(), CONFIG);
    cluster.bootstrapThrough(0, 60_000);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static <T> T result(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyNodeJoinedThroughTheSeedAndKnowsMostOfTheNetwork() {
    for (int i = 0; i < NODES; i++) {
      // k = 20 > 15 peers: a table holds everyone it heard from; joins at once hear from most
      assertThat(cluster.dht(i).routingTableSize()).as("node %d", i).isGreaterThan(NODES / 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Consistency.class)
  void aRecordPutOnOneNodeIsReadFromAnotherAtEveryLevel(Consistency level) throws Exception {
    int writer = 1 + level.ordinal();
    int reader = NODES - 1 - level.ordinal();
    Record record = ImmutableRecord.of(("value at " + level).getBytes());

    PutResult put = result(cluster.dht(writer).put(record, level));
    GetResult got = result(cluster.dht(reader).get(record.key(), level));

    assertThat(put.levelReached()).as("%s", put).isTrue();
    assertThat(put.replicas()).isEqualTo(CONFIG.replicationFactor());
    assertThat(put.acked()).isGreaterThanOrEqualTo(level.required(put.replicas()));
    assertThat(got.record()).isEqualTo(record);
    assertThat(got.levelReached()).as("%s", got).isTrue();
    assertThat(got.invalidRecords()).isZero();
  }

  @Test
  void aMutableRecordUpdatedFromAnotherNodeIsReadAtItsNewestVersion() throws Exception {
    KeyPair owner = KeyPair.generate();
    MutableRecord first = MutableRecord.sign(owner, "profile".getBytes(), 1, "v1".getBytes());
    MutableRecord second = MutableRecord.sign(owner, "profile".getBytes(), 2, "v2".getBytes());

    assertThat(result(cluster.dht(2).put(first, Consistency.QUORUM)).levelReached()).isTrue();
    assertThat(result(cluster.dht(7).put(second, Consistency.QUORUM)).levelReached()).isTrue();
    GetResult got = result(cluster.dht(11).get(second.key(), Consistency.QUORUM));

    assertThat(got.record()).isEqualTo(second);
    assertThat(got.levelReached()).isTrue();
  }

  @Test
  void aKeyNobodyStoredIsReportedAbsentNotAsAnError() throws Exception {
    DhtService reader = cluster.dht(5);

    GetResult got = result(reader.get(ImmutableRecord.of("never put".getBytes()).key()));

    assertThat(got.found()).isFalse();
    assertThat(got.levelReached()).isTrue();
  }
}
