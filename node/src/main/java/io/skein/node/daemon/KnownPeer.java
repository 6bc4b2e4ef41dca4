package io.skein.node.daemon;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import java.util.Objects;

/**
 * A peer this node knew when it last saved its peers: where to try rejoining.
 *
 * @param id the peer's node id
 * @param address where it listened
 */
public record KnownPeer(NodeId id, Endpoint address) {
  /** Checks the fields. */
  public KnownPeer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }
}
