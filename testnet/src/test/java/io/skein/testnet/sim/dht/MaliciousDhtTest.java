package io.skein.testnet.sim.dht;

import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.ACK_WITHOUT_STORING;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.COLLUDING_CONTACTS;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.DROP_REQUESTS;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.FAKE_CONTACTS;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.FORGED_RECORDS;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.REFUSE_TO_STORE;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.STALE_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.msg.Store;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoredRecord;
import io.skein.testnet.sim.Partition;
import io.skein.testnet.sim.SimSeed;
import io.skein.testnet.sim.SimSeedExtension;
import io.skein.testnet.sim.dht.DhtScenarios.Workload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class MaliciousDhtTest {
  private static final long SECOND = DhtScenarios.SECOND;
  private static final long MINUTE = 60 * SECOND;

  private static DhtCluster cluster(SimSeed seed, int nodes, int bad, MaliciousDht.Behaviour... b) {
    return DhtCluster.builder(seed.value())
        .nodes(nodes)
        .malicious(bad, EnumSet.of(b[0], b))
        .build();
  }

  @Test
  void nodesThatDropEveryRequestAreRoutedAround(SimSeed seed) {
    DhtCluster cluster = cluster(seed, 300, 60, DROP_REQUESTS);
    Workload w = DhtScenarios.putValues(cluster, 30);

    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertFoundAll(w, gets);
    assertThat(gets.stream().mapToInt(g -> g.stats().failures()).sum()).isPositive();
    NodeId target = DhtScenarios.randomId(cluster.sim().random("test/target", 0));
    int reader = cluster.liveHonestNodes().get(0);
    FindNodeResult r = cluster.await(cluster.findNode(reader, target), MINUTE);
    // Fewer than k may come back: answers stop at k, and droppers among the k closest hide the
    // honest nodes just beyond them.
    assertThat(r.closest())
        .hasSizeGreaterThanOrEqualTo(15)
        .allSatisfy(c -> assertThat(cluster.isHonest(cluster.indexOf(c.id()))).isTrue())
        .contains(cluster.trueClosest(target, 1, n -> n != reader && cluster.isHonest(n)).get(0));
  }

  @Test
  void forgedRecordsAreRejectedByReadersAndByStores(SimSeed seed) {
    DhtCluster cluster = cluster(seed, 200, 40, FORGED_RECORDS);
    Workload w = DhtScenarios.putValues(cluster, 30);

    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertFoundAll(w, gets);
    assertThat(gets.stream().mapToInt(GetResult::invalidRecords).sum()).isPositive();
    assertNoHonestStoreHoldsAnInvalidRecord(cluster, w);

    // A forger that holds a genuine record pushes a higher, forged version to an honest holder.
    Record genuine = null;
    int forger = -1;
    for (Record r : w.records()) {
      for (int h : cluster.holdersOf(r)) {
        if (!cluster.isHonest(h)) {
          genuine = r;
          forger = h;
        }
      }
    }
    assertThat(forger).as("some forger holds a genuine record").isNotNegative();
    MutableRecord m = (MutableRecord) genuine;
    MutableRecord forged =
        MutableRecord.of(m.publicKey(), m.salt(), m.seq() + 1, new byte[] {1}, new byte[64]);
    int victim = honestHolder(cluster, genuine);
    long before = cluster.dht(victim).counters().storesRejected(RejectReason.BAD_SIGNATURE);
    Contact to = cluster.contact(victim);
    cluster.sim().command(forger, p -> ((DhtSim) p).sendRaw(to, new Store(7, forged, -1, 60_000)));
    cluster.sim().runFor(SECOND);

    assertThat(cluster.dht(victim).counters().storesRejected(RejectReason.BAD_SIGNATURE))
        .isEqualTo(before + 1);
    assertThat(cluster.holdersOf(genuine)).contains(victim);
  }

  @Test
  void staleAnswersLoseToTheNewestRecordAndStaleHonestReplicasAreRepaired(SimSeed seed) {
    DhtCluster cluster = DhtCluster.builder(seed.value()).nodes(200).build();
    int owner = 0;
    byte[] salt = "profile".getBytes(StandardCharsets.US_ASCII);
    MutableRecord v1 = cluster.signMutable(owner, salt, 1, new byte[] {1});
    MutableRecord v2 = cluster.signMutable(owner, salt, 2, new byte[] {2});
    PutResult p1 = cluster.await(cluster.put(owner, v1), MINUTE);
    assertThat(p1.levelReached()).isTrue();
    List<Integer> holders = new ArrayList<>(cluster.holdersOf(v1));
    holders.remove(Integer.valueOf(owner));
    assertThat(holders).hasSizeGreaterThanOrEqualTo(4);
    // Two replicas turn stale liars; an honest one misses the update behind a partition.
    MaliciousDht stale = MaliciousDht.of(null, EnumSet.of(STALE_RECORDS));
    int liar1 = holders.get(0);
    int liar2 = holders.get(1);
    int missed = holders.get(2);
    cluster.setMalice(liar1, stale);
    cluster.setMalice(liar2, stale);
    Partition cut = cluster.sim().network().isolate(missed, cluster.size());
    PutResult p2 = cluster.await(cluster.put(owner, v2), MINUTE);
    cluster.sim().network().heal(cut);
    assertThat(p2.levelReached()).isTrue();
    assertThat(List.of(liar1, liar2, missed)).allSatisfy(n -> assertHolds(cluster, n, v1));

    int reader = firstOther(cluster, holders, owner);
    long repairsBefore = cluster.dht(reader).counters().repairsSent();
    GetResult get = cluster.await(cluster.get(reader, v2.key()), MINUTE);
    cluster.sim().runFor(5 * SECOND);

    assertThat(get.record()).isEqualTo(v2);
    // the get may answer before the stale replies arrive; it repairs them after (counted then)
    assertThat(cluster.dht(reader).counters().repairsSent() - repairsBefore)
        .isGreaterThanOrEqualTo(3);
    assertHolds(cluster, missed, v2);
    assertHolds(cluster, liar1, v1);
    assertHolds(cluster, liar2, v1);
    assertThat(stale.tampered()).isGreaterThanOrEqualTo(4); // v2's STORE and the repair, each
  }

  @Test
  void fakeContactsNeverEnterARoutingTableAndReadsStillSucceed(SimSeed seed) {
    DhtCluster cluster = cluster(seed, 300, 60, FAKE_CONTACTS);
    Workload w = DhtScenarios.putValues(cluster, 30);

    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertFoundAll(w, gets);
    assertThat(gets.stream().mapToInt(g -> g.stats().failures()).sum())
        .as("fake contacts were tried and timed out")
        .isPositive();
    for (int n : cluster.liveNodes()) {
      assertThat(cluster.dht(n).routingTable().all())
          .allSatisfy(c -> assertThat(cluster.indexOf(c.id())).isNotNegative());
    }
  }

  @Test
  void colludersAnsweringWithEachOtherDoNotEclipseDisjointPaths(SimSeed seed) {
    DhtCluster cluster =
        DhtCluster.builder(seed.value())
            .nodes(300)
            .config(DhtConfig.lan().toBuilder().disjointPaths(4).build())
            .malicious(60, EnumSet.of(COLLUDING_CONTACTS, ACK_WITHOUT_STORING))
            .build();
    Workload w = DhtScenarios.putValues(cluster, 30);

    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertFoundAll(w, gets);
    assertThat(cluster.collusion().memberCount()).isEqualTo(60);
    assertThat(
            cluster
                .malice(
                    cluster.liveNodes().stream()
                        .filter(n -> !cluster.isHonest(n))
                        .findFirst()
                        .orElseThrow())
                .tampered())
        .isPositive();
  }

  @Test
  void storesAcknowledgedButNotKeptAreExposedByReadsAndSurvived(SimSeed seed) {
    DhtCluster cluster = cluster(seed, 200, 40, ACK_WITHOUT_STORING);
    Workload w = DhtScenarios.putValues(cluster, 30);

    int claimed = 0;
    int held = 0;
    for (int i = 0; i < w.records().size(); i++) {
      claimed += w.puts().get(i).acked();
      held += cluster.holdersOf(w.records().get(i)).size();
    }
    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertThat(held).as("liars acknowledged what they did not store").isLessThan(claimed);
    assertFoundAll(w, gets);
    assertThat(gets.stream().mapToInt(GetResult::repairs).sum())
        .as("readers saw replicas without the record and repaired them")
        .isPositive();
  }

  @Test
  void refusalsToStoreAreReportedAndTheValuesStillStored(SimSeed seed) {
    DhtCluster cluster = cluster(seed, 200, 40, REFUSE_TO_STORE);
    Workload w = DhtScenarios.putValues(cluster, 30);

    int refused = 0;
    for (PutResult p : w.puts()) {
      refused += p.rejections().getOrDefault(RejectReason.STORE_FULL, 0);
      assertThat(p.acked() + p.rejections().getOrDefault(RejectReason.STORE_FULL, 0))
          .isLessThanOrEqualTo(p.storeRequests() + 1);
    }
    List<GetResult> gets = DhtScenarios.readAll(cluster, w);

    assertThat(refused).isPositive();
    assertFoundAll(w, gets);
  }

  private static void assertFoundAll(Workload w, List<GetResult> gets) {
    for (int i = 0; i < gets.size(); i++) {
      assertThat(gets.get(i).record()).as("value %d", i).isEqualTo(w.records().get(i));
    }
  }

  private static void assertNoHonestStoreHoldsAnInvalidRecord(DhtCluster cluster, Workload w) {
    long nowMillis = cluster.now() / 1_000_000;
    for (int n : cluster.liveHonestNodes()) {
      for (Record r : w.records()) {
        StoredRecord s = cluster.process(n).store().get(r.key(), nowMillis);
        if (s != null) {
          assertThat(cluster.dht(n).validator().validate(r.key(), s.record()).valid()).isTrue();
          assertThat(s.record()).isEqualTo(r);
        }
      }
    }
  }

  private static void assertHolds(DhtCluster cluster, int node, Record record) {
    StoredRecord s = cluster.process(node).store().get(record.key(), cluster.now() / 1_000_000);
    assertThat(s).as("node %d holds a record", node).isNotNull();
    assertThat(s.record()).as("node %d's record", node).isEqualTo(record);
  }

  private static int honestHolder(DhtCluster cluster, Record record) {
    return cluster.holdersOf(record).stream().filter(cluster::isHonest).findFirst().orElseThrow();
  }

  private static int firstOther(DhtCluster cluster, List<Integer> exclude, int owner) {
    for (int n : cluster.liveNodes()) {
      if (n != owner && !exclude.contains(n)) {
        return n;
      }
    }
    throw new IllegalStateException("no other node");
  }
}
