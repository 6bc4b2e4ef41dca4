package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.gossip.GossipConfig;
import org.junit.jupiter.api.Test;

class JoinBurstBenchTest {
  @Test
  void aJoinBurstConvergesAndTheSameSeedGivesTheSameTimes() {
    long[] first = JoinBurstBench.run(GossipConfig.lan(), 20, 0, 3, 7);
    long[] again = JoinBurstBench.run(GossipConfig.lan(), 20, 0, 3, 7);

    assertThat(first).isEqualTo(again).hasSize(3);
    // at least one gossip hop after the last start, and well inside the 60 s the bench allows
    for (long ms : first) {
      assertThat(ms).isBetween(1L, 10_000L);
    }
  }

  @Test
  void moreClaimsPerMessageConvergeABurstNoSlower() {
    GossipConfig eight =
        GossipConfig.lan().toBuilder().gossipNodes(3).maxClaimsPerMessage(8).build();
    long slow = sum(JoinBurstBench.run(eight, 50, 0, 5, 11));
    long fast = sum(JoinBurstBench.run(GossipConfig.lan(), 50, 0, 5, 11));

    assertThat(fast).isLessThan(slow);
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
