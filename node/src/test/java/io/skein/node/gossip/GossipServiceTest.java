package io.skein.node.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.GossipStats;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A few real nodes on loopback hosting the service. They run the wan() preset (3 s probe timeout):
 * these tests are about the service, not failure detection, and on this shared 2-core machine at a
 * load average of 20-30 a loop thread can wait long enough for a lan() probe (500 ms) to fail; a
 * cluster of two or three has no helper to vouch for the prober, so that becomes a suspicion.
 */
class GossipServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<Node> nodes = new ArrayList<>();
  private final List<GossipService> services = new ArrayList<>();

  private GossipService start(int seed) throws Exception {
    GossipService gossip = new GossipService(GossipConfig.wan(), null, new SplittableRandom(seed));
    nodes.add(Node.start(KeyPair.generate(), NodeConfig.local(), List.of(gossip), null));
    services.add(gossip);
    return gossip;
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private static long alive(GossipService s) {
    return s.members().stream().filter(m -> m.state() == MemberState.ALIVE).count();
  }

  private static String scrape(Node node) {
    return PrometheusTextFormatWriter.create().toDebugString(node.registry().scrape());
  }

  @Test
  void aMemberLearnedOnlyThroughGossipHasItsKeyHandedToTheCodec() throws Exception {
    // Carol joins through the seed and stops; Bob joins after, so he never gets a frame from her,
    // yet her key must resolve at Bob (a short sender id from her would otherwise be dropped).
    GossipService seed = start(1);
    GossipService carol = start(3);
    carol.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> alive(seed) == 2);
    nodes.get(1).close();
    GossipService bob = start(2);
    Node bobNode = nodes.get(2);

    bob.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);

    await()
        .atMost(WAIT)
        .until(() -> bob.members().stream().anyMatch(m -> m.key().equals(carolKey())));
    // the seed's key from its frames, Carol's from her alive claim
    await().atMost(WAIT).until(() -> bobNode.wireMetrics().knownKeysCount() == 2);
  }

  private PublicKey carolKey() {
    return nodes.get(1).publicKey();
  }

  @Test
  void threeNodesJoiningThroughOneSeedSeeEachOtherAliveAndTellTheirListeners() throws Exception {
    GossipService seed = start(1);
    ConcurrentLinkedQueue<MemberEvent> seen = new ConcurrentLinkedQueue<>();
    seed.addListener(seen::add);
    GossipService b = start(2);
    GossipService c = start(3);

    b.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);
    c.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);

    await().atMost(WAIT).until(() -> services.stream().allMatch(s -> alive(s) == 3));
    assertThat(seed.members().get(0).key()).isEqualTo(nodes.get(0).publicKey());
    List<MemberEvent> joins =
        seen.stream().filter(e -> e.type() == MemberEvent.Type.JOINED).toList();
    assertThat(joins)
        .extracting(e -> e.member().key())
        .contains(nodes.get(1).publicKey(), nodes.get(2).publicKey())
        .containsOnly(nodes.get(1).publicKey(), nodes.get(2).publicKey());
    GossipMetrics metrics = seed.metrics();
    await().atMost(WAIT).until(() -> metrics.members(MemberState.ALIVE) == 2);
    assertThat(metrics.events(MemberEvent.Type.JOINED)).isEqualTo(joins.size());
    assertThat(metrics.counter(GossipStats.Counter.PUSH_PULLS_SERVED)).isPositive();
    String text = scrape(nodes.get(0));
    assertThat(text)
        .contains("skein_gossip_members{state=\"alive\"} 2")
        .contains("skein_gossip_member_events_total{event=\"joined\"} " + joins.size())
        .contains("skein_gossip_probes_sent_total")
        .contains("skein_frames_in_total{type=\"gossip_push_pull_request\"}");
    assertThat(nodes.get(0).metrics().unhandledCount()).isZero();
  }

  @Test
  void aLeaveCompletesOnceGossipedAndTheOthersSeeTheMemberLeft() throws Exception {
    GossipService a = start(1);
    GossipService b = start(2);
    GossipService c = start(3);
    b.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);
    c.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> services.stream().allMatch(s -> alive(s) == 3));

    assertThat(c.leave().get(10, TimeUnit.SECONDS)).isTrue();
    nodes.get(2).close();

    for (GossipService s : List.of(a, b)) {
      await().atMost(WAIT).until(() -> stateOf(s, nodes.get(2)) == MemberState.LEFT);
      assertThat(s.metrics().events(MemberEvent.Type.LEFT)).isEqualTo(1);
      assertThat(s.metrics().events(MemberEvent.Type.DEAD)).isZero();
    }
  }

  @Test
  void aThrowingListenerIsCountedAndTheOthersStillHearEveryEvent() throws Exception {
    GossipService seed = start(1);
    ConcurrentLinkedQueue<MemberEvent> seen = new ConcurrentLinkedQueue<>();
    seed.addListener(
        e -> {
          throw new IllegalStateException("listener bug");
        });
    seed.addListener(seen::add);
    GossipService b = start(2);

    b.join(List.of(nodes.get(0).endpoint())).get(10, TimeUnit.SECONDS);

    await().atMost(WAIT).until(() -> alive(seed) == 2 && alive(b) == 2);
    assertThat(seen)
        .extracting(MemberEvent::type, e -> e.member().key())
        .contains(
            org.assertj.core.groups.Tuple.tuple(MemberEvent.Type.JOINED, nodes.get(1).publicKey()));
    // the throwing listener failed on exactly the events the second one received
    await().atMost(WAIT).until(() -> seed.metrics().listenerErrors() == seen.size());
  }

  @Test
  void joinAndLeaveFailBeforeTheNodeStartedTheService() {
    GossipService unstarted = new GossipService(GossipConfig.local());

    assertThatThrownBy(() -> unstarted.join(List.of()).get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> unstarted.leave().get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(unstarted.members()).isEmpty();
  }

  @Test
  void aJoinStillWaitingWhenTheNodeClosesFails() throws Exception {
    GossipService lonely = start(1);
    var joined = lonely.join(List.of(new io.skein.crypto.Endpoint("127.0.0.1", 9)));

    nodes.get(0).close();

    assertThatThrownBy(() -> joined.get(10, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    assertThat(joined).isCompletedExceptionally();
  }

  private static MemberState stateOf(GossipService s, Node node) {
    return s.members().stream()
        .filter(m -> m.key().equals(node.publicKey()))
        .map(Member::state)
        .findFirst()
        .orElse(null);
  }
}
