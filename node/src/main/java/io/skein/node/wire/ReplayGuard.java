package io.skein.node.wire;

import io.skein.crypto.Ed25519;
import io.skein.crypto.PublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-sender replay protection for REQUEST and ONE_WAY frames, as IPsec does it (RFC 4303 section
 * 3.4.3): the highest request id accepted from each sender plus a bitmap of the {@link
 * WireLimits#REPLAY_WINDOW_IDS} ids below it. An id already seen, or older than the window, is a
 * replay. Only authentic frames reach it, and it changes only when a frame is accepted.
 *
 * <p>Bounded: at most {@code maxSenders} senders, least recently accepted evicted first. A sender
 * whose newest frame is older than the clock skew can be forgotten safely, since a replay of any of
 * its frames is then dropped as stale. The residual risk: when more than {@code maxSenders} senders
 * are active within the skew window, evicting one of them lets each of its frames of the last skew
 * window be replayed once more; such evictions are counted in {@code
 * skein_replay_guard_unsafe_evictions_total}. Also, a node that restarts forgets every window, so
 * for one skew window after a restart each recent frame could be replayed to it once.
 *
 * <p>Entries also cache the sender's {@link PublicKey} (with its decoded curve point), so a known
 * sender's frames verify without allocating or decompressing its key again.
 */
final class ReplayGuard {
  private static final int WINDOW = WireLimits.REPLAY_WINDOW_IDS;
  private static final int WORDS = WINDOW / Long.SIZE;

  private final int maxSenders;
  private final long maxClockSkewMillis;
  private final WireMetrics metrics;
  private final Map<KeyBytes, Sender> senders = new HashMap<>();
  private final KeyBytes probe = new KeyBytes();

  /** Least recently accepted sender; {@code newest} the most recent. */
  private Sender oldest;

  private Sender newest;

  ReplayGuard(int maxSenders, long maxClockSkewMillis, WireMetrics metrics) {
    this.maxSenders = maxSenders;
    this.maxClockSkewMillis = maxClockSkewMillis;
    this.metrics = metrics;
  }

  /** The entry of the sender whose key is {@code frame[offset, offset + 32)}, or {@code null}. */
  Sender find(byte[] frame, int offset) {
    probe.point(frame, offset);
    Sender sender = senders.get(probe);
    probe.point(null, 0);
    return sender;
  }

  /** Whether {@code requestId} from this sender ({@code null}: never seen) would be accepted. */
  static boolean isFresh(Sender sender, long requestId) {
    if (sender == null || requestId > sender.highest) {
      return true;
    }
    long behind = sender.highest - requestId;
    if (behind < 0 || behind >= WINDOW) {
      return false; // below the window (or so far that the difference overflowed)
    }
    return !sender.seen(requestId);
  }

  /**
   * Records an accepted frame. {@code sender} is what {@link #find} returned for {@code key} (null
   * for a new sender) and {@link #isFresh} must have approved {@code requestId}.
   */
  void accept(Sender sender, PublicKey key, long requestId, long timestampMillis, long nowMillis) {
    if (sender == null) {
      if (senders.size() >= maxSenders) {
        evictOldest(nowMillis);
      }
      sender = new Sender(new KeyBytes(key.bytes()), key, requestId, timestampMillis);
      senders.put(sender.key, sender);
      sender.mark(requestId);
      append(sender);
      return;
    }
    if (requestId > sender.highest) {
      sender.advance(requestId);
    }
    sender.mark(requestId);
    sender.newestTimestampMillis = Math.max(sender.newestTimestampMillis, timestampMillis);
    unlink(sender);
    append(sender);
  }

  /**
   * Forgets senders that can be forgotten safely (newest frame older than the clock skew), from the
   * least recently accepted until one cannot; returns how many.
   */
  int prune(long nowMillis) {
    int pruned = 0;
    while (oldest != null && safeToForget(oldest, nowMillis)) {
      remove(oldest);
      pruned++;
    }
    return pruned;
  }

  int size() {
    return senders.size();
  }

  private boolean safeToForget(Sender sender, long nowMillis) {
    return sender.newestTimestampMillis < nowMillis - maxClockSkewMillis;
  }

  private void evictOldest(long nowMillis) {
    Sender victim = oldest;
    metrics.replayGuardEviction(!safeToForget(victim, nowMillis));
    remove(victim);
  }

  private void remove(Sender sender) {
    senders.remove(sender.key);
    unlink(sender);
  }

  private void append(Sender sender) {
    sender.older = newest;
    sender.newer = null;
    if (newest != null) {
      newest.newer = sender;
    } else {
      oldest = sender;
    }
    newest = sender;
  }

  private void unlink(Sender sender) {
    if (sender.older != null) {
      sender.older.newer = sender.newer;
    } else {
      oldest = sender.newer;
    }
    if (sender.newer != null) {
      sender.newer.older = sender.older;
    } else {
      newest = sender.older;
    }
    sender.older = null;
    sender.newer = null;
  }

  /** One sender's replay window, cached key and place in the LRU list. */
  static final class Sender {
    final KeyBytes key;
    final PublicKey publicKey;
    private final long[] bitmap = new long[WORDS];
    private long highest;
    private long newestTimestampMillis;
    private Sender older;
    private Sender newer;

    private Sender(KeyBytes key, PublicKey publicKey, long highest, long timestampMillis) {
      this.key = key;
      this.publicKey = publicKey;
      this.highest = highest;
      this.newestTimestampMillis = timestampMillis;
    }

    /** The bit of an id within the window: ids map onto the bitmap modulo its size. */
    private boolean seen(long id) {
      int bit = (int) (id & (WINDOW - 1));
      return (bitmap[bit >>> 6] & (1L << bit)) != 0;
    }

    private void mark(long id) {
      int bit = (int) (id & (WINDOW - 1));
      bitmap[bit >>> 6] |= 1L << bit;
    }

    /** Slides the window up to {@code id}, clearing the bits of the ids it skips over. */
    private void advance(long id) {
      long ahead = id - highest;
      if (ahead < 0 || ahead >= WINDOW) {
        Arrays.fill(bitmap, 0L);
      } else {
        for (long skipped = highest + 1; skipped <= id; skipped++) {
          int bit = (int) (skipped & (WINDOW - 1));
          bitmap[bit >>> 6] &= ~(1L << bit);
        }
      }
      highest = id;
    }
  }

  /**
   * 32 key bytes as a map key. Stored keys own their bytes; the guard's one probe points into a
   * frame for lookups without copying. Comparable, so that a crowded hash bucket becomes a tree.
   */
  static final class KeyBytes implements Comparable<KeyBytes> {
    private static final int BYTES = Ed25519.PUBLIC_KEY_BYTES;
    private byte[] bytes;
    private int offset;
    private int hash;

    private KeyBytes() {}

    private KeyBytes(byte[] bytes) {
      point(bytes, 0);
    }

    private void point(byte[] source, int from) {
      this.bytes = source;
      this.offset = from;
      int h = 1;
      if (source != null) {
        for (int i = from; i < from + BYTES; i++) {
          h = 31 * h + source[i];
        }
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyBytes k
          && Arrays.equals(bytes, offset, offset + BYTES, k.bytes, k.offset, k.offset + BYTES);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public int compareTo(KeyBytes k) {
      return Arrays.compareUnsigned(
          bytes, offset, offset + BYTES, k.bytes, k.offset, k.offset + BYTES);
    }
  }
}
