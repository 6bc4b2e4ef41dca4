/**
 * SWIM membership and failure detection with Lifeguard, as a sans-I/O state machine, after
 * HashiCorp memberlist.
 *
 * <p>{@link io.skein.gossip.Swim} is the core. A driver (the node's event loop, the in-JVM testnet,
 * the simulator) owns it on one thread and:
 *
 * <ol>
 *   <li>creates it with a {@link io.skein.gossip.GossipConfig} preset, the node's {@code Signer}, a
 *       {@code Verifier}, its advertised endpoint, a seeded {@code RandomGenerator} and the current
 *       time, then calls {@code join(now, seeds)};
 *   <li>hands it every decoded gossip message with {@code onMessage(now, from, fromKey, m)};
 *   <li>calls {@code onTick(now)} at {@code nextDeadlineNanos()} (earlier or extra calls are
 *       harmless; time must not go backwards);
 *   <li>after each call, sends everything {@code drainOutbox()} returns (best effort, never
 *       blocking) and reads {@code drainEvents()};
 *   <li>exports {@link io.skein.gossip.GossipStats};
 *   <li>to stop, calls {@code leave(now)} and keeps driving until {@code leaveComplete()} or a
 *       timeout.
 * </ol>
 *
 * <p>Nothing in this package reads a clock, does I/O, starts a thread, or uses randomness other
 * than the injected generator; a test scans the sources to keep it so. Messages and signed claims
 * live in {@link io.skein.gossip.msg}.
 */
package io.skein.gossip;
