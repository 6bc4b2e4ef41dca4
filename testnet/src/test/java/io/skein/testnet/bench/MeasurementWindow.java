package io.skein.testnet.bench;

import java.time.Duration;

/**
 * A fixed-length stretch of wall-clock time over which a benchmark counts something (CPU of an idle
 * cluster, bytes in steady state) or lets rumors settle between trials. It is the measurement
 * itself, not a wait for a condition: waits for a condition use Awaitility.
 */
final class MeasurementWindow {
  private MeasurementWindow() {}

  /** Lets {@code length} of wall-clock time pass on the calling thread. */
  static void hold(Duration length) {
    try {
      Thread.sleep(length.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("measurement window interrupted", e);
    }
  }
}
