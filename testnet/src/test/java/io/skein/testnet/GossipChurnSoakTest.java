package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fifty real nodes started at once, then ten rounds of killing a random node and restarting it with
 * its key: each death is seen by every other node within the bound, each restart rejoins, and no
 * node that was not killed is ever declared dead. About three minutes: run with {@code -Pslow}.
 */
@Tag("slow")
class GossipChurnSoakTest {
  private static final int NODES = 50;
  private static final int ROUNDS = 10;
  private static final Duration DETECT = Duration.ofSeconds(20);

  @Test
  void tenKillsAndRestartsAmongFiftyNodesAreDetectedEverywhereWithoutFalseDeaths()
      throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    try (GossipCluster cluster =
        GossipCluster.startAllAtOnce(NODES, GossipCluster.nodeConfig(), GossipConfig.lan(), 11)) {
      await().atMost(Duration.ofSeconds(90)).until(cluster::converged);
      List<long[]> killWindows = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        int victim = 1 + random.nextInt(NODES - 1);
        long killedAt = System.nanoTime();
        cluster.kill(victim);
        await().atMost(DETECT).until(() -> cluster.allOthersSee(victim, MemberState.DEAD));
        cluster.restart(victim, victim == 1 ? 2 : 1);
        await().atMost(Duration.ofSeconds(30)).until(cluster::converged);
        killWindows.add(new long[] {victim, killedAt, System.nanoTime()});
      }
      List<GossipCluster.Observed> falseDeaths =
          cluster.events(
              o ->
                  o.type() == MemberEvent.Type.DEAD
                      && killWindows.stream()
                          .noneMatch(
                              w ->
                                  w[0] == o.subject()
                                      && o.atNanos() - w[1] > 0
                                      && w[2] - o.atNanos() > 0));
      assertThat(falseDeaths).as(cluster.diagnostics()).isEmpty();
      assertThat(cluster.events(o -> o.type() == MemberEvent.Type.DEAD))
          .hasSize(ROUNDS * (NODES - 1));
    }
  }
}
