package io.skein.testnet.sim.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.NodeId;
import io.skein.dht.DhtConfig;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.testnet.sim.LinkModel;
import io.skein.testnet.sim.SimSeed;
import io.skein.testnet.sim.SimSeedExtension;
import io.skein.testnet.sim.dht.DhtScenarios.LookupFigures;
import io.skein.testnet.sim.dht.DhtScenarios.Workload;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class DhtSimLookupTest {
  @Test
  void lookupsInAMembershipFedNetworkReachTheTrueKClosest(SimSeed seed) {
    LookupFigures f =
        DhtScenarios.lookups(seed.value(), 400, DhtCluster.Feed.MEMBERSHIP, 100, DhtConfig.lan());

    assertThat(f.closestFound()).isEqualTo(1.0);
    assertThat(f.meanRecall()).isGreaterThanOrEqualTo(0.99);
    assertThat(f.exact()).isGreaterThanOrEqualTo(0.9);
    assertThat(f.hops().percentile(50)).isLessThanOrEqualTo(2);
  }

  @Test
  void lookupsInANetworkJoinedOnlyThroughFindNodeReachTheTrueKClosest(SimSeed seed) {
    LookupFigures f =
        DhtScenarios.lookups(seed.value(), 200, DhtCluster.Feed.BOOTSTRAP, 100, DhtConfig.lan());

    assertThat(f.closestFound()).isEqualTo(1.0);
    assertThat(f.meanRecall()).isGreaterThanOrEqualTo(0.99);
    assertThat(f.exact()).isGreaterThanOrEqualTo(0.9);
    assertThat(f.hops().percentile(50)).isLessThanOrEqualTo(3);
  }

  @Test
  void aLookupResultListsOnlyLiveNodesClosestFirst(SimSeed seed) {
    DhtCluster cluster = DhtCluster.builder(seed.value()).nodes(200).build();
    for (int i = 0; i < 40; i++) {
      cluster.crash(i, true);
    }
    cluster.sim().runFor(10 * DhtScenarios.SECOND);
    NodeId target = DhtScenarios.randomId(cluster.sim().random("test/target", 0));

    FindNodeResult r = cluster.await(cluster.findNode(100, target), 60 * DhtScenarios.SECOND);

    assertThat(r.closest()).hasSize(20);
    assertThat(r.closest())
        .allSatisfy(c -> assertThat(cluster.isUp(cluster.indexOf(c.id()))).isTrue());
    assertThat(r.closest())
        .isSortedAccordingTo((a, b) -> target.compareDistance(a.id(), b.id()))
        .contains(cluster.trueClosest(target, 1, n -> n != 100).get(0));
  }

  @Test
  void theSameSeedGivesTheSameTraceHash(SimSeed seed) {
    String first = busyRun(seed.value());
    String second = busyRun(seed.value());

    assertThat(second).isEqualTo(first);
    assertThat(busyRun(seed.value() + 1)).isNotEqualTo(first);
  }

  /** Puts, gets, lookups, lossy links, crashes, replacements and liars; returns the trace hash. */
  private static String busyRun(long seed) {
    DhtCluster cluster =
        DhtCluster.builder(seed)
            .nodes(200)
            .link(new LinkModel(200_000, 2_000_000, 0.01, 0.01))
            .malicious(10, EnumSet.of(MaliciousDht.Behaviour.FAKE_CONTACTS))
            .malicious(10, EnumSet.of(MaliciousDht.Behaviour.FORGED_RECORDS))
            .build();
    Workload w = DhtScenarios.putValues(cluster, 20);
    for (int i = 0; i < 20; i++) {
      cluster.crash(2 * i + 1, true);
    }
    cluster.replace(100);
    DhtScenarios.readEach(cluster, w);
    List<Integer> live = cluster.liveHonestNodes();
    GetResult g =
        cluster.await(cluster.get(live.get(0), w.records().get(0).key()), 60_000_000_000L);
    assertThat(g.record()).isEqualTo(w.records().get(0));
    cluster.sim().runFor(120 * DhtScenarios.SECOND);
    assertThat(cluster.sim().traceRecords()).isGreaterThan(5_000);
    return cluster.sim().traceHashHex() + "/" + cluster.sim().traceRecords();
  }
}
