package io.skein.dht.msg;

import io.skein.crypto.NodeId;
import java.util.Objects;

/**
 * Asks for the record the receiver holds at {@code key} and the contacts it knows closest to it;
 * answered by {@link Value}.
 *
 * @param rpcId request id
 * @param key the record key
 */
public record FindValue(long rpcId, NodeId key) implements DhtMessage {
  /** Checks the fields. */
  public FindValue {
    Objects.requireNonNull(key, "key");
  }
}
