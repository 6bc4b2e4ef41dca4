package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;

/**
 * Where a {@link SimProcess} puts what it produced during one call. Only valid during {@link
 * SimProcess#drain(SimOutbox)}.
 *
 * @param <M> the message type
 */
public interface SimOutbox<M> {
  /**
   * Sends {@code message} to {@code to}. If {@code expectedKey} is not null the message is only
   * delivered to a process holding that key (a node restarted with a fresh key drops it, as the
   * real transport rejects a frame for the wrong identity).
   */
  void send(Endpoint to, PublicKey expectedKey, M message);

  /**
   * Records a protocol event (member joined, suspect, dead, ...). It enters the trace hash through
   * its {@code toString()}, which must therefore be deterministic (records of strings, numbers,
   * enums and keys are).
   */
  default void event(Object event) {
    event(event, TraceHash.hashString(String.valueOf(event)));
  }

  /**
   * Records a protocol event that enters the trace hash as {@code fingerprint}, which must be
   * deterministic; cheaper than {@link #event(Object)} when events are many.
   */
  void event(Object event, long fingerprint);
}
