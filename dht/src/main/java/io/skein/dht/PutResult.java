package io.skein.dht;

import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import java.util.Map;

/**
 * How many replicas acknowledged a put, and whether that met its consistency level. A put that
 * missed its level says so here; it is never reported as a success.
 *
 * @param operationId the operation
 * @param key the key written
 * @param level the consistency level asked for
 * @param acked replicas that stored the record (this node included when it is one)
 * @param replicas size of the replica set, {@code min(r, nodes queried + 1)}
 * @param required acknowledgements the level needs
 * @param levelReached {@code acked >= required}
 * @param rejections replicas that refused the record, by reason (a record that fails local
 *     validation is refused before anything is sent)
 * @param storeRequests STORE requests sent
 * @param stats lookup cost
 */
public record PutResult(
    long operationId,
    RecordKey key,
    Consistency level,
    int acked,
    int replicas,
    int required,
    boolean levelReached,
    Map<RejectReason, Integer> rejections,
    int storeRequests,
    LookupStats stats)
    implements DhtResult {
  /** Copies the map. */
  public PutResult {
    rejections = Map.copyOf(rejections);
  }
}
