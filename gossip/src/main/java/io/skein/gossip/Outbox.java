package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.GossipMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Messages waiting for the driver, the piggybacking of rumors onto them, and request sequence
 * numbers. Bounded: if the driver stops draining, the oldest messages are dropped and counted.
 */
final class Outbox {
  /** Undrained messages kept at most. */
  static final int MAX_PENDING = 65_536;

  private final GossipConfig config;
  private final RumorQueue rumors;
  private final IntSupplier liveCount;
  private final GossipStats stats;
  private final Endpoint self;
  private final ArrayDeque<Outbound> pending = new ArrayDeque<>();
  private long nextSeq;

  Outbox(
      GossipConfig config,
      RumorQueue rumors,
      IntSupplier liveCount,
      GossipStats stats,
      Endpoint self,
      long firstSeq) {
    this.config = config;
    this.rumors = rumors;
    this.liveCount = liveCount;
    this.stats = stats;
    this.self = self;
    this.nextSeq = firstSeq;
  }

  long nextSeq() {
    return nextSeq++;
  }

  /**
   * {@code first} (at most {@code maxClaimsPerMessage} of them) followed by as many pending rumors
   * as fit, least-sent first; each rumor included counts as one transmission.
   */
  List<Claim> claims(List<Claim> first) {
    int max = config.maxClaimsPerMessage;
    List<Claim> out = new ArrayList<>(max);
    for (Claim c : first) {
      if (out.size() >= max) {
        break;
      }
      out.add(c);
    }
    rumors.take(out, max - out.size(), config.retransmitLimit(liveCount.getAsInt()));
    return out;
  }

  /** Pending rumors only. */
  List<Claim> claims() {
    return claims(List.of());
  }

  void send(Endpoint to, PublicKey expectedKey, GossipMessage message) {
    if (to.equals(self)) {
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      pending.pollFirst();
      stats.inc(Counter.OUTBOX_DROPPED);
    }
    pending.addLast(new Outbound(to, expectedKey, message));
    stats.inc(Counter.MESSAGES_SENT);
  }

  List<Outbound> drain() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<Outbound> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }
}
