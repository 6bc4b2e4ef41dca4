package io.skein.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.lookup.Get;
import io.skein.dht.lookup.Lookup;
import io.skein.dht.lookup.Put;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.Value;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoredRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The running lookups, gets and puts of one {@link Dht}: starts them, sends their requests, feeds
 * them answers and failures, and turns them into results and counters when they complete.
 */
final class Operations {
  private final Dht dht;
  private final Map<Long, Operation> running = new LinkedHashMap<>();
  private final List<DhtResult> results = new ArrayList<>();
  private long nextId = 1;

  Operations(Dht dht) {
    this.dht = dht;
  }

  int size() {
    return running.size();
  }

  boolean hasCapacity() {
    return running.size() < DhtLimits.MAX_OPERATIONS;
  }

  void checkCapacity() {
    if (!hasCapacity()) {
      throw new IllegalStateException(
          "too many operations running (" + DhtLimits.MAX_OPERATIONS + ")");
    }
  }

  long newId() {
    return nextId++;
  }

  void addResult(DhtResult result) {
    results.add(result);
  }

  List<DhtResult> drainResults() {
    List<DhtResult> out = new ArrayList<>(results);
    results.clear();
    return out;
  }

  /** Whether operation {@code id} is a get, whose lookup expects {@code Value} answers. */
  boolean isGet(long id) {
    Operation op = running.get(id);
    return op != null && op.kind == Operation.Kind.GET;
  }

  boolean isRunning(long id) {
    return running.containsKey(id);
  }

  // ---- starting ---------------------------------------------------------------------------------

  long startFindNode(
      long nowNanos,
      NodeId target,
      Collection<Contact> extraSeeds,
      boolean internal,
      boolean bootstrap) {
    checkCapacity();
    long id = newId();
    Lookup lookup =
        newLookup(
            target, List.copyOf(extraSeeds), dht.config.k(), Integer.MAX_VALUE, dht.config.alpha());
    start(Operation.findNode(id, internal, bootstrap, nowNanos, lookup), nowNanos);
    return id;
  }

  long startGet(long nowNanos, RecordKey key, Consistency level) {
    checkCapacity();
    long id = newId();
    long nowMillis = Dht.millis(nowNanos);
    StoredRecord local = dht.store.get(key, nowMillis);
    Get get =
        new Get(
            dht.self.id(),
            key,
            level,
            dht.config.replicationFactor(),
            newLookup(
                key.id(),
                List.of(),
                dht.config.k(),
                dht.config.replicationFactor(),
                getFirstRound(dht.config, level)),
            dht.validator,
            local,
            nowMillis);
    start(Operation.get(id, nowNanos, get), nowNanos);
    return id;
  }

  void startPut(
      long id,
      boolean internal,
      long nowNanos,
      Record record,
      long cas,
      long ttlMillis,
      Consistency level) {
    DhtConfig config = dht.config;
    int r = config.replicationFactor();
    int wanted = config.putLookupStopsAtReplicas() ? r : config.k();
    Lookup lookup = newLookup(record.key().id(), List.of(), wanted, r, config.alpha());
    Put put = new Put(dht.self, record, cas, ttlMillis, level, r, lookup);
    start(Operation.put(id, internal, nowNanos, put), nowNanos);
  }

  /**
   * Requests each path of a get sends at once when it starts: {@code max(alpha,
   * level.required(r))}, 5 at QUORUM with r = 8; later rounds keep alpha in flight. A get ends once
   * {@code required} of the r closest agree, so with alpha = 3 a QUORUM get always took a second
   * round trip; asking as many replicas as the level needs at once ends it in one when the table
   * already knows the key's neighbourhood (gossip-fed tables usually do), without more requests in
   * all: those replicas are asked in any case.
   */
  static int getFirstRound(DhtConfig config, Consistency level) {
    return Math.min(
        config.k(), Math.max(config.alpha(), level.required(config.replicationFactor())));
  }

