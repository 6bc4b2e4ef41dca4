package io.skein.dht.lookup;

import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storing a record on its r replicas, sans I/O. First a FIND_NODE {@link Lookup} for the key; then
 * {@link #startStoring()} picks the replica set and the caller sends STOREs and reports each
 * acknowledgement or failure.
 *
 * <p>The replica set is the {@code min(r, n + 1)} closest to the key among this node and the n
 * peers the lookup queried, answering or not: a peer that failed is a node that should hold a
 * replica, so a network that lost nodes cannot report a level it did not reach. STOREs go to the
 * set's members that answered; in place of each one that did not, and of each STORE that times out,
 * the next closest answering peer beyond the set is used, so replicas land on the closest live
 * nodes. This node stores locally when it is in the set. The level is reached when {@code acked >=
 * level.required(replicas)}; rejections (an answer, not a timeout) are counted per reason and not
 * retried elsewhere.
 */
public final class Put {
  /** Where the put is. */
  public enum Phase {
    /** Finding the closest peers. */
    LOOKUP,
    /** Waiting for STORE acknowledgements. */
    STORING
  }

  private final Contact self;
  private final Record record;
  private final long cas;
  private final long ttlMillis;
  private final Consistency level;
  private final int r;
  private final Lookup lookup;
  private final Map<RejectReason, Integer> rejections = new EnumMap<>(RejectReason.class);
  private final ArrayDeque<Contact> fallbacks = new ArrayDeque<>();
  private final Set<NodeId> inFlight = new HashSet<>();
  private Phase phase = Phase.LOOKUP;
  private boolean storesLocally;
  private boolean localStorePending;
  private int replicas;
  private int acked;
  private int storeRequests;

  /**
   * A put of {@code record} on {@code r} replicas at {@code level}, finding peers with {@code
   * lookup} (a lookup for the record's key); the STOREs carry {@code cas} and {@code ttlMillis}.
   */
  public Put(
      Contact self,
      Record record,
      long cas,
      long ttlMillis,
      Consistency level,
      int r,
      Lookup lookup) {
    if (r < 1) {
      throw new IllegalArgumentException("r must be positive");
    }
    this.self = self;
    this.record = record;
    this.cas = cas;
    this.ttlMillis = ttlMillis;
    this.level = level;
    this.r = r;
    this.lookup = lookup;
  }

  /** The record being put. */
  public Record record() {
    return record;
  }

  /** The compare-and-swap seq the STOREs carry, or {@code MutableRecord.NO_CAS}. */
  public long cas() {
    return cas;
  }

  /** The time-to-live the STOREs ask for. */
  public long ttlMillis() {
    return ttlMillis;
  }

  /** The consistency level. */
  public Consistency level() {
    return level;
  }

  /** The lookup that finds the replicas. */
  public Lookup lookup() {
    return lookup;
  }

  /** The current phase. */
  public Phase phase() {
    return phase;
  }

  /**
   * Ends the lookup phase and returns the peers to send STOREs to now. Then, and after each {@link
   * #onStoreFailed}, {@link #takeLocalStore()} tells whether this node must store the record
   * itself; that outcome goes to {@link #onLocalOutcome}.
   */
  public List<Contact> startStoring() {
    if (phase != Phase.LOOKUP) {
      throw new IllegalStateException("already storing");
    }
    phase = Phase.STORING;
    NodeId key = record.key().id();
    List<Contact> contacted = lookup.closestContacted(Integer.MAX_VALUE);
    replicas = Math.min(r, contacted.size() + 1);
    List<Contact> candidates = new ArrayList<>(contacted);
    int selfRank = 0;
    while (selfRank < contacted.size()
        && key.compareDistance(contacted.get(selfRank).id(), self.id()) < 0) {
      selfRank++;
    }
    candidates.add(selfRank, self);
    List<Contact> targets = new ArrayList<>();
    int missing = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Contact c = candidates.get(i);
      boolean live = c == self || lookup.succeeded(c.id());
      if (i < replicas) {
        if (live) {
          targets.add(c);
        } else {
          missing++;
        }
      } else if (live) {
        fallbacks.add(c);
      }
    }
    for (int i = 0; i < missing && !fallbacks.isEmpty(); i++) {
      targets.add(fallbacks.poll());
    }
    List<Contact> peers = new ArrayList<>(targets.size());
    for (Contact c : targets) {
      if (c == self) {
        storesLocally = true;
        localStorePending = true;
      } else {
        inFlight.add(c.id());
        peers.add(c);
      }
    }
    storeRequests += peers.size();
    return peers;
  }

  /** Whether this node is (or became) one of the replicas. */
  public boolean storesLocally() {
    return storesLocally;
  }

  /** Whether this node must store the record itself now; true at most once. */
  public boolean takeLocalStore() {
    boolean take = localStorePending;
    localStorePending = false;
    return take;
  }

  /** The outcome of storing the record locally. */
  public void onLocalOutcome(StoreOutcome outcome) {
    if (outcome.accepted()) {
      acked++;
    } else {
      rejections.merge(outcome.reason(), 1, Integer::sum);
    }
  }

  /** {@code peer} answered a STORE: stored ({@code reason == null}) or refused. */
  public void onAck(NodeId peer, RejectReason reason) {
    if (!inFlight.remove(peer)) {
      return;
    }
    if (reason == null) {
      acked++;
    } else {
      rejections.merge(reason, 1, Integer::sum);
    }
  }

  /**
   * A STORE to {@code peer} timed out or could not be sent; returns the replacement to send to
   * (when the replacement is this node, the list is empty and {@link #takeLocalStore()} is true).
   */
  public List<Contact> onStoreFailed(NodeId peer) {
    if (!inFlight.remove(peer) || fallbacks.isEmpty()) {
      return List.of();
    }
    Contact next = fallbacks.poll();
    if (next == self) {
      storesLocally = true;
      localStorePending = true;
      return List.of();
    }
    inFlight.add(next.id());
    storeRequests++;
    return List.of(next);
  }

  /** Whether every STORE has been answered or has failed with no replacement left. */
  public boolean isDone() {
    return phase == Phase.STORING && inFlight.isEmpty() && !localStorePending;
  }

  /** Replicas that acknowledged (this node included). */
  public int acked() {
    return acked;
  }

  /** Size of the replica set: {@code min(r, peers the lookup queried + 1)}. */
  public int replicas() {
    return replicas;
  }

  /** Acknowledgements the level needs. */
  public int required() {
    return level.required(replicas);
  }

  /** Whether enough replicas acknowledged. */
  public boolean levelReached() {
    return acked >= required();
  }

  /** STOREs sent. */
  public int storeRequests() {
    return storeRequests;
  }

  /** Refusals by reason. */
  public Map<RejectReason, Integer> rejections() {
    return Collections.unmodifiableMap(rejections);
  }
}
