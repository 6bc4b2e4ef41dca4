package io.skein.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import java.util.Objects;

/**
 * A peer the DHT can talk to: its id, the key that id is the hash of, and where it listens. The id
 * must be SHA-256 of the key, so a contact learned second-hand cannot claim someone else's place in
 * the key space. On the wire only the key and endpoint need to travel; use {@link #of(PublicKey,
 * Endpoint)} to rebuild.
 *
 * @param id SHA-256 of {@code publicKey}
 * @param publicKey the peer's Ed25519 key
 * @param endpoint where the peer listens
 */
public record Contact(NodeId id, PublicKey publicKey, Endpoint endpoint) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code id} is not SHA-256 of {@code publicKey}
   */
  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(endpoint, "endpoint");
    if (!id.equals(publicKey.nodeId())) {
      throw new IllegalArgumentException("contact id " + id + " is not the hash of its public key");
    }
  }

  /** The contact of the owner of {@code publicKey}, listening at {@code endpoint}. */
  public static Contact of(PublicKey publicKey, Endpoint endpoint) {
    return new Contact(publicKey.nodeId(), publicKey, endpoint);
  }

  @Override
  public String toString() {
    return id.shortId() + "@" + endpoint;
  }
}
