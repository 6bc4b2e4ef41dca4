package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.send;
import static io.skein.testnet.sim.Toys.toy;
import static io.skein.testnet.sim.Toys.toySim;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class PartitionTest {
  private static final int N = 4;

  @Test
  void aOneWayPartitionBlocksExactlyTheConfiguredDirection(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), N, false);
    sim.network().blockOneWay(SimNetwork.nodes(0, 1), SimNetwork.nodes(2, 3));

    assertThat(reachability(sim))
        .isEqualTo(
            new boolean[][] {
              {true, true, false, false},
              {true, true, false, false},
              {true, true, true, true},
              {true, true, true, true}
            });
  }

  @Test
  void aTwoWayPartitionBlocksBothDirections(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), N, false);
    sim.network().blockTwoWay(SimNetwork.nodes(0), SimNetwork.nodes(1, 2));

    assertThat(reachability(sim))
        .isEqualTo(
            new boolean[][] {
              {true, false, false, true},
              {false, true, true, true},
              {false, true, true, true},
              {true, true, true, true}
            });
  }

  @Test
  void healingRestoresEveryLink(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), N, false);
    Partition cut = sim.network().blockTwoWay(SimNetwork.nodes(0, 1), SimNetwork.nodes(2, 3));
    Partition isolated = sim.network().isolate(3, N);
    assertThat(sim.network().partitions()).containsExactly(cut, isolated);

    assertThat(sim.network().heal(cut)).isTrue();
    boolean[][] onlyThreeIsolated = reachability(sim);
    assertThat(onlyThreeIsolated[0][2]).isTrue();
    assertThat(onlyThreeIsolated[0][3]).isFalse();
    assertThat(onlyThreeIsolated[3][2]).isFalse();

    sim.network().healAll();
    boolean[][] healed = reachability(sim);
    for (boolean[] row : healed) {
      assertThat(row).containsOnly(true);
    }
  }

  @Test
  void aMessageInFlightWhenTheCutIsMadeStillArrives(SimSeed seed) {
    Simulator<ToyMessage> sim =
        toySim(seed.value(), LinkModel.ideal().withDelay(10 * MS, 0), 2, false);
    send(sim, 0, 1, new ToyMessage.Ping(1));
    sim.runFor(5 * MS);
    sim.network().blockTwoWay(SimNetwork.nodes(0), SimNetwork.nodes(1));
    send(sim, 0, 1, new ToyMessage.Ping(2));
    sim.runFor(20 * MS);

    assertThat(toy(sim, 1).pingSeqs()).containsExactly(1L);
    assertThat(sim.stats().count(TraceKind.DROP_PARTITION)).isEqualTo(1);
  }

  /** Sends one ping on every ordered pair; [i][j] = whether i's ping reached j. */
  private static boolean[][] reachability(Simulator<ToyMessage> sim) {
    long base = sim.nowNanos() * 1000;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        send(sim, i, j, new ToyMessage.Ping(base + i * N + j));
      }
    }
    sim.runFor(10 * MS);
    boolean[][] reached = new boolean[N][N];
    for (int j = 0; j < N; j++) {
      for (long seq : toy(sim, j).pingSeqs()) {
        if (seq >= base && seq < base + N * N) {
          reached[(int) ((seq - base) / N)][j] = true;
        }
      }
    }
    return reached;
  }
}
