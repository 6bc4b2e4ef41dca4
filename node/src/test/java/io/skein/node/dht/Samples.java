package io.skein.node.dht;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Reads series from a registry's text exposition, as a Prometheus scrape would see them. */
final class Samples {
  private Samples() {}

  /** The value of {@code series}, e.g. {@code skein_dht_store_rejects_total{reason="bad_ttl"}}. */
  static double sample(PrometheusRegistry registry, String series) {
    String text = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + text);
  }
}
