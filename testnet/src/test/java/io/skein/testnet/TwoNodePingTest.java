package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.wire.Ack;
import io.skein.node.wire.Ping;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TwoNodePingTest {
  @Test
  void twoNodesExchangeSignedPingAndAckOverLoopback() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(2, NodeConfig.local())) {
      Node a = cluster.node(0);
      Node b = cluster.node(1);

      assertThat(a.ping(b.endpoint(), b.publicKey()).get(5, TimeUnit.SECONDS).peer())
          .isEqualTo(b.publicKey());
      assertThat(b.ping(a.endpoint(), a.publicKey()).get(5, TimeUnit.SECONDS).peer())
          .isEqualTo(a.publicKey());

      // b reached a over the connection a opened (its route was learned from a's signed ping)
      assertThat(b.transportMetrics().connectionsOpened()).isZero();
      assertThat(a.wireMetrics().framesInCount(Ack.TYPE)).isEqualTo(1);
      assertThat(b.wireMetrics().framesInCount(Ping.TYPE)).isEqualTo(1);
    }
  }
}
