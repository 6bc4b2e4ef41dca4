package io.skein.dht;

import static io.skein.dht.TestNetwork.MS;
import static io.skein.dht.TestNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.TestNetwork.Node;
import io.skein.dht.record.ImmutableRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cores draw all randomness from the injected generator: one seed, one run. */
class DeterminismTest {
  private static List<Object> run(long seed) {
    TestNetwork net = new TestNetwork(seed);
    net.addNodes(60, DhtConfig.lan());
    net.bootstrapAllThrough(net.node(0), 50 * MS);
    Node writer = net.node(17);
    PutResult put =
        net.await(
            writer,
            writer.dht.put(net.now(), ImmutableRecord.of("x".getBytes(StandardCharsets.UTF_8))));
    net.runFor(5 * SECOND);
    List<Object> trace = new ArrayList<>();
    trace.add(net.delivered());
    trace.add(net.now());
    trace.add(put.acked());
    trace.add(put.stats());
    for (Node n : net.nodes()) {
      trace.add(n.dht.routingTable().all());
      trace.add(n.store.size());
    }
    return trace;
  }

  @Test
  void sameSeedGivesTheSameRun() {
    assertThat(run(42)).isEqualTo(run(42));
  }

  @Test
  void anotherSeedGivesAnotherRun() {
    assertThat(run(42)).isNotEqualTo(run(43));
  }
}
