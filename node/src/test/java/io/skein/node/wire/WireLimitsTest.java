package io.skein.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireLimitsTest {
  @Test
  void defaultsAreTheDocumentedValues() {
    WireLimits limits = WireLimits.defaults();

    assertThat(limits.maxFrameBytes()).isEqualTo(128 * 1024);
    assertThat(limits.maxClockSkewMillis()).isEqualTo(30_000);
    assertThat(limits.maxTrackedSenders()).isEqualTo(4_096);
    assertThat(limits.maxOutstandingRequests()).isEqualTo(4_096);
    assertThat(limits.maxPayloadBytes()).isEqualTo(128 * 1024 - 62 - 64);
    assertThat(FrameLayout.FULL_HEADER_BYTES).isEqualTo(62);
    assertThat(FrameLayout.SHORT_HEADER_BYTES).isEqualTo(38);
    assertThat(WireLimits.REPLAY_WINDOW_IDS).isEqualTo(1024);
  }

  @Test
  void aDhtValueOf64KibFitsInOnePayload() {
    assertThat(WireLimits.defaults().maxPayloadBytes()).isGreaterThan(64 * 1024 + 1_024);
  }

  @Test
  void limitsOutsideTheirRangeAreRefused() {
    WireLimits d = WireLimits.defaults();

    assertThatThrownBy(() -> d.withMaxFrameBytes(WireLimits.MAX_FRAME_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxFrameBytes(FrameLayout.MIN_FULL_FRAME_BYTES - 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxClockSkewMillis(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxClockSkewMillis(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxTrackedSenders(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxOutstandingRequests(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(d.withMaxFrameBytes(FrameLayout.MIN_FULL_FRAME_BYTES).maxPayloadBytes()).isZero();
  }
}
