package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static io.skein.testnet.sim.Toys.toy;
import static io.skein.testnet.sim.Toys.toySim;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class SimFaultsTest {
  @Test
  void randomStallsPauseOnlyThePickedNodesForTheConfiguredDurations(SimSeed seed) {
    int n = 50;
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), n, false);
    BitSet stalling = SimFaults.pickNodes(sim, "stall", n, 5);
    assertThat(stalling.cardinality()).isEqualTo(5);
    long[] pausedSamples = new long[n];
    for (long t = 0; t < 600 * SECOND; t += 100 * MS) {
      sim.schedule(
          t,
          () -> {
            for (int i = 0; i < n; i++) {
              if (sim.isPaused(i)) {
                pausedSamples[i]++;
              }
            }
          });
    }
    SimFaults.randomStalls(sim, stalling, SECOND, 5 * SECOND, 20 * SECOND, 600 * SECOND);
    sim.runUntil(600 * SECOND);

    long pauses = sim.stats().count(TraceKind.PAUSE);
    // mean cycle 3 s pause + 20 s gap: about 26 stalls per node in 600 s
    assertThat(pauses).isBetween(5L * 15, 5L * 40);
    assertThat(sim.stats().count(TraceKind.RESUME)).isBetween(pauses - 5, pauses);
    for (int i = 0; i < n; i++) {
      if (stalling.get(i)) {
        // about 3/23 of the time paused: 13% of 6,000 samples
        assertThat(pausedSamples[i]).as("node " + i).isBetween(400L, 1400L);
      } else {
        assertThat(pausedSamples[i]).as("node " + i).isZero();
      }
    }
  }

  @Test
  void crashAndRestartBringsTheNodeBackWithAFreshProcess(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 2, false);
    ToyProcess before = toy(sim, 1);
    SimFaults.crashAndRestart(sim, 1, SECOND, 2 * SECOND, true);

    sim.runUntil(2 * SECOND);
    assertThat(sim.isUp(1)).isFalse();
    sim.runUntil(4 * SECOND);
    assertThat(sim.isUp(1)).isTrue();
    assertThat(toy(sim, 1)).isNotSameAs(before);
    assertThat(toy(sim, 1).node.nowNanos()).isEqualTo(3 * SECOND);
  }

  @Test
  void pickingNodesIsDeterministicAndDependsOnTheName(SimSeed seed) {
    Simulator<ToyMessage> a = toySim(seed.value(), LinkModel.lan(), 1, false);
    Simulator<ToyMessage> b = toySim(seed.value(), LinkModel.lan(), 1, false);

    assertThat(SimFaults.pickNodes(a, "stall", 1000, 100))
        .isEqualTo(SimFaults.pickNodes(b, "stall", 1000, 100))
        .isNotEqualTo(SimFaults.pickNodes(b, "crash", 1000, 100));
  }
}
