package io.skein.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.msg.Store;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the records this node holds on the r nodes currently closest to their keys (as this node's
 * routing table sees them), in two kinds of sweep over the store:
 *
 * <ul>
 *   <li>periodic, every {@code replicationIntervalMillis}: each record is stored on the other
 *       members of its replica set (the r closest among the table and this node), or handed to all
 *       of them when this node is no longer a member;
 *   <li>after churn, {@code churnReplicationDelayMillis} after contacts joined or departed (a burst
 *       becomes one sweep): each record this node is or was a replica of goes only to the nodes
 *       that entered its replica set, comparing the set now with the set as it was with the
 *       departed nodes and without the newcomers.
 * </ul>
 *
 * STOREs carry the record's remaining lifetime, so re-replication never extends it: only the
 * publisher's republishing does. Sweeps are paced at {@code replicationRecordsPerSecond} records
 * per second to stay under peers' request rate limits.
 */
final class Replicator {
  private static final long SECOND_NANOS = 1_000_000_000L;

  /** One pass over the store. */
  private static final class Sweep {
    final Set<NodeId> joined;
    final Set<NodeId> departed;
    RecordKey cursor;

    Sweep(Set<NodeId> joined, Set<NodeId> departed) {
      this.joined = joined;
      this.departed = departed;
    }

    boolean periodic() {
      return joined == null;
    }
  }

  private final Dht dht;
  private final Set<NodeId> joined = new TreeSet<>();
  private final Set<NodeId> departed = new TreeSet<>();
  private long churnDeadlineNanos = Long.MAX_VALUE;
  private long nextPeriodicNanos;
  private long nextStepNanos;
  private Sweep churn;
  private Sweep periodic;

  Replicator(Dht dht, long nowNanos) {
    this.dht = dht;
    this.nextPeriodicNanos = nowNanos + dht.config.replicationIntervalMillis() * 1_000_000L;
    this.nextStepNanos = nowNanos;
  }

  void onJoined(NodeId id, long nowNanos) {
    departed.remove(id);
    joined.add(id);
    schedule(nowNanos);
  }

  void onDeparted(NodeId id, long nowNanos) {
    joined.remove(id);
    departed.add(id);
    schedule(nowNanos);
  }

  private void schedule(long nowNanos) {
    if (churnDeadlineNanos == Long.MAX_VALUE) {
      churnDeadlineNanos = nowNanos + dht.config.churnReplicationDelayMillis() * 1_000_000L;
    }
  }

  long nextDeadlineNanos() {
    long next = nextPeriodicNanos;
    if (churn == null) {
      next = Math.min(next, churnDeadlineNanos);
    }
    if (churn != null || periodic != null) {
      next = Math.min(next, nextStepNanos);
    }
    return next;
  }

  void onTick(long nowNanos) {
    if (churn == null && nowNanos >= churnDeadlineNanos) {
      churn = new Sweep(Set.copyOf(joined), Set.copyOf(departed));
      joined.clear();
      departed.clear();
      churnDeadlineNanos = Long.MAX_VALUE;
    }
    if (periodic == null && nowNanos >= nextPeriodicNanos) {
      periodic = new Sweep(null, null);
      nextPeriodicNanos = nowNanos + dht.config.replicationIntervalMillis() * 1_000_000L;
    }
    if ((churn == null && periodic == null) || nowNanos < nextStepNanos) {
      return;
    }
    int budget = dht.config.replicationRecordsPerSecond();
    if (churn != null) {
      budget = step(churn, budget, nowNanos);
      if (budget > 0) {
        churn = null;
      }
    }
    if (periodic != null && budget > 0) {
      if (step(periodic, budget, nowNanos) > 0) {
        periodic = null;
      }
    }
    nextStepNanos = nowNanos + SECOND_NANOS;
  }

  /** Replicates up to {@code budget} records; returns the budget left (positive: sweep done). */
  private int step(Sweep sweep, int budget, long nowNanos) {
    List<StoredRecord> batch = dht.store.scan(sweep.cursor, budget, Dht.millis(nowNanos));
    for (StoredRecord stored : batch) {
      sweep.cursor = stored.key();
      replicate(stored, sweep, nowNanos);
    }
    return batch.size() < budget ? Math.max(1, budget - batch.size()) : 0;
  }

  private void replicate(StoredRecord stored, Sweep sweep, long nowNanos) {
    long ttl = stored.remainingTtlMillis(Dht.millis(nowNanos));
    if (ttl <= 0) {
      return;
    }
    NodeId key = stored.key().id();
    NodeId self = dht.self.id();
    int r = dht.config.replicationFactor();
    List<Contact> after = new ArrayList<>(dht.table.closest(key, r));
    after.add(dht.self);
    after.sort((a, b) -> key.compareDistance(a.id(), b.id()));
    if (after.size() > r) {
      after = after.subList(0, r);
    }
    boolean selfAfter = after.contains(dht.self);
    List<NodeId> before = sweep.periodic() ? List.of() : before(key, r, sweep);
    if (!sweep.periodic() && !selfAfter && !before.contains(self)) {
      return;
    }
    for (Contact c : after) {
      if (c.id().equals(self) || before.contains(c.id())) {
        continue;
      }
      if (dht.send(
          c,
          Requests.Purpose.REPLICATE,
          0,
          rpc -> new Store(rpc, stored.record(), MutableRecord.NO_CAS, ttl),
          nowNanos)) {
        dht.counters.replicationStoresSent++;
      }
    }
  }

  /** The replica set of {@code key} as it was before the sweep's churn. */
  private List<NodeId> before(NodeId key, int r, Sweep sweep) {
    List<NodeId> ids = new ArrayList<>();
    for (Contact c : dht.table.closest(key, r + sweep.joined.size())) {
      if (!sweep.joined.contains(c.id())) {
        ids.add(c.id());
      }
    }
    ids.addAll(sweep.departed);
    ids.add(dht.self.id());
    ids.sort(key::compareDistance);
    return ids.size() > r ? ids.subList(0, r) : ids;
  }
}
