package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twenty real nodes on loopback, SWIM lan() preset, all joining through node 0. */
class GossipTwentyNodeTest {
  private static final int NODES = 20;

  /** Convergence of 20 nodes takes about a second; allow for 2 cores shared with other builds. */
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  /**
   * A crashed member is declared dead everywhere within a probe round, a few accusation probes and
   * the minimum suspicion timeout (about 3-5 s at N = 20 on lan); at most the maximum suspicion
   * timeout (6 x 1.3 s) after the first suspicion even without a single confirmation.
   */
  private static final Duration DETECT = Duration.ofSeconds(20);

  private GossipCluster cluster;

  private GossipCluster start(long seed) throws Exception {
    cluster =
        GossipCluster.startJoiningOneSeed(
            NODES, GossipCluster.nodeConfig(), GossipConfig.lan(), seed);
    awaitConverged();
    return cluster;
  }

  private void awaitConverged() {
    await().atMost(CONVERGE).failFast(() -> !deaths(o -> true).isEmpty()).until(cluster::converged);
  }

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private List<GossipCluster.Observed> deaths(
      java.util.function.Predicate<GossipCluster.Observed> f) {
    return cluster.events(o -> o.type() == MemberEvent.Type.DEAD && f.test(o));
  }

  @Test
  void twentyNodesJoiningThroughOneSeedAllSeeEachOtherAlive() throws Exception {
    start(1);

    for (int i = 0; i < NODES; i++) {
      assertThat(cluster.gossip(i).members()).hasSize(NODES);
    }
    assertThat(cluster.events(o -> o.type() == MemberEvent.Type.JOINED))
        .hasSizeGreaterThanOrEqualTo(NODES * (NODES - 1));
    assertThat(deaths(o -> true)).as(cluster.diagnostics()).isEmpty();
  }

  @Test
  void aKilledNodeIsMarkedDeadByEveryOtherNodeAndNoOtherNodeIsMarkedDead() throws Exception {
    start(2);
    int victim = 7;

    long killedAt = System.nanoTime();
    cluster.kill(victim);

    await()
        .atMost(DETECT)
        .failFast(() -> !deaths(o -> o.subject() != victim).isEmpty())
        .until(() -> cluster.allOthersSee(victim, MemberState.DEAD));
    List<GossipCluster.Observed> deaths = deaths(o -> true);
    assertThat(deaths).as(cluster.diagnostics()).allMatch(o -> o.subject() == victim);
    Set<Integer> observers = new HashSet<>();
    deaths.forEach(o -> observers.add(o.observer()));
    assertThat(observers).hasSize(NODES - 1).doesNotContain(victim);
    for (int i : cluster.live()) {
      // every state change bumps a metric: one death here, after at least one suspicion
      assertThat(cluster.gossip(i).metrics().events(MemberEvent.Type.DEAD)).isEqualTo(1);
      assertThat(cluster.gossip(i).metrics().events(MemberEvent.Type.SUSPECT)).isPositive();
      assertThat(cluster.gossip(i).metrics().members(MemberState.DEAD)).isEqualTo(1);
    }
    long lastNanos = deaths.stream().mapToLong(GossipCluster.Observed::atNanos).max().orElseThrow();
    assertThat(TimeUnit.NANOSECONDS.toMillis(lastNanos - killedAt)).isLessThan(DETECT.toMillis());
  }

  @Test
  void aNodeThatLeavesIsSeenLeftByEveryOtherNodeNotDead() throws Exception {
    start(3);
    int leaver = 5;

    assertThat(cluster.gossip(leaver).leave().get(10, TimeUnit.SECONDS)).isTrue();
    cluster.kill(leaver);

    await().atMost(DETECT).until(() -> cluster.allOthersSee(leaver, MemberState.LEFT));
    assertThat(deaths(o -> true)).as(cluster.diagnostics()).isEmpty();
    assertThat(cluster.events(o -> o.type() == MemberEvent.Type.LEFT && o.subject() == leaver))
        .hasSize(NODES - 1);
  }

  @Test
  void aKilledNodeRestartedWithItsKeyRejoinsAliveWithAHigherIncarnation() throws Exception {
    start(4);
    int victim = 3;
    cluster.kill(victim);
    await().atMost(DETECT).until(() -> cluster.allOthersSee(victim, MemberState.DEAD));
    long deadIncarnation = cluster.memberOf(0, victim).incarnation();

    cluster.restart(victim, 0);

    await()
        .atMost(CONVERGE)
        .until(
            () -> {
              for (int i = 0; i < NODES; i++) {
                Member m = cluster.memberOf(i, victim);
                if (m == null
                    || m.state() != MemberState.ALIVE
                    || m.incarnation() <= deadIncarnation) {
                  return false;
                }
              }
              return cluster.converged();
            });
    assertThat(cluster.gossip(victim).members().get(0).incarnation())
        .isGreaterThan(deadIncarnation);
    assertThat(
            cluster.events(
                o ->
                    o.type() == MemberEvent.Type.JOINED
                        && o.subject() == victim
                        && o.atNanos() > 0))
        .hasSizeGreaterThanOrEqualTo(2 * (NODES - 1));
    assertThat(deaths(o -> o.subject() != victim)).as(cluster.diagnostics()).isEmpty();
  }
}
