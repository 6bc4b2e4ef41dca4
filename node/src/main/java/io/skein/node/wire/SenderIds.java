package io.skein.node.wire;

import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What short sender ids need ({@link FrameLayout}, "The short sender id"): the keys this node can
 * resolve a short id to, and the peers that can resolve ours. Both are keyed by the 64-bit prefix
 * of a {@link NodeId} and bounded, least recently used first out: forgetting costs only full keys
 * on the wire again (a peer learns that we forgot it from our next frame, which lacks {@link
 * FrameLayout#FLAG_KNOWS_RECIPIENT}), or, for a key evicted between a peer's last frame from us and
 * its next short frame to us, one {@link DropReason#UNKNOWN_SENDER} drop. Only authentic keys
 * enter: those of verified frames and of verified gossip claims.
 */
final class SenderIds {
  private final Map<Long, PublicKey> keys;
  private final Map<Long, Boolean> peersKnowingUs;

  SenderIds(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    keys = lru(maxEntries);
    peersKnowingUs = lru(maxEntries);
  }

  private static <V> Map<Long, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
        return size() > max;
      }
    };
  }

  /** The 64-bit prefix of {@code id}: the short id of its key, the recipient field for it. */
  static long prefix(NodeId id) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | id.byteAt(i);
    }
    return v;
  }

  /** Remembers an authentic key (or refreshes it), so that its short id resolves. */
  void learn(PublicKey key) {
    long id = prefix(key.nodeId());
    PublicKey held = keys.get(id);
    if (held == null || !held.equals(key)) {
      // A different key under the same prefix would take 2^64 work to make; the newer one wins,
      // and frames of the older one then fail their signature check.
      keys.put(id, key);
    }
  }

  /** The key whose short id is {@code id}, or {@code null}. */
  PublicKey resolve(long id) {
    return keys.get(id);
  }

  /** Whether we hold the key of the node whose id starts with {@code id}. */
  boolean holdsKeyOf(long id) {
    return keys.containsKey(id);
  }

  /** Records what a verified frame from {@code peer} told: whether it holds our key. */
  void peerHoldsOurKey(long peer, boolean holds) {
    if (holds) {
      peersKnowingUs.put(peer, Boolean.TRUE);
    } else {
      peersKnowingUs.remove(peer);
    }
  }

  /** Whether frames to {@code peer} may carry our short id. */
  boolean peerKnowsUs(long peer) {
    return peersKnowingUs.containsKey(peer);
  }

  int keyCount() {
    return keys.size();
  }
}
