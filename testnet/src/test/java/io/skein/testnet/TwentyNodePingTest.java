package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.PublicKey;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.PingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TwentyNodePingTest {
  @Test
  void twentyNodesInOneJvmAllPingEachOtherWithSignedAcks() throws Exception {
    // generous: 380 first pings at once mean 380 handshakes and cold crypto code on 2 shared cores
    NodeConfig config = NodeConfig.local().withPingTimeoutMillis(5_000);
    try (LocalCluster cluster = LocalCluster.start(20, config)) {
      List<Map.Entry<PublicKey, CompletableFuture<PingResult>>> pings = new ArrayList<>();
      for (Node from : cluster.nodes()) {
        for (Node to : cluster.nodes()) {
          if (from != to) {
            pings.add(Map.entry(to.publicKey(), from.ping(to.endpoint(), to.publicKey())));
          }
        }
      }

      try {
        for (Map.Entry<PublicKey, CompletableFuture<PingResult>> p : pings) {
          assertThat(p.getValue().get(10, TimeUnit.SECONDS).peer()).isEqualTo(p.getKey());
        }
      } catch (Exception | AssertionError e) {
        throw new AssertionError(ClusterDiagnostics.summary(cluster), e);
      }
      assertThat(pings).hasSize(380);
      for (Node n : cluster.nodes()) {
        assertThat(n.metrics().pings("ok")).isEqualTo(19);
        assertThat(n.loopMetrics().handlerErrors()).isZero();
      }
    }
  }
}
