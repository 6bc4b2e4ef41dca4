package io.skein.dht.msg;

import io.skein.crypto.NodeId;
import java.util.Objects;

/**
 * Asks for the contacts the receiver knows closest to {@code target}; answered by {@link Nodes}.
 * Also the DHT's ping (with the sender's own id as target).
 *
 * @param rpcId request id
 * @param target the id to get close to
 */
public record FindNode(long rpcId, NodeId target) implements DhtMessage {
  /** Checks the fields. */
  public FindNode {
    Objects.requireNonNull(target, "target");
  }
}
