package io.skein.node.api;

import io.skein.dht.PutResult;
import io.skein.dht.record.Record;
import java.util.Objects;

/**
 * What a put did: the record the node signed (or built) and how the replicas answered.
 *
 * @param record the record put: for a mutable put it carries the seq the node chose
 * @param result acknowledgements, rejections and whether the consistency level was reached
 */
public record PutView(Record record, PutResult result) {
  /** Checks the fields. */
  public PutView {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(result, "result");
  }
}
