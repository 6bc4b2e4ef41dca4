package io.skein.dht.msg;

import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import java.util.Objects;

/**
 * Asks the receiver to store {@code record} for {@code ttlMillis}; answered by {@link StoreAck}.
 *
 * @param rpcId request id
 * @param record the record (validated by the receiver before it stores)
 * @param cas the seq the receiver's stored mutable record must have for the put to apply, or {@link
 *     MutableRecord#NO_CAS} (-1); ignored for immutable records
 * @param ttlMillis how long to keep it, in (0, {@code DhtLimits.MAX_TTL_MILLIS}] (checked by the
 *     receiver, which answers {@code BAD_TTL} otherwise)
 */
public record Store(long rpcId, Record record, long cas, long ttlMillis) implements DhtMessage {
  /** Checks the fields. */
  public Store {
    Objects.requireNonNull(record, "record");
  }
}
