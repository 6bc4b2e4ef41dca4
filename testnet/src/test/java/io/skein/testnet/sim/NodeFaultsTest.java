package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static io.skein.testnet.sim.Toys.send;
import static io.skein.testnet.sim.Toys.sendPings;
import static io.skein.testnet.sim.Toys.toy;
import static io.skein.testnet.sim.Toys.toySim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class NodeFaultsTest {
  private static final LinkModel ONE_MS = LinkModel.ideal().withDelay(MS, 0);

  @Test
  void aPausedNodeGetsQueuedMessagesInArrivalOrderWhenItResumes(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    sim.pause(1, SECOND);
    for (int i = 0; i < 5; i++) {
      long seq = i;
      sim.schedule(100 * MS * (i + 1), () -> send(sim, 0, 1, new ToyMessage.Ping(seq)));
    }
    sim.runFor(900 * MS);
    assertThat(toy(sim, 1).received).isEmpty();
    assertThat(sim.isPaused(1)).isTrue();

    sim.runFor(200 * MS);
    assertThat(toy(sim, 1).pingSeqs()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(toy(sim, 1).received).allMatch(r -> r.timeNanos() == SECOND);
    assertThat(sim.stats().count(TraceKind.QUEUE_PAUSED)).isEqualTo(5);
    assertThat(sim.isPaused(1)).isFalse();
  }

  @Test
  void aPausedNodeTicksLateAndAnswersLate(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, true);
    sim.command(1, p -> ((ToyProcess) p).deadlineNanos = 300 * MS);
    sim.runUntil(100 * MS);
    sim.pause(1, SECOND);
    send(sim, 0, 1, new ToyMessage.Ping(9));
    sim.runUntil(2 * SECOND);

    assertThat(toy(sim, 1).ticks).containsExactly(1100 * MS);
    assertThat(toy(sim, 0).received)
        .singleElement()
        .matches(r -> r.message().equals(new ToyMessage.Pong(9)) && r.timeNanos() == 1101 * MS);
  }

  @Test
  void aPausedNodeTakesNoCommandsAndAPauseOnlyExtends(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    sim.pause(1, SECOND);
    sim.pause(1, 100 * MS);
    assertThatThrownBy(() -> send(sim, 1, 0, new ToyMessage.Ping(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("paused");

    sim.runFor(500 * MS);
    assertThat(sim.isPaused(1)).isTrue();
    sim.pause(1, SECOND);
    sim.runFor(900 * MS);
    assertThat(sim.isPaused(1)).isTrue();
    sim.runFor(200 * MS);
    assertThat(sim.isPaused(1)).isFalse();
  }

  @Test
  void aCrashLosesStateAndDropsEverythingSentToTheNode(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    sendPings(sim, 0, 1, 3);
    sim.runFor(10 * MS);
    ToyProcess before = toy(sim, 1);
    assertThat(before.received).hasSize(3);

    sim.crash(1);
    assertThat(sim.isUp(1)).isFalse();
    assertThat(sim.process(1)).isNull();
    sendPings(sim, 0, 1, 4);
    sim.runFor(10 * MS);
    assertThat(sim.stats().count(TraceKind.DROP_DOWN)).isEqualTo(4);

    sim.restart(1, false);
    ToyProcess after = toy(sim, 1);
    assertThat(after).isNotSameAs(before);
    assertThat(after.received).isEmpty();
    assertThat(after.node.incarnation()).isEqualTo(1);
    assertThat(sim.incarnation(1)).isEqualTo(1);
    sendPings(sim, 0, 1, 2);
    sim.runFor(10 * MS);
    assertThat(after.received).hasSize(2);
  }

  @Test
  void aCrashDropsMessagesQueuedWhilePaused(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    sim.pause(1, SECOND);
    sendPings(sim, 0, 1, 3);
    sim.runFor(10 * MS);
    sim.crash(1);
    sim.restart(1, false);
    sim.runFor(2 * SECOND);

    assertThat(toy(sim, 1).received).isEmpty();
    assertThat(sim.stats().count(TraceKind.DROP_DOWN)).isEqualTo(3);
    assertThat(sim.isPaused(1)).isFalse();
  }

  @Test
  void messagesSentBeforeACrashAreOnTheWireAndStillArrive(SimSeed seed) {
    Simulator<ToyMessage> sim =
        toySim(seed.value(), LinkModel.ideal().withDelay(10 * MS, 0), 2, false);
    send(sim, 0, 1, new ToyMessage.Ping(5));
    sim.runFor(5 * MS);
    sim.crash(0);
    sim.runFor(10 * MS);

    assertThat(toy(sim, 1).pingSeqs()).containsExactly(5L);
  }

  @Test
  void aRestartKeepsTheKeyUnlessAskedForAFreshOne(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    PublicKey original = sim.publicKey(1);
    sim.restart(1, false);
    assertThat(sim.publicKey(1)).isEqualTo(original);
    assertThat(toy(sim, 1).node.signer().publicKey()).isEqualTo(original);

    sim.restart(1, true);
    assertThat(sim.publicKey(1)).isNotEqualTo(original);
    assertThat(sim.endpoint(1)).isEqualTo(Simulator.endpointOf(1));
  }

  @Test
  void aMessageForTheOldKeyIsDroppedAfterAFreshKeyRestart(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 2, false);
    PublicKey old = sim.publicKey(1);
    Endpoint to = Simulator.endpointOf(1);
    sim.command(0, p -> ((ToyProcess) p).send(to, old, new ToyMessage.Ping(1)));
    sim.runFor(10 * MS);
    assertThat(toy(sim, 1).pingSeqs()).containsExactly(1L);

    sim.restart(1, true);
    sim.command(0, p -> ((ToyProcess) p).send(to, old, new ToyMessage.Ping(2)));
    sim.command(0, p -> ((ToyProcess) p).send(to, sim.publicKey(1), new ToyMessage.Ping(3)));
    sim.runFor(10 * MS);

    assertThat(toy(sim, 1).pingSeqs()).containsExactly(3L);
    assertThat(sim.stats().count(TraceKind.DROP_KEY)).isEqualTo(1);
  }

  @Test
  void theReceiverLearnsTheSendersEndpointAndKey(SimSeed seed) {
    Simulator<ToyMessage> sim = toySim(seed.value(), ONE_MS, 3, false);
    send(sim, 2, 0, new ToyMessage.Ping(1));
    sim.runFor(10 * MS);

    ToyProcess.Received r = toy(sim, 0).received.get(0);
    assertThat(r.from()).isEqualTo(Simulator.endpointOf(2));
    assertThat(r.fromKey()).isEqualTo(sim.publicKey(2));
  }

  @Test
  void aThrowingProcessIsReportedWithNodeTimeAndSeed(SimSeed seed) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed.value()).fingerprint(ToyMessage::fingerprint).build();
    sim.addNode(node -> new ToyProcess(node, false));
    sim.addNode(
        node ->
            new ToyProcess(node, false) {
              @Override
              public void onMessage(
                  long nowNanos, Endpoint from, PublicKey fromKey, ToyMessage message) {
                throw new IllegalStateException("boom");
              }
            });
    send(sim, 0, 1, new ToyMessage.Ping(1));

    assertThatThrownBy(() -> sim.runFor(SECOND))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("node 1")
        .hasMessageContaining("seed=" + seed.value())
        .hasRootCauseMessage("boom");
  }
}
