package io.skein.node.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The API's own metrics: requests by route and status, and how long they took. */
final class ApiMetrics {
  private final PrometheusRegistry registry;
  private final Counter requests;
  private final Histogram duration;

  ApiMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    requests =
        Counter.builder()
            .name("skein_api_requests_total")
            .help("HTTP API requests, by route and status code (dropped: closed unanswered)")
            .labelNames("route", "code")
            .register(registry);
    duration =
        Histogram.builder()
            .name("skein_api_request_duration_seconds")
            .help("Time from a request's arrival at a worker to its response, by route")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60)
            .register(registry);
  }

  /**
   * Records one request; {@code route} is one of a fixed set, never raw input, and {@code code} a
   * status code or "dropped" (the connection closed without an answer).
   */
  void observe(String route, String code, long nanos) {
    requests.labelValues(route, code).inc();
    duration.labelValues(route).observe(nanos / 1e9);
  }

  void unregister() {
    registry.unregister(requests);
    registry.unregister(duration);
  }
}
