package io.skein.dht.msg;

import io.skein.dht.record.RejectReason;

/**
 * Reply to {@link Store}.
 *
 * @param rpcId the request's id
 * @param reason why the record was refused, or {@code null} when it is stored; on the wire {@link
 *     RejectReason#code()} with 0 for {@code null}
 */
public record StoreAck(long rpcId, RejectReason reason) implements DhtMessage {
  /** An acknowledgement that the record is stored. */
  public static StoreAck stored(long rpcId) {
    return new StoreAck(rpcId, null);
  }

  /** Whether the record is stored. */
  public boolean accepted() {
    return reason == null;
  }
}
