/**
 * The DHT core ({@link io.skein.dht.Dht}) driven by the deterministic simulator: {@link
 * io.skein.testnet.sim.dht.DhtSim} adapts one core to a {@link io.skein.testnet.sim.SimProcess},
 * {@link io.skein.testnet.sim.dht.DhtCluster} builds a simulated network of them with a modelled
 * gossip feed, faults and ground truth, {@link io.skein.testnet.sim.dht.MaliciousDht} gives nodes
 * hostile behaviours, {@link io.skein.testnet.sim.dht.DhtScenarios} runs the measured scenarios and
 * {@link io.skein.testnet.sim.dht.DhtSimBench} writes their figures to {@code
 * bench/results/dht-sim.md}.
 */
package io.skein.testnet.sim.dht;
