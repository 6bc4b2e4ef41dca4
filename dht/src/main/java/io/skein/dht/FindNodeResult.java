package io.skein.dht;

import io.skein.crypto.NodeId;
import java.util.List;

/**
 * The k closest nodes to a target that answered a lookup.
 *
 * @param operationId the operation
 * @param target the id looked up
 * @param closest up to k nodes that answered, closest first
 * @param stats lookup cost
 */
public record FindNodeResult(
    long operationId, NodeId target, List<Contact> closest, LookupStats stats)
    implements DhtResult {
  /** Copies the list. */
  public FindNodeResult {
    closest = List.copyOf(closest);
  }
}
