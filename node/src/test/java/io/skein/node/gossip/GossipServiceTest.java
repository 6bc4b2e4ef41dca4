package io.skein.node.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.skein.crypto.KeyPair;
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
 * A few real nodes on loopback with the lan() preset: its 500 ms probe timeout tolerates this
 * shared 2-core machine's load, where local()'s 200 ms lets a first probe (TCP and ZMTP handshake
 * included) fail now and then, and a two-member cluster has no helper to ask.
 */
class GossipServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<Node> nodes = new ArrayList<>();
  private final List<GossipService> services = new ArrayList<>();

  private GossipService start(int seed) throws Exception {
    GossipService gossip = new GossipService(GossipConfig.lan(), null, new SplittableRandom(seed));
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
    // Each newcomer joins exactly once. On a starved machine a late ack may also bring a
    // SUSPECT/ALIVE pair (refuted at once); that is correct behaviour, not a join.
    assertThat(seen)
        .filteredOn(e -> e.type() == MemberEvent.Type.JOINED)
        .extracting(e -> e.member().key())
        .containsExactlyInAnyOrder(nodes.get(1).publicKey(), nodes.get(2).publicKey());
    assertThat(seen).noneMatch(e -> e.type() == MemberEvent.Type.DEAD);
    GossipMetrics metrics = seed.metrics();
    await().atMost(WAIT).until(() -> metrics.members(MemberState.ALIVE) == 2);
    assertThat(metrics.events(MemberEvent.Type.JOINED)).isEqualTo(2);
    assertThat(metrics.counter(GossipStats.Counter.PUSH_PULLS_SERVED)).isPositive();
    String text = scrape(nodes.get(0));
    assertThat(text)
        .contains("skein_gossip_members{state=\"alive\"} 2")
        .contains("skein_gossip_member_events_total{event=\"joined\"} 2")
        .contains("skein_gossip_member_events_total{event=\"dead\"} 0")
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

    await().atMost(WAIT).until(() -> seen.size() == 1);
    assertThat(seed.metrics().listenerErrors()).isEqualTo(1);
    await().atMost(WAIT).until(() -> alive(seed) == 2 && alive(b) == 2);
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
