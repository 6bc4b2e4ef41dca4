package io.skein.gossip;

import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Claim;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Claims waiting to be piggybacked (memberlist's TransmitLimitedQueue). Each rumor is sent at most
 * {@code retransmitLimit} times, the least-sent first (newest first among equals). A new claim
 * about a member removes the queued claims it supersedes, so only the latest news about a member
 * travels. The queue is bounded: when full, the oldest rumor is dropped and counted.
 */
final class RumorQueue {
  private static final class Rumor {
    final Claim claim;
    final long id;
    int transmits;

    Rumor(Claim claim, long id) {
      this.claim = claim;
      this.id = id;
    }
  }

  /** Least sent first; among equals the newest (highest id) first. */
  private static final Comparator<Rumor> PRIORITY =
      (a, b) ->
          a.transmits != b.transmits
              ? Integer.compare(a.transmits, b.transmits)
              : Long.compare(b.id, a.id);

  private final int capacity;
  private final GossipStats stats;
  private final TreeSet<Rumor> byPriority = new TreeSet<>(PRIORITY);

  /** Insertion order, oldest first (rumors have identity equality). */
  private final LinkedHashSet<Rumor> byAge = new LinkedHashSet<>();

  private final Map<PublicKey, List<Rumor>> bySubject = new HashMap<>();
  private long nextId;

  RumorQueue(int capacity, GossipStats stats) {
    this.capacity = capacity;
    this.stats = stats;
  }

  /**
   * Queues {@code claim} unless a queued claim about the same member supersedes or equals it;
   * removes the queued claims it supersedes. Returns whether it was queued.
   */
  boolean add(Claim claim) {
    List<Rumor> same = bySubject.get(claim.subject());
    if (same != null) {
      for (Rumor q : same) {
        if (supersedes(q.claim, claim)) {
          return false;
        }
      }
      for (Iterator<Rumor> it = same.iterator(); it.hasNext(); ) {
        Rumor q = it.next();
        if (supersedes(claim, q.claim)) {
          it.remove();
          byPriority.remove(q);
          byAge.remove(q);
          stats.inc(Counter.RUMORS_INVALIDATED);
        }
      }
    }
    if (byAge.size() >= capacity) {
      remove(byAge.iterator().next());
      stats.inc(Counter.RUMORS_DROPPED);
    }
    Rumor r = new Rumor(claim, nextId++);
    byPriority.add(r);
    byAge.add(r);
    bySubject.computeIfAbsent(claim.subject(), k -> new ArrayList<>(2)).add(r);
    stats.inc(Counter.RUMORS_QUEUED);
    stats.rumorsPending = byAge.size();
    return true;
  }

  /**
   * Appends up to {@code max} rumors to {@code out}, least-sent first, skipping claims already in
   * it, and counts one transmission for each; a rumor sent {@code retransmitLimit} times leaves the
   * queue.
   */
  void take(List<Claim> out, int max, int retransmitLimit) {
    if (max <= 0 || byPriority.isEmpty()) {
      return;
    }
    List<Rumor> picked = new ArrayList<>(Math.min(max, byPriority.size()));
    for (Rumor r : byPriority) {
      if (picked.size() >= max) {
        break;
      }
      if (!out.contains(r.claim)) {
        picked.add(r);
      }
    }
    for (Rumor r : picked) {
      byPriority.remove(r);
      r.transmits++;
      out.add(r.claim);
      if (r.transmits >= retransmitLimit) {
        byAge.remove(r);
        removeFromSubject(r);
        stats.inc(Counter.RUMORS_RETIRED);
      } else {
        byPriority.add(r);
      }
    }
    stats.add(Counter.CLAIMS_SENT, picked.size());
    stats.rumorsPending = byAge.size();
  }

  boolean isEmpty() {
    return byAge.isEmpty();
  }

  int size() {
    return byAge.size();
  }

  /** Whether this exact claim is still queued. */
  boolean contains(Claim claim) {
    List<Rumor> same = bySubject.get(claim.subject());
    if (same == null) {
      return false;
    }
    for (Rumor r : same) {
      if (r.claim.equals(claim)) {
        return true;
      }
    }
    return false;
  }

  /** How often this exact claim has been sent, or -1 if it is not queued. */
  int transmits(Claim claim) {
    List<Rumor> same = bySubject.get(claim.subject());
    if (same != null) {
      for (Rumor r : same) {
        if (r.claim.equals(claim)) {
          return r.transmits;
        }
      }
    }
    return -1;
  }

  private void remove(Rumor r) {
    byPriority.remove(r);
    byAge.remove(r);
    removeFromSubject(r);
    stats.rumorsPending = byAge.size();
  }

  private void removeFromSubject(Rumor r) {
    List<Rumor> same = bySubject.get(r.claim.subject());
    if (same != null) {
      same.remove(r);
      if (same.isEmpty()) {
        bySubject.remove(r.claim.subject());
      }
    }
  }

  /**
   * Whether {@code a} makes {@code b} (same subject) pointless to send: a higher incarnation; at
   * the same incarnation a claim of higher precedence, or the same kind by the same signer.
   * Accusations of one kind by different accusers coexist: they are independent confirmations.
   */
  static boolean supersedes(Claim a, Claim b) {
    if (a.incarnation() != b.incarnation()) {
      return a.incarnation() > b.incarnation();
    }
    if (a.type() == b.type()) {
      return a.signer().equals(b.signer());
    }
    return a.type().precedence() > b.type().precedence();
  }
}
