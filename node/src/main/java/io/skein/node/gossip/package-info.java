/**
 * SWIM gossip inside the node: {@link io.skein.node.gossip.GossipService} drives the sans-I/O
 * {@link io.skein.gossip.Swim} core on the node's event loop; {@link
 * io.skein.node.gossip.GossipWireTypes} are the bounded wire serializers of its nine messages, each
 * wrapped in a {@link io.skein.node.gossip.GossipEnvelope} that adds the sender's advertised
 * endpoint; {@link io.skein.node.gossip.GossipMetrics} exports the core's counters to Prometheus.
 */
package io.skein.node.gossip;
