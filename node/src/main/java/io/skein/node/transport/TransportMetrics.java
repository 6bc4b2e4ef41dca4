package io.skein.node.transport;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The transport's counters and gauges, registered in the node's own registry. */
public final class TransportMetrics {
  private final Counter received;
  private final Counter sent;
  private final Counter dropped;
  private final Counter connectionsOpened;
  private final Counter connectionsClosed;
  private final Counter connectionEvents;
  private final Gauge outboundConnections;
  private final Gauge learnedRoutes;

  /** Registers the transport's metrics in {@code registry}. */
  public TransportMetrics(PrometheusRegistry registry) {
    received =
        Counter.builder()
            .name("skein_transport_frames_received_total")
            .help("Frames read from the socket and handed to the frame handler")
            .register(registry);
    sent =
        Counter.builder()
            .name("skein_transport_frames_sent_total")
            .help("Frames handed to JeroMQ for sending")
            .register(registry);
    dropped =
        Counter.builder()
            .name("skein_transport_frames_dropped_total")
            .help("Frames dropped by the transport, by reason")
            .labelNames("reason")
            .register(registry);
    connectionsOpened =
        Counter.builder()
            .name("skein_transport_connections_opened_total")
            .help("Outbound connections opened")
            .register(registry);
    connectionsClosed =
        Counter.builder()
            .name("skein_transport_connections_closed_total")
            .help("Outbound connections closed by the transport, by reason")
            .labelNames("reason")
            .register(registry);
    connectionEvents =
        Counter.builder()
            .name("skein_transport_connection_events_total")
            .help(
                "Outbound connections completing a handshake (up), losing their peer (down) or"
                    + " dialled again after a stalled handshake (redial)")
            .labelNames("event")
            .register(registry);
    outboundConnections =
        Gauge.builder()
            .name("skein_transport_outbound_connections")
            .help("Outbound connections open now")
            .register(registry);
    learnedRoutes =
        Gauge.builder()
            .name("skein_transport_learned_routes")
            .help("Peers reachable over a connection they opened to us")
            .register(registry);
  }

  void received() {
    received.inc();
  }

  void sent() {
    sent.inc();
  }

  void dropped(DropReason reason) {
    dropped.labelValues(reason.label()).inc();
  }

  void dropped(DropReason reason, long count) {
    if (count > 0) {
      dropped.labelValues(reason.label()).inc(count);
    }
  }

  void connectionOpened() {
    connectionsOpened.inc();
  }

  void connectionClosed(String reason) {
    connectionsClosed.labelValues(reason).inc();
  }

  void connectionEvent(String event) {
    connectionEvents.labelValues(event).inc();
  }

  void outboundConnections(int count) {
    outboundConnections.set(count);
  }

  void learnedRoutes(int count) {
    learnedRoutes.set(count);
  }

  /** Frames handed to the frame handler so far. */
  public long framesReceived() {
    return received.getLongValue();
  }

  /** Frames handed to JeroMQ so far. */
  public long framesSent() {
    return sent.getLongValue();
  }

  /** Frames dropped for {@code reason} so far. */
  public long framesDropped(DropReason reason) {
    return dropped.labelValues(reason.label()).getLongValue();
  }

  /** Outbound connections opened so far. */
  public long connectionsOpened() {
    return connectionsOpened.getLongValue();
  }

  /**
   * Outbound connection events ("up": handshake completed, "down": peer lost, "redial": dialled
   * again after a stalled handshake) so far.
   */
  public long connectionEvents(String event) {
    return connectionEvents.labelValues(event).getLongValue();
  }

  /** Outbound connections closed for {@code reason} ("idle", "connect_timeout", "evicted", ...). */
  public long connectionsClosed(String reason) {
    return connectionsClosed.labelValues(reason).getLongValue();
  }
}
