package io.skein.testnet;

import static io.skein.testnet.DhtClusterTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.Consistency;
import io.skein.dht.DhtConfig;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.Record;
import io.skein.node.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Twelve nodes; a record put at ALL lands on r = 8 of them; then r - 1 of its replicas are killed
 * (no gossip tells the survivors: they find out by timeouts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhtReplicaLossTest {
  static final int NODES = 12;

  /**
   * Short enough that lookups through dead nodes take seconds, long enough for a loaded machine.
   */
  static final DhtConfig CONFIG =
      DhtConfig.local().toBuilder().requestTimeoutNanos(1_500_000_000L).build();

  private final Record record = ImmutableRecord.of("survives r-1 losses".getBytes());
  private final List<Integer> holders = new ArrayList<>();
  private final List<Integer> survivors = new ArrayList<>();
  private DhtCluster cluster;
  private PutResult put;

  @BeforeAll
  void putThenKillAllReplicasButOne() throws Exception {
    cluster = DhtCluster.start(NODES, NodeConfig.local(), CONFIG);
    cluster.bootstrapThrough(0, 60_000);
    put = result(cluster.dht(0).put(record, Consistency.ALL));
    for (int i = 0; i < NODES; i++) {
      if (result(cluster.dht(i).localRecord(record.key())) != null) {
        holders.add(i);
      }
    }
    for (int h : holders.subList(0, Math.min(holders.size(), CONFIG.replicationFactor()) - 1)) {
      cluster.kill(h);
    }
    for (int i = 0; i < NODES; i++) {
      if (cluster.isAlive(i)) {
        survivors.add(i);
      }
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theRecordWasStoredOnRReplicas() {
    assertThat(put.levelReached()).as("%s", put).isTrue();
    assertThat(put.acked()).isEqualTo(CONFIG.replicationFactor());
    // replication sweeps may have copied it further, never to fewer
    assertThat(holders.size()).isGreaterThanOrEqualTo(CONFIG.replicationFactor());
    assertThat(survivors).hasSize(NODES - CONFIG.replicationFactor() + 1);
  }

  @Test
  void aGetAfterRMinusOneReplicasDiedStillAnswers() throws Exception {
    int reader = survivors.stream().filter(i -> !holders.contains(i)).findFirst().orElseThrow();

    GetResult got = result(cluster.dht(reader).get(record.key(), Consistency.ONE));

    assertThat(got.record()).isEqualTo(record);
    assertThat(got.levelReached()).as("%s", got).isTrue();
  }

  @Test
  void aPutAtAllWithFewerLiveNodesThanReplicasSaysItMissedItsLevel() throws Exception {
    Record fresh = ImmutableRecord.of("cannot reach all".getBytes());

    PutResult missed = result(cluster.dht(survivors.get(0)).put(fresh, Consistency.ALL));

    // r = 8 replicas are due, only 5 nodes live: at most 5 acknowledge.
    assertThat(missed.levelReached()).as("%s", missed).isFalse();
    assertThat(missed.required()).isEqualTo(CONFIG.replicationFactor());
    assertThat(missed.acked()).isLessThanOrEqualTo(survivors.size()).isPositive();
  }
}
