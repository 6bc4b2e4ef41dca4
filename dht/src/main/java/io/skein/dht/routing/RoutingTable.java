package io.skein.dht.routing;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Kademlia routing table: 256 k-buckets indexed by the number of leading bits a contact's id shares
 * with ours (bucket 255 is the closest, bucket 0 holds half the key space). Each bucket keeps at
 * most k contacts in least-recently-seen order and a replacement cache.
 *
 * <p>A contact enters only through {@link #onContactResponded} (it answered one of our requests) or
 * {@link #onVerifiedMember} (the gossip layer vouches that it is alive); contacts merely heard of
 * never do. When a bucket is full the newcomer waits in the replacement cache; after {@code
 * maxFailedRequests} failed requests in a row a contact is evicted and the newest replacement takes
 * its place. Not thread-safe; time is passed in.
 */
public final class RoutingTable {
  private final NodeId self;
  private final int k;
  private final int replacementCacheSize;
  private final int maxFailedRequests;
  private final KBucket[] buckets = new KBucket[NodeId.BITS];
  private final long createdNanos;
  private int size;

  /**
   * An empty table for the node {@code self}.
   *
   * @param k contacts per bucket
   * @param replacementCacheSize contacts waiting per full bucket
   * @param maxFailedRequests failures in a row that evict a contact
   * @param nowNanos the time buckets count as last refreshed
   */
  public RoutingTable(
      NodeId self, int k, int replacementCacheSize, int maxFailedRequests, long nowNanos) {
    if (k < 1 || replacementCacheSize < 0 || maxFailedRequests < 1) {
      throw new IllegalArgumentException("k and maxFailedRequests must be positive");
    }
    this.self = self;
    this.k = k;
    this.replacementCacheSize = replacementCacheSize;
    this.maxFailedRequests = maxFailedRequests;
    this.createdNanos = nowNanos;
  }

  /** This node's id. */
  public NodeId self() {
    return self;
  }

  /** Contacts per bucket. */
  public int k() {
    return k;
  }

  /** The bucket {@code id} belongs in: the number of leading bits it shares with ours. */
  public int bucketIndex(NodeId id) {
    return self.commonPrefixBits(id);
  }

  /** A contact answered a request of ours at {@code nowNanos}. */
  public InsertOutcome onContactResponded(Contact contact, long nowNanos) {
    return insert(contact, nowNanos);
  }

  /** The membership layer vouches that {@code contact} is alive. */
  public InsertOutcome onVerifiedMember(Contact contact, long nowNanos) {
    return insert(contact, nowNanos);
  }

  private InsertOutcome insert(Contact contact, long nowNanos) {
    NodeId id = contact.id();
    if (id.equals(self)) {
      return InsertOutcome.IGNORED;
    }
    KBucket b = bucketAt(bucketIndex(id));
    int i = b.indexOf(id);
    if (i >= 0) {
      KBucket.Entry e = b.entries.remove(i);
      e.contact = contact;
      e.lastSeenNanos = nowNanos;
      e.failures = 0;
      b.entries.add(e);
      return InsertOutcome.UPDATED;
    }
    KBucket.Entry cached = b.removeReplacement(id);
    if (b.entries.size() < k) {
      b.entries.add(new KBucket.Entry(contact, nowNanos));
      size++;
      return InsertOutcome.ADDED;
    }
    if (replacementCacheSize == 0) {
      return InsertOutcome.CACHED;
    }
    KBucket.Entry e = cached != null ? cached : new KBucket.Entry(contact, nowNanos);
    e.contact = contact;
    e.lastSeenNanos = nowNanos;
    b.replacements.add(e);
    if (b.replacements.size() > replacementCacheSize) {
      b.replacements.remove(0);
    }
    return InsertOutcome.CACHED;
  }

  /**
   * A request to {@code id} failed (timed out). Returns whether that evicted it from its bucket;
   * the newest replacement, if any, then takes its place.
   */
  public boolean onRequestFailed(NodeId id) {
    if (id.equals(self)) {
      return false;
    }
    KBucket b = buckets[bucketIndex(id)];
    if (b == null) {
      return false;
    }
    int i = b.indexOf(id);
    if (i < 0) {
      b.removeReplacement(id);
      return false;
    }
    KBucket.Entry e = b.entries.get(i);
    e.failures++;
    if (e.failures < maxFailedRequests) {
      return false;
    }
    b.entries.remove(i);
    size--;
    if (b.promoteReplacement()) {
      size++;
    }
    return true;
  }

  /** Removes {@code id} (a member known dead); whether it was in a bucket. */
  public boolean remove(NodeId id) {
    if (id.equals(self)) {
      return false;
    }
    KBucket b = buckets[bucketIndex(id)];
    if (b == null) {
      return false;
    }
    b.removeReplacement(id);
    int i = b.indexOf(id);
    if (i < 0) {
      return false;
    }
    b.entries.remove(i);
    size--;
    if (b.promoteReplacement()) {
      size++;
    }
    return true;
  }

  /** The contact with id {@code id} in a bucket, or {@code null}. */
  public Contact get(NodeId id) {
    if (id.equals(self)) {
      return null;
    }
    KBucket b = buckets[bucketIndex(id)];
    if (b == null) {
      return null;
    }
    int i = b.indexOf(id);
    return i < 0 ? null : b.entries.get(i).contact;
  }

  /** Whether {@code id} is in a bucket (not counting replacement caches). */
  public boolean contains(NodeId id) {
    return get(id) != null;
  }

  /** Whether the bucket {@code id} belongs in has room. */
  public boolean hasRoomFor(NodeId id) {
    if (id.equals(self)) {
      return false;
    }
    KBucket b = buckets[bucketIndex(id)];
    return b == null || b.entries.size() < k;
  }

  /** Contacts in buckets. */
  public int size() {
    return size;
  }

  /** The contacts of bucket {@code index}, least recently seen first. */
  public List<Contact> bucket(int index) {
    KBucket b = buckets[index];
    List<Contact> out = new ArrayList<>();
    if (b != null) {
      for (KBucket.Entry e : b.entries) {
        out.add(e.contact);
      }
    }
    return out;
  }

  /** The contacts waiting in bucket {@code index}'s replacement cache, oldest first. */
  public List<Contact> replacements(int index) {
    KBucket b = buckets[index];
    List<Contact> out = new ArrayList<>();
    if (b != null) {
      for (KBucket.Entry e : b.replacements) {
        out.add(e.contact);
      }
    }
    return out;
  }

  /** The least recently seen contact of bucket {@code index}, or {@code null} if it is empty. */
  public Contact leastRecentlySeen(int index) {
    KBucket b = buckets[index];
    return b == null || b.entries.isEmpty() ? null : b.entries.get(0).contact;
  }

  /** When the least recently seen contact of bucket {@code index} was seen; 0 if empty. */
  public long leastRecentlySeenNanos(int index) {
    KBucket b = buckets[index];
    return b == null || b.entries.isEmpty() ? 0 : b.entries.get(0).lastSeenNanos;
  }

  /** Every contact in a bucket. */
  public List<Contact> all() {
    List<Contact> out = new ArrayList<>(size);
    for (KBucket b : buckets) {
      if (b != null) {
        for (KBucket.Entry e : b.entries) {
          out.add(e.contact);
        }
      }
    }
    return out;
  }

  /**
   * Up to {@code n} contacts closest to {@code target} by XOR distance, closest first. Buckets are
   * visited in distance order, so only as many are sorted as needed: with c the bucket of {@code
   * target}, every id in bucket c is closer than any in buckets above c, which are closer than any
   * in bucket c-1, then c-2 and so on.
   */
  public List<Contact> closest(NodeId target, int n) {
    List<Contact> out = new ArrayList<>(Math.min(n, size));
    if (n <= 0 || size == 0) {
      return out;
    }
    Comparator<Contact> byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
    int c = Math.min(bucketIndex(target), NodeId.BITS - 1);
    List<Contact> group = new ArrayList<>();
    addBucket(group, c);
    appendSorted(out, group, byDistance, n);
    if (out.size() < n) {
      group.clear();
      for (int j = c + 1; j < NodeId.BITS; j++) {
        addBucket(group, j);
      }
      appendSorted(out, group, byDistance, n);
    }
    for (int j = c - 1; j >= 0 && out.size() < n; j--) {
      group.clear();
      addBucket(group, j);
      appendSorted(out, group, byDistance, n);
    }
    return out;
  }

  private void addBucket(List<Contact> group, int index) {
    KBucket b = buckets[index];
    if (b != null) {
      for (KBucket.Entry e : b.entries) {
        group.add(e.contact);
      }
    }
  }

  private static void appendSorted(
      List<Contact> out, List<Contact> group, Comparator<Contact> order, int n) {
    group.sort(order);
    for (int i = 0; i < group.size() && out.size() < n; i++) {
      out.add(group.get(i));
    }
  }

  // ---- bucket refresh -------------------------------------------------------------------------

  /** A lookup for {@code target} ran at {@code nowNanos}: its bucket counts as refreshed. */
  public void markRefreshed(NodeId target, long nowNanos) {
    int index = Math.min(bucketIndex(target), NodeId.BITS - 1);
    bucketAt(index).lastRefreshNanos = nowNanos;
  }

  /**
   * Buckets due a refresh at {@code nowNanos}: those not looked up for {@code intervalNanos}, from
   * bucket 0 up to one past the deepest non-empty bucket (deeper buckets are empty because the
   * network has nobody that close to us). Empty when the table is.
   */
  public List<Integer> bucketsDueForRefresh(long nowNanos, long intervalNanos) {
    List<Integer> due = new ArrayList<>();
    int limit = refreshLimit();
    for (int i = 0; i <= limit; i++) {
      if (nowNanos - lastRefreshNanos(i) >= intervalNanos) {
        due.add(i);
      }
    }
    return due;
  }

  /** The earliest time a bucket becomes due a refresh; {@code Long.MAX_VALUE} if never. */
  public long nextRefreshDeadlineNanos(long intervalNanos) {
    int limit = refreshLimit();
    long next = Long.MAX_VALUE;
    for (int i = 0; i <= limit; i++) {
      next = Math.min(next, lastRefreshNanos(i) + intervalNanos);
    }
    return next;
  }

  private long lastRefreshNanos(int index) {
    KBucket b = buckets[index];
    return b == null ? createdNanos : b.lastRefreshNanos;
  }

  private int refreshLimit() {
    if (size == 0) {
      return -1;
    }
    int deepest = 0;
    for (int i = NodeId.BITS - 1; i >= 0; i--) {
      if (buckets[i] != null && !buckets[i].entries.isEmpty()) {
        deepest = i;
        break;
      }
    }
    return Math.min(deepest + 1, NodeId.BITS - 1);
  }

  /** A random id that falls in bucket {@code index} of {@code self}'s table. */
  public static NodeId randomIdInBucket(NodeId self, int index, RandomGenerator random) {
    byte[] id = new byte[NodeId.BYTES];
    random.nextBytes(id);
    byte[] own = self.bytes();
    int fullBytes = index / 8;
    System.arraycopy(own, 0, id, 0, fullBytes);
    int bit = index % 8;
    int keepMask = (0xff << (8 - bit)) & 0xff; // the shared bits of the partial byte
    int flip = 0x80 >>> bit; // the first differing bit
    int b =
        (own[fullBytes] & keepMask)
            | (~own[fullBytes] & flip)
            | (id[fullBytes] & ~keepMask & ~flip & 0xff);
    id[fullBytes] = (byte) b;
    return NodeId.of(id);
  }

  private KBucket bucketAt(int index) {
    KBucket b = buckets[index];
    if (b == null) {
      b = new KBucket(createdNanos);
      buckets[index] = b;
    }
    return b;
  }
}
