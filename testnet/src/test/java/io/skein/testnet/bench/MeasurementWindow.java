package io.skein.testnet.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-length stretch of wall-clock time over which a benchmark counts something (CPU of an idle
 * cluster, bytes in steady state) or lets rumors settle between trials. It is the measurement
 * itself, not a wait for a condition: waits for a condition use Awaitility. The window's end is a
 * scheduled event ({@link CompletableFuture#delayedExecutor}) that the calling thread waits for.
 */
final class MeasurementWindow {
  private MeasurementWindow() {}

  /** Lets {@code length} of wall-clock time pass: returns once the window's end has fired. */
  static void hold(Duration length) {
    CompletableFuture<Void> end =
        CompletableFuture.runAsync(
            () -> {}, CompletableFuture.delayedExecutor(length.toNanos(), TimeUnit.NANOSECONDS));
    try {
      end.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("measurement window interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("measurement window failed", e.getCause());
    }
  }
}
