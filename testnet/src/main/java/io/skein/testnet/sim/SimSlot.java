package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/**
 * One node of a {@link Simulator}: its fixed identity slot (index, endpoint, random streams), its
 * current process, and its pause state. What the process sends or reports goes to the simulator
 * through the two callbacks. Simulator thread only.
 */
final class SimSlot<M> implements SimOutbox<M> {
  /** Where a slot's sends go: the simulator's network. */
  @FunctionalInterface
  interface Sends<M> {
    void send(SimSlot<M> from, Endpoint to, PublicKey expectedKey, M message);
  }

  /** Where a slot's events go: the simulator's trace and listener. */
  @FunctionalInterface
  interface Events<M> {
    void event(SimSlot<M> from, Object event, long fingerprint);
  }

  final int index;
  final Endpoint endpoint;
  final SimProcessFactory<M> factory;
  final RandomGenerator netRandom;
  final RandomGenerator keyRandom;
  final ArrayDeque<SimEvent> pending = new ArrayDeque<>();
  private final Sends<M> sends;
  private final Events<M> events;
  Signer signer;
  SimProcess<M> process;
  int incarnation;
  long tickAt = Long.MAX_VALUE;

  /**
   * The process's deadline as read after the last call into it. A process changes only when called,
   * so this stays exact and saves a second {@code nextDeadlineNanos()} per tick.
   */
  long deadline = Long.MAX_VALUE;

  long pausedUntil = Long.MIN_VALUE;

  SimSlot(
      int index,
      Endpoint endpoint,
      SimProcessFactory<M> factory,
      long seed,
      Sends<M> sends,
      Events<M> events) {
    this.index = index;
    this.endpoint = endpoint;
    this.factory = factory;
    this.netRandom = SimRandom.stream(seed, "net", index);
    this.keyRandom = SimRandom.stream(seed, "keys", index);
    this.sends = sends;
    this.events = events;
  }

  @Override
  public void send(Endpoint to, PublicKey expectedKey, M message) {
    sends.send(this, to, expectedKey, message);
  }

  @Override
  public void event(Object event, long fingerprint) {
    events.event(this, event, fingerprint);
  }
}
