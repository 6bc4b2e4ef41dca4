package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;

/**
 * One simulated node: an adapter around a sans-I/O protocol core. The {@link Simulator} calls it
 * from a single thread with the virtual time, and after every call drains what it wants to send and
 * asks for its next deadline.
 *
 * @param <M> the message type the simulated network carries
 */
public interface SimProcess<M> {
  /** Called once, right after creation (at start or restart). Default: nothing. */
  default void start(long nowNanos) {}

  /**
   * A message arrived from {@code from}, whose sender signed with {@code fromKey} (the transport
   * authenticates frames, so the key is that of the process that sent it).
   */
  void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, M message);

  /** The deadline last returned by {@link #nextDeadlineNanos()} has passed. */
  void onTick(long nowNanos);

  /**
   * When this process next wants {@link #onTick(long)}; {@link Long#MAX_VALUE} for never. Read
   * after every call into the process, and assumed unchanged until the next call.
   */
  long nextDeadlineNanos();

  /** Hands every queued outbound message and event to {@code outbox}, emptying the queues. */
  void drain(SimOutbox<M> outbox);
}
