package io.skein.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.node.wire.DropReason;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeTest {
  private final List<Node> nodes = new ArrayList<>();

  private Node node(NodeConfig config) throws BindException {
    Node n = Node.start(KeyPair.generate(), config);
    nodes.add(n);
    return n;
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Generous, for the first ping of a cold JVM on a loaded machine; timeouts are tested apart. */
  private static final NodeConfig PATIENT = NodeConfig.local().withPingTimeoutMillis(5_000);

  @Test
  void aPingIsAnsweredByASignedAckFromTheExpectedKey() throws Exception {
    Node a = node(PATIENT);
    Node b = node(NodeConfig.local());

    PingResult result = a.ping(b.endpoint(), b.publicKey()).get(10, TimeUnit.SECONDS);

    assertThat(result.peer()).isEqualTo(b.publicKey());
    assertThat(result.roundTrip()).isPositive();
    assertThat(a.metrics().pings("ok")).isEqualTo(1);
  }

  @Test
  void aFirstContactPingAcceptsAnyKeyAndReportsIt() throws Exception {
    Node a = node(PATIENT);
    Node b = node(NodeConfig.local());

    PingResult result = a.ping(b.endpoint(), null).get(10, TimeUnit.SECONDS);

    assertThat(result.peer()).isEqualTo(b.publicKey());
  }

  @Test
  void anAckSignedByAnotherKeyThanExpectedIsRefusedAndThePingTimesOut() throws Exception {
    Node a = node(NodeConfig.local().withPingTimeoutMillis(300));
    Node b = node(NodeConfig.local());
    KeyPair someoneElse = KeyPair.generate();

    CompletableFuture<PingResult> ping = a.ping(b.endpoint(), someoneElse.publicKey());

    // b drops the ping (addressed to another node id); nothing answers
    assertThatThrownBy(() -> ping.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> b.wireMetrics().droppedCount(DropReason.WRONG_RECIPIENT) == 1);
    assertThat(a.metrics().pings("timeout")).isEqualTo(1);
  }

  @Test
  void aPingToADeadEndpointFailsByTimeout() throws Exception {
    Node a = node(NodeConfig.local().withPingTimeoutMillis(300));

    CompletableFuture<PingResult> ping =
        a.ping(new Endpoint("127.0.0.1", freePort()), KeyPair.generate().publicKey());

    assertThatThrownBy(() -> ping.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("not answered within 300 ms");
  }

  @Test
  void closingANodeFailsItsPendingPingsAndNeverHangs() throws Exception {
    Node a = Node.start(KeyPair.generate(), NodeConfig.local().withPingTimeoutMillis(60_000));
    Endpoint dead = new Endpoint("127.0.0.1", freePort());
    List<CompletableFuture<PingResult>> pending = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pending.add(a.ping(dead, null));
    }

    assertTimeoutPreemptively(Duration.ofSeconds(3), a::close);

    for (CompletableFuture<PingResult> p : pending) {
      assertThatThrownBy(() -> p.get(1, TimeUnit.SECONDS))
          .hasCauseInstanceOf(PingFailedException.class);
    }
    assertThatThrownBy(() -> a.ping(dead, null).get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PingFailedException.class);
  }

  @Test
  void aTakenPortGivesAClearError() throws Exception {
    Node a = node(NodeConfig.local());
    int port = a.endpoint().port();

    assertThatThrownBy(() -> node(NodeConfig.local().withListen("127.0.0.1", port)))
        .isInstanceOf(BindException.class)
        .hasMessage("cannot listen on 127.0.0.1:" + port + ": port " + port + " is already in use");
  }

  @Test
  void nodesOfAnotherNetworkAreNotAnswered() throws Exception {
    Node a = node(NodeConfig.local().withPingTimeoutMillis(300));
    Node b = node(NodeConfig.local().withNetworkId(42));

    assertThatThrownBy(() -> a.ping(b.endpoint(), b.publicKey()).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> b.wireMetrics().droppedCount(DropReason.WRONG_NETWORK) == 1);
  }
}
