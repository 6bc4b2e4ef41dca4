/**
 * The deterministic simulator: one thread, a virtual clock in nanoseconds, and a seeded network
 * that delays, loses, duplicates and reorders messages, partitions node sets, and crashes, restarts
 * and pauses nodes. It drives sans-I/O protocol cores through {@link
 * io.skein.testnet.sim.SimProcess} adapters; the same seed gives the same {@link
 * io.skein.testnet.sim.Simulator#traceHash() trace hash}.
 *
 * <p>Entry point: {@link io.skein.testnet.sim.Simulator#builder(long)}. Large runs pass message
 * objects and sign with {@link io.skein.testnet.sim.SimSignatures}; small runs may plug in a {@link
 * io.skein.testnet.sim.SimCodec} and {@link io.skein.testnet.sim.SimKeys#ed25519()} so the real
 * codec and real signatures are exercised too.
 *
 * <p>Gossip: {@link io.skein.testnet.sim.GossipSim} runs many {@code Swim} cores with the
 * bookkeeping scenarios need (convergence, false deaths, spread timing); {@link
 * io.skein.testnet.sim.GossipScenarios} holds the measurements and {@link
 * io.skein.testnet.sim.GossipSimBench} runs them at 1,000 nodes and writes
 * bench/results/gossip-sim.md.
 */
package io.skein.testnet.sim;
