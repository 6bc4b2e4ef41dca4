package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.dht.msg.Store;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import java.util.Objects;

/**
 * A DHT STORE as it travels: the core's {@link Store} without its rpc id and with the sender's
 * listen endpoint. Answered by a {@code StoreAck} reply ({@link DhtWireTypes#STORE_ACK}).
 *
 * @param senderEndpoint where the sender listens; believed only once the sender answers there
 * @param record the record, validated by the receiver before it stores
 * @param cas the seq the stored mutable record must have, or {@link MutableRecord#NO_CAS}
 * @param ttlMillis how long to keep it (checked by the receiver, which answers {@code BAD_TTL})
 */
public record StoreRequest(Endpoint senderEndpoint, Record record, long cas, long ttlMillis) {
  /** Checks the fields. */
  public StoreRequest {
    Objects.requireNonNull(senderEndpoint, "senderEndpoint");
    Objects.requireNonNull(record, "record");
  }

  /** The core message, with {@code rpcId} standing for the frame's request id. */
  Store toCore(long rpcId) {
    return new Store(rpcId, record, cas, ttlMillis);
  }
}
