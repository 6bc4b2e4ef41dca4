package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.StoredRecord;
import io.skein.node.NodeContext;
import io.skein.node.NodeService;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageTypes;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kademlia DHT hosted by a node: a {@link io.skein.dht.Dht} core on the node's event loop,
 * beside gossip, speaking the {@link DhtWireTypes} over the node's signed frames. An inbound
 * request reaches the core with the frame's request id as its rpc id and the contact (frame signer,
 * endpoint carried in the request), and the core's answer goes back over the connection it came in
 * on; a core request goes out with a fresh frame request id mapped back to the core's rpc id when
 * the reply arrives (accepted only for that outstanding request, from the key asked). Timeouts are
 * the core's own ({@link DhtConfig#requestTimeoutNanos()}), driven by a loop timer set at the
 * core's next deadline. A contact not yet in the routing table is asked at its advertised endpoint,
 * never over a connection it opened to us, so the answer that admits it proves it listens there.
 *
 * <p>The public methods are thread-safe: each runs its work on the loop and returns at once.
 * Futures complete on the loop thread, so dependent stages must not block (use the {@code *Async}
 * variants for slow work). A future fails with {@link IllegalStateException} before the node
 * started the service or when {@link io.skein.dht.DhtLimits#MAX_OPERATIONS} are running, with
 * {@link RejectedExecutionException} when the loop refuses the task (closed or overloaded), and
 * with {@link java.util.concurrent.CancellationException} when the node closes first.
 *
 * <p>Records expire on an epoch-based clock ({@link CoreClock}), so a persistent {@link
 * RecordStore} keeps correct expiry times across restarts.
 */
public final class DhtService implements NodeService {
  private static final Logger log = LoggerFactory.getLogger(DhtService.class);

  private final DhtConfig config;
  private final RecordStore store;
  private final Endpoint advertiseOrNull;
  private final RandomGenerator random;
  private final Snapshot snapshot = new Snapshot();
  private volatile NodeContext context;
  private volatile DhtMetrics metrics;
  private volatile Contact self;
  // loop thread only
  private DhtDriver driver;

  /** Figures the loop publishes after every input, for other threads. */
  static final class Snapshot {
    private volatile int routingTableSize;
    private volatile int storedRecords;
    private volatile int runningOperations;

    void update(int routingTableSize, int storedRecords, int runningOperations) {
      this.routingTableSize = routingTableSize;
      this.storedRecords = storedRecords;
      this.runningOperations = runningOperations;
    }
  }

  /**
   * A DHT service with these settings, keeping records in {@code store}, drawing rpc ids and
   * refresh targets from {@code random}. The service owns the store from now on: it uses it on the
   * loop thread only and closes it (when it is {@link AutoCloseable}) when the node closes.
   */
  public DhtService(DhtConfig config, RecordStore store, RandomGenerator random) {
    this(config, store, null, random);
  }

  /**
   * A DHT service like {@link #DhtService(DhtConfig, RecordStore, RandomGenerator)} that tells
   * peers to reach it at {@code advertiseOrNull} (the daemon's {@code --advertise}), or at the
   * node's endpoint when {@code null}. Every request carries this endpoint and peers store it in
   * their routing tables, so it must be an address they can connect to, never a wildcard.
   */
  public DhtService(
      DhtConfig config, RecordStore store, Endpoint advertiseOrNull, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.advertiseOrNull = advertiseOrNull;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A DHT service with these settings and store, and an unpredictably seeded random source. */
  public DhtService(DhtConfig config, RecordStore store) {
    this(config, store, new SplittableRandom());
  }

  /** A DHT service keeping records in memory, bounded by the config's record and byte caps. */
  public static DhtService inMemory(DhtConfig config) {
    return new DhtService(
        config, new InMemoryRecordStore(config.maxRecordsPerNode(), config.maxStoredBytes()));
  }

  // ---- NodeService ------------------------------------------------------------------------------

  @Override
  public void registerTypes(MessageTypes.Builder types) {
    DhtWireTypes.register(types);
  }

  @Override
  public void start(NodeContext context) {
    DhtMetrics m = new DhtMetrics(context.registry());
    Endpoint advertised = advertiseOrNull != null ? advertiseOrNull : context.endpoint();
    if (advertised.host().equals("0.0.0.0") || advertised.host().equals("::")) {
      log.warn(
          "{} dht advertises the wildcard address {}: peers cannot reach it",
          context.shortId(),
          advertised);
    }
    this.driver = new DhtDriver(context, config, store, advertised, random, m, snapshot);
    this.metrics = m;
    this.self = driver.self();
    this.context = context;
    log.info(
        "{} dht started at {} (k={}, alpha={}, r={}, request timeout {} ms)",
        context.shortId(),
        advertised,
        config.k(),
        config.alpha(),
        config.replicationFactor(),
        config.requestTimeoutNanos() / 1_000_000);
  }

  @Override
  public boolean onFrame(InboundFrame frame, RouteId route) {
    return driver != null && driver.onFrame(frame, route);
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.close();
    }
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        NodeContext c = context;
        log.warn(
            "{} dht record store did not close cleanly: {}",
            c == null ? "-" : c.shortId(),
            e.toString());
      }
    }
  }

  // ---- public API (any thread) ------------------------------------------------------------------

  /** Stores {@code record} on its replicas at the config's default level and TTL. */
  public CompletableFuture<PutResult> put(Record record) {
    return put(record, config.defaultConsistency());
  }

  /** Stores {@code record} on its replicas at {@code level} with the config's default TTL. */
  public CompletableFuture<PutResult> put(Record record, Consistency level) {
    return put(record, MutableRecord.NO_CAS, config.recordTtlMillis(), level);
  }

  /**
   * Stores {@code record} on the r replicas closest to its key for {@code ttlMillis}, and keeps
   * republishing it (see {@link #forget}). The result says how many replicas acknowledged and
   * whether {@code level} was reached; a record that fails validation completes at once with its
   * reject reason.
   *
   * @param cas the seq the replicas' stored mutable record must have, or {@link
   *     MutableRecord#NO_CAS}
   */
  public CompletableFuture<PutResult> put(
      Record record, long cas, long ttlMillis, Consistency level) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(level, "level");
    CompletableFuture<PutResult> future = new CompletableFuture<>();
    onLoop(
        future,
        d ->
            d.start(
                PutResult.class, future, now -> d.dht().put(now, record, cas, ttlMillis, level)));
    return future;
  }

  /** Reads {@code key} at the config's default level. */
  public CompletableFuture<GetResult> get(RecordKey key) {
    return get(key, config.defaultConsistency());
  }

  /**
   * Reads {@code key} at {@code level}: the newest valid record its replicas hold (stale replicas
   * are repaired), and how many agreed.
   */
  public CompletableFuture<GetResult> get(RecordKey key, Consistency level) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(level, "level");
    CompletableFuture<GetResult> future = new CompletableFuture<>();
    onLoop(future, d -> d.start(GetResult.class, future, now -> d.dht().get(now, key, level)));
    return future;
  }

  /** Finds the k nodes closest to {@code target} that answer. */
  public CompletableFuture<FindNodeResult> findNode(NodeId target) {
    Objects.requireNonNull(target, "target");
    CompletableFuture<FindNodeResult> future = new CompletableFuture<>();
    onLoop(
        future, d -> d.start(FindNodeResult.class, future, now -> d.dht().findNode(now, target)));
    return future;
  }

  /**
   * Joins the network through {@code seeds} whose keys are known: a lookup of this node's own id
   * starting from them, then a refresh of every bucket. The seeds enter the routing table once they
   * answer.
   */
  public CompletableFuture<FindNodeResult> bootstrap(Collection<Contact> seeds) {
    List<Contact> copy = List.copyOf(seeds);
    CompletableFuture<FindNodeResult> future = new CompletableFuture<>();
    onLoop(future, d -> d.start(FindNodeResult.class, future, now -> d.dht().bootstrap(now, copy)));
    return future;
  }

  /**
   * Joins the network through seeds known only by address: each is asked for our own id
   * (unaddressed), whoever signs the answer at that address is taken as the seed, and once every
   * seed has answered or timed out, {@link #bootstrap} runs from those that answered and the
   * contacts they returned. Fails with a {@link java.util.concurrent.TimeoutException} if none
   * answered within the request timeout.
   */
  public CompletableFuture<FindNodeResult> bootstrapFrom(Collection<Endpoint> seeds) {
    List<Endpoint> copy = List.copyOf(seeds);
    CompletableFuture<FindNodeResult> future = new CompletableFuture<>();
    if (copy.isEmpty()) {
      future.completeExceptionally(new IllegalArgumentException("no seed address given"));
      return future;
    }
    onLoop(future, d -> d.bootstrapFrom(copy, future));
    return future;
  }

  /** Stops republishing the record at {@code key}; completes with whether it was republished. */
  public CompletableFuture<Boolean> forget(RecordKey key) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<Boolean> future = new CompletableFuture<>();
    onLoop(future, d -> future.complete(d.forget(key)));
    return future;
  }

  /** The unexpired record this node itself holds at {@code key}, or {@code null}. */
  public CompletableFuture<StoredRecord> localRecord(RecordKey key) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<StoredRecord> future = new CompletableFuture<>();
    onLoop(future, d -> future.complete(d.localRecord(key)));
    return future;
  }

  /**
   * The membership layer vouches that {@code member} is alive (it may enter the routing table
   * without answering a DHT request first). Ignored once the node is closed.
   */
  public void onMemberAlive(Contact member) {
    Objects.requireNonNull(member, "member");
    onLoop(null, d -> d.onMemberAlive(member));
  }

  /**
   * The membership layer declared {@code member} dead: it leaves the routing table, requests to it
   * fail now, and the records it held are re-replicated. Ignored once the node is closed.
   */
  public void onMemberDead(NodeId member) {
    Objects.requireNonNull(member, "member");
    onLoop(null, d -> d.onMemberDead(member));
  }

  /** This node as a DHT contact; {@code null} before the node started the service. */
  public Contact self() {
    return self;
  }

  /** The DHT metrics; {@code null} before the node started the service. */
  public DhtMetrics metrics() {
    return metrics;
  }

  /** Contacts in the routing table, as of the last input the loop handled. */
  public int routingTableSize() {
    return snapshot.routingTableSize;
  }

  /** Records this node holds, as of the last input the loop handled. */
  public int storedRecords() {
    return snapshot.storedRecords;
  }

  /** Operations running in the core, as of the last input the loop handled. */
  public int runningOperations() {
    return snapshot.runningOperations;
  }

  /** The settings. */
  public DhtConfig config() {
    return config;
  }

  /**
   * Runs {@code task} with the driver on the loop thread; a failure to get there fails {@code
   * futureOrNull} (or, without a future, is logged and dropped: the node is closing).
   */
  private void onLoop(CompletableFuture<?> futureOrNull, Consumer<DhtDriver> task) {
    NodeContext c = context;
    if (c == null) {
      IllegalStateException e = new IllegalStateException("the dht service is not started");
      if (futureOrNull == null) {
        throw e;
      }
      futureOrNull.completeExceptionally(e);
      return;
    }
    c.loop()
        .submit(
            () -> {
              task.accept(driver);
              return null;
            })
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                return;
              }
              if (futureOrNull != null) {
                futureOrNull.completeExceptionally(error);
              } else {
                log.debug("{} dht input dropped: {}", c.shortId(), error.toString());
              }
            });
  }
}
