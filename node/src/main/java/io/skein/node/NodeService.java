package io.skein.node;

import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageTypes;

/**
 * A protocol hosted by a node's event loop: the gossip and DHT cores are each wrapped in one. The
 * node registers every service's message types with its codec, hands each accepted frame to the
 * services in order until one takes it, and closes them when it stops.
 *
 * <p>Every method except {@link #registerTypes} runs on the node's event-loop thread, so a service
 * needs no locks for its own state; other threads reach it through {@link NodeContext#loop()}.
 */
public interface NodeService {
  /** Adds this service's message types (ids from {@code WireTypeIds}) before the codec is built. */
  void registerTypes(MessageTypes.Builder types);

  /** Starts the service on the loop thread; {@code context} stays valid until {@link #close()}. */
  void start(NodeContext context);

  /**
   * Offers an accepted, verified frame. Returns whether this service handled it; a frame no service
   * takes is counted as unhandled.
   *
   * @param route the connection it came in on, for replies
   */
  boolean onFrame(InboundFrame frame, RouteId route);

  /** Stops the service on the loop thread; the node closes its sockets afterwards. */
  void close();
}
