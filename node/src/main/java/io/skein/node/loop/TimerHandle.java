package io.skein.node.loop;

/** A timer scheduled on an {@link EventLoop}; {@link #cancel()} keeps it from running. */
public final class TimerHandle {
  final long deadlineNanos;
  final long sequence;
  final Runnable action;
  private boolean cancelled;

  TimerHandle(long deadlineNanos, long sequence, Runnable action) {
    this.deadlineNanos = deadlineNanos;
    this.sequence = sequence;
    this.action = action;
  }

  /** Cancels the timer if it has not run yet. Call it on the loop thread. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** The {@code System.nanoTime} deadline at which the timer runs. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  static int compare(TimerHandle a, TimerHandle b) {
    int c = Long.compare(a.deadlineNanos - b.deadlineNanos, 0);
    return c != 0 ? c : Long.compare(a.sequence, b.sequence);
  }
}
