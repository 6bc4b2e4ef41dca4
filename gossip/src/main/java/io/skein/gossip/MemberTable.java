package io.skein.gossip;

import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The other members (this node excluded): a bounded table by key, and memberlist's probe list, a
 * shuffled list walked round-robin and reshuffled at each wrap, from which dead members are dropped
 * once they are no longer gossiped to. Keeps the per-state counts.
 */
final class MemberTable {
  private final GossipConfig config;
  private final RandomGenerator random;
  private final GossipStats stats;
  private final Map<PublicKey, MemberRecord> byKey = new LinkedHashMap<>();
  private final List<MemberRecord> order = new ArrayList<>();
  private int probeIndex;

  MemberTable(GossipConfig config, RandomGenerator random, GossipStats stats) {
    this.config = config;
    this.random = random;
    this.stats = stats;
  }

  MemberRecord get(PublicKey key) {
    return byKey.get(key);
  }

  Collection<MemberRecord> all() {
    return byKey.values();
  }

  /** Alive and suspect members, this node excluded. */
  int liveOthers() {
    return stats.membersAlive + stats.membersSuspect;
  }

  /**
   * Adds a new ALIVE record at a random place in the probe list (memberlist: so that failure
   * detection stays fast on average). If the table is full, the oldest tombstone makes room;
   * returns false if there is none.
   */
  boolean add(MemberRecord rec, long nowNanos) {
    if (byKey.size() + 1 >= config.maxMembers && !evictOldestTombstone()) {
      return false;
    }
    rec.state = MemberState.ALIVE;
    rec.stateChangeNanos = nowNanos;
    byKey.put(rec.key, rec);
    count(rec.state, 1);
    insertIntoOrder(rec);
    return true;
  }

  /** Moves {@code rec} to {@code state}, keeping counts and the probe list right. */
  void setState(MemberRecord rec, MemberState state, long nowNanos) {
    if (rec.state == state) {
      return;
    }
    count(rec.state, -1);
    count(state, 1);
    rec.state = state;
    rec.stateChangeNanos = nowNanos;
    if (rec.isLive() && !rec.inOrder) {
      insertIntoOrder(rec);
    }
  }

  /**
   * The next live member in round-robin order, or null if there is none. At each wrap, drops dead
   * members past {@code gossipToTheDead} from the list, forgets tombstones past {@code
   * deadRetention}, and reshuffles.
   */
  MemberRecord nextProbeTarget(long nowNanos) {
    int checked = 0;
    while (checked <= order.size()) {
      if (probeIndex >= order.size()) {
        resetOrder(nowNanos);
        probeIndex = 0;
        checked++;
        if (order.isEmpty()) {
          return null;
        }
        continue;
      }
      MemberRecord rec = order.get(probeIndex++);
      if (rec.isLive()) {
        return rec;
      }
      checked++;
    }
    return null;
  }

  /**
   * Up to {@code k} distinct random members of the probe list accepted by {@code filter}
   * (memberlist kRandomNodes: at most 3n draws, exhaustive enough for small n).
   */
  List<MemberRecord> random(int k, Predicate<MemberRecord> filter) {
    int n = order.size();
    List<MemberRecord> out = new ArrayList<>(Math.min(k, n));
    for (int i = 0; i < 3 * n && out.size() < k; i++) {
      MemberRecord rec = order.get(random.nextInt(n));
      if (filter.test(rec) && !out.contains(rec)) {
        out.add(rec);
      }
    }
    return out;
  }

  private void resetOrder(long nowNanos) {
    long gossipToTheDead = config.gossipToTheDeadMillis * 1_000_000L;
    for (Iterator<MemberRecord> it = order.iterator(); it.hasNext(); ) {
      MemberRecord rec = it.next();
      if (!rec.isLive() && nowNanos - rec.stateChangeNanos > gossipToTheDead) {
        it.remove();
        rec.inOrder = false;
      }
    }
    long retention = config.deadRetentionMillis * 1_000_000L;
    for (Iterator<MemberRecord> it = byKey.values().iterator(); it.hasNext(); ) {
      MemberRecord rec = it.next();
      if (!rec.isLive() && !rec.inOrder && nowNanos - rec.stateChangeNanos > retention) {
        it.remove();
        count(rec.state, -1);
        stats.inc(Counter.MEMBERS_REAPED);
      }
    }
    for (int i = order.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      MemberRecord tmp = order.get(i);
      order.set(i, order.get(j));
      order.set(j, tmp);
    }
  }

  private boolean evictOldestTombstone() {
    MemberRecord oldest = null;
    for (MemberRecord rec : byKey.values()) {
      if (!rec.isLive() && (oldest == null || rec.stateChangeNanos < oldest.stateChangeNanos)) {
        oldest = rec;
      }
    }
    if (oldest == null) {
      return false;
    }
    byKey.remove(oldest.key);
    count(oldest.state, -1);
    if (oldest.inOrder) {
      int idx = order.indexOf(oldest);
      order.remove(idx);
      oldest.inOrder = false;
      if (idx < probeIndex) {
        probeIndex--;
      }
    }
    stats.inc(Counter.MEMBERS_REAPED);
    return true;
  }

  private void insertIntoOrder(MemberRecord rec) {
    order.add(rec);
    int last = order.size() - 1;
    int at = random.nextInt(order.size());
    order.set(last, order.get(at));
    order.set(at, rec);
    rec.inOrder = true;
  }

  private void count(MemberState state, int delta) {
    switch (state) {
      case ALIVE -> stats.membersAlive += delta;
      case SUSPECT -> stats.membersSuspect += delta;
      case DEAD -> stats.membersDead += delta;
      case LEFT -> stats.membersLeft += delta;
    }
  }
}
