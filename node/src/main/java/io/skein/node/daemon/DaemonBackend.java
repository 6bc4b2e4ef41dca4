package io.skein.node.daemon;

import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.dht.Consistency;
import io.skein.dht.GetResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.gossip.Member;
import io.skein.node.api.ApiBackend;
import io.skein.node.api.ApiException;
import io.skein.node.api.MemberView;
import io.skein.node.api.PutView;
import io.skein.node.api.StatusView;
import io.skein.node.dht.DhtService;
import io.skein.node.gossip.GossipService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The daemon's {@link ApiBackend}: members from gossip, values through the DHT. A mutable put
 * without CAS first reads the newest record at that name (at the put's level) and signs seq + 1, so
 * a put after a restart still replaces what the network holds.
 */
final class DaemonBackend implements ApiBackend {
  private final KeyPair key;
  private final GossipService gossip;
  private final DhtService dht;
  private final long startedNanos;
  private volatile boolean closing;

  DaemonBackend(KeyPair key, GossipService gossip, DhtService dht, long startedNanos) {
    this.key = key;
    this.gossip = gossip;
    this.dht = dht;
    this.startedNanos = startedNanos;
  }

  /** From now on every operation answers 503. */
  void closing() {
    closing = true;
  }

  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public List<MemberView> members() {
    List<Member> members = gossip.members();
    List<MemberView> views = new ArrayList<>(members.size());
    for (Member m : members) {
      views.add(new MemberView(m.id(), m.endpoint(), m.state(), m.incarnation()));
    }
    return views;
  }

  @Override
  public StatusView status() {
    List<Member> members = gossip.members();
    long incarnation = members.isEmpty() ? 0 : members.get(0).incarnation();
    long uptimeMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    return new StatusView(
        key.publicKey(),
        dht.self() != null ? dht.self().endpoint() : members.get(0).endpoint(),
        incarnation,
        uptimeMillis,
        dht.storedRecords(),
        dht.routingTableSize());
  }

  @Override
  public CompletableFuture<PutView> putMutable(
      String name, byte[] value, Consistency level, long cas) {
    if (closing) {
      return shuttingDown();
    }
    byte[] salt = name.getBytes(StandardCharsets.UTF_8);
    if (cas != MutableRecord.NO_CAS) {
      return put(MutableRecord.sign(key, salt, cas + 1, value), cas, level);
    }
    return dht.get(RecordKey.ofMutable(key.publicKey(), salt), level)
        .thenCompose(
            current -> {
              long seq =
                  current.record() instanceof MutableRecord m && m.seq() < Long.MAX_VALUE
                      ? m.seq() + 1
                      : 1;
              return put(MutableRecord.sign(key, salt, seq, value), MutableRecord.NO_CAS, level);
            });
  }

  @Override
  public CompletableFuture<PutView> putImmutable(byte[] value, Consistency level) {
    if (closing) {
      return shuttingDown();
    }
    return put(ImmutableRecord.of(value), MutableRecord.NO_CAS, level);
  }

  @Override
  public CompletableFuture<GetResult> get(RecordKey recordKey, Consistency level) {
    if (closing) {
      return shuttingDown();
    }
    return dht.get(recordKey, level);
  }

  private CompletableFuture<PutView> put(Record record, long cas, Consistency level) {
    return dht.put(record, cas, dht.config().recordTtlMillis(), level)
        .thenApply(result -> new PutView(record, result));
  }

  private static <T> CompletableFuture<T> shuttingDown() {
    return CompletableFuture.failedFuture(
        new ApiException(503, "shutting_down", "the node is shutting down"));
  }
}
