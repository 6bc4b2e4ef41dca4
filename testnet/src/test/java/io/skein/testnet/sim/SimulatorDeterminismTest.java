package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class SimulatorDeterminismTest {
  private static final int NODES = 60;

  /** A flood run with every kind of fault; returns the simulator after 20 virtual seconds. */
  static Simulator<ToyMessage> floodWithFaults(long seed) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed)
            .link(new LinkModel(MS, 5 * MS, 0.05, 0.02))
            .fingerprint(ToyMessage::fingerprint)
            .build();
    sim.addNodes(NODES, node -> new FloodProcess(node, NODES, 100 * MS));
    sim.schedule(2 * SECOND, () -> sim.crash(3));
    sim.schedule(4 * SECOND, () -> sim.restart(3, true));
    sim.schedule(SECOND, () -> sim.pause(7, 1500 * MS));
    sim.schedule(
        3 * SECOND,
        () -> {
          Partition p =
              sim.network().blockTwoWay(SimNetwork.range(0, 10), SimNetwork.range(10, NODES));
          sim.scheduleAfter(2 * SECOND, () -> sim.network().heal(p));
        });
    sim.runUntil(20 * SECOND);
    return sim;
  }

  @Test
  void sameSeedGivesSameTraceHash(SimSeed seed) {
    Simulator<ToyMessage> first = floodWithFaults(seed.value());
    Simulator<ToyMessage> second = floodWithFaults(seed.value());

    assertThat(first.traceRecords()).isGreaterThan(10_000);
    assertThat(second.traceHashHex()).isEqualTo(first.traceHashHex());
    assertThat(second.traceRecords()).isEqualTo(first.traceRecords());
    assertThat(second.stats().toString()).isEqualTo(first.stats().toString());
  }

  @Test
  void differentSeedsGiveDifferentTraceHashes(SimSeed seed) {
    assertThat(floodWithFaults(seed.value() + 1).traceHashHex())
        .isNotEqualTo(floodWithFaults(seed.value()).traceHashHex());
  }

  @Test
  void everyFaultKindShowsUpInTheTrace(SimSeed seed) {
    SimStats stats = floodWithFaults(seed.value()).stats();

    for (TraceKind kind :
        List.of(
            TraceKind.DROP_LOSS,
            TraceKind.DROP_PARTITION,
            TraceKind.DROP_DOWN,
            TraceKind.DUPLICATE,
            TraceKind.QUEUE_PAUSED,
            TraceKind.CRASH,
            TraceKind.RESTART,
            TraceKind.PAUSE,
            TraceKind.RESUME,
            TraceKind.EVENT)) {
      assertThat(stats.count(kind)).as(kind.name()).isPositive();
    }
  }

  @Test
  void toyProtocolSpreadsEveryRumorDespiteFaults(SimSeed seed) {
    Simulator<ToyMessage> sim = floodWithFaults(seed.value());
    sim.runFor(20 * SECOND);

    long all = 0;
    for (int i = 0; i < NODES; i++) {
      all |= 1L << (i % 64);
    }
    for (int i = 0; i < NODES; i++) {
      FloodProcess p = (FloodProcess) sim.process(i);
      assertThat(p.known()).as("node " + i).isEqualTo(all);
    }
  }

  @Test
  void readingTheHashMidRunDoesNotChangeTheRun(SimSeed seed) {
    Simulator<ToyMessage> plain = floodWithFaults(seed.value());
    plain.runFor(SECOND);

    Simulator<ToyMessage> peeked = floodWithFaults(seed.value());
    String mid = peeked.traceHashHex();
    peeked.runFor(SECOND);

    assertThat(peeked.traceHashHex()).isEqualTo(plain.traceHashHex()).isNotEqualTo(mid);
  }

  @Test
  void aNodesStreamDoesNotDependOnOtherNodesOrFaults(SimSeed seed) {
    List<Long> alone = firstDraws(seed.value(), 1, LinkModel.ideal());
    List<Long> crowded = firstDraws(seed.value(), 200, LinkModel.lan().withLoss(0.3));

    assertThat(crowded).isEqualTo(alone);
    assertThat(firstDraws(seed.value() + 1, 1, LinkModel.ideal())).isNotEqualTo(alone);
  }

  @Test
  void aRestartedNodeGetsAFreshStream(SimSeed seed) {
    List<Long> draws = new ArrayList<>();
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed.value()).fingerprint(ToyMessage::fingerprint).build();
    sim.addNode(
        node -> {
          draws.add(node.random().nextLong());
          return new ToyProcess(node, false);
        });
    sim.restart(0, false);

    assertThat(draws).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void protocolEventsEnterTheTraceHashAndReachTheListener(SimSeed seed) {
    List<String> seen = new ArrayList<>();
    String[] hashes = new String[3];
    String[] payloads = {"suspect n1", "suspect n1", "suspect n2"};
    for (int run = 0; run < 3; run++) {
      Simulator<ToyMessage> sim =
          Simulator.<ToyMessage>builder(seed.value())
              .fingerprint(ToyMessage::fingerprint)
              .eventListener((t, node, e) -> seen.add(node + ":" + e))
              .build();
      sim.addNodes(2, node -> new ToyProcess(node, false));
      String payload = payloads[run];
      sim.command(1, p -> ((ToyProcess) p).event(payload));
      hashes[run] = sim.traceHashHex();
    }

    assertThat(seen).containsExactly("1:suspect n1", "1:suspect n1", "1:suspect n2");
    assertThat(hashes[1]).isEqualTo(hashes[0]);
    assertThat(hashes[2]).isNotEqualTo(hashes[0]);
  }

  /** The first draws of node 0's core stream, in a run of {@code n} nodes . */
  private static List<Long> firstDraws(long seed, int n, LinkModel link) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed).link(link).fingerprint(ToyMessage::fingerprint).build();
    List<Long> draws = new ArrayList<>();
    sim.addNodes(
        n,
        node -> {
          if (node.index() == 0) {
            for (int i = 0; i < 4; i++) {
              draws.add(node.random().nextLong());
            }
          }
          return new FloodProcess(node, n, 100 * MS);
        });
    sim.runFor(SECOND);
    return draws;
  }
}
