package io.skein.node.dht;

/**
 * The clock the DHT core runs on: the monotonic clock ({@code System.nanoTime}) shifted once, at
 * start, so that it reads nanoseconds since the Unix epoch.
 *
 * <p>Why: the core derives its record store's time as {@code nowNanos / 1,000,000} (milliseconds)
 * and stores absolute expiry times; a persistent store must keep their meaning across restarts, so
 * that clock has to be epoch based (MvStoreRecordStore refuses anything else). Shifting the
 * monotonic clock, rather than reading the wall clock on every input, keeps the core's deadlines
 * immune to wall-clock steps while the node runs; a step between two runs moves expiry times by
 * that step, as for any wall-clock expiry. Epoch nanoseconds fit a long until the year 2262.
 */
final class CoreClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final long offsetNanos;

  /** A clock reading {@code wallMillis} (Unix epoch) when the monotonic clock reads {@code now}. */
  CoreClock(long monotonicNanos, long wallMillis) {
    this.offsetNanos = wallMillis * NANOS_PER_MILLI - monotonicNanos;
  }

  /** The core time (epoch nanoseconds) at monotonic time {@code monotonicNanos}. */
  long coreNanos(long monotonicNanos) {
    return monotonicNanos + offsetNanos;
  }

  /** The monotonic time at which the core clock reads {@code coreNanos}. */
  long monotonicNanos(long coreNanos) {
    return coreNanos - offsetNanos;
  }
}
