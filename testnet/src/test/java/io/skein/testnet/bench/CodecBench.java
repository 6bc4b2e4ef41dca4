package io.skein.testnet.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.KeyPair;
import io.skein.node.wire.Decoded;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.Ping;
import io.skein.node.wire.WireMetrics;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frame encode+sign and verify+decode per second for a 200-byte payload (a Ping whose padding makes
 * its Kryo payload 200 bytes). Compare with {@link CryptoBench}: the codec's own cost is what these
 * lose against bare sign and verify.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBench {
  private static final int NETWORK_ID = 7;
  private static final long NOW_MILLIS = 1_800_000_000_000L;

  /** Frames with distinct request ids, so the receiver's replay guard accepts each once. */
  private static final int BATCH = 4096;

  private KeyPair senderKeys;
  private KeyPair receiverKeys;
  private FrameCodec sender;
  private FrameCodec receiver;
  private Ping ping;
  private byte[][] frames;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    senderKeys = KeyPair.fromSeed(seed);
    random.nextBytes(seed);
    receiverKeys = KeyPair.fromSeed(seed);
    sender = codec(senderKeys);
    byte[] padding = new byte[188];
    random.nextBytes(padding);
    ping = new Ping(123_456_789L, padding);
    frames = new byte[BATCH][];
    for (int i = 0; i < BATCH; i++) {
      frames[i] =
          sender.encode(Ping.TYPE, receiverKeys.nodeId(), sender.nextRequestId(), ping, NOW_MILLIS);
    }
    receiver = codec(receiverKeys);
  }

  private static FrameCodec codec(KeyPair keys) {
    PrometheusRegistry registry = new PrometheusRegistry();
    MessageTypes types = MessageTypes.core().build();
    return FrameCodec.builder(NETWORK_ID, keys, types, new WireMetrics(registry, types))
        .requestIdClockMillis(NOW_MILLIS)
        .build();
  }

  /** Header, Kryo payload and one Ed25519ctx signature. */
  @Benchmark
  public byte[] encodeAndSign() {
    return sender.encode(
        Ping.TYPE, receiverKeys.nodeId(), sender.nextRequestId(), ping, NOW_MILLIS);
  }

  /** Header checks, one verification, replay check and payload decode. */
  @Benchmark
  public Object verifyAndDecode() {
    if (next == BATCH) {
      // A new receiver (new replay window) instead of replays: about 1 in 4096 calls.
      receiver = codec(receiverKeys);
      next = 0;
    }
    Decoded decoded = receiver.decode(frames[next++], NOW_MILLIS);
    if (!(decoded instanceof InboundFrame frame)) {
      throw new IllegalStateException("benchmark frame dropped: " + decoded);
    }
    return frame.payload();
  }
}
