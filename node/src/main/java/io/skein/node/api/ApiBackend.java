package io.skein.node.api;

import io.skein.crypto.PublicKey;
import io.skein.dht.Consistency;
import io.skein.dht.GetResult;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP API needs from the node; the daemon implements it over its gossip and DHT services.
 * Methods are called from the API's worker threads, several at once. The API validates every input
 * before it calls in (names, keys, value sizes), so implementations may assume valid arguments.
 *
 * <p>A future may complete exceptionally with an {@link ApiException} to answer with that status
 * and error (for example 503 while the node shuts down); any other exception becomes a logged 500.
 */
public interface ApiBackend {
  /** This node's public key: the namespace of its mutable records. */
  PublicKey publicKey();

  /** Every member this node knows, itself included, in any order. */
  List<MemberView> members();

  /** This node's own state. */
  StatusView status();

  /**
   * Signs {@code value} as this node's mutable record under {@code name} and puts it. The seq must
   * be above any the node knows for that name (so a put replaces the previous value): {@code cas +
   * 1} when {@code cas} is given, otherwise one above the newest record found. The future completes
   * with the result whether or not {@code level} was reached.
   *
   * @param name the record's name; its UTF-8 bytes are the BEP 44 salt (1 to 64 bytes)
   * @param value the value, at most {@link ApiLimits#MAX_VALUE_BYTES} bytes
   * @param level the consistency level
   * @param cas the seq the stored record must have, or {@link MutableRecord#NO_CAS}
   */
  CompletableFuture<PutView> putMutable(String name, byte[] value, Consistency level, long cas);

  /** Puts {@code value} as an immutable record at SHA-256(value). */
  CompletableFuture<PutView> putImmutable(byte[] value, Consistency level);

  /**
   * Reads the newest valid record at {@code key}; a result without a record means not found.
   *
   * @param key an immutable record's content key or a mutable record's SHA-256(public key || salt)
   */
  CompletableFuture<GetResult> get(RecordKey key, Consistency level);
}
