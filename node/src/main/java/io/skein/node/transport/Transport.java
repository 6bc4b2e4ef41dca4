package io.skein.node.transport;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.node.loop.EventLoop;
import io.skein.node.loop.TimerHandle;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * A node's network transport: one JeroMQ ROUTER socket, bound to the node's listen endpoint, that
 * both accepts peers' connections and opens its own (with {@code setConnectRid}), carrying opaque
 * frames. All methods run on the node's {@link EventLoop} thread and never block.
 *
 * <p>Layout and why (JeroMQ 0.6, measured): one ROUTER per node instead of a ROUTER plus a DEALER
 * per peer cuts file descriptors by about 3x. A frame to a peer goes, in order of preference, over
 * a connection that peer opened to us (only once {@link #learnRoute} was told that a frame on it
 * was signed by that peer's key and addressed to us), else over our own outbound connection to its
 * endpoint, opened on demand and closed when idle. Replies go back over the connection the request
 * came in on ({@link #reply}). With every node reusing inbound connections, n nodes need n(n-1)/2
 * connections instead of n(n-1).
 *
 * <p>Sends never block: DONTWAIT, bounded high-water marks, LINGER 0, ROUTER_MANDATORY (a send to a
 * vanished route fails at once instead of being silently lost). JeroMQ's IMMEDIATE stays at its
 * default (queue for a connection still being made): with IMMEDIATE off, a connect-rid connection
 * never becomes routable (measured). A connection that has not completed its handshake within
 * {@link TransportConfig#connectTimeoutMillis} of being opened or lost is torn down with the frames
 * queued in it, so a peer restarted on the same port gets no older frames. Every dropped frame is
 * counted by {@link DropReason}.
 *
 * <p>Inbound, each connection has a token bucket, checked before the frame reaches the handler (and
 * so before any signature check), and at most {@link TransportConfig#maxFramesPerPoll} frames are
 * read per loop iteration; the ROUTER fair-queues between connections.
 */
public final class Transport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);
  private static final AtomicLong MONITOR_SEQUENCE = new AtomicLong();
  private static final int MONITOR_EVENTS =
      ZMQ.EVENT_CONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED;
  private static final int MAX_EVENTS_PER_POLL = 256;
  private static final long OPEN_TIMEOUT_MILLIS = 10_000;

  private final EventLoop loop;
  private final String shortId;
  private final TransportConfig config;
  private final FrameHandler handler;
  private final TransportMetrics metrics;
  private final ZMQ.Socket router;
  private final ZMQ.Socket monitor;
  private final Endpoint listenEndpoint;
  private final RateLimiter rateLimiter;
  private final long connectTimeoutNanos;
  private final long redialNanos;
  private final long handshakeTimeoutNanos;
  private final long idleTimeoutNanos;
  private long pendingBytes;
  // JeroMQ 0.6 mangles connect-rid bytes >= 0x80 (measured: the route is then never found), so
  // our ids are ASCII: the outbound prefix byte, 16 random hex digits, then a hex counter
  private final byte[] routePrefix;
  private int routeCounter;
  // access order: the eldest entry is the least recently used connection
  private final LinkedHashMap<Endpoint, Outbound> outboundByEndpoint =
      new LinkedHashMap<>(64, 0.75f, true);
  private final Map<String, Outbound> outboundByUri = new HashMap<>();
  private final Map<RouteId, Outbound> outboundByRoute = new HashMap<>();
  private final LinkedHashMap<PublicKey, RouteId> learned =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, RouteId> eldest) {
          return size() > TransportConfig.MAX_LEARNED_ROUTES;
        }
      };
  private TimerHandle maintenance;
  private boolean closed;

  private Transport(
      EventLoop loop,
      String host,
      int port,
      TransportConfig config,
      FrameHandler handler,
      TransportMetrics metrics)
      throws BindException {
    this.loop = loop;
    this.shortId = loop.shortId();
    this.config = config;
    this.handler = handler;
    this.metrics = metrics;
    this.rateLimiter =
        new RateLimiter(
            config.rateLimitFramesPerSecond(),
            config.rateLimitBurstFrames(),
            TransportConfig.MAX_RATE_LIMITED_ROUTES);
    this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMillis());
    this.redialNanos = TimeUnit.MILLISECONDS.toNanos(config.handshakeRedialMillis());
    this.handshakeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMillis());
    this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
    this.routePrefix =
        ((char) RouteId.OUTBOUND_PREFIX + HexFormat.of().toHexDigits(new SecureRandom().nextLong()))
            .getBytes(StandardCharsets.US_ASCII);

    router = RouterSocket.create(loop.context(), config);
    this.listenEndpoint = RouterSocket.bind(router, host, port);

    String monitorUri =
        "inproc://skein-monitor-" + shortId + "-" + MONITOR_SEQUENCE.incrementAndGet();
    router.monitor(monitorUri, MONITOR_EVENTS);
    monitor = loop.context().createSocket(SocketType.PAIR);
    monitor.setLinger(0);
    monitor.connect(monitorUri);

    loop.register(router, this::onReadable);
    loop.register(monitor, this::onMonitorEvents);
    loop.onClose(this::close);
    scheduleMaintenance();
  }

  /**
   * Binds a transport on {@code host:port} ({@code port} 0 picks a free port; see {@link
   * #listenEndpoint()}). May be called from any thread; the sockets are made on the loop thread.
   *
   * @throws BindException with a message naming the port if it is already in use, or the address
   *     cannot be bound
   */
  public static Transport open(
      EventLoop loop,
      String host,
      int port,
      TransportConfig config,
      FrameHandler handler,
      TransportMetrics metrics)
      throws BindException {
    if (loop.inLoop()) {
      return new Transport(loop, host, port, config, handler, metrics);
    }
    try {
      return loop.submit(() -> new Transport(loop, host, port, config, handler, metrics))
          .get(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BindException be) {
        throw be;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(loop.shortId() + " cannot open the transport", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(loop.shortId() + " interrupted opening the transport", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(loop.shortId() + " event loop did not open the transport", e);
    }
  }

  /** The endpoint the transport listens on (with the actual port when 0 was asked for). */
  public Endpoint listenEndpoint() {
    return listenEndpoint;
  }

  /** The transport's metrics. */
  public TransportMetrics metrics() {
    return metrics;
  }

  /**
   * Sends {@code frame} to the peer at {@code to}. If {@code expectedOrNull} is a key whose route
   * was {@linkplain #learnRoute learned}, the frame goes over that peer's own connection; otherwise
   * (or if that connection is gone) over our outbound connection to {@code to}, opened if needed.
   * Never blocks; a frame that cannot be queued is dropped and counted.
   */
  public SendResult send(Endpoint to, PublicKey expectedOrNull, byte[] frame) {
    loop.checkInLoop();
    SendResult early = precheck(frame);
    if (early != null) {
      return early;
    }
    long now = System.nanoTime();
    if (expectedOrNull != null) {
      RouteId route = learned.get(expectedOrNull);
      if (route != null) {
        SendResult result = write(route, frame);
        if (result == SendResult.SENT) {
          touch(route, now, result);
          return counted(result);
        }
        // gone (EHOSTUNREACH), or closing (ROUTER_MANDATORY gives EAGAIN for a pipe whose peer
        // just left): forget it and use our own connection
        learned.remove(expectedOrNull);
        metrics.learnedRoutes(learned.size());
      }
    }
    Outbound out = outboundByEndpoint.get(to);
    if (out == null) {
      out = connect(to, now);
      if (out == null) {
        return counted(SendResult.UNREACHABLE);
      }
    }
    out.lastUsedNanos = now;
    if (!out.isUp()) {
      return enqueue(out, frame, now);
    }
    SendResult result = write(out.route, frame);
    if (result == SendResult.UNREACHABLE) {
      teardown(out, "unreachable", DropReason.UNREACHABLE);
    }
    return counted(result);
  }

  private SendResult enqueue(Outbound out, byte[] frame, long now) {
    if (out.pending.size() >= config.maxPendingFramesPerPeer()
        || pendingBytes + frame.length > TransportConfig.MAX_PENDING_BYTES) {
      return counted(SendResult.QUEUE_FULL);
    }
    out.pending.add(new Outbound.Pending(frame, now));
    out.pendingBytes += frame.length;
    pendingBytes += frame.length;
    return SendResult.SENT;
  }

  /** Writes the frames that waited for {@code out} to come up, oldest first. */
  private void flush(Outbound out, long now) {
    Outbound.Pending p;
    while (out.isUp() && (p = out.pending.poll()) != null) {
      out.pendingBytes -= p.frame().length;
      pendingBytes -= p.frame().length;
      if (now - p.queuedNanos() >= connectTimeoutNanos) {
        metrics.dropped(DropReason.CONNECT_TIMEOUT);
        continue;
      }
      if (counted(write(out.route, p.frame())) == SendResult.UNREACHABLE) {
        teardown(out, "unreachable", DropReason.UNREACHABLE);
        return;
      }
    }
  }

  /** Drops waiting frames older than the connect timeout. */
  private void expirePending(Outbound out, long now) {
    Outbound.Pending p;
    while ((p = out.pending.peek()) != null && now - p.queuedNanos() >= connectTimeoutNanos) {
      out.pending.poll();
      out.pendingBytes -= p.frame().length;
      pendingBytes -= p.frame().length;
      metrics.dropped(DropReason.CONNECT_TIMEOUT);
    }
  }

  /** Sends {@code frame} back over the connection {@code route} (that a request came in on). */
  public SendResult reply(RouteId route, byte[] frame) {
    loop.checkInLoop();
    SendResult early = precheck(frame);
    if (early != null) {
      return early;
    }
    SendResult result = write(route, frame);
    touch(route, System.nanoTime(), result);
    return counted(result);
  }

  /**
   * Records that {@code key}'s owner can be reached over {@code route}. Call it only after a frame
   * that came in on {@code route} verified as signed by {@code key}, addressed to this node, and
   * not replayed: any other use lets a peer capture traffic meant for someone else.
   */
  public void learnRoute(PublicKey key, RouteId route) {
    loop.checkInLoop();
    if (!closed) {
      learned.put(key, route);
      metrics.learnedRoutes(learned.size());
    }
  }

  /** Outbound connections open now. Loop thread only. */
  public int outboundConnectionCount() {
    loop.checkInLoop();
    return outboundByEndpoint.size();
  }

  /** Whether an outbound connection to {@code endpoint} is open. Loop thread only. */
  public boolean hasOutboundTo(Endpoint endpoint) {
    loop.checkInLoop();
    return outboundByEndpoint.containsKey(endpoint);
  }

  /** Peers reachable over a connection they opened. Loop thread only. */
  public int learnedRouteCount() {
    loop.checkInLoop();
    return learned.size();
  }

  private SendResult precheck(byte[] frame) {
    if (closed) {
      return counted(SendResult.CLOSED);
    }
    if (frame.length > TransportConfig.MAX_FRAME_BYTES) {
      return counted(SendResult.TOO_LARGE);
    }
    return null;
  }

  private SendResult counted(SendResult result) {
    switch (result) {
      case SENT -> metrics.sent();
      case TOO_LARGE -> metrics.dropped(DropReason.TOO_LARGE);
      case QUEUE_FULL -> metrics.dropped(DropReason.SEND_QUEUE_FULL);
      case UNREACHABLE -> metrics.dropped(DropReason.UNREACHABLE);
      case CLOSED -> metrics.dropped(DropReason.CLOSED);
    }
    return result;
  }

  private void touch(RouteId route, long now, SendResult result) {
    Outbound out = route.isOutbound() ? outboundByRoute.get(route) : null;
    if (out != null && result == SendResult.SENT) {
      out.lastUsedNanos = now;
    }
  }

  private SendResult write(RouteId route, byte[] frame) {
    try {
      if (!router.send(route.bytesUnsafe(), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
        return SendResult.QUEUE_FULL;
      }
      return router.send(frame, ZMQ.DONTWAIT) ? SendResult.SENT : SendResult.QUEUE_FULL;
    } catch (ZMQException e) {
      if (e.getErrorCode() == ZError.EHOSTUNREACH) {
        return SendResult.UNREACHABLE;
      }
      if (e.getErrorCode() == ZError.ETERM) {
        return SendResult.CLOSED;
      }
      log.warn("{} send on {} failed: {}", shortId, route, e.toString());
      return SendResult.UNREACHABLE;
    }
  }

  private Outbound connect(Endpoint to, long now) {
    if (to.equals(listenEndpoint)) {
      log.debug("{} not connecting to its own endpoint {}", shortId, to);
      return null;
    }
    if (outboundByEndpoint.size() >= config.maxOutboundConnections()) {
      teardown(outboundByEndpoint.values().iterator().next(), "evicted", DropReason.UNREACHABLE);
    }
    RouteId route = nextRoute();
    Outbound out = new Outbound(to, route, now, redialNanos);
    if (!connectRoute(out.uri, route)) {
      return null;
    }
    outboundByEndpoint.put(to, out);
    outboundByUri.put(out.uri, out);
    outboundByRoute.put(route, out);
    metrics.connectionOpened();
    metrics.outboundConnections(outboundByEndpoint.size());
    return out;
  }

  private boolean connectRoute(String uri, RouteId route) {
    try {
      router.setConnectRid(route.bytesUnsafe());
      if (router.connect(uri)) {
        return true;
      }
      log.debug("{} cannot connect to {}: errno {}", shortId, uri, router.errno());
    } catch (ZMQException | IllegalArgumentException e) {
      log.debug("{} cannot connect to {}: {}", shortId, uri, e.toString());
    }
    return false;
  }

  private void disconnect(Outbound out) {
    try {
      router.disconnect(out.uri);
    } catch (ZMQException e) {
      log.debug("{} disconnect from {} failed: {}", shortId, out.endpoint, e.toString());
    }
  }

  private RouteId nextRoute() {
    byte[] counter = HexFormat.of().toHexDigits(routeCounter++).getBytes(StandardCharsets.US_ASCII);
    byte[] id = Arrays.copyOf(routePrefix, routePrefix.length + counter.length);
    System.arraycopy(counter, 0, id, routePrefix.length, counter.length);
    return RouteId.wrap(id);
  }

  /**
   * Gives up a connection whose handshake stalls (see {@link
   * TransportConfig#handshakeRedialMillis}) and dials the endpoint again on a new route, keeping
   * the frames waiting for it.
   */
  private void redial(Outbound out, long now) {
    disconnect(out);
    outboundByRoute.remove(out.route);
    RouteId route = nextRoute();
    if (!connectRoute(out.uri, route)) {
      teardown(out, "redial_failed", DropReason.UNREACHABLE);
      return;
    }
    long nextWait = Math.min(2 * out.redialAfterNanos, handshakeTimeoutNanos);
    Outbound again = out.redialed(route, now, nextWait);
    outboundByEndpoint.put(again.endpoint, again);
    outboundByUri.put(again.uri, again);
    outboundByRoute.put(route, again);
    metrics.connectionEvent("redial");
    log.debug(
        "{} handshake with {} stalled for {} ms: dialled again",
        shortId,
        out.endpoint,
        TimeUnit.NANOSECONDS.toMillis(now - out.stateSinceNanos));
  }

  private void teardown(Outbound out, String reason, DropReason pendingDropReason) {
    outboundByEndpoint.remove(out.endpoint);
    outboundByUri.remove(out.uri);
    outboundByRoute.remove(out.route);
    metrics.dropped(pendingDropReason, out.pending.size());
    pendingBytes -= out.pendingBytes;
    out.pending.clear();
    out.pendingBytes = 0;
    disconnect(out);
    metrics.connectionClosed(reason);
    metrics.outboundConnections(outboundByEndpoint.size());
    log.debug("{} closed connection to {} ({})", shortId, out.endpoint, reason);
  }

  private boolean onReadable() {
    long now = System.nanoTime();
    for (int i = 0; i < config.maxFramesPerPoll(); i++) {
      byte[] id = router.recv(ZMQ.DONTWAIT);
      if (id == null) {
        return false;
      }
      byte[] frame = router.hasReceiveMore() ? router.recv(ZMQ.DONTWAIT) : null;
      boolean extraParts = false;
      while (router.hasReceiveMore()) {
        router.recv(ZMQ.DONTWAIT);
        extraParts = true;
      }
      if (frame == null || extraParts) {
        metrics.dropped(DropReason.MALFORMED);
        continue;
      }
      RouteId route = RouteId.wrap(id);
      Outbound out = route.isOutbound() ? outboundByRoute.get(route) : null;
      if (out != null) {
        out.lastUsedNanos = now;
        if (!out.isUp()) {
          // a frame on our own connection proves the handshake completed
          out.enter(Outbound.State.UP, now);
          flush(out, now);
        }
      }
      if (!rateLimiter.tryAcquire(route, now)) {
        metrics.dropped(DropReason.RATE_LIMITED);
        continue;
      }
      metrics.received();
      try {
        handler.onFrame(route, frame);
      } catch (Throwable t) {
        metrics.dropped(DropReason.HANDLER_ERROR);
        log.error("{} frame handler threw on a frame from {}", shortId, route, t);
      }
    }
    return true;
  }

  private boolean onMonitorEvents() {
    long now = System.nanoTime();
    for (int i = 0; i < MAX_EVENTS_PER_POLL; i++) {
      ZEvent event = ZEvent.recv(monitor, ZMQ.DONTWAIT);
      if (event == null) {
        return false;
      }
      Outbound out = outboundByUri.get(event.getAddress());
      if (log.isTraceEnabled()) {
        log.trace(
            "{} event {} for {} ({})",
            shortId,
            event.getEvent(),
            event.getAddress(),
            out == null ? "not ours" : out.state + " " + out.route);
      }
      if (out == null) {
        continue;
      }
      switch (event.getEvent()) {
        case CONNECTED -> {
          if (out.state == Outbound.State.CONNECTING || out.state == Outbound.State.DOWN) {
            out.enter(Outbound.State.HANDSHAKING, now);
          }
        }
        case HANDSHAKE_PROTOCOL -> {
          log.debug(
              "{} connection to {} up after {} ms",
              shortId,
              out.endpoint,
              TimeUnit.NANOSECONDS.toMillis(now - out.notUpSinceNanos));
          out.enter(Outbound.State.UP, now);
          metrics.connectionEvent("up");
          flush(out, now);
        }
        case DISCONNECTED -> {
          if (out.isUp()) {
            metrics.connectionEvent("down");
            out.enter(Outbound.State.DOWN, now);
          } else if (out.state == Outbound.State.HANDSHAKING) {
            out.enter(Outbound.State.CONNECTING, now);
          }
        }
        default -> {}
      }
    }
    return true;
  }

  private void scheduleMaintenance() {
    maintenance =
        loop.schedule(
            TimeUnit.MILLISECONDS.toNanos(config.maintenanceIntervalMillis()),
            () -> {
              maintain(System.nanoTime());
              if (!closed) {
                scheduleMaintenance();
              }
            });
  }

  private void maintain(long now) {
    // take in every handshake already reported before judging connections by their state
    while (onMonitorEvents()) {
      // a batch per call
    }
    for (Iterator<Outbound> it = new ArrayList<>(outboundByEndpoint.values()).iterator();
        it.hasNext(); ) {
      Outbound out = it.next();
      expirePending(out, now);
      if (!out.isUp() && now - out.notUpSinceNanos >= connectTimeoutNanos) {
        teardown(out, "connect_timeout", DropReason.CONNECT_TIMEOUT);
      } else if (out.state == Outbound.State.HANDSHAKING
          && now - out.stateSinceNanos >= out.redialAfterNanos) {
        redial(out, now);
      } else if (out.isUp() && now - out.lastUsedNanos >= idleTimeoutNanos) {
        teardown(out, "idle", DropReason.UNREACHABLE);
      }
    }
    rateLimiter.evictFull(now);
  }

  /**
   * Closes the sockets (linger 0: queued frames are discarded). Runs on the loop thread; from
   * another thread it waits for the loop to do it. Idempotent; also run when the loop closes.
   */
  @Override
  public void close() {
    if (!loop.inLoop()) {
      try {
        loop.submit(
                () -> {
                  close();
                  return null;
                })
            .get(EventLoop.CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.debug("{} transport close on a stopped loop: {}", shortId, e.toString());
      }
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    if (maintenance != null) {
      maintenance.cancel();
    }
    for (Outbound out : outboundByEndpoint.values()) {
      metrics.dropped(DropReason.CLOSED, out.pending.size());
    }
    outboundByEndpoint.clear();
    outboundByUri.clear();
    outboundByRoute.clear();
    learned.clear();
    loop.unregister(router);
    loop.unregister(monitor);
    monitor.close();
    router.close();
    metrics.outboundConnections(0);
    metrics.learnedRoutes(0);
  }
}
