package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.dht.msg.FindNode;
import java.util.Objects;

/**
 * A DHT FIND_NODE as it travels: the core's {@link FindNode} without its rpc id (the frame's
 * request id stands for it) and with the sender's listen endpoint, signed with the frame. Answered
 * by a {@code Nodes} reply ({@link DhtWireTypes#NODES}).
 *
 * @param senderEndpoint where the sender listens (frames come from ephemeral ports); believed only
 *     once the sender answers a request sent there
 * @param target the id to get close to
 */
public record FindNodeRequest(Endpoint senderEndpoint, NodeId target) {
  /** Checks the fields. */
  public FindNodeRequest {
    Objects.requireNonNull(senderEndpoint, "senderEndpoint");
    Objects.requireNonNull(target, "target");
  }

  /** The core message, with {@code rpcId} standing for the frame's request id. */
  FindNode toCore(long rpcId) {
    return new FindNode(rpcId, target);
  }
}
