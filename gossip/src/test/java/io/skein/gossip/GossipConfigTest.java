package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GossipConfigTest {
  private static final long MS = 1_000_000L;

  @Test
  void lanDefaultsAtFiftyMembers() {
    GossipConfig c = GossipConfig.lan();
    // 8 * log10(50) * 200 ms = 2.718 s; max 6x.
    assertThat(c.suspicionMinTimeoutNanos(50)).isBetween(2_718 * MS, 2_719 * MS);
    assertThat(c.suspicionMaxTimeoutNanos(50)).isBetween(16_310 * MS, 16_314 * MS);
    assertThat(c.suspicionConfirmationsNeeded(50)).isEqualTo(2);
    // 4 * ceil(log10(51)) = 8, as memberlist.
    assertThat(c.retransmitLimit(50)).isEqualTo(8);
    // 30 s * (ceil(log2(50) - log2(32)) + 1) = 60 s, as memberlist's pushPullScale.
    assertThat(c.pushPullIntervalNanos(50)).isEqualTo(60_000 * MS);
    assertThat(c.pushPullIntervalNanos(32)).isEqualTo(30_000 * MS);
    // memberlist LAN intervals are kept, so steady-state traffic is the same.
    assertThat(c.probeIntervalMillis()).isEqualTo(1000);
    assertThat(c.probeTimeoutMillis()).isEqualTo(500);
    assertThat(c.gossipIntervalMillis()).isEqualTo(200);
    assertThat(c.indirectChecks()).isEqualTo(3);
    // Faster than memberlist only where no steady-state traffic is spent: rumors go to 4 members
    // a round (memberlist LAN: 3) and 32 to a message (memberlist: as many as fit 1400 bytes), with
    // the same retransmit limit.
    assertThat(c.gossipNodes()).isEqualTo(4);
    assertThat(c.maxClaimsPerMessage()).isEqualTo(32);
    assertThat(c.awarenessMaxMultiplier()).isEqualTo(8);
  }

  @Test
  void lanOutlastsAFiveSecondStallAtAThousandMembersButNotAtFifty() {
    GossipConfig c = GossipConfig.lan();
    // Stall tolerance (GossipConfig class comment): the earliest accusation comes two probe
    // timeouts into the stall, the first death one minimum suspicion timeout after that.
    long firstAccusation = 2 * c.probeTimeoutMillis() * MS;
    // 1 s + 8 * 3 * 200 ms = 5.8 s: a 5 s stall plus the refutation's trip fits.
    assertThat(firstAccusation + c.suspicionMinTimeoutNanos(1000)).isEqualTo(5_800 * MS);
    // 1 s + 2.7 s at N = 50: fast detection (goal: dead everywhere within 5 s at p50).
    assertThat(firstAccusation + c.suspicionMinTimeoutNanos(50)).isBetween(3_718 * MS, 3_719 * MS);
  }

  @Test
  void smallClustersUseTheFloorsOfTheFormulas() {
    GossipConfig c = GossipConfig.lan();
    assertThat(c.suspicionMinTimeoutNanos(1)).isEqualTo(1600 * MS);
    assertThat(c.suspicionMinTimeoutNanos(10)).isEqualTo(1600 * MS);
    assertThat(c.retransmitLimit(1)).isEqualTo(4);
    assertThat(c.suspicionConfirmationsNeeded(3)).isEqualTo(1);
    assertThat(c.suspicionConfirmationsNeeded(2)).isZero();
  }

  @Test
  void presetsFollowMemberlistIntervals() {
    GossipConfig wan = GossipConfig.wan();
    assertThat(wan.probeIntervalMillis()).isEqualTo(5000);
    assertThat(wan.probeTimeoutMillis()).isEqualTo(3000);
    assertThat(wan.gossipIntervalMillis()).isEqualTo(500);
    assertThat(wan.gossipNodes()).isEqualTo(4);
    assertThat(wan.pushPullIntervalMillis()).isEqualTo(60_000);
    GossipConfig local = GossipConfig.local();
    assertThat(local.probeTimeoutMillis()).isEqualTo(200);
    assertThat(local.indirectChecks()).isEqualTo(1);
    assertThat(local.retransmitMult()).isEqualTo(2);
    assertThat(local.gossipIntervalMillis()).isEqualTo(100);
    assertThat(local.pushPullIntervalMillis()).isEqualTo(15_000);
  }

  @Test
  void builderRejectsOutOfRangeValuesByName() {
    assertThatThrownBy(() -> GossipConfig.lan().toBuilder().probeIntervalMillis(0).build())
        .hasMessageContaining("probeIntervalMillis");
    assertThatThrownBy(() -> GossipConfig.lan().toBuilder().probeTimeoutMillis(2000).build())
        .hasMessageContaining("probeTimeoutMillis");
    assertThatThrownBy(() -> GossipConfig.lan().toBuilder().maxClaimsPerMessage(65).build())
        .hasMessageContaining("maxClaimsPerMessage");
    assertThatThrownBy(() -> GossipConfig.lan().toBuilder().maxMembers(1).build())
        .hasMessageContaining("maxMembers");
    assertThat(GossipConfig.lan().toBuilder().maxRumors(16).build().maxRumors()).isEqualTo(16);
  }
}
