package io.skein.testnet.sim.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.DhtConfig;
import io.skein.testnet.sim.SimSeed;
import io.skein.testnet.sim.SimSeedExtension;
import io.skein.testnet.sim.dht.DhtScenarios.ChurnFigures;
import io.skein.testnet.sim.dht.DhtScenarios.GetFigures;
import io.skein.testnet.sim.dht.DhtScenarios.KillFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class DhtSimFaultsTest {
  private static final DhtConfig LAN = DhtConfig.lan();

  @Test
  void getsFindEveryValueWithThirtyPercentOfNodesCrashedUnannounced(SimSeed seed) {
    GetFigures f = DhtScenarios.getsWithCrashes(seed.value(), 300, 0.3, 60, 400, LAN);

    assertThat(f.putsAtLevel()).isEqualTo(f.puts());
    assertThat(f.found()).isEqualTo(f.gets());
    assertThat(f.failures().max()).as("requests to crashed nodes timed out").isPositive();
  }

  @Test
  void valuesSurviveKillingAllButOneReplicaOfEveryKey(SimSeed seed) {
    int r = LAN.replicationFactor();

    KillFigures f = DhtScenarios.killReplicas(seed.value(), 400, 10, 60 * DhtScenarios.SECOND, LAN);

    assertThat(f.killedPerKey().min()).isGreaterThanOrEqualTo(r - 1);
    assertThat(f.foundRightAfter()).isEqualTo(f.keys());
    assertThat(f.holdersAfterRepair().min())
        .as("re-replicated to r live holders")
        .isGreaterThanOrEqualTo(r);
    assertThat(f.foundAfterSecondKill()).isEqualTo(f.keys());
  }

  @Test
  void reReplicationAloneKeepsEveryValueThroughAnHourOfHeavyChurn(SimSeed seed) {
    ChurnFigures f = DhtScenarios.churn(seed.value(), 120, 1, 3.0, 20, false, LAN);

    assertThat(f.replaced()).isEqualTo(360);
    assertThat(f.lostAtEnd()).isZero();
    assertThat(f.holdersAtEnd().min()).isGreaterThanOrEqualTo(LAN.replicationFactor() / 2);
  }

  @Test
  void withoutReReplicationTheSameChurnLosesValues(SimSeed seed) {
    long never = 47L * 3_600_000;
    DhtConfig noReplication =
        LAN.toBuilder().replicationIntervalMillis(never).churnReplicationDelayMillis(never).build();

    ChurnFigures f = DhtScenarios.churn(seed.value(), 120, 1, 3.0, 20, false, noReplication);

    assertThat(f.noHolderAtEnd()).isPositive();
    assertThat(f.lostAtEnd()).isEqualTo(f.noHolderAtEnd());
  }
}
