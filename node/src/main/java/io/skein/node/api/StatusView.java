package io.skein.node.api;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import java.util.Objects;

/**
 * This node's own state for {@code GET /v1/status}. The API adds the member counts by state from
 * {@link ApiBackend#members()}.
 *
 * @param publicKey the node's key: its namespace; its SHA-256 is the node id
 * @param address where the node listens for peers
 * @param incarnation the node's current incarnation
 * @param uptimeMillis time since the node started
 * @param recordsStored records this node holds (for itself and for others)
 * @param routingContacts contacts in the DHT routing table
 */
public record StatusView(
    PublicKey publicKey,
    Endpoint address,
    long incarnation,
    long uptimeMillis,
    long recordsStored,
    int routingContacts) {
  /** Checks the fields. */
  public StatusView {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(address, "address");
  }
}
