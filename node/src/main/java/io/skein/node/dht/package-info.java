/**
 * The DHT hosted by the node: {@link io.skein.node.dht.DhtService} runs the sans-I/O Kademlia core
 * ({@code io.skein.dht.Dht}) on the node's event loop, over the signed frames of {@link
 * io.skein.node.dht.DhtWireTypes}, and exports its counters as Prometheus metrics ({@link
 * io.skein.node.dht.DhtMetrics}).
 */
package io.skein.node.dht;
