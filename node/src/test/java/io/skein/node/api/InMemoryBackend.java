package io.skein.node.api;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.dht.Consistency;
import io.skein.dht.GetResult;
import io.skein.dht.LookupStats;
import io.skein.dht.PutResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordValidator;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import io.skein.dht.record.StoredRecord;
import io.skein.dht.record.ValidationResult;
import io.skein.gossip.MemberState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ApiBackend} over one {@link InMemoryRecordStore} that plays a replica set: every record
 * is validated and stored for real, and {@link #replicas} of which {@link #reachable} answer decide
 * the counts and whether a level is reached. Failures can be injected. Shared with the CLI's tests
 * through the node's test-jar.
 */
public final class InMemoryBackend implements ApiBackend {
  /** TTL of stored records; the store's clock stands still, so nothing expires. */
  static final long TTL_MILLIS = 3_600_000;

  private final KeyPair key;
  private final Endpoint address;
  private final InMemoryRecordStore store = new InMemoryRecordStore(10_000, 64L * 1024 * 1024);
  private final RecordValidator validator =
      new RecordValidator(Ed25519.VERIFIER, ApiLimits.MAX_VALUE_BYTES);
  private final List<MemberView> members = new ArrayList<>();
  private int replicas = 3;
  private int reachable = 3;
  private RuntimeException failure;
  private boolean stalled;
  private Consistency lastLevel;
  private long operations;

  /**
   * A backend for the node with {@code key}, listening at {@code address}; it is its own member.
   */
  public InMemoryBackend(KeyPair key, Endpoint address) {
    this.key = key;
    this.address = address;
    members.add(new MemberView(key.nodeId(), address, MemberState.ALIVE, 1));
  }

  /** A backend with a key from {@code seed} at 127.0.0.1:7946. */
  public static InMemoryBackend withSeed(int seed) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) seed;
    bytes[31] = (byte) (seed >> 8);
    return new InMemoryBackend(KeyPair.fromSeed(bytes), new Endpoint("127.0.0.1", 7946));
  }

  /** The node's key pair. */
  public KeyPair key() {
    return key;
  }

  /** Adds a member to what {@link #members()} lists. */
  public synchronized void addMember(MemberView member) {
    members.add(member);
  }

  /** Sets the replica set size and how many of its replicas answer. */
  public synchronized void replicas(int replicas, int reachable) {
    this.replicas = replicas;
    this.reachable = reachable;
  }

  /** Makes the next operation's future fail with {@code e}. */
  public synchronized void failNext(RuntimeException e) {
    this.failure = e;
  }

  /** Makes operations never complete (or complete again). */
  public synchronized void stall(boolean stalled) {
    this.stalled = stalled;
  }

  /** The level of the last put or get. */
  public synchronized Consistency lastLevel() {
    return lastLevel;
  }

  /** Puts and gets served. */
  public synchronized long operations() {
    return operations;
  }

  /** Stores {@code record} as if another node had put it. */
  public synchronized StoreOutcome store(Record record) {
    return store.put(record, MutableRecord.NO_CAS, TTL_MILLIS, 0);
  }

  /** Puts {@code record} through the replica simulation (what a hostile or racing writer sees). */
  public synchronized CompletableFuture<PutView> put(Record record, long cas, Consistency level) {
    CompletableFuture<PutView> early = begin(level);
    if (early != null) {
      return early;
    }
    ValidationResult valid = validator.validate(record.key(), record);
    StoreOutcome outcome =
        valid.valid()
            ? store.put(record, cas, TTL_MILLIS, 0)
            : StoreOutcome.rejected(valid.reason());
    int acked = outcome.accepted() ? reachable : 0;
    Map<RejectReason, Integer> rejections =
        outcome.accepted() ? Map.of() : Map.of(outcome.reason(), reachable);
    int required = level.required(replicas);
    PutResult result =
        new PutResult(
            operations,
            record.key(),
            level,
            acked,
            replicas,
            required,
            acked >= required,
            rejections,
            reachable,
            stats());
    return CompletableFuture.completedFuture(new PutView(record, result));
  }

  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public synchronized List<MemberView> members() {
    return List.copyOf(members);
  }

  @Override
  public synchronized StatusView status() {
    return new StatusView(key.publicKey(), address, 1, 12_345, store.size(), members.size() - 1);
  }

  @Override
  public synchronized CompletableFuture<PutView> putMutable(
      String name, byte[] value, Consistency level, long cas) {
    byte[] salt = name.getBytes(StandardCharsets.UTF_8);
    StoredRecord current = store.get(RecordKey.ofMutable(key.publicKey(), salt), 0);
    long seq;
    if (cas != MutableRecord.NO_CAS) {
      seq = cas + 1;
    } else if (current != null && current.record() instanceof MutableRecord m) {
      seq = m.seq() + 1;
    } else {
      seq = 1;
    }
    return put(MutableRecord.sign(key, salt, seq, value), cas, level);
  }

  @Override
  public synchronized CompletableFuture<PutView> putImmutable(byte[] value, Consistency level) {
    return put(ImmutableRecord.of(value), MutableRecord.NO_CAS, level);
  }

  @Override
  public synchronized CompletableFuture<GetResult> get(RecordKey recordKey, Consistency level) {
    CompletableFuture<GetResult> early = begin(level);
    if (early != null) {
      return early;
    }
    StoredRecord stored = store.get(recordKey, 0);
    Record record = stored == null ? null : stored.record();
    int agreeing = record == null ? 0 : reachable;
    int required = level.required(replicas);
    return CompletableFuture.completedFuture(
        new GetResult(
            operations,
            recordKey,
            record,
            level,
            replicas,
            agreeing,
            required,
            agreeing >= required,
            0,
            0,
            stats()));
  }

  private <T> CompletableFuture<T> begin(Consistency level) {
    operations++;
    lastLevel = level;
    if (failure != null) {
      RuntimeException e = failure;
      failure = null;
      return CompletableFuture.failedFuture(e);
    }
    if (stalled) {
      return new CompletableFuture<>();
    }
    return null;
  }

  private static LookupStats stats() {
    return new LookupStats(1, 1, 1, 0, 1_000);
  }
}
