package io.skein.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.RecordValidator;
import io.skein.dht.record.RejectReason;
import io.skein.dht.routing.InsertOutcome;
import io.skein.dht.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * The Kademlia DHT of one node as a sans-I/O state machine. The driver feeds it messages ({@link
 * #onMessage}), membership news from gossip ({@link #onMemberAlive}, {@link #onMemberDead}) and
 * time ({@link #onTick} at {@link #nextDeadlineNanos()}); it sends what {@link #drainOutbox()}
 * returns and hands out what {@link #drainResults()} returns. Every input carries the current time;
 * nothing inside reads a clock, does I/O, starts threads or draws randomness other than from the
 * injected {@link RandomGenerator}. Not thread-safe: one thread drives it.
 *
 * <p>The driver authenticates messages (signed frames) and builds {@code from} from the frame's
 * signing key and the sender's endpoint; the core trusts that {@code from} sent the message and
 * nothing else: replies must match an outstanding request to that very peer, and every record is
 * validated before it is stored or believed.
 *
 * <p>Its own time-driven work: request timeouts, bucket refresh, store expiry, republishing the
 * records this node put, and re-replicating the records it holds ({@link Replicator}). Requests
 * from peers are served by {@link Server}; lookups, gets and puts run in {@link Operations}.
 */
public final class Dht {
  private static final long MILLI = 1_000_000L;

  final DhtConfig config;
  final Contact self;
  final RecordStore store;
  final RecordValidator validator;
  final RoutingTable table;
  final DhtCounters counters = new DhtCounters();
  final Server server;
  private final Signer signer;
  private final RandomGenerator random;
  private final Requests requests = new Requests();
  private final Operations operations;
  private final Replicator replicator;
  private final List<Outbound> outbox = new ArrayList<>();
  private final Set<NodeId> pinging = new HashSet<>();
  private final TreeMap<RecordKey, Published> published = new TreeMap<>();
  private long nextExpirySweepNanos;

  /** A record this node put and keeps republishing. */
  private static final class Published {
    final Record record;
    final long ttlMillis;
    final Consistency level;
    long nextDueNanos;

    Published(Record record, long ttlMillis, Consistency level, long nextDueNanos) {
      this.record = record;
      this.ttlMillis = ttlMillis;
      this.level = level;
      this.nextDueNanos = nextDueNanos;
    }
  }

  /**
   * A DHT core for the node whose key is {@code signer}'s, listening at {@code endpoint}; its id is
   * SHA-256 of that key.
   *
   * @param config settings
   * @param signer signs this node's own mutable records ({@link #signMutable})
   * @param verifier checks record signatures (Ed25519, or the simulator's stand-in)
   * @param endpoint where this node listens
   * @param store where records held for the network live
   * @param random the only source of randomness (rpc ids, refresh targets)
   * @param nowNanos the current time
   */
  public Dht(
      DhtConfig config,
      Signer signer,
      Verifier verifier,
      Endpoint endpoint,
      RecordStore store,
      RandomGenerator random,
      long nowNanos) {
    this.config = Objects.requireNonNull(config, "config");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.self = Contact.of(signer.publicKey(), endpoint);
    this.validator = new RecordValidator(verifier, config.maxValueBytes());
    this.store = Objects.requireNonNull(store, "store");
    this.random = Objects.requireNonNull(random, "random");
    this.table =
        new RoutingTable(
            self.id(),
            config.k(),
            config.replacementCacheSize(),
            config.maxFailedRequests(),
            nowNanos);
    this.server = new Server(this);
    this.operations = new Operations(this);
    this.replicator = new Replicator(this, nowNanos);
    this.nextExpirySweepNanos = nowNanos + config.expirySweepIntervalMillis() * MILLI;
  }

  // ---- accessors --------------------------------------------------------------------------------

  /** This node as a contact. */
  public Contact self() {
    return self;
  }

  /** The settings. */
  public DhtConfig config() {
    return config;
  }

  /** The counters, for metrics. */
  public DhtCounters counters() {
    return counters;
  }

  /** The routing table, for inspection (owned by the core: do not modify it). */
  public RoutingTable routingTable() {
    return table;
  }

  /** The validator this core applies to every record. */
  public RecordValidator validator() {
    return validator;
  }

  /** Operations still running (user and maintenance). */
  public int runningOperations() {
    return operations.size();
  }

  /** Messages to send, in order; the list is handed over and the outbox emptied. */
  public List<Outbound> drainOutbox() {
    List<Outbound> out = new ArrayList<>(outbox);
    outbox.clear();
    return out;
  }

  /** Completed user operations, in completion order; the list is handed over. */
  public List<DhtResult> drainResults() {
    return operations.drainResults();
  }

  /** A mutable record signed with this node's key ({@code Domain.BEP44}). */
  public MutableRecord signMutable(byte[] salt, long seq, byte[] value) {
    return MutableRecord.sign(signer, salt, seq, value);
  }

  // ---- user operations --------------------------------------------------------------------------
  // Each returns an operation id at once; its DhtResult comes out of drainResults() later. Each
  // throws IllegalStateException when DhtLimits.MAX_OPERATIONS are already running.

  /**
   * Joins through {@code seeds}: a lookup of this node's own id starting from them (they enter the
   * routing table once they answer), then a refresh of every bucket.
   */
  public long bootstrap(long nowNanos, Collection<Contact> seeds) {
    return operations.startFindNode(nowNanos, self.id(), seeds, false, true);
  }

  /** Finds the k nodes closest to {@code target}; completes with a {@link FindNodeResult}. */
  public long findNode(long nowNanos, NodeId target) {
    return operations.startFindNode(nowNanos, target, List.of(), false, false);
  }

  /** Reads {@code key} at the default level; completes with a {@link GetResult}. */
  public long get(long nowNanos, RecordKey key) {
    return get(nowNanos, key, config.defaultConsistency());
  }

  /** Reads {@code key} at {@code level}; completes with a {@link GetResult}. */
  public long get(long nowNanos, RecordKey key, Consistency level) {
    return operations.startGet(nowNanos, key, level);
  }

  /** Puts {@code record} at the default level and TTL; completes with a {@link PutResult}. */
  public long put(long nowNanos, Record record) {
    return put(nowNanos, record, config.defaultConsistency());
  }

  /** Puts {@code record} at {@code level} with the default TTL. */
  public long put(long nowNanos, Record record, Consistency level) {
    return put(nowNanos, record, MutableRecord.NO_CAS, config.recordTtlMillis(), level);
  }

  /**
   * Puts {@code record} on the r replicas closest to its key, storing it for {@code ttlMillis}, and
   * republishes it every {@code republishIntervalMillis} until {@link #forget}. A record that fails
   * validation here completes at once with its reject reason and nothing is sent.
   *
   * @param cas the seq the replicas' stored record must have ({@link MutableRecord#NO_CAS}: none);
   *     republishing never uses it
   */
  public long put(long nowNanos, Record record, long cas, long ttlMillis, Consistency level) {
    operations.checkCapacity();
    long id = operations.newId();
    RejectReason bad =
        ttlMillis <= 0 || ttlMillis > DhtLimits.MAX_TTL_MILLIS
            ? RejectReason.BAD_TTL
            : validator.validate(record.key(), record).reason();
    if (bad != null) {
      counters.putsLevelMissed++;
      operations.addResult(
          new PutResult(
              id,
              record.key(),
              level,
              0,
              0,
              level.required(0),
              false,
              Map.of(bad, 1),
              0,
              new LookupStats(0, 0, 0, 0, 0)));
      return id;
    }
    RecordKey key = record.key();
    if (published.containsKey(key) || published.size() < DhtLimits.MAX_PUBLISHED_RECORDS) {
      long due = nowNanos + config.republishIntervalMillis() * MILLI;
      published.put(key, new Published(record, ttlMillis, level, due));
    }
    operations.startPut(id, false, nowNanos, record, cas, ttlMillis, level);
    return id;
  }

  /** Stops republishing the record at {@code key}; whether it was being republished. */
  public boolean forget(RecordKey key) {
    return published.remove(key) != null;
  }

  // ---- sending ----------------------------------------------------------------------------------

  /** Queues a message (a reply) for the driver. */
  void emit(Outbound outbound) {
    outbox.add(outbound);
  }

  /** Sends a request expecting a reply; false if too many requests are outstanding. */
  boolean send(
      Contact to,
      Requests.Purpose purpose,
      long operationId,
      LongFunction<DhtMessage> build,
      long nowNanos) {
    if (requests.size() >= DhtLimits.MAX_PENDING_REQUESTS) {
      counters.requestsDroppedPendingFull++;
      return false;
    }
    long rpcId;
    do {
      rpcId = random.nextLong();
    } while (rpcId == 0 || requests.contains(rpcId));
    outbox.add(new Outbound(to, build.apply(rpcId)));
    requests.add(
        new Requests.Pending(
            rpcId, purpose, operationId, to, nowNanos + config.requestTimeoutNanos()));
    counters.requestsSent++;
    return true;
  }

  /** Pings {@code contact} (a FIND_NODE for our own id) so that its answer vouches for it. */
  void ping(Contact contact, long nowNanos) {
    if (pinging.contains(contact.id()) || pinging.size() >= DhtLimits.MAX_PENDING_PINGS) {
      return;
    }
    if (send(contact, Requests.Purpose.PING, 0, rpc -> new FindNode(rpc, self.id()), nowNanos)) {
      pinging.add(contact.id());
      counters.pingsSent++;
    }
  }

  // ---- inbound ----------------------------------------------------------------------------------

  /**
   * A message from {@code from} (authenticated by the driver) at {@code nowNanos}: requests are
   * answered through the outbox, replies advance the operation that sent the request.
   */
  public void onMessage(long nowNanos, Contact from, DhtMessage message) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(message, "message");
    if (from.id().equals(self.id())) {
      return;
    }
    if (message.isRequest()) {
      server.onRequest(nowNanos, from, message);
    } else {
      onReply(nowNanos, from, message);
    }
  }

  private void onReply(long nowNanos, Contact from, DhtMessage message) {
    Requests.Pending p = requests.get(message.rpcId());
    if (p == null || !p.to().id().equals(from.id()) || !fits(p, message)) {
      counters.repliesUnmatched++;
      return;
    }
    requests.remove(p.rpcId());
    counters.repliesReceived++;
    noteAnswered(from, nowNanos);
    switch (p.purpose()) {
      case LOOKUP -> operations.onLookupAnswer(p.operationId(), from, message, nowNanos);
      case STORE ->
          operations.onStoreAck(
              p.operationId(), from.id(), ((StoreAck) message).reason(), nowNanos);
      case PING -> pinging.remove(from.id());
      case REPAIR, REPLICATE -> {
        // acknowledged; nothing waits for it
      }
    }
  }

  /** Whether {@code reply} is the kind of answer the pending request expects. */
  private boolean fits(Requests.Pending p, DhtMessage reply) {
    return switch (p.purpose()) {
      case LOOKUP -> {
        if (!operations.isRunning(p.operationId())) {
          yield reply instanceof Nodes || reply instanceof Value;
        }
        yield operations.isGet(p.operationId()) ? reply instanceof Value : reply instanceof Nodes;
      }
      case PING -> reply instanceof Nodes;
      case STORE, REPAIR, REPLICATE -> reply instanceof StoreAck;
    };
  }

  private void noteAnswered(Contact contact, long nowNanos) {
    afterInsert(contact, table.onContactResponded(contact, nowNanos), nowNanos);
  }

  private void afterInsert(Contact contact, InsertOutcome outcome, long nowNanos) {
    switch (outcome) {
      case ADDED -> {
        counters.contactsAdded++;
        replicator.onJoined(contact.id(), nowNanos);
      }
      case CACHED -> {
        counters.contactsCached++;
        int bucket = table.bucketIndex(contact.id());
        Contact oldest = table.leastRecentlySeen(bucket);
        if (oldest != null
            && nowNanos - table.leastRecentlySeenNanos(bucket) >= config.questionableAfterNanos()) {
          ping(oldest, nowNanos);
        }
      }
      case UPDATED, IGNORED -> {
        // nothing changed in the membership of the table
      }
    }
  }

  /**
   * The driver could not send the request with {@code rpcId} to {@code peer} (the transport refused
   * it: send queue full, peer unreachable, frame too large). The request fails now rather than at
   * its timeout, so a dead replica does not hold a lookup's place for the whole request timeout;
   * for the routing table it counts as a failed request, like a timeout. Ignored unless that
   * request to that peer is outstanding.
   */
  public void onSendFailed(long nowNanos, NodeId peer, long rpcId) {
    Requests.Pending p = requests.get(rpcId);
    if (p == null || !p.to().id().equals(peer)) {
      return;
    }
    requests.remove(rpcId);
    counters.requestsNotSent++;
    onRequestFailed(p, nowNanos, true);
  }

  // ---- membership feed --------------------------------------------------------------------------

  /** The gossip layer vouches that {@code member} is alive: it may enter the routing table. */
  public void onMemberAlive(long nowNanos, Contact member) {
    if (member.id().equals(self.id())) {
      return;
    }
    afterInsert(member, table.onVerifiedMember(member, nowNanos), nowNanos);
  }

  /**
   * The gossip layer declared {@code member} dead: it leaves the routing table, requests to it fail
   * now, and records it held are re-replicated.
   */
  public void onMemberDead(long nowNanos, NodeId member) {
    if (member.equals(self.id())) {
      return;
    }
    if (table.remove(member)) {
      counters.contactsRemovedDead++;
    }
    pinging.remove(member);
    replicator.onDeparted(member, nowNanos);
    for (Requests.Pending p : requests.removeAllTo(member)) {
      onRequestFailed(p, nowNanos, false);
    }
  }

  // ---- time -------------------------------------------------------------------------------------

  /** Advances time: expires requests, refreshes buckets, republishes and re-replicates. */
  public void onTick(long nowNanos) {
    for (Requests.Pending p : requests.expire(nowNanos)) {
      counters.requestTimeouts++;
      onRequestFailed(p, nowNanos, true);
    }
    if (table.nextRefreshDeadlineNanos(config.bucketRefreshIntervalNanos()) <= nowNanos) {
      refreshBuckets(nowNanos, false);
    }
    if (nowNanos >= nextExpirySweepNanos) {
      counters.recordsExpired += store.removeExpired(millis(nowNanos));
      nextExpirySweepNanos = nowNanos + config.expirySweepIntervalMillis() * MILLI;
    }
    republishDue(nowNanos);
    replicator.onTick(nowNanos);
  }

  /** When {@link #onTick} next has work to do; {@code Long.MAX_VALUE} if never. */
  public long nextDeadlineNanos() {
    long next = requests.nextDeadlineNanos();
    next = Math.min(next, table.nextRefreshDeadlineNanos(config.bucketRefreshIntervalNanos()));
    next = Math.min(next, nextExpirySweepNanos);
    for (Published p : published.values()) {
      next = Math.min(next, p.nextDueNanos);
    }
    return Math.min(next, replicator.nextDeadlineNanos());
  }

  /** Request {@code p} failed; {@code peerFailed}: count it against the peer (not a death). */
  private void onRequestFailed(Requests.Pending p, long nowNanos, boolean peerFailed) {
    NodeId peer = p.to().id();
    if (peerFailed) {
      if (table.onRequestFailed(peer)) {
        counters.contactsEvicted++;
        replicator.onDeparted(peer, nowNanos);
      }
    }
    switch (p.purpose()) {
      case LOOKUP -> operations.onLookupFailed(p.operationId(), peer, nowNanos);
      case STORE -> operations.onStoreFailed(p.operationId(), peer, nowNanos);
      case PING -> pinging.remove(peer);
      case REPAIR, REPLICATE -> {
        // nothing waits for it
      }
    }
  }

  /** Starts a lookup of a random id in each bucket due a refresh (all of them if {@code all}). */
  void refreshBuckets(long nowNanos, boolean all) {
    List<Integer> due =
        table.bucketsDueForRefresh(nowNanos, all ? 0 : config.bucketRefreshIntervalNanos());
    for (int bucket : due) {
      NodeId target = RoutingTable.randomIdInBucket(self.id(), bucket, random);
      table.markRefreshed(target, nowNanos);
      if (operations.hasCapacity()) {
        operations.startFindNode(nowNanos, target, List.of(), true, false);
      }
    }
  }

  private void republishDue(long nowNanos) {
    for (Published p : published.values()) {
      if (p.nextDueNanos > nowNanos) {
        continue;
      }
      p.nextDueNanos = nowNanos + config.republishIntervalMillis() * MILLI;
      if (operations.hasCapacity()) {
        counters.republishes++;
        operations.startPut(
            operations.newId(),
            true,
            nowNanos,
            p.record,
            MutableRecord.NO_CAS,
            p.ttlMillis,
            p.level);
      }
    }
  }

  /** The store's millisecond clock for a core time. */
  static long millis(long nowNanos) {
    return Math.floorDiv(nowNanos, MILLI);
  }
}
