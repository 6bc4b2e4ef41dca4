package io.skein.gossip;

import io.skein.crypto.PublicKey;
import io.skein.crypto.Sha256;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.PushPullDigest;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of a push-pull state: SHA-256 over, per member in the order of its key bytes, the key
 * (32 bytes), the highest incarnation any claim about it names (8 bytes, big-endian) and the
 * precedence of the strongest claim at that incarnation (1 byte: alive 0, suspect 1, dead 2, leave
 * 3). Two nodes whose states agree on every member's incarnation and state get equal digests,
 * whatever the order of their claims and whoever signed the accusations.
 *
 * <p>It is a shortcut, not a proof: equal digests only skip one exchange, different ones run the
 * full signed exchange, and every claim is still verified when merged. A peer that lies about its
 * digest (or answers "in sync" to anything) withholds its state, which it could always do.
 */
final class StateDigest {
  private static final int ENTRY_BYTES = 32 + 8 + 1;

  private StateDigest() {}

  private record Entry(long incarnation, int precedence) {}

  /** The digest of {@code state}: {@link PushPullDigest#DIGEST_BYTES} bytes. */
  static byte[] of(List<Claim> state) {
    Map<PublicKey, Entry> bySubject = new HashMap<>(state.size() * 2);
    for (Claim c : state) {
      Entry e = new Entry(c.incarnation(), c.type().precedence());
      bySubject.merge(c.subject(), e, StateDigest::stronger);
    }
    TreeMap<String, Map.Entry<PublicKey, Entry>> sorted = new TreeMap<>();
    for (Map.Entry<PublicKey, Entry> e : bySubject.entrySet()) {
      sorted.put(e.getKey().hex(), e);
    }
    ByteBuffer buf = ByteBuffer.allocate(sorted.size() * ENTRY_BYTES);
    for (Map.Entry<PublicKey, Entry> e : sorted.values()) {
      buf.put(e.getKey().bytes());
      buf.putLong(e.getValue().incarnation);
      buf.put((byte) e.getValue().precedence);
    }
    return Sha256.hash(buf.array());
  }

  private static Entry stronger(Entry a, Entry b) {
    if (a.incarnation != b.incarnation) {
      return a.incarnation > b.incarnation ? a : b;
    }
    return a.precedence >= b.precedence ? a : b;
  }
}
