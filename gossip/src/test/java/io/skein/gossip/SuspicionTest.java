package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SuspicionTest {
  private static final long S = 1_000_000_000L;

  @Test
  void lifeguardConfirmationsShortenTheTimeout() {
    // k = 3, min = 1 s, max = 6 s: 6 s, 3.5 s, 2.04 s, 1 s (memberlist suspicion_test values).
    Suspicion s = new Suspicion(100 * S, 3, S, 6 * S);
    assertThat(s.deadlineNanos()).isEqualTo(106 * S);
    assertThat(s.confirm()).isTrue();
    assertThat(s.deadlineNanos() - 100 * S).isEqualTo(3_500_000_000L);
    assertThat(s.confirm()).isTrue();
    assertThat(s.deadlineNanos() - 100 * S).isBetween(2_030_000_000L, 2_050_000_000L);
    assertThat(s.confirm()).isTrue();
    assertThat(s.deadlineNanos() - 100 * S).isEqualTo(S);
    assertThat(s.confirm()).as("a fourth confirmation changes nothing").isFalse();
    assertThat(s.confirmations()).isEqualTo(3);
  }

  @Test
  void withNobodyToConfirmTheTimerStartsAtItsMinimum() {
    Suspicion s = new Suspicion(0, 0, 2 * S, 12 * S);
    assertThat(s.deadlineNanos()).isEqualTo(2 * S);
    assertThat(s.confirm()).isFalse();
  }

  @Property
  void timeoutNeverGrowsWithConfirmationsAndStaysWithinBounds(
      @ForAll @IntRange(min = 1, max = 16) int k,
      @ForAll @LongRange(min = 1, max = 100_000_000_000L) long min,
      @ForAll @IntRange(min = 1, max = 10) int maxMult) {
    Suspicion s = new Suspicion(0, k, min, min * maxMult);
    long previous = Long.MAX_VALUE;
    for (int n = 0; n <= k + 2; n++) {
      long t = s.timeoutNanos(n);
      assertThat(t).isBetween(min, min * maxMult).isLessThanOrEqualTo(previous);
      previous = t;
    }
    assertThat(s.timeoutNanos(k)).isEqualTo(min);
    assertThat(s.timeoutNanos(0)).isEqualTo(min * maxMult);
  }
}
