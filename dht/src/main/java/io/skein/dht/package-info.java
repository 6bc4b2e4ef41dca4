/**
 * Skein's Kademlia DHT as a sans-I/O state machine: {@link io.skein.dht.Dht} takes messages,
 * membership news and time, and returns messages to send, results and its next deadline. The
 * routing table is in {@link io.skein.dht.routing}, lookups, puts and gets in {@link
 * io.skein.dht.lookup}, self-validating records and their store in {@link io.skein.dht.record}, and
 * the protocol messages in {@link io.skein.dht.msg}. Settings are in {@link
 * io.skein.dht.DhtConfig}, hard limits in {@link io.skein.dht.DhtLimits}.
 */
package io.skein.dht;
