package io.skein.dht.msg;

/**
 * A DHT protocol message. Requests ({@link FindNode}, {@link FindValue}, {@link Store}) carry a
 * random {@code rpcId}; their replies ({@link Nodes}, {@link Value}, {@link StoreAck}) echo it, and
 * a reply is accepted only from the peer the request went to. Fields are plain values with bounded
 * lengths, so wire serializers can bound every allocation; records travel in {@link
 * io.skein.dht.record.RecordCodec}'s encoding.
 */
public sealed interface DhtMessage permits FindNode, FindValue, Store, Nodes, Value, StoreAck {
  /** The request id; a reply carries its request's id. */
  long rpcId();

  /** Whether this message asks for a reply. */
  default boolean isRequest() {
    return this instanceof FindNode || this instanceof FindValue || this instanceof Store;
  }
}
