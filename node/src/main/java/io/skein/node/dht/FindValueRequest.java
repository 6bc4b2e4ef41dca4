package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.dht.msg.FindValue;
import java.util.Objects;

/**
 * A DHT FIND_VALUE as it travels: the core's {@link FindValue} without its rpc id and with the
 * sender's listen endpoint. Answered by a {@code Value} reply ({@link DhtWireTypes#VALUE}).
 *
 * @param senderEndpoint where the sender listens; believed only once the sender answers there
 * @param key the record key
 */
public record FindValueRequest(Endpoint senderEndpoint, NodeId key) {
  /** Checks the fields. */
  public FindValueRequest {
    Objects.requireNonNull(senderEndpoint, "senderEndpoint");
    Objects.requireNonNull(key, "key");
  }

  /** The core message, with {@code rpcId} standing for the frame's request id. */
  FindValue toCore(long rpcId) {
    return new FindValue(rpcId, key);
  }
}
