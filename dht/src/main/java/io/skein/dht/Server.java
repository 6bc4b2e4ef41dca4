package io.skein.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import io.skein.dht.record.StoredRecord;
import io.skein.dht.record.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the requests peers send one {@link Dht}: FIND_NODE and FIND_VALUE from the routing table
 * and store, STORE after validation. Requests beyond a peer's rate are dropped unanswered; a
 * requester that would fit in the routing table is pinged, so its answer can let it in.
 */
final class Server {
  private final Dht dht;
  private final RateLimiter limiter;

  Server(Dht dht) {
    this.dht = dht;
    this.limiter =
        new RateLimiter(dht.config.requestsPerPeerPerSecond(), dht.config.requestBurst());
  }

  void onRequest(long nowNanos, Contact from, DhtMessage message) {
    DhtCounters counters = dht.counters;
    counters.requestsReceived++;
    if (!limiter.tryAcquire(from.id(), nowNanos)) {
      counters.requestsRateLimited++;
      return;
    }
    if (dht.config.pingUnknownRequesters()
        && !dht.table.contains(from.id())
        && dht.table.hasRoomFor(from.id())) {
      dht.ping(from, nowNanos);
    }
    long nowMillis = Dht.millis(nowNanos);
    if (message instanceof FindNode f) {
      dht.emit(new Outbound(from, new Nodes(f.rpcId(), closestFor(f.target(), from.id()))));
    } else if (message instanceof FindValue f) {
      StoredRecord s = dht.store.get(new RecordKey(f.key()), nowMillis);
      List<Contact> closer = closestFor(f.key(), from.id());
      Value reply =
          s == null
              ? new Value(f.rpcId(), null, 0, closer)
              : new Value(
                  f.rpcId(), s.record(), Math.max(0, s.remainingTtlMillis(nowMillis)), closer);
      dht.emit(new Outbound(from, reply));
    } else if (message instanceof Store s) {
      StoreOutcome outcome = storeFromPeer(s, nowMillis);
      dht.emit(new Outbound(from, new StoreAck(s.rpcId(), outcome.reason())));
    }
  }

  /** Up to k contacts closest to {@code target}, never the requester itself. */
  private List<Contact> closestFor(NodeId target, NodeId requester) {
    int k = dht.config.k();
    List<Contact> out = new ArrayList<>(k);
    for (Contact c : dht.table.closest(target, k + 1)) {
      if (!c.id().equals(requester) && out.size() < k) {
        out.add(c);
      }
    }
    return out;
  }

  private StoreOutcome storeFromPeer(Store s, long nowMillis) {
    if (s.ttlMillis() <= 0 || s.ttlMillis() > DhtLimits.MAX_TTL_MILLIS) {
      return rejected(RejectReason.BAD_TTL);
    }
    ValidationResult v = dht.validator.validate(s.record().key(), s.record());
    if (!v.valid()) {
      return rejected(v.reason());
    }
    return storeValid(s.record(), s.cas(), s.ttlMillis(), nowMillis);
  }

  /** Stores a record that passed validation, counting the outcome. */
  StoreOutcome storeValid(Record record, long cas, long ttlMillis, long nowMillis) {
    StoreOutcome o = dht.store.put(record, cas, ttlMillis, nowMillis);
    switch (o.status()) {
      case STORED, REPLACED -> dht.counters.recordsStored++;
      case REFRESHED -> dht.counters.recordsRefreshed++;
      case REJECTED -> dht.counters.storesRejected[o.reason().ordinal()]++;
    }
    return o;
  }

  private StoreOutcome rejected(RejectReason reason) {
    dht.counters.storesRejected[reason.ordinal()]++;
    return StoreOutcome.rejected(reason);
  }
}
