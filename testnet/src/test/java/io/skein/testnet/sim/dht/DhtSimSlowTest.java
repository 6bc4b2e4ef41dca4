package io.skein.testnet.sim.dht;

import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.ACK_WITHOUT_STORING;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.COLLUDING_CONTACTS;
import static io.skein.testnet.sim.dht.MaliciousDht.Behaviour.FAKE_CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.DhtConfig;
import io.skein.testnet.sim.SimSeed;
import io.skein.testnet.sim.SimSeedExtension;
import io.skein.testnet.sim.dht.DhtScenarios.ChurnFigures;
import io.skein.testnet.sim.dht.DhtScenarios.GetFigures;
import io.skein.testnet.sim.dht.DhtScenarios.KillFigures;
import io.skein.testnet.sim.dht.DhtScenarios.LookupFigures;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The measured goals asserted at 1,000 nodes (minutes each; {@code mvn verify -Pslow}). {@link
 * DhtSimBench} measures the same scenarios at 10,000 nodes too and writes the figures down.
 */
@Tag("slow")
@ExtendWith(SimSeedExtension.class)
class DhtSimSlowTest {
  private static final int NODES = 1_000;
  private static final DhtConfig LAN = DhtConfig.lan();

  @Test
  void lookupsReachTheClosestPeersInAtMostTwoHopsAtTheMedian(SimSeed seed) {
    LookupFigures fed =
        DhtScenarios.lookups(seed.value(), NODES, DhtCluster.Feed.MEMBERSHIP, 1_000, LAN);
    LookupFigures bootstrapped =
        DhtScenarios.lookups(seed.value(), NODES, DhtCluster.Feed.BOOTSTRAP, 1_000, LAN);

    assertThat(fed.hops().percentile(50)).isLessThanOrEqualTo(2);
    assertThat(bootstrapped.hops().percentile(50)).isLessThanOrEqualTo(2);
    assertThat(fed.meanRecall()).isGreaterThan(0.99);
    assertThat(bootstrapped.meanRecall()).isGreaterThan(0.99);
  }

  @Test
  void getsSucceedAtLeast9999In10000TimesWithThirtyPercentCrashed(SimSeed seed) {
    GetFigures f = DhtScenarios.getsWithCrashes(seed.value(), NODES, 0.3, 1_000, 10_000, LAN);

    assertThat(f.successRate()).isGreaterThanOrEqualTo(0.9999);
  }

  @Test
  void getsSucceedAtLeast999In1000TimesWithTwentyPercentMaliciousOnFourPaths(SimSeed seed) {
    DhtConfig fourPaths = LAN.toBuilder().disjointPaths(4).build();
    for (var adversary : EnumSet.of(COLLUDING_CONTACTS, FAKE_CONTACTS)) {
      GetFigures f =
          DhtScenarios.getsWithMalicious(
              seed.value(),
              NODES,
              DhtCluster.Feed.MEMBERSHIP,
              0.2,
              EnumSet.of(adversary, ACK_WITHOUT_STORING),
              300,
              2_000,
              fourPaths);

      assertThat(f.successRate()).as(adversary.name()).isGreaterThanOrEqualTo(0.999);
    }
  }

  @Test
  void disjointPathsBeatOnePathWhereColludersPoisonedTheRoutingTables(SimSeed seed) {
    GetFigures[] byPaths = new GetFigures[2];
    int[] paths = {1, 4};
    for (int i = 0; i < 2; i++) {
      byPaths[i] =
          DhtScenarios.getsWithMalicious(
              seed.value(),
              NODES,
              DhtCluster.Feed.BOOTSTRAP,
              0.2,
              EnumSet.of(COLLUDING_CONTACTS, ACK_WITHOUT_STORING),
              200,
              1_000,
              LAN.toBuilder().disjointPaths(paths[i]).build());
    }

    assertThat(byPaths[0].maliciousShare()).as("tables poisoned beyond 20%").isGreaterThan(0.25);
    assertThat(byPaths[1].found()).isGreaterThan(byPaths[0].found());
    assertThat(byPaths[1].successRate()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void noValueIsLostAfterKillingAllButOneReplicaOfEveryKey(SimSeed seed) {
    KillFigures f =
        DhtScenarios.killReplicas(seed.value(), NODES, NODES / 40, 120 * DhtScenarios.SECOND, LAN);

    assertThat(f.killedPerKey().min()).isGreaterThanOrEqualTo(LAN.replicationFactor() - 1);
    assertThat(f.lost()).isZero();
  }

  @Test
  void noValueIsLostWhenTenPercentOfNodesAreReplacedEveryHour(SimSeed seed) {
    ChurnFigures f = DhtScenarios.churn(seed.value(), NODES, 4, 0.1, 100, false, LAN);

    assertThat(f.replaced()).isEqualTo(400);
    assertThat(f.worstMissing()).isZero();
    assertThat(f.noHolderAtEnd()).isZero();
  }
}
