package io.skein.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 transports in one JVM, each with its own ZContext, loop thread and one ROUTER; every node
 * sends a request to every other node and gets a reply. Requests to a node that already sent us a
 * request go over that node's own connection (its route was learned, as the event loop does after
 * the codec verified a frame), so the 100 nodes need 4,950 connections, not 9,900.
 */
class HundredTransportsTest {
  private static final Logger LOG = LoggerFactory.getLogger(HundredTransportsTest.class);

  private static final int NODES = 100;
  private static final byte REQUEST = 1;
  private static final byte REPLY = 2;
  private static final int FD_LIMIT_HERE = 20_000;

  private final List<TestPeer> peers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    peers.forEach(TestPeer::close);
  }

  private static byte[] frame(byte kind, PublicKey from) {
    byte[] f = new byte[1 + 32];
    f[0] = kind;
    from.copyTo(f, 1);
    return f;
  }

  @Test
  void aHundredNodesInOneJvmAllReachEachOtherWellUnderTheDescriptorLimit() throws Exception {
    long fdsBefore = openFds();
    int threadsBefore = Thread.activeCount();
    List<AtomicInteger> replies = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      TestPeer p =
          TestPeer.start(
              String.format("n%03d", i),
              // no idle closes during the run: a frame written on a learned route just as its
              // owner closes the connection for idleness is lost (SWIM's timeouts cover that)
              TransportConfig.local().withIdleTimeoutMillis(120_000));
      AtomicInteger got = new AtomicInteger();
      p.onFrame =
          (route, f) -> {
            PublicKey sender = PublicKey.of(f, 1);
            if (f[0] == REQUEST) {
              p.transport.learnRoute(sender, route);
              p.transport.reply(route, frame(REPLY, p.key));
            } else if (f[0] == REPLY) {
              got.incrementAndGet();
            }
          };
      peers.add(p);
      replies.add(got);
    }
    long fdsIdle = openFds();

    long maxFds = 0;
    long started = System.nanoTime();
    for (int i = 0; i < NODES; i++) {
      TestPeer from = peers.get(i);
      from.call(
          () -> {
            for (TestPeer to : peers) {
              if (to != from) {
                from.transport.send(to.endpoint(), to.key, frame(REQUEST, from.key));
              }
            }
            return null;
          });
      AtomicInteger got = replies.get(i);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> got.get() == NODES - 1);
      } catch (Throwable t) {
        StringBuilder sb = new StringBuilder("wave " + i + " got " + got.get());
        for (DropReason r : DropReason.values()) {
          long n = peers.stream().mapToLong(p -> p.dropped(r)).sum();
          sb.append(' ').append(r).append('=').append(n);
        }
        sb.append(" opened=")
            .append(peers.stream().mapToLong(p -> p.transport.metrics().connectionsOpened()).sum());
        sb.append(" stalled=")
            .append(
                peers.stream()
                    .mapToLong(p -> p.transport.metrics().connectionsClosed("handshake_stalled"))
                    .sum());
        sb.append(" sent=")
            .append(peers.stream().mapToLong(p -> p.transport.metrics().framesSent()).sum());
        sb.append(" received=")
            .append(peers.stream().mapToLong(p -> p.transport.metrics().framesReceived()).sum());
        LOG.error("{}", sb);
        throw t;
      }
      maxFds = Math.max(maxFds, openFds());
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    long connections = 0;
    for (TestPeer p : peers) {
      connections += p.transport.metrics().connectionsOpened();
    }
    int threads = Thread.activeCount() - threadsBefore;
    LOG.warn(
        String.format(
            "%d transports: fds idle %d, peak %d (before %d); %d outbound connections opened;"
                + " %d threads; all-pairs request/reply in %.1f s",
            NODES, fdsIdle, maxFds, fdsBefore, connections, threads, seconds));
    assertThat(replies).allMatch(r -> r.get() == NODES - 1);
    assertThat(connections).isLessThan((long) NODES * (NODES - 1) / 2 + NODES);
    assertThat(maxFds).isLessThan(FD_LIMIT_HERE * 3 / 4);
  }

  private static long openFds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }
}
