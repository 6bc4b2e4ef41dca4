package io.skein.testnet.bench;

import io.skein.crypto.KeyPair;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.PingResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trip of one signed ping and its signed ack between two real nodes on loopback: JeroMQ
 * transport, codec, two signatures and two verifications, two event-loop hand-offs. Sample-time
 * mode reports the percentiles (p50, p99) of single round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingRttBench {
  private Node a;
  private Node b;

  @Setup
  public void setUp() throws Exception {
    NodeConfig config = NodeConfig.local().withPingTimeoutMillis(5_000);
    a = Node.start(KeyPair.generate(), config);
    b = Node.start(KeyPair.generate(), config);
    a.ping(b.endpoint(), b.publicKey()).get(10, TimeUnit.SECONDS); // connect, learn routes
  }

  @TearDown
  public void tearDown() {
    a.close();
    b.close();
  }

  /** One signed ping from a to b, answered by a signed ack. */
  @Benchmark
  public PingResult signedPingRoundTrip() throws Exception {
    return a.ping(b.endpoint(), b.publicKey()).get(5, TimeUnit.SECONDS);
  }
}
