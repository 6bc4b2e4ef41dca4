package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class WireMetricsTest {
  private final MessageTypes types = Fixtures.types();

  @Test
  void everySeriesIsExportedFromZeroInTheGivenRegistryOnly() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new WireMetrics(registry, types);

    for (DropReason reason : DropReason.values()) {
      assertThat(
              Fixtures.sample(
                  registry, "skein_frames_dropped_total{reason=\"" + reason.label() + "\"}"))
          .isZero();
    }
    for (MessageType<?> type : types.all()) {
      assertThat(Fixtures.sample(registry, "skein_frames_in_total{type=\"" + type.name() + "\"}"))
          .isZero();
      assertThat(Fixtures.sample(registry, "skein_frames_out_total{type=\"" + type.name() + "\"}"))
          .isZero();
    }
    assertThat(Fixtures.sample(registry, "skein_bytes_in_total")).isZero();
    assertThat(Fixtures.sample(registry, "skein_bytes_out_total")).isZero();
    assertThat(
            PrometheusRegistry.defaultRegistry.scrape().stream()
                .map(s -> s.getMetadata().getName()))
        .noneMatch(name -> name.startsWith("skein_"));
  }

  @Test
  void manyNodesInOneJvmEachHaveTheirOwnCounters() {
    PrometheusRegistry first = new PrometheusRegistry();
    PrometheusRegistry second = new PrometheusRegistry();
    WireMetrics a = new WireMetrics(first, types);
    WireMetrics b = new WireMetrics(second, types);

    a.dropped(DropReason.RATE_LIMITED);

    assertThat(a.droppedCount(DropReason.RATE_LIMITED)).isEqualTo(1);
    assertThat(b.droppedCount(DropReason.RATE_LIMITED)).isZero();
    assertThat(Fixtures.sample(first, "skein_frames_dropped_total{reason=\"rate_limited\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void theCodecCountsFramesAndBytesInBothDirectionsAndEachDrop() {
    PrometheusRegistry registry = new PrometheusRegistry();
    KeyPair key = Fixtures.key(1);
    FrameCodec alice = Fixtures.codec(key);
    FrameCodec bob =
        FrameCodec.builder(
                Fixtures.NETWORK, Fixtures.key(2), types, new WireMetrics(registry, types))
            .requestIdClockMillis(NOW)
            .build();
    byte[] ping = alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(1), NOW);
    byte[] ack = bob.encode(Ack.TYPE, key.nodeId(), 5, new Ack(1), NOW);

    bob.decode(ping, NOW);
    bob.decode(ping, NOW);
    bob.decode(new byte[3], NOW);

    assertThat(Fixtures.sample(registry, "skein_frames_in_total{type=\"ping\"}")).isEqualTo(1.0);
    assertThat(Fixtures.sample(registry, "skein_frames_dropped_total{reason=\"replayed\"}"))
        .isEqualTo(1.0);
    assertThat(Fixtures.sample(registry, "skein_frames_dropped_total{reason=\"too_short\"}"))
        .isEqualTo(1.0);
    assertThat(Fixtures.sample(registry, "skein_bytes_in_total")).isEqualTo(2.0 * ping.length + 3);
    assertThat(Fixtures.sample(registry, "skein_frames_out_total{type=\"ack\"}")).isEqualTo(1.0);
    assertThat(Fixtures.sample(registry, "skein_bytes_out_total")).isEqualTo(ack.length);
  }

  @Test
  void aCodecRefusesMetricsBuiltForOtherTypes() {
    WireMetrics coreOnly = new WireMetrics(new PrometheusRegistry(), MessageTypes.core().build());

    assertThatThrownBy(
            () -> FrameCodec.builder(Fixtures.NETWORK, Fixtures.key(1), types, coreOnly).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
