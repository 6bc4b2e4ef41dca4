package io.skein.node.transport;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.node.loop.EventLoop;
import io.skein.node.loop.LoopMetrics;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.zeromq.ZContext;

/** A loop plus transport on loopback that records what it receives; for tests. */
final class TestPeer implements AutoCloseable {
  record Received(RouteId route, byte[] frame) {
    String text() {
      return new String(frame, StandardCharsets.UTF_8);
    }
  }

  final PrometheusRegistry registry = new PrometheusRegistry();
  final PublicKey key;
  final EventLoop loop;
  final Transport transport;
  final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  volatile BiConsumer<RouteId, byte[]> onFrame = (r, f) -> {};

  private TestPeer(String name, ZContext sharedContext, int port, TransportConfig config)
      throws BindException {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    key = PublicKey.of(k);
    loop = EventLoop.start(name, sharedContext, new LoopMetrics(registry));
    try {
      transport =
          Transport.open(
              loop,
              "127.0.0.1",
              port,
              config,
              (route, frame) -> {
                received.add(new Received(route, frame));
                onFrame.accept(route, frame);
              },
              new TransportMetrics(registry));
    } catch (BindException | RuntimeException e) {
      loop.close();
      throw e;
    }
  }

  static TestPeer start(String name, int port, TransportConfig config) throws BindException {
    return new TestPeer(name, null, port, config);
  }

  static TestPeer start(String name, TransportConfig config) throws BindException {
    return new TestPeer(name, null, 0, config);
  }

  static TestPeer start(String name, ZContext shared, TransportConfig config) throws BindException {
    return new TestPeer(name, shared, 0, config);
  }

  Endpoint endpoint() {
    return transport.listenEndpoint();
  }

  <T> T call(Callable<T> task) {
    try {
      return loop.submit(task).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  SendResult send(Endpoint to, PublicKey expected, String text) {
    return call(() -> transport.send(to, expected, text.getBytes(StandardCharsets.UTF_8)));
  }

  SendResult send(TestPeer to, String text) {
    return send(to.endpoint(), null, text);
  }

  List<String> texts() {
    return received.stream().map(Received::text).toList();
  }

  long dropped(DropReason reason) {
    return transport.metrics().framesDropped(reason);
  }

  int outboundConnections() {
    return call(transport::outboundConnectionCount);
  }

  /** A loopback port nothing listens on (bound and released at once). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
