package io.skein.dht.msg;

import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import io.skein.dht.record.Record;
import java.util.List;

/**
 * Reply to {@link FindValue}: the record the responder holds at the key, if any, and its closest
 * contacts to the key.
 *
 * @param rpcId the request's id
 * @param record the stored record, or {@code null} when the responder holds none
 * @param remainingTtlMillis how long the responder will still keep it (0 without a record), so a
 *     reader repairing a stale replica does not extend the record's life
 * @param closer at most {@link DhtLimits#MAX_CONTACTS_PER_REPLY} contacts (copied, unmodifiable)
 */
public record Value(long rpcId, Record record, long remainingTtlMillis, List<Contact> closer)
    implements DhtMessage {
  /** Checks the fields. */
  public Value {
    closer = Bounded.contacts(closer);
    if (remainingTtlMillis < 0) {
      throw new IllegalArgumentException("negative remaining ttl");
    }
  }
}
