package io.skein.node.dht;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoreClockTest {
  private static final long WALL_MILLIS = 1_700_000_000_000L;

  @Test
  void theCoreClockReadsEpochNanosAndAdvancesWithTheMonotonicClock() {
    CoreClock clock = new CoreClock(-42_000_000_000L, WALL_MILLIS);

    assertThat(clock.coreNanos(-42_000_000_000L)).isEqualTo(WALL_MILLIS * 1_000_000L);
    assertThat(clock.coreNanos(-41_000_000_000L)).isEqualTo((WALL_MILLIS + 1_000) * 1_000_000L);
    // the store's clock is the core's divided down: epoch milliseconds
    assertThat(Math.floorDiv(clock.coreNanos(-41_000_000_000L), 1_000_000L))
        .isEqualTo(WALL_MILLIS + 1_000);
  }

  @Test
  void aCoreDeadlineConvertsBackToTheMonotonicTimeItFallsAt() {
    CoreClock clock = new CoreClock(123_456_789L, WALL_MILLIS);
    long deadline = clock.coreNanos(123_456_789L) + 250_000_000L;

    assertThat(clock.monotonicNanos(deadline)).isEqualTo(123_456_789L + 250_000_000L);
  }
}
