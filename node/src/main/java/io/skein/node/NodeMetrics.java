package io.skein.node;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The node's own counters (pings and frame handling), in the node's registry. */
public final class NodeMetrics {
  private final Counter pings;
  private final Counter unhandled;

  NodeMetrics(PrometheusRegistry registry) {
    pings =
        Counter.builder()
            .name("skein_pings_total")
            .help("Pings this node sent, by outcome (ok, timeout, failed)")
            .labelNames("outcome")
            .register(registry);
    unhandled =
        Counter.builder()
            .name("skein_frames_unhandled_total")
            .help("Accepted frames of a type this node has no handler for")
            .register(registry);
  }

  void ping(String outcome) {
    pings.labelValues(outcome).inc();
  }

  void unhandled() {
    unhandled.inc();
  }

  /** Pings that ended with {@code outcome}: "ok", "timeout" or "failed". */
  public long pings(String outcome) {
    return pings.labelValues(outcome).getLongValue();
  }

  /** Accepted frames no handler took. */
  public long unhandledCount() {
    return (long) unhandled.get();
  }
}
