package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.MemberEvent;
import java.util.EnumSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #3: on {@link GossipConfig#lan()} at 1,000 members a member that freezes for 5 s is accused
 * while frozen (unless no probe reached it in time), refutes when it wakes, and nobody declares it
 * dead.
 */
@ExtendWith(SimSeedExtension.class)
class StallToleranceTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int N = 1000;
  private static final int STALLED = 20;

  @Test
  void aMemberStalledForFiveSecondsRefutesBeforeItIsDeclaredDead(SimSeed seed) {
    GossipSim g = GossipSim.builder(seed.value()).build();
    g.addNodes(N, 10 * SECOND);
    assertThat(g.runUntilConverged(600 * SECOND)).as("converged").isTrue();

    // 20 distinct non-seed members freeze for 5 s each, starting at random moments within 2 s,
    // so their phases against the probes that will find them silent differ.
    RandomGenerator random = g.sim().random("test/stall", 0);
    int[] stalled = new int[STALLED];
    long[] incarnation = new long[STALLED];
    for (int i = 0; i < STALLED; i++) {
      stalled[i] = 3 + i * ((N - 3) / STALLED) + random.nextInt((N - 3) / STALLED);
      incarnation[i] = g.swim(stalled[i]).self().incarnation();
      int node = stalled[i];
      g.sim().scheduleAfter(random.nextLong(2 * SECOND), () -> g.sim().pause(node, 5 * SECOND));
    }
    long refutedBefore = g.counterSum(Counter.SUSPICIONS_REFUTED);
    Watch[] suspected = new Watch[STALLED];
    for (int i = 0; i < STALLED; i++) {
      suspected[i] = g.watch(g.sim().publicKey(stalled[i]), EnumSet.of(MemberEvent.Type.SUSPECT));
    }
    // Past every stall and every timer a single accuser could have started (max timeout 29 s).
    g.sim().runFor(40 * SECOND);

    assertThat(g.falseDeathEpisodes()).as("running members declared dead").isZero();
    // A member is probed about once a second (each of N - 1 members probes one a second), and only
    // a probe in the first 4 s of a 5 s stall fails (later ones are answered on waking): with
    // probability e^-4 = 1.8% nobody accuses a stalled member at all (0.4 of 20 expected).
    int accused = 0;
    for (int i = 0; i < STALLED; i++) {
      if (suspected[i].seen() > 0) {
        accused++;
        assertThat(g.swim(stalled[i]).self().incarnation())
            .as("node %d was accused while frozen and refuted", stalled[i])
            .isGreaterThan(incarnation[i]);
      }
    }
    assertThat(accused).as("stalled members accused").isGreaterThanOrEqualTo(STALLED - 3);
    assertThat(g.counterSum(Counter.SUSPICIONS_REFUTED) - refutedBefore)
        .as("suspicions ended by a refutation")
        .isGreaterThan(STALLED * (N / 2));
    assertThat(g.converged()).isTrue();
  }
}
