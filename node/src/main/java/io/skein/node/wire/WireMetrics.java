package io.skein.node.wire;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The codec's Prometheus counters, registered in a registry the caller supplies (one per node: many
 * nodes share a JVM in a testnet, so never the default registry). Every label value is created up
 * front, so counting allocates nothing and every series is exported from zero.
 *
 * <ul>
 *   <li>{@code skein_frames_dropped_total{reason}}: frames dropped, by {@link DropReason#label()}
 *   <li>{@code skein_frames_in_total{type}}: frames accepted, by {@link MessageType#name()}
 *   <li>{@code skein_frames_out_total{type}}: frames encoded for sending
 *   <li>{@code skein_bytes_in_total}: bytes of every frame offered to the decoder, dropped or not
 *   <li>{@code skein_bytes_out_total}: bytes of every frame encoded
 *   <li>{@code skein_requests_expired_total}: outstanding requests that reached their deadline
 *   <li>{@code skein_requests_refused_total}: requests not registered because the table was full
 *   <li>{@code skein_replay_guard_evictions_total}: senders forgotten to make room for new ones
 *   <li>{@code skein_replay_guard_unsafe_evictions_total}: of those, senders still inside the skew
 *       window (their recent frames could be replayed once; see {@link ReplayGuard})
 *   <li>{@code skein_wire_known_keys}: keys whose short sender ids this node resolves (see {@link
 *       FrameLayout})
 * </ul>
 */
public final class WireMetrics {
  private final CounterDataPoint[] droppedByReason;
  private final CounterDataPoint[] inByTypeId;
  private final CounterDataPoint[] outByTypeId;
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter requestsExpired;
  private final Counter requestsRefused;
  private final Counter evictions;
  private final Counter unsafeEvictions;
  private final Gauge knownKeys;

  /** Registers the counters for these message types in {@code registry}. */
  public WireMetrics(PrometheusRegistry registry, MessageTypes types) {
    Counter dropped =
        Counter.builder()
            .name("skein_frames_dropped_total")
            .help("Frames dropped by the wire codec or transport, by reason")
            .labelNames("reason")
            .register(registry);
    DropReason[] reasons = DropReason.values();
    droppedByReason = new CounterDataPoint[reasons.length];
    for (DropReason r : reasons) {
      droppedByReason[r.ordinal()] = dropped.labelValues(r.label());
    }
    Counter in =
        Counter.builder()
            .name("skein_frames_in_total")
            .help("Frames accepted, by message type")
            .labelNames("type")
            .register(registry);
    Counter out =
        Counter.builder()
            .name("skein_frames_out_total")
            .help("Frames encoded for sending, by message type")
            .labelNames("type")
            .register(registry);
    inByTypeId = new CounterDataPoint[types.maxId() + 1];
    outByTypeId = new CounterDataPoint[types.maxId() + 1];
    for (MessageType<?> t : types.all()) {
      inByTypeId[t.id()] = in.labelValues(t.name());
      outByTypeId[t.id()] = out.labelValues(t.name());
    }
    bytesIn = counter(registry, "skein_bytes_in_total", "Bytes of frames offered to the decoder");
    bytesOut = counter(registry, "skein_bytes_out_total", "Bytes of frames encoded");
    requestsExpired =
        counter(registry, "skein_requests_expired_total", "Requests that reached their deadline");
    requestsRefused =
        counter(
            registry,
            "skein_requests_refused_total",
            "Requests refused because too many were outstanding");
    evictions =
        counter(
            registry,
            "skein_replay_guard_evictions_total",
            "Senders whose replay window was forgotten to make room");
    unsafeEvictions =
        counter(
            registry,
            "skein_replay_guard_unsafe_evictions_total",
            "Evicted senders whose recent frames were still inside the clock skew window");
    knownKeys =
        Gauge.builder()
            .name("skein_wire_known_keys")
            .help("Keys whose short sender ids this node resolves")
            .register(registry);
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  /** Counts a dropped frame (the transport counts its own drops, e.g. RATE_LIMITED, here too). */
  public void dropped(DropReason reason) {
    droppedByReason[reason.ordinal()].inc();
  }

  /** Frames dropped for {@code reason} so far. */
  public long droppedCount(DropReason reason) {
    return droppedByReason[reason.ordinal()].getLongValue();
  }

  /** Frames of {@code type} accepted so far. */
  public long framesInCount(MessageType<?> type) {
    return inByTypeId[type.id()].getLongValue();
  }

  /** Frames of {@code type} encoded so far. */
  public long framesOutCount(MessageType<?> type) {
    return outByTypeId[type.id()].getLongValue();
  }

  /** Bytes offered to the decoder so far. */
  public long bytesInCount() {
    return bytesIn.getLongValue();
  }

  /** Bytes encoded so far. */
  public long bytesOutCount() {
    return bytesOut.getLongValue();
  }

  /** Keys whose short sender ids the codec resolves now. */
  public long knownKeysCount() {
    return (long) knownKeys.get();
  }

  /** Whether every type of {@code types} has its counters here. */
  boolean covers(MessageTypes types) {
    for (MessageType<?> t : types.all()) {
      if (t.id() >= inByTypeId.length || inByTypeId[t.id()] == null) {
        return false;
      }
    }
    return true;
  }

  void bytesIn(int bytes) {
    bytesIn.inc(bytes);
  }

  void frameIn(MessageType<?> type) {
    inByTypeId[type.id()].inc();
  }

  void frameOut(MessageType<?> type, int bytes) {
    outByTypeId[type.id()].inc();
    bytesOut.inc(bytes);
  }

  void knownKeys(int count) {
    knownKeys.set(count);
  }

  void requestsExpired(int count) {
    requestsExpired.inc(count);
  }

  void requestRefused() {
    requestsRefused.inc();
  }

  void replayGuardEviction(boolean unsafe) {
    evictions.inc();
    if (unsafe) {
      unsafeEvictions.inc();
    }
  }
}
