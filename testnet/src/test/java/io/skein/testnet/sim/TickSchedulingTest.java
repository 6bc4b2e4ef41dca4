package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static io.skein.testnet.sim.Toys.toy;
import static io.skein.testnet.sim.Toys.toySim;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class TickSchedulingTest {
  @Test
  void aProcessTicksExactlyAtItsDeadlineAndOnlyThen(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    sim.command(
        0,
        p -> {
          ((ToyProcess) p).deadlineNanos = 100 * MS;
          ((ToyProcess) p).periodNanos = 100 * MS;
        });
    sim.runUntil(SECOND);

    List<Long> expected = new ArrayList<>();
    for (long t = 100 * MS; t <= SECOND; t += 100 * MS) {
      expected.add(t);
    }
    assertThat(toy(sim, 0).ticks).isEqualTo(expected);
    assertThat(sim.stats().count(TraceKind.TICK)).isEqualTo(10);
  }

  @Test
  void aProcessWithoutDeadlineIsNeverTicked(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 3, false);
    sim.runUntil(3600 * SECOND);

    assertThat(sim.stats().count(TraceKind.TICK)).isZero();
    assertThat(sim.stats().eventsProcessed()).isZero();
  }

  @Test
  void aDeadlineMovedLaterSkipsTheEarlierTick(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    sim.command(0, p -> ((ToyProcess) p).deadlineNanos = 100 * MS);
    sim.runUntil(50 * MS);
    sim.command(0, p -> ((ToyProcess) p).deadlineNanos = 200 * MS);
    sim.runUntil(SECOND);

    assertThat(toy(sim, 0).ticks).containsExactly(200 * MS);
  }

  @Test
  void aDeadlineMovedEarlierIsHonoured(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    sim.command(0, p -> ((ToyProcess) p).deadlineNanos = 500 * MS);
    sim.runUntil(50 * MS);
    sim.command(0, p -> ((ToyProcess) p).deadlineNanos = 70 * MS);
    sim.runUntil(SECOND);

    assertThat(toy(sim, 0).ticks).containsExactly(70 * MS);
  }

  @Test
  void aDeadlineInThePastTicksNow(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    sim.runUntil(SECOND);
    sim.command(0, p -> ((ToyProcess) p).deadlineNanos = 0);
    sim.runFor(0);

    assertThat(toy(sim, 0).ticks).containsExactly(SECOND);
  }

  @Test
  void aProcessThatIsAlwaysDueStillLetsVirtualTimeAdvance(SimSeed seed) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed.value()).fingerprint(ToyMessage::fingerprint).build();
    sim.addNode(
        node ->
            new ToyProcess(node, false) {
              @Override
              public long nextDeadlineNanos() {
                return 0;
              }
            });
    sim.runFor(1_000);

    // due at t=0, then after every tick 1 ns later: never twice at one instant
    assertThat(toy(sim, 0).ticks).hasSize(1_001).doesNotHaveDuplicates().isSorted();
    assertThat(sim.nowNanos()).isEqualTo(1_000);
  }

  @Test
  void eventsAtTheSameInstantRunInTheOrderTheyWereScheduled(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      sim.schedule(MS, () -> order.add(n));
    }
    sim.schedule(0, () -> order.add(-1));
    sim.runUntil(SECOND);

    assertThat(order)
        .hasSize(51)
        .startsWith(-1, 0, 1, 2)
        .endsWith(48, 49)
        .isSortedAccordingTo(Integer::compare);
  }
}
