package io.skein.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.KeyPair;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.PingResult;
import io.skein.node.loop.EventLoop;
import io.skein.node.loop.LoopMetrics;
import io.skein.node.transport.DropReason;
import io.skein.node.transport.Transport;
import io.skein.node.transport.TransportConfig;
import io.skein.node.transport.TransportMetrics;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.Ping;
import io.skein.node.wire.WireMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer floods a node with thousands of valid signed pings per second over one connection;
 * another peer keeps pinging the same node. The flood is cut by the per-connection rate limit
 * (before any signature check) and counted, the honest pings all succeed, nothing escapes the event
 * loop and the heap does not grow with the flood.
 */
class FloodingPeerTest {
  private static final Logger LOG = LoggerFactory.getLogger(FloodingPeerTest.class);

  private static final int FLOOD_FRAMES = 12_000;
  private static final double FLOOD_PER_SECOND = 4_000;

  @Test
  void aFloodOfValidFramesIsRateLimitedAndCountedWhileAnotherPeerIsServed() throws Exception {
    NodeConfig config = NodeConfig.local().withPingTimeoutMillis(3_000);
    TransportConfig limits = config.transport();
    try (LocalCluster cluster = LocalCluster.start(2, config);
        Flooder flooder = new Flooder()) {
      Node victim = cluster.node(0);
      Node honest = cluster.node(1);
      byte[][] frames = flooder.signedPings(victim, FLOOD_FRAMES);
      honest.ping(victim.endpoint(), victim.publicKey()).get(10, TimeUnit.SECONDS);
      flooder.send(victim, frames[0]);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> victim.transportMetrics().framesReceived() >= 2);
      long heapBefore = usedHeapAfterGc();

      List<CompletableFuture<PingResult>> honestPings = new CopyOnWriteArrayList<>();
      ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
      pinger.scheduleAtFixedRate(
          () -> honestPings.add(honest.ping(victim.endpoint(), victim.publicKey())),
          0,
          50,
          TimeUnit.MILLISECONDS);
      long floodNanos = flooder.flood(victim, frames, 1).get(60, TimeUnit.SECONDS);
      pinger.shutdown();
      assertThat(pinger.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

      for (CompletableFuture<PingResult> p : honestPings) {
        assertThat(p.get(10, TimeUnit.SECONDS).peer()).isEqualTo(victim.publicKey());
      }
      long expectedIn = FLOOD_FRAMES + honestPings.size() + 1;
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  victim.transportMetrics().framesReceived()
                          + victim.transportMetrics().framesDropped(DropReason.RATE_LIMITED)
                      == expectedIn);
      double seconds = floodNanos / 1e9;
      long rateLimited = victim.transportMetrics().framesDropped(DropReason.RATE_LIMITED);
      long floodAccepted = victim.transportMetrics().framesReceived() - honestPings.size() - 1;
      long heapAfter = usedHeapAfterGc();
      LOG.warn(
          String.format(
              "flood: %d signed pings in %.2f s (%.0f/s); %d rate-limited, %d accepted; %d honest"
                  + " pings ok; heap %d -> %d MiB",
              FLOOD_FRAMES,
              seconds,
              FLOOD_FRAMES / seconds,
              rateLimited,
              floodAccepted,
              honestPings.size(),
              heapBefore >> 20,
              heapAfter >> 20));

      assertThat(FLOOD_FRAMES / seconds).isGreaterThan(2_000);
      assertThat(honestPings).hasSizeGreaterThan(10);
      assertThat(floodAccepted)
          .isLessThanOrEqualTo(
              (long) (limits.rateLimitBurstFrames() + limits.rateLimitFramesPerSecond() * seconds)
                  + 50);
      assertThat(rateLimited).isGreaterThan(FLOOD_FRAMES / 2);
      assertThat(victim.loopMetrics().handlerErrors()).isZero();
      assertThat(heapAfter - heapBefore).isLessThan(64L << 20);
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A peer with a real key and codec that sends pre-signed pings on its own loop. */
  private static final class Flooder implements AutoCloseable {
    private final KeyPair key = KeyPair.generate();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final MessageTypes types = MessageTypes.core().build();
    private final FrameCodec codec =
        FrameCodec.builder(
                NodeConfig.DEFAULT_NETWORK_ID, key, types, new WireMetrics(registry, types))
            .build();
    private final EventLoop loop = EventLoop.start("flooder", null, new LoopMetrics(registry));
    private final Transport transport;

    Flooder() throws Exception {
      transport =
          Transport.open(
              loop,
              "127.0.0.1",
              0,
              TransportConfig.local().withSendHighWaterMark(FLOOD_FRAMES),
              (route, frame) -> {},
              new TransportMetrics(registry));
    }

    /** Valid pings addressed to {@code to}: signed, fresh request ids, current timestamps. */
    byte[][] signedPings(Node to, int count) {
      byte[][] frames = new byte[count][];
      for (int i = 0; i < count; i++) {
        frames[i] =
            codec.encode(
                Ping.TYPE,
                to.id(),
                codec.nextRequestId(),
                new Ping(System.nanoTime()),
                System.currentTimeMillis());
      }
      return frames;
    }

    void send(Node to, byte[] frame) {
      loop.execute(() -> transport.send(to.endpoint(), to.publicKey(), frame));
    }

    /** Sends frames[from..] at FLOOD_PER_SECOND; completes with the nanoseconds it took. */
    CompletableFuture<Long> flood(Node to, byte[][] frames, int from) {
      CompletableFuture<Long> done = new CompletableFuture<>();
      long start = System.nanoTime();
      int[] next = {from};
      Runnable[] tick = new Runnable[1];
      tick[0] =
          () -> {
            long due = from + (long) ((System.nanoTime() - start) / 1e9 * FLOOD_PER_SECOND);
            while (next[0] < frames.length && next[0] <= due) {
              transport.send(to.endpoint(), to.publicKey(), frames[next[0]++]);
            }
            if (next[0] < frames.length) {
              loop.schedule(TimeUnit.MILLISECONDS.toNanos(5), tick[0]);
            } else {
              done.complete(System.nanoTime() - start);
            }
          };
      loop.execute(tick[0]);
      return done;
    }

    @Override
    public void close() {
      loop.close();
    }
  }
}
