package io.skein.node.loop;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The event loop's counters, registered in the node's own registry. */
public final class LoopMetrics {
  private final Counter handlerErrors;
  private final Counter tasksRejected;
  private final Counter timersFired;

  /** Registers the loop's counters in {@code registry}. */
  public LoopMetrics(PrometheusRegistry registry) {
    handlerErrors =
        Counter.builder()
            .name("skein_loop_handler_errors_total")
            .help("Throwables caught from handlers, tasks and timers on the event loop")
            .register(registry);
    tasksRejected =
        Counter.builder()
            .name("skein_loop_tasks_rejected_total")
            .help("Tasks refused because the loop's queue was full or the loop was closed")
            .register(registry);
    timersFired =
        Counter.builder()
            .name("skein_loop_timers_fired_total")
            .help("Timers that ran on the event loop")
            .register(registry);
  }

  void handlerError() {
    handlerErrors.inc();
  }

  void taskRejected() {
    tasksRejected.inc();
  }

  void timerFired() {
    timersFired.inc();
  }

  /** Throwables caught on the loop so far. */
  public long handlerErrors() {
    return handlerErrors.getLongValue();
  }

  /** Tasks refused so far. */
  public long tasksRejected() {
    return tasksRejected.getLongValue();
  }
}
