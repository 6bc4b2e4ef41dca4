package io.skein.testnet.sim;

/**
 * What one trace record says happened. Records enter the {@link Simulator#traceHash() trace hash}
 * by ordinal: append new kinds at the end only.
 */
public enum TraceKind {
  /** A process handed a message to the network (counted before any fault applies). */
  SEND,
  /** A message reached its destination process. */
  DELIVER,
  /** Lost by the link's loss probability. */
  DROP_LOSS,
  /** Blocked by a partition in force when it was sent. */
  DROP_PARTITION,
  /** The destination was crashed when the message arrived (or crashed while it was queued). */
  DROP_DOWN,
  /** No node has the destination endpoint. */
  DROP_UNKNOWN,
  /** The destination holds a different key than the sender expected. */
  DROP_KEY,
  /** The codec could not decode the bytes. */
  DROP_DECODE,
  /** The link duplicated a message: a second copy is in flight. */
  DUPLICATE,
  /** A message reached a paused node and waits for it to resume. */
  QUEUE_PAUSED,
  /** A process's deadline fired. */
  TICK,
  /** A process reported a protocol event. */
  EVENT,
  /** A node started for the first time. */
  START,
  /** A node crashed. */
  CRASH,
  /** A crashed node started again. */
  RESTART,
  /** A node was paused (stalled). */
  PAUSE,
  /** A paused node resumed. */
  RESUME,
  /** A scheduled action ran. */
  ACTION
}