  /**
   * A lookup seeded with the k closest contacts of the table (and {@code extraSeeds}), ending when
   * its {@code wanted} closest known answered, whose stalled rounds first ask the {@code window}
   * closest, with {@code firstRound} requests at once when a path starts. Find-node: k and no
   * window. Get: k, asking the r replicas first. Put: r and r (unless {@link
   * DhtConfig#putLookupStopsAtReplicas()} is off: k), since only the replica set is needed: the
   * lookup ends when the r closest known nodes answered and none closer is left to ask, which is
   * Kademlia's own end condition with k := r. The r closest of a k-lookup are found by the same
   * rounds (each round asks the closest not yet asked); the k - r farther answers could only add a
   * closer node that none of the r closest knows, and those r know the key's neighbourhood best. A
   * get ends on the same r closest, so both agree on the replica set.
   */
  private Lookup newLookup(
      NodeId target, List<Contact> extraSeeds, int wanted, int window, int firstRound) {
    DhtConfig config = dht.config;
    List<Contact> seeds = new ArrayList<>(dht.table.closest(target, config.k()));
    for (Contact c : extraSeeds) {
      if (!seeds.contains(c)) {
        seeds.add(c);
      }
    }
    return new Lookup(
        dht.self.id(),
        target,
        seeds,
        wanted,
        Math.min(config.alpha(), wanted),
        window,
        config.disjointPaths(),
        Math.min(firstRound, wanted));
  }

  private void start(Operation op, long nowNanos) {
    running.put(op.id, op);
    dht.counters.lookupsStarted++;
    drive(op, nowNanos);
  }

  // ---- events -----------------------------------------------------------------------------------

  /** {@code peer} answered a lookup request of operation {@code id}. */
  void onLookupAnswer(long id, Contact peer, DhtMessage answer, long nowNanos) {
    Operation op = running.get(id);
    if (op == null) {
      return;
    }
    List<Contact> closer;
    if (answer instanceof Value v) {
      closer = v.closer();
      if (op.get != null
          && !op.get.onValue(peer.id(), v.record(), v.remainingTtlMillis()).valid()) {
        dht.counters.invalidRecordsReceived++;
      }
    } else {
      closer = ((Nodes) answer).closer();
    }
    op.lookup.onSuccess(peer.id(), closer);
    drive(op, nowNanos);
  }

  /** {@code peer} answered a STORE of put {@code id}. */
  void onStoreAck(long id, NodeId peer, RejectReason reason, long nowNanos) {
    Operation op = running.get(id);
    if (op != null && op.put != null) {
      op.put.onAck(peer, reason);
      drive(op, nowNanos);
    }
  }

  /** A lookup request of operation {@code id} to {@code peer} failed or timed out. */
  void onLookupFailed(long id, NodeId peer, long nowNanos) {
    Operation op = running.get(id);
    if (op != null && op.lookup.onFailure(peer)) {
      drive(op, nowNanos);
    }
  }

  /** A STORE of put {@code id} to {@code peer} failed or timed out. */
  void onStoreFailed(long id, NodeId peer, long nowNanos) {
    Operation op = running.get(id);
    if (op != null && op.put != null) {
      sendStores(op, op.put.onStoreFailed(peer), nowNanos);
      drive(op, nowNanos);
    }
  }

  // ---- driving ----------------------------------------------------------------------------------

  private void drive(Operation op, long nowNanos) {
    if (!running.containsKey(op.id)) {
      return;
    }
    if (op.kind == Operation.Kind.GET) {
      driveGet(op, nowNanos);
      return;
    }
    if (op.kind == Operation.Kind.FIND_NODE) {
      issueLookupRequests(op, nowNanos);
      if (op.lookup.isFinished()) {
        complete(op, nowNanos);
      }
      return;
    }
    Put put = op.put;
    if (put.phase() == Put.Phase.LOOKUP) {
      issueLookupRequests(op, nowNanos);
      if (!op.lookup.isFinished()) {
        return;
      }
      sendStores(op, put.startStoring(), nowNanos);
    }
    if (put.isDone()) {
      complete(op, nowNanos);
    }
  }

  /**
   * A get answers once its lookup finished, at its end or early because the level is met ({@link
   * Get#finishSatisfiedPaths()}); requests still out are then awaited (never longer than the
   * request timeout) only to repair the stale replicas among their answers.
   */
  private void driveGet(Operation op, long nowNanos) {
    if (!op.answered) {
      op.get.finishSatisfiedPaths();
      issueLookupRequests(op, nowNanos);
      if (!op.lookup.isFinished()) {
        return;
      }
      op.answered = true;
      complete(op, nowNanos);
    }
    if (op.lookup.waiting() == 0) {
      running.remove(op.id);
      repair(op, nowNanos);
    }
  }

