package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.PingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class KilledNodeTest {
  private static final int NODES = 20;
  private static final int VICTIM = 7;

  private static List<CompletableFuture<PingResult>> allPairs(LocalCluster cluster) {
    List<CompletableFuture<PingResult>> pings = new ArrayList<>();
    for (Node from : cluster.liveNodes()) {
      for (Node to : cluster.liveNodes()) {
        if (from != to) {
          pings.add(from.ping(to.endpoint(), to.publicKey()));
        }
      }
    }
    return pings;
  }

  @Test
  void afterOneNodeIsKilledTheOthersStillAnswerEachOtherAndPingsToItTimeOut() throws Exception {
    NodeConfig config = NodeConfig.local().withPingTimeoutMillis(3_000);
    try (LocalCluster cluster = LocalCluster.start(NODES, config)) {
      // warm up: every connection and learned route exists, including those through the victim
      CompletableFuture.allOf(allPairs(cluster).toArray(CompletableFuture[]::new))
          .get(20, TimeUnit.SECONDS);
      Node victim = cluster.node(VICTIM);

      cluster.kill(VICTIM);
      List<CompletableFuture<PingResult>> toVictim = new ArrayList<>();
      for (Node n : cluster.liveNodes()) {
        toVictim.add(n.ping(victim.endpoint(), victim.publicKey()));
      }
      List<CompletableFuture<PingResult>> amongSurvivors = allPairs(cluster);

      // each of these either succeeds within one ping timeout or fails with a TimeoutException
      for (CompletableFuture<PingResult> p : amongSurvivors) {
        assertThat(p.get(10, TimeUnit.SECONDS).roundTripNanos())
            .isLessThan(TimeUnit.MILLISECONDS.toNanos(config.pingTimeoutMillis()));
      }
      assertThat(amongSurvivors).hasSize((NODES - 1) * (NODES - 2));
      for (CompletableFuture<PingResult> p : toVictim) {
        assertThatThrownBy(() -> p.get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(TimeoutException.class);
      }
    }
  }
}
