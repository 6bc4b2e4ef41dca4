package io.skein.testnet.sim;

/** Observes the protocol events processes report through {@link SimOutbox#event(Object)}. */
@FunctionalInterface
public interface SimEventListener {
  /** {@code node} reported {@code event} at virtual time {@code timeNanos}. */
  void onEvent(long timeNanos, int node, Object event);
}