  private void issueLookupRequests(Operation op, long nowNanos) {
    NodeId target = op.lookup.target();
    LongFunction<DhtMessage> request =
        op.kind == Operation.Kind.GET
            ? rpc -> new FindValue(rpc, target)
            : rpc -> new FindNode(rpc, target);
    while (true) {
      List<Contact> next = op.lookup.nextRequests();
      if (next.isEmpty()) {
        return;
      }
      for (Contact c : next) {
        if (!dht.send(c, Requests.Purpose.LOOKUP, op.id, request, nowNanos)) {
          op.lookup.onFailure(c.id());
        }
      }
    }
  }

  private void sendStores(Operation op, List<Contact> targets, long nowNanos) {
    Put put = op.put;
    LongFunction<DhtMessage> store =
        rpc -> new Store(rpc, put.record(), put.cas(), put.ttlMillis());
    ArrayDeque<Contact> queue = new ArrayDeque<>(targets);
    while (true) {
      if (put.takeLocalStore()) {
        put.onLocalOutcome(
            dht.server.storeValid(put.record(), put.cas(), put.ttlMillis(), Dht.millis(nowNanos)));
      }
      if (queue.isEmpty()) {
        return;
      }
      Contact c = queue.poll();
      if (!dht.send(c, Requests.Purpose.STORE, op.id, store, nowNanos)) {
        queue.addAll(put.onStoreFailed(c.id()));
      }
    }
  }

  private void complete(Operation op, long nowNanos) {
    if (op.kind != Operation.Kind.GET) {
      running.remove(op.id);
    }
    dht.counters.lookupsCompleted++;
    dht.table.markRefreshed(op.lookup.target(), nowNanos);
    LookupStats stats = op.stats(nowNanos);
    switch (op.kind) {
      case FIND_NODE -> {
        if (!op.internal) {
          results.add(
              new FindNodeResult(
                  op.id, op.lookup.target(), op.lookup.closestSucceeded(dht.config.k()), stats));
        }
        if (op.bootstrap) {
          dht.refreshBuckets(nowNanos, true);
        }
      }
      case GET -> completeGet(op, nowNanos, stats);
      case PUT -> completePut(op, stats);
    }
  }

  private void completePut(Operation op, LookupStats stats) {
    Put put = op.put;
    if (put.levelReached()) {
      dht.counters.putsLevelReached++;
    } else {
      dht.counters.putsLevelMissed++;
    }
    if (!op.internal) {
      results.add(
          new PutResult(
              op.id,
              put.record().key(),
              put.level(),
              put.acked(),
              put.replicas(),
              put.required(),
              put.levelReached(),
              put.rejections(),
              put.storeRequests(),
              stats));
    }
  }

  /** Stores the newest record back on the stale replicas not repaired yet; how many. */
  private int repair(Operation op, long nowNanos) {
    Get get = op.get;
    Get.Repair repair = get.finish();
    Record newest = get.record();
    long ttl = Math.min(get.newestTtlMillis(), DhtLimits.MAX_TTL_MILLIS);
    int repairs = 0;
    for (Contact c : repair.stalePeers()) {
      LongFunction<DhtMessage> store = rpc -> new Store(rpc, newest, MutableRecord.NO_CAS, ttl);
      if (dht.send(c, Requests.Purpose.REPAIR, op.id, store, nowNanos)) {
        repairs++;
        dht.counters.repairsSent++;
      }
    }
    if (repair.repairLocally()
        && dht.server
            .storeValid(newest, MutableRecord.NO_CAS, ttl, Dht.millis(nowNanos))
            .accepted()) {
      repairs++;
    }
    return repairs;
  }

  private void completeGet(Operation op, long nowNanos, LookupStats stats) {
    Get get = op.get;
    int repairs = repair(op, nowNanos);
    Record newest = get.record();
    if (get.levelReached()) {
      dht.counters.getsLevelReached++;
    } else {
      dht.counters.getsLevelMissed++;
    }
    results.add(
        new GetResult(
            op.id,
            get.key(),
            newest,
            get.level(),
            get.replicas(),
            get.agreeing(),
            get.required(),
            get.levelReached(),
            get.invalidRecords(),
            repairs,
            stats));
  }
}
