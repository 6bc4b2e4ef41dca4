package io.skein.dht;

import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;

/**
 * The newest valid record found at a key, and how much the replicas agreed.
 *
 * @param operationId the operation
 * @param key the key read
 * @param record the newest valid record, or {@code null} if none was found
 * @param level the consistency level asked for
 * @param replicas size of the replica set, {@code min(r, nodes queried + 1)}
 * @param agreeing replicas that answered with {@code record} (or, with no record, answered)
 * @param required agreeing replicas the level needs
 * @param levelReached {@code agreeing >= required}
 * @param invalidRecords records received that failed validation (forged, wrong key, too large)
 * @param repairs stale replicas the newest record was stored back on
 * @param stats lookup cost
 */
public record GetResult(
    long operationId,
    RecordKey key,
    Record record,
    Consistency level,
    int replicas,
    int agreeing,
    int required,
    boolean levelReached,
    int invalidRecords,
    int repairs,
    LookupStats stats)
    implements DhtResult {
  /** Whether a record was found. */
  public boolean found() {
    return record != null;
  }
}
