package io.skein.testnet.sim;

/**
 * Builds a node's process at start and again at every restart (a restart loses all state: the
 * factory must build a new core).
 *
 * @param <M> the message type
 */
@FunctionalInterface
public interface SimProcessFactory<M> {
  /** A new process for {@code node}. */
  SimProcess<M> create(SimNode node);
}
