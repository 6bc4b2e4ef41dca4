package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.send;
import static io.skein.testnet.sim.Toys.sendPings;
import static io.skein.testnet.sim.Toys.toy;
import static io.skein.testnet.sim.Toys.toySim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.skein.crypto.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class LinkFaultsTest {
  private static final int COUNT = 20_000;

  @Test
  void lossRateMatchesTheConfiguredProbability(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan().withLoss(0.2), 2, false);
    sendPings(sim, 0, 1, COUNT);
    sim.runFor(10 * MS);

    int delivered = toy(sim, 1).received.size();
    // 20,000 draws at p = 0.2: standard deviation 0.0028, so +-0.015 is more than 5 sigma
    assertThat(delivered / (double) COUNT).isCloseTo(0.8, within(0.015));
    assertThat(sim.stats().count(TraceKind.DROP_LOSS)).isEqualTo(COUNT - delivered);
    assertThat(sim.stats().sent()).isEqualTo(COUNT);
  }

  @Test
  void duplicationDeliversSomeMessagesTwice(SimSeed seed) {
    Simulator<ToyMessage> sim =
        toySim(seed.value(), LinkModel.lan().withDuplication(0.1), 2, false);
    sendPings(sim, 0, 1, COUNT);
    sim.runFor(10 * MS);

    List<Long> seqs = toy(sim, 1).pingSeqs();
    assertThat(new HashSet<>(seqs)).hasSize(COUNT);
    assertThat((seqs.size() - COUNT) / (double) COUNT).isCloseTo(0.1, within(0.015));
    assertThat(sim.stats().count(TraceKind.DUPLICATE)).isEqualTo(seqs.size() - COUNT);
  }

  @Test
  void delaysStayWithinBasePlusJitterAndCoverIt(SimSeed seed) {
    LinkModel link = LinkModel.ideal().withDelay(MS, 2 * MS);
    Simulator<ToyMessage> sim = toySim(seed.value(), link, 2, false);
    sendPings(sim, 0, 1, 2_000);
    sim.runFor(10 * MS);

    List<Long> times = new ArrayList<>();
    toy(sim, 1).received.forEach(r -> times.add(r.timeNanos()));
    assertThat(times).hasSize(2_000).allMatch(t -> t >= MS && t < 3 * MS);
    assertThat(times.stream().mapToLong(t -> t).min().orElseThrow()).isLessThan(MS + MS / 10);
    assertThat(times.stream().mapToLong(t -> t).max().orElseThrow())
        .isGreaterThan(3 * MS - MS / 10);
  }

  @Test
  void jitterReordersMessagesAndNoJitterKeepsOrder(SimSeed seed) {
    assertThat(pingsSentApart(seed.value(), LinkModel.ideal().withDelay(MS, 0)))
        .isSorted()
        .hasSize(500);
    List<Long> jittered = pingsSentApart(seed.value(), LinkModel.ideal().withDelay(MS, MS));
    assertThat(jittered).hasSize(500).containsExactlyInAnyOrderElementsOf(range(500));
    assertThat(jittered).isNotEqualTo(range(500));
  }

  @Test
  void anIdealLinkDeliversAtTheInstantOfSending(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.ideal(), 2, false);
    sim.runUntil(7 * MS);
    send(sim, 0, 1, new ToyMessage.Ping(1));
    sim.runFor(0);

    assertThat(toy(sim, 1).received).singleElement().matches(r -> r.timeNanos() == 7 * MS);
  }

  @Test
  void aLinkOverrideAppliesToOneDirectionOnly(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 3, false);
    sim.network().link(0, 1, LinkModel.lan().withLoss(1.0));
    sendPings(sim, 0, 1, 100);
    sendPings(sim, 1, 0, 100);
    sendPings(sim, 0, 2, 100);
    sim.runFor(10 * MS);

    assertThat(toy(sim, 1).received).isEmpty();
    assertThat(toy(sim, 0).received).hasSize(100);
    assertThat(toy(sim, 2).received).hasSize(100);

    sim.network().clearLink(0, 1);
    sendPings(sim, 0, 1, 100);
    sim.runFor(10 * MS);
    assertThat(toy(sim, 1).received).hasSize(100);
  }

  @Test
  void aMessageToAnUnknownEndpointIsDroppedAndCounted(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), LinkModel.lan(), 1, false);
    sim.command(0, p -> ((ToyProcess) p).send(new Endpoint("nowhere", 1), new ToyMessage.Ping(0)));
    sim.runFor(10 * MS);

    assertThat(sim.stats().count(TraceKind.DROP_UNKNOWN)).isEqualTo(1);
    assertThat(sim.stats().delivered()).isZero();
  }

  /** Node 0 sends pings 0..499 10 us apart; returns the order node 1 received them in. */
  private static List<Long> pingsSentApart(long seed, LinkModel link) {
    Simulator<ToyMessage> sim = toySim(seed, link, 2, false);
    for (int i = 0; i < 500; i++) {
      long seq = i;
      sim.schedule(i * 10_000L, () -> send(sim, 0, 1, new ToyMessage.Ping(seq)));
    }
    sim.runFor(100 * MS);
    return toy(sim, 1).pingSeqs();
  }

  private static List<Long> range(int n) {
    List<Long> r = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }
}
