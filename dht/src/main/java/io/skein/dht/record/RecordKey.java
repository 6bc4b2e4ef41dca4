package io.skein.dht.record;

import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Sha256;
import java.util.Objects;

/**
 * Where a record lives in the 256-bit key space: SHA-256(value) for an immutable record,
 * SHA-256(public key || salt) for a mutable one.
 *
 * @param id the key as a point in the Kademlia key space
 */
public record RecordKey(NodeId id) implements Comparable<RecordKey> {
  /** Checks the field. */
  public RecordKey {
    Objects.requireNonNull(id, "id");
  }

  /** The key of the immutable record holding {@code value}: SHA-256(value). */
  public static RecordKey ofImmutable(byte[] value) {
    return new RecordKey(NodeId.of(Sha256.hash(value)));
  }

  /** The key of {@code publicKey}'s mutable record under {@code salt}: SHA-256(key || salt). */
  public static RecordKey ofMutable(PublicKey publicKey, byte[] salt) {
    return new RecordKey(NodeId.of(Sha256.hash(publicKey.bytes(), salt)));
  }

  /** Parses 64 hex digits. */
  public static RecordKey fromHex(String hex) {
    return new RecordKey(NodeId.fromHex(hex));
  }

  /** Lowercase hex, 64 digits. */
  public String hex() {
    return id.hex();
  }

  @Override
  public int compareTo(RecordKey o) {
    return id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return id.shortId();
  }
}
