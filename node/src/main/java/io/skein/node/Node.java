package io.skein.node;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.node.loop.EventLoop;
import io.skein.node.loop.LoopMetrics;
import io.skein.node.loop.TimerHandle;
import io.skein.node.transport.RouteId;
import io.skein.node.transport.SendResult;
import io.skein.node.transport.Transport;
import io.skein.node.transport.TransportMetrics;
import io.skein.node.wire.Ack;
import io.skein.node.wire.Decoded;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.PendingRequest;
import io.skein.node.wire.Ping;
import io.skein.node.wire.WireMetrics;
import java.net.BindException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * A Skein node: one event-loop thread owning a {@link Transport} and a {@link FrameCodec}. Every
 * received frame is verified by the codec before anything else looks at it; a ping is answered with
 * a signed ack over the connection it came in on. Metrics go to the node's own {@link
 * PrometheusRegistry}.
 *
 * <p>A peer's route is learned (so requests to it can reuse the connection it opened) only from a
 * frame the codec accepted as signed by that peer, addressed to this node by id, and fresh.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final KeyPair key;
  private final NodeConfig config;
  private final String shortId;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final LoopMetrics loopMetrics = new LoopMetrics(registry);
  private final TransportMetrics transportMetrics = new TransportMetrics(registry);
  private final WireMetrics wireMetrics;
  private final NodeMetrics metrics = new NodeMetrics(registry);
  private final EventLoop loop;
  private final Transport transport;
  private final Endpoint endpoint;
  // loop thread only
  private final FrameCodec codec;
  private final Map<Long, PendingPing> pings = new HashMap<>();
  private final List<NodeService> services;
  private final Context context = new Context();
  private boolean closed;

  private record PendingPing(
      CompletableFuture<PingResult> future, long sentAtNanos, TimerHandle timer, Endpoint to) {}

  private Node(KeyPair key, NodeConfig config, List<NodeService> services, ZContext sharedContext)
      throws BindException {
    this.key = key;
    this.config = config;
    this.shortId = key.nodeId().shortId();
    this.services = List.copyOf(services);
    MessageTypes.Builder typesBuilder = MessageTypes.core();
    for (NodeService service : this.services) {
      service.registerTypes(typesBuilder);
    }
    MessageTypes types = typesBuilder.build();
    this.wireMetrics = new WireMetrics(registry, types);
    this.codec =
        FrameCodec.builder(config.networkId(), key, types, wireMetrics)
            .limits(config.wireLimits())
            .build();
    this.loop = EventLoop.start(shortId, sharedContext, loopMetrics);
    try {
      this.transport =
          Transport.open(
              loop,
              config.host(),
              config.port(),
              config.transport(),
              this::onFrame,
              transportMetrics);
    } catch (BindException | RuntimeException e) {
      loop.close();
      throw e;
    }
    this.endpoint = transport.listenEndpoint();
    try {
      loop.submit(
              () -> {
                loop.onClose(this::stopOnLoop);
                scheduleHousekeeping();
                for (NodeService service : this.services) {
                  service.start(context);
                }
                return null;
              })
          .get(EventLoop.CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException(shortId + " node did not start", e);
    }
    log.info("{} listening on {}", shortId, endpoint);
  }

  /**
   * Starts a node with its own JeroMQ context.
   *
   * @throws BindException naming the port if it is already in use
   */
  public static Node start(KeyPair key, NodeConfig config) throws BindException {
    return new Node(key, config, List.of(), null);
  }

  /**
   * Starts a node hosting {@code services} (gossip, DHT), with its own JeroMQ context unless {@code
   * sharedContextOrNull} is given.
   *
   * @throws BindException naming the port if it is already in use
   */
  public static Node start(
      KeyPair key, NodeConfig config, List<NodeService> services, ZContext sharedContextOrNull)
      throws BindException {
    return new Node(key, config, services, sharedContextOrNull);
  }

  /**
   * Starts a node on a JeroMQ context shared with other nodes of this process (a harness saves two
   * threads and about 20 file descriptors per node so); the context outlives the node.
   */
  public static Node start(KeyPair key, NodeConfig config, ZContext sharedContext)
      throws BindException {
    return new Node(key, config, List.of(), sharedContext);
  }

  /** Where peers reach this node. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** This node's public key. */
  public PublicKey publicKey() {
    return key.publicKey();
  }

  /** This node's id. */
  public NodeId id() {
    return key.nodeId();
  }

  /** The settings the node was started with. */
  public NodeConfig config() {
    return config;
  }

  /** The node's own metrics registry (never the default one). */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Ping counters. */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** Transport counters (drops by reason, connections). */
  public TransportMetrics transportMetrics() {
    return transportMetrics;
  }

  /** Codec counters (frames in/out, drops by reason). */
  public WireMetrics wireMetrics() {
    return wireMetrics;
  }

  /** Event-loop counters. */
  public LoopMetrics loopMetrics() {
    return loopMetrics;
  }

  /**
   * Pings the node at {@code to}. The future completes with the ack's signer and the round trip, or
   * fails with a {@link TimeoutException} after {@link NodeConfig#pingTimeoutMillis}, or with a
   * {@link PingFailedException} if the ping could not be sent. Callable from any thread.
   *
   * @param expectedOrNull the key that must sign the ack; {@code null} accepts any key (a first
   *     contact), and then the ping is not addressed to a node id
   */
  public CompletableFuture<PingResult> ping(Endpoint to, PublicKey expectedOrNull) {
    CompletableFuture<PingResult> future = new CompletableFuture<>();
    loop.submit(
            () -> {
              sendPing(to, expectedOrNull, future);
              return null;
            })
        .whenComplete(
            (ignored, error) -> {
              if (error != null && !future.isDone()) {
                PingFailedException failure =
                    new PingFailedException(shortId + " ping not sent: " + error);
                failure.initCause(error);
                fail(future, failure);
              }
            });
    return future;
  }

  private void sendPing(Endpoint to, PublicKey expectedOrNull, CompletableFuture<PingResult> f) {
    if (closed) {
      fail(f, new PingFailedException(shortId + " node is closed"));
      return;
    }
    long nowNanos = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    long requestId = codec.nextRequestId();
    NodeId recipient = expectedOrNull == null ? null : expectedOrNull.nodeId();
    byte[] frame = codec.encode(Ping.TYPE, recipient, requestId, new Ping(nowNanos), nowMillis);
    if (!codec
        .outstanding()
        .register(requestId, expectedOrNull, nowMillis + config.pingTimeoutMillis())) {
      fail(f, new PingFailedException(shortId + " too many requests outstanding"));
      return;
    }
    SendResult sent = transport.send(to, expectedOrNull, frame);
    if (sent != SendResult.SENT) {
      codec.outstanding().cancel(requestId);
      fail(f, new PingFailedException(shortId + " cannot send a ping to " + to + ": " + sent));
      return;
    }
    TimerHandle timer =
        loop.schedule(
            TimeUnit.MILLISECONDS.toNanos(config.pingTimeoutMillis()),
            () -> pingTimedOut(requestId));
    pings.put(requestId, new PendingPing(f, nowNanos, timer, to));
  }

  private void pingTimedOut(long requestId) {
    PendingPing p = pings.remove(requestId);
    if (p != null) {
      codec.outstanding().cancel(requestId);
      metrics.ping("timeout");
      p.future.completeExceptionally(
          new TimeoutException(
              shortId
                  + " ping to "
                  + p.to
                  + " not answered within "
                  + config.pingTimeoutMillis()
                  + " ms"));
    }
  }

  private void fail(CompletableFuture<PingResult> f, Throwable why) {
    metrics.ping("failed");
    f.completeExceptionally(why);
  }

  private void onFrame(RouteId route, byte[] bytes) {
    Decoded decoded = codec.decode(bytes, System.currentTimeMillis());
    if (!(decoded instanceof InboundFrame frame)) {
      return; // counted by the codec
    }
    if (frame.addressedToUs()) {
      transport.learnRoute(frame.sender(), route);
    }
    if (frame.payload() instanceof Ping ping) {
      byte[] ack =
          codec.encode(
              Ack.TYPE,
              frame.sender().nodeId(),
              frame.requestId(),
              new Ack(ping.sentAtNanos()),
              System.currentTimeMillis());
      transport.reply(route, ack);
    } else if (frame.payload() instanceof Ack ack) {
      PendingPing p = pings.remove(frame.requestId());
      if (p != null) {
        p.timer.cancel();
        metrics.ping("ok");
        p.future.complete(new PingResult(frame.sender(), System.nanoTime() - p.sentAtNanos));
      }
    } else if (!offerToServices(frame, route)) {
      metrics.unhandled();
    }
  }

  private boolean offerToServices(InboundFrame frame, RouteId route) {
    for (NodeService service : services) {
      if (service.onFrame(frame, route)) {
        return true;
      }
    }
    return false;
  }

  private void scheduleHousekeeping() {
    loop.schedule(
        TimeUnit.MILLISECONDS.toNanos(config.housekeepingIntervalMillis()),
        () -> {
          for (PendingRequest expired : codec.expire(System.currentTimeMillis())) {
            pingTimedOut(expired.requestId());
          }
          if (!closed) {
            scheduleHousekeeping();
          }
        });
  }

  /**
   * Stops the node: pending pings fail, sockets close with linger 0, the loop thread ends. Never
   * waits longer than {@link EventLoop#CLOSE_TIMEOUT_MILLIS}. Idempotent.
   */
  @Override
  public void close() {
    loop.close();
  }

  private void stopOnLoop() {
    closed = true;
    for (NodeService service : services) {
      try {
        service.close();
      } catch (RuntimeException e) {
        log.warn("{} service {} failed to close: {}", shortId, service, e.toString());
      }
    }
    for (PendingPing p : pings.values()) {
      p.timer.cancel();
      fail(p.future, new PingFailedException(shortId + " node closed"));
    }
    pings.clear();
  }

  @Override
  public String toString() {
    return "Node(" + shortId + " at " + endpoint + ")";
  }

  /** The services' view of this node (loop thread only). */
  private final class Context implements NodeContext {
    @Override
    public KeyPair key() {
      return key;
    }

    @Override
    public String shortId() {
      return shortId;
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public PrometheusRegistry registry() {
      return registry;
    }

    @Override
    public EventLoop loop() {
      return loop;
    }

    @Override
    public FrameCodec codec() {
      return codec;
    }

    @Override
    public long nowNanos() {
      return System.nanoTime();
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public <T> long send(Endpoint to, PublicKey expectedOrNull, MessageType<T> type, T payload) {
      loop.checkInLoop();
      if (closed) {
        return -1;
      }
      long requestId = codec.nextRequestId();
      NodeId recipient = expectedOrNull == null ? null : expectedOrNull.nodeId();
      byte[] frame = codec.encode(type, recipient, requestId, payload, wallMillis());
      return transport.send(to, expectedOrNull, frame) == SendResult.SENT ? requestId : -1;
    }

    @Override
    public <T> long request(
        Endpoint to, PublicKey expectedOrNull, MessageType<T> type, T payload, long timeoutMillis) {
      loop.checkInLoop();
      if (closed) {
        return -1;
      }
      long requestId = codec.nextRequestId();
      long nowMillis = wallMillis();
      if (!codec.outstanding().register(requestId, expectedOrNull, nowMillis + timeoutMillis)) {
        return -1;
      }
      NodeId recipient = expectedOrNull == null ? null : expectedOrNull.nodeId();
      byte[] frame = codec.encode(type, recipient, requestId, payload, nowMillis);
      if (transport.send(to, expectedOrNull, frame) != SendResult.SENT) {
        codec.outstanding().cancel(requestId);
        return -1;
      }
      return requestId;
    }

    @Override
    public <T> SendResult reply(
        RouteId route, PublicKey requester, long requestId, MessageType<T> type, T payload) {
      loop.checkInLoop();
      byte[] frame = codec.encode(type, requester.nodeId(), requestId, payload, wallMillis());
      return transport.reply(route, frame);
    }
  }
}
