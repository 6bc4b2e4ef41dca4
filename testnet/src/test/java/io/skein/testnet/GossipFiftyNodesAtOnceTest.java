package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.MemberEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fifty real nodes started at once on this 2-core machine (ScaleCube 2.7.7 produced 681-1,790 false
 * removals within 40 s in that situation here): they converge, and no node declares another dead,
 * during the start storm or the 30 s after it.
 */
class GossipFiftyNodesAtOnceTest {
  private static final Logger log = LoggerFactory.getLogger(GossipFiftyNodesAtOnceTest.class);
  private static final int NODES = 50;

  @Test
  void fiftyNodesStartedAtOnceConvergeAndNobodyIsDeclaredDeadFor30Seconds() throws Exception {
    long started = System.nanoTime();
    try (GossipCluster cluster =
        GossipCluster.startAllAtOnce(NODES, GossipCluster.nodeConfig(), GossipConfig.lan(), 50)) {
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .failFast(() -> !cluster.events(o -> o.type() == MemberEvent.Type.DEAD).isEmpty())
            .until(cluster::converged);
        long convergedMillis = (System.nanoTime() - started) / 1_000_000;

        await()
            .during(Duration.ofSeconds(30))
            .atMost(Duration.ofSeconds(40))
            .until(() -> cluster.events(o -> o.type() == MemberEvent.Type.DEAD).isEmpty());

        assertThat(cluster.converged()).isTrue();
        log.info(
            "50 nodes at once: converged {} ms after the start; {}",
            convergedMillis,
            cluster.diagnostics());
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(cluster.diagnostics(), e);
      }
      assertThat(cluster.events(o -> o.type() == MemberEvent.Type.DEAD)).isEmpty();
    }
  }
}
