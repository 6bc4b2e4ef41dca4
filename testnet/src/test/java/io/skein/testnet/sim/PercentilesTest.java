package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankPercentiles() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 1..100, unsorted
    }
    Percentiles p = Percentiles.of(values);

    assertThat(p.percentile(50)).isEqualTo(50);
    assertThat(p.percentile(99)).isEqualTo(99);
    assertThat(p.percentile(99.9)).isEqualTo(100);
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.max()).isEqualTo(100);
    assertThat(Percentiles.of(new long[] {7}).percentile(50)).isEqualTo(7);
  }

  @Test
  void noValuesOrABadPercentileIsAnError() {
    assertThatThrownBy(() -> Percentiles.of(new long[0]).percentile(50))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).percentile(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
