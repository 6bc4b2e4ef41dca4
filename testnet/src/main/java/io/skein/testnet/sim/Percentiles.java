package io.skein.testnet.sim;

import java.util.Arrays;

/** Nearest-rank percentiles of measured values (latencies in nanoseconds, counts). */
public final class Percentiles {
  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  /** The percentiles of {@code values} (copied and sorted). */
  public static Percentiles of(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  /** Number of values. */
  public int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank {@code p}-th percentile: the smallest value with at least {@code p}% of the
   * values at or below it. {@code p} in {@code (0, 100]}.
   *
   * @throws IllegalStateException if there are no values
   */
  public long percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no values");
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The smallest value. */
  public long min() {
    return percentile(Double.MIN_VALUE);
  }

  /** The largest value. */
  public long max() {
    return percentile(100);
  }
}
