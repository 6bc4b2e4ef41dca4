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
 * mode reports the percentiles (p50, p99) of single round trips. The per-connection rate limit is
 * lifted: it is what a flood meets, not part of a round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingRttBench {
  private Node a;
  private Node b;

  @Setup
  public void setUp() throws Exception {
    // Back-to-back pings run at several hundred a second, past the per-connection rate limit
    // (500 frames/s, burst 1,000); a ping that limit drops would be timed as a 5 s round trip.
    NodeConfig local = NodeConfig.local();
    NodeConfig config =
        local
            .withPingTimeoutMillis(5_000)
            .withTransport(local.transport().withRateLimit(1_000_000, 1_000_000));
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
