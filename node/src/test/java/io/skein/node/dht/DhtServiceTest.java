package io.skein.node.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoredRecord;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.NodeService;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DhtServiceTest {
  private static final long MILLI = 1_000_000L;

  /** Loopback timeouts with room for handshakes on 2 shared, loaded cores. */
  private static final DhtConfig CONFIG =
      DhtConfig.local().toBuilder().requestTimeoutNanos(3_000 * MILLI).build();

  private final List<Node> nodes = new ArrayList<>();
  private final List<NodeService> services = new ArrayList<>();

  private Node node(NodeService service) throws Exception {
    return node(service, NodeConfig.local());
  }

  private Node node(NodeService service, NodeConfig config) throws Exception {
    Node n = Node.start(KeyPair.generate(), config, List.of(service), null);
    nodes.add(n);
    services.add(service);
    return n;
  }

  private DhtService dhtNode(DhtConfig config) throws Exception {
    DhtService service = DhtService.inMemory(config);
    node(service);
    return service;
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private static <T> T result(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aNodeBootstrapsThroughASeedAndBothRouteToEachOther() throws Exception {
    DhtService seed = dhtNode(CONFIG);
    DhtService joiner = dhtNode(CONFIG);

    FindNodeResult joined = result(joiner.bootstrap(List.of(seed.self())));

    assertThat(joined.closest()).containsExactly(seed.self());
    assertThat(joiner.routingTableSize()).isEqualTo(1);
    // the seed pinged the unknown requester; its answer let it in
    await().atMost(Duration.ofSeconds(10)).until(() -> seed.routingTableSize() == 1);
  }

  @Test
  void aNodeListeningOnTheWildcardTellsPeersItsAdvertisedEndpoint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Endpoint advertised = new Endpoint("127.0.0.1", port);
    DhtService wildcard =
        new DhtService(
            CONFIG,
            new InMemoryRecordStore(CONFIG.maxRecordsPerNode(), CONFIG.maxStoredBytes()),
            advertised,
            new SplittableRandom(7));
    Node listening = node(wildcard, NodeConfig.local().withListen("0.0.0.0", port));
    DhtService peer = dhtNode(CONFIG);

    assertThat(listening.endpoint().host()).isEqualTo("0.0.0.0");
    assertThat(wildcard.self().endpoint()).isEqualTo(advertised);
    result(wildcard.bootstrap(List.of(peer.self())));
    // the peer learned it from the endpoint its requests carry, and admitted it after a ping there
    await().atMost(Duration.ofSeconds(10)).until(() -> peer.routingTableSize() == 1);
    FindNodeResult found = result(peer.findNode(wildcard.self().id()));
    assertThat(found.closest()).containsExactly(wildcard.self());
  }

  @Test
  void aSeedKnownOnlyByAddressIsProbedForItsKey() throws Exception {
    DhtService seed = dhtNode(CONFIG);
    DhtService joiner = dhtNode(CONFIG);

    FindNodeResult joined = result(joiner.bootstrapFrom(List.of(seed.self().endpoint())));

    assertThat(joined.closest()).containsExactly(seed.self());
  }

  @Test
  void aBootstrapWhoseSeedsDoNotAnswerFailsWithATimeout() throws Exception {
    DhtConfig quick = CONFIG.toBuilder().requestTimeoutNanos(300 * MILLI).build();
    DhtService joiner = dhtNode(quick);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    CompletableFuture<FindNodeResult> joined =
        joiner.bootstrapFrom(List.of(new Endpoint("127.0.0.1", closedPort)));

    assertThatThrownBy(() -> result(joined))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("no seed answered");
  }

  @Test
  void aRecordPutOnOneNodeIsReadFromTheOther() throws Exception {
    DhtService a = dhtNode(CONFIG);
    DhtService b = dhtNode(CONFIG);
    result(b.bootstrap(List.of(a.self())));
    await().atMost(Duration.ofSeconds(10)).until(() -> a.routingTableSize() == 1);
    MutableRecord record =
        MutableRecord.sign(KeyPair.generate(), "salt".getBytes(), 1, "hello".getBytes());

    PutResult put = result(b.put(record, Consistency.ALL));
    GetResult got = result(a.get(record.key(), Consistency.ALL));

    assertThat(put.levelReached()).isTrue();
    assertThat(put.acked()).isEqualTo(2);
    assertThat(got.record()).isEqualTo(record);
    assertThat(got.levelReached()).isTrue();
    assertThat(a.metrics().storeRejects(RejectReason.BAD_SIGNATURE)).isZero();
    assertThat(sample(b, "skein_dht_operation_duration_seconds_count{op=\"put\"}")).isEqualTo(1);
    assertThat(sample(a, "skein_dht_operation_duration_seconds_count{op=\"get\"}")).isEqualTo(1);
    assertThat(sample(a, "skein_dht_records_stored_total")).isEqualTo(1);
    assertThat(sample(b, "skein_dht_records_stored_total")).isEqualTo(1);
    assertThat(sample(a, "skein_dht_gets_total{level=\"reached\"}")).isEqualTo(1);
    assertThat(sample(b, "skein_dht_puts_total{level=\"reached\"}")).isEqualTo(1);
  }

  @Test
  void storedRecordsExpireOnTheEpochClockSoAPersistentStoreSurvivesRestarts() throws Exception {
    DhtService a = dhtNode(CONFIG);
    ImmutableRecord record = ImmutableRecord.of("epoch".getBytes());
    long ttlMillis = 60_000;
    long before = System.currentTimeMillis();

    PutResult put = result(a.put(record, MutableRecord.NO_CAS, ttlMillis, Consistency.ONE));
    StoredRecord stored = result(a.localRecord(record.key()));
    long after = System.currentTimeMillis();

    assertThat(put.levelReached()).isTrue();
    // Clock skew between the core's shifted monotonic clock and the wall clock is milliseconds.
    assertThat(stored.expiresAtMillis()).isBetween(before + ttlMillis - 50, after + ttlMillis + 50);
  }

  @Test
  void aForgedRecordStoredByAPeerIsRejectedAndCounted() throws Exception {
    DhtService victim = dhtNode(CONFIG);
    ScriptedPeer peer = new ScriptedPeer();
    Node peerNode = node(peer);
    KeyPair owner = KeyPair.generate();
    MutableRecord genuine = MutableRecord.sign(owner, new byte[0], 5, "v".getBytes());
    byte[] badSignature = genuine.signature();
    badSignature[0] ^= 1;
    MutableRecord forged =
        MutableRecord.of(owner.publicKey(), new byte[0], 6, "evil".getBytes(), badSignature);

    peer.send(
        c ->
            c.request(
                victim.self().endpoint(),
                victim.self().publicKey(),
                DhtWireTypes.STORE,
                new StoreRequest(peerNode.endpoint(), forged, MutableRecord.NO_CAS, 60_000),
                5_000));

    await().atMost(Duration.ofSeconds(10)).until(() -> peer.firstReceived(StoreAck.class) != null);
    assertThat(peer.firstReceived(StoreAck.class).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    assertThat(victim.metrics().storeRejects(RejectReason.BAD_SIGNATURE)).isEqualTo(1);
    assertThat(sample(victim, "skein_dht_store_rejects_total{reason=\"bad_signature\"}"))
        .isEqualTo(1);
    assertThat(sample(victim, "skein_dht_records_stored_total")).isZero();
    assertThat(result(victim.localRecord(forged.key()))).isNull();
  }

  @Test
  void aRequesterAdvertisingAnEndpointItDoesNotListenOnNeverEntersTheRoutingTable()
      throws Exception {
    DhtConfig quick = CONFIG.toBuilder().requestTimeoutNanos(500 * MILLI).build();
    DhtService a = dhtNode(quick);
    ScriptedPeer liar = new ScriptedPeer();
    node(liar);
    int unusedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      unusedPort = s.getLocalPort();
    }

    // Addressed to A: A learns the route back over the liar's connection, yet must not use it to
    // verify the claimed endpoint. The liar answers every FIND_NODE it gets.
    liar.send(
        c ->
            c.request(
                a.self().endpoint(),
                a.self().publicKey(),
                DhtWireTypes.FIND_NODE,
                new FindNodeRequest(new Endpoint("127.0.0.1", unusedPort), a.self().id()),
                5_000));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sample(a, "skein_dht_request_timeouts_total") >= 1);
    assertThat(a.routingTableSize()).isZero();
  }

  @Test
  void anHonestRequesterIsPingedAtItsEndpointAndEntersTheRoutingTable() throws Exception {
    DhtService a = dhtNode(CONFIG);
    ScriptedPeer peer = new ScriptedPeer();
    Node peerNode = node(peer);

    peer.send(
        c ->
            c.request(
                a.self().endpoint(),
                a.self().publicKey(),
                DhtWireTypes.FIND_NODE,
                new FindNodeRequest(peerNode.endpoint(), a.self().id()),
                5_000));

    await().atMost(Duration.ofSeconds(10)).until(() -> a.routingTableSize() == 1);
  }

  /** A series of {@code service}'s node's registry, e.g. {@code skein_dht_requests_sent_total}. */
  private double sample(DhtService service, String series) {
    return Samples.sample(nodes.get(services.indexOf(service)).registry(), series);
  }

  @Test
  void membershipNewsFromGossipFillsAndEmptiesTheRoutingTable() throws Exception {
    DhtService a = dhtNode(CONFIG);
    Contact member = Contact.of(KeyPair.generate().publicKey(), new Endpoint("127.0.0.1", 9));

    a.onMemberAlive(member);
    await().atMost(Duration.ofSeconds(5)).until(() -> a.routingTableSize() == 1);
    a.onMemberDead(member.id());
    await().atMost(Duration.ofSeconds(5)).until(() -> a.routingTableSize() == 0);
  }

  @Test
  void closingTheNodeFailsOperationsStillRunning() throws Exception {
    DhtService a = dhtNode(CONFIG);
    a.onMemberAlive(
        Contact.of(KeyPair.generate().publicKey(), new Endpoint("127.0.0.1", unusedPort())));
    CompletableFuture<GetResult> pending = a.get(new RecordKey(KeyPair.generate().nodeId()));
    await().atMost(Duration.ofSeconds(5)).until(() -> a.runningOperations() == 1);

    nodes.get(0).close();

    assertThatThrownBy(() -> result(pending))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("dht service closed");
    assertThatThrownBy(() -> result(a.get(new RecordKey(KeyPair.generate().nodeId()))))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void theApiRefusesWorkBeforeTheNodeStartedTheService() {
    DhtService unstarted = DhtService.inMemory(CONFIG);

    assertThatThrownBy(() -> result(unstarted.get(new RecordKey(KeyPair.generate().nodeId()))))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> unstarted.onMemberDead(KeyPair.generate().nodeId()))
        .isInstanceOf(IllegalStateException.class);
  }

  private static int unusedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
