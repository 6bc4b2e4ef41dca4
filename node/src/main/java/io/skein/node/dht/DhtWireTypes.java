package io.skein.node.dht;

import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.node.wire.MessageKind;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.WireTypeIds;
import java.util.List;

/**
 * The DHT's wire message types (ids 64..69 of {@link WireTypeIds}). Requests are {@link
 * MessageKind#REQUEST}, replies {@link MessageKind#REPLY}: the codec accepts a reply only for an
 * outstanding request of ours, once, and (when the request named the peer's key) only signed by
 * that key.
 *
 * <p>Wire forms (helpers in {@link WireValues}; no rpc id: the frame's request id stands for it):
 *
 * <pre>
 *   dht_find_node   64 REQUEST  endpoint, target id
 *   dht_find_value  65 REQUEST  endpoint, key
 *   dht_store       66 REQUEST  endpoint, record, cas (i64), ttlMillis (i64)
 *   dht_nodes       67 REPLY    contacts
 *   dht_value       68 REPLY    present (0|1), [record], remainingTtlMillis (i64), contacts
 *   dht_store_ack   69 REPLY    reject code varint (0 = stored)
 * </pre>
 *
 * Every request carries its sender's listen endpoint, because a frame's TCP source port is
 * ephemeral; the endpoint is covered by the frame signature, and a contact built from it enters a
 * routing table only after it answered a request sent to that endpoint.
 */
public final class DhtWireTypes {
  /** FIND_NODE: {@link FindNodeRequest}, answered by {@link #NODES}. */
  public static final MessageType<FindNodeRequest> FIND_NODE =
      new MessageType<>(
          WireTypeIds.DHT_FIND_NODE,
          "dht_find_node",
          FindNodeRequest.class,
          MessageKind.REQUEST,
          new DhtSerializers.FindNodeCodec());

  /** FIND_VALUE: {@link FindValueRequest}, answered by {@link #VALUE}. */
  public static final MessageType<FindValueRequest> FIND_VALUE =
      new MessageType<>(
          WireTypeIds.DHT_FIND_VALUE,
          "dht_find_value",
          FindValueRequest.class,
          MessageKind.REQUEST,
          new DhtSerializers.FindValueCodec());

  /** STORE: {@link StoreRequest}, answered by {@link #STORE_ACK}. */
  public static final MessageType<StoreRequest> STORE =
      new MessageType<>(
          WireTypeIds.DHT_STORE,
          "dht_store",
          StoreRequest.class,
          MessageKind.REQUEST,
          new DhtSerializers.StoreCodec());

  /** The core's {@link Nodes}, answering {@link #FIND_NODE}. */
  public static final MessageType<Nodes> NODES =
      new MessageType<>(
          WireTypeIds.DHT_NODES,
          "dht_nodes",
          Nodes.class,
          MessageKind.REPLY,
          new DhtSerializers.NodesCodec());

  /** The core's {@link Value}, answering {@link #FIND_VALUE}. */
  public static final MessageType<Value> VALUE =
      new MessageType<>(
          WireTypeIds.DHT_VALUE,
          "dht_value",
          Value.class,
          MessageKind.REPLY,
          new DhtSerializers.ValueCodec());

  /** The core's {@link StoreAck}, answering {@link #STORE}. */
  public static final MessageType<StoreAck> STORE_ACK =
      new MessageType<>(
          WireTypeIds.DHT_STORE_ACK,
          "dht_store_ack",
          StoreAck.class,
          MessageKind.REPLY,
          new DhtSerializers.StoreAckCodec());

  /** All six, by id. */
  public static final List<MessageType<?>> ALL =
      List.of(FIND_NODE, FIND_VALUE, STORE, NODES, VALUE, STORE_ACK);

  private DhtWireTypes() {}

  /** Adds the six types to {@code types}. */
  public static MessageTypes.Builder register(MessageTypes.Builder types) {
    for (MessageType<?> t : ALL) {
      types.add(t);
    }
    return types;
  }
}
