package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints how fast the engine runs a 1,000-node toy protocol; a figure, not a timing assertion. */
@ExtendWith(SimSeedExtension.class)
class SimThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(SimThroughputTest.class);

  @Test
  void thousandFloodNodesForOneVirtualMinute(SimSeed seed) {
    int nodes = 1_000;
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed.value())
            .link(LinkModel.lan().withLoss(0.01))
            .fingerprint(ToyMessage::fingerprint)
            .build();
    sim.addNodes(nodes, node -> new FloodProcess(node, nodes, 200 * MS));

    long start = System.nanoTime();
    sim.runUntil(60 * SECOND);
    double seconds = (System.nanoTime() - start) / 1e9;

    SimStats stats = sim.stats();
    assertThat(stats.delivered()).isGreaterThan(250_000);
    LOG.warn(
        String.format(
            "SimThroughput: 1000 toy nodes, 60 virtual s: %d events (%d messages sent, %d ticks) in"
                + " %.2f s = %.0f events/s, %.0fx real time",
            stats.eventsProcessed(),
            stats.sent(),
            stats.count(TraceKind.TICK),
            seconds,
            stats.eventsProcessed() / seconds,
            60 / seconds));
  }
}
