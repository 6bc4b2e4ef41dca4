package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.Suspect;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SWIM failure detection (memberlist probeNode, handleIndirectPing): one round-robin probe per
 * scaled probe interval, plus immediate probes of members accused by others. A probe pings the
 * target directly; after a probe timeout it asks {@code indirectChecks} helpers to ping-req it;
 * after a second timeout it fails. Lifeguard: helpers nack when the target stays silent, and a
 * failed probe that no helper answered at all is blamed on this node (local health rises) rather
 * than on the target.
 */
final class Prober {
  private static final Logger log = LoggerFactory.getLogger(Swim.class);

  /** Ping-reqs this node serves as a helper at once; more are dropped and counted. */
  static final int MAX_HELPER_REQUESTS = 256;

  /** Accusation probes waiting for a free slot; when full the oldest is dropped and counted. */
  static final int MAX_QUEUED_ACCUSATION_PROBES = 64;

  private static final class Probe {
    final long seq;
    final MemberRecord target;
    final boolean accusation;
    final long directDeadline;
    final long finalDeadline;
    List<MemberRecord> helpers = List.of();
    final Set<PublicKey> nacked = new HashSet<>();
    boolean indirectSent;

    Probe(
        long seq,
        MemberRecord target,
        boolean accusation,
        long directDeadline,
        long finalDeadline) {
      this.seq = seq;
      this.target = target;
      this.accusation = accusation;
      this.directDeadline = directDeadline;
      this.finalDeadline = finalDeadline;
    }
  }

  private record HelperRequest(
      Endpoint requester,
      PublicKey requesterKey,
      long requesterSeq,
      PublicKey target,
      Endpoint targetEndpoint,
      long nackAt) {}

  private final GossipConfig config;
  private final Membership membership;
  private final MemberTable table;
  private final Awareness awareness;
  private final Outbox outbox;
  private final GossipStats stats;
  private final Map<Long, Probe> probes = new LinkedHashMap<>();
  private final Map<Long, HelperRequest> helping = new LinkedHashMap<>();
  private final ArrayDeque<MemberRecord> accusationQueue = new ArrayDeque<>();
  private int accusationProbesInFlight;
  private long nextProbeAt;

  Prober(
      GossipConfig config,
      Membership membership,
      Awareness awareness,
      Outbox outbox,
      GossipStats stats,
      long firstProbeAt) {
    this.config = config;
    this.membership = membership;
    this.table = membership.table();
    this.awareness = awareness;
    this.outbox = outbox;
    this.stats = stats;
    this.nextProbeAt = firstProbeAt;
  }

  /**
   * Advances probes and helper requests to {@code nowNanos}; starts the round-robin probe when due.
   * {@code late} means the driver called this tick more than a probe timeout after its deadline:
   * probes that time out now are blamed on this node.
   */
  void tick(long nowNanos, boolean late) {
    List<Probe> failed = new ArrayList<>();
    for (Iterator<Probe> it = probes.values().iterator(); it.hasNext(); ) {
      Probe p = it.next();
      if (!p.target.isLive()) {
        it.remove();
        finish(p);
        continue;
      }
      if (!p.indirectSent && nowNanos >= p.directDeadline) {
        sendIndirect(p);
      }
      if (nowNanos >= p.finalDeadline) {
        failed.add(p);
      }
    }
    for (Probe p : failed) {
      fail(nowNanos, p, late);
    }
    for (Iterator<HelperRequest> it = helping.values().iterator(); it.hasNext(); ) {
      HelperRequest h = it.next();
      if (nowNanos < h.nackAt) {
        break; // inserted in nackAt order
      }
      it.remove();
      outbox.send(h.requester, h.requesterKey, new Nack(h.requesterSeq, outbox.claims()));
      stats.inc(Counter.NACKS_SENT);
    }
    if (!membership.leaving() && nowNanos >= nextProbeAt) {
      MemberRecord target = table.nextProbeTarget(nowNanos);
      if (target != null && !isProbing(target)) {
        startProbe(nowNanos, target, false);
      }
      nextProbeAt = nowNanos + awareness.scale(config.probeIntervalNanos());
    }
    startQueuedAccusationProbes(nowNanos);
  }

  long nextDeadline() {
    long next = membership.leaving() ? Long.MAX_VALUE : nextProbeAt;
    for (Probe p : probes.values()) {
      next = Math.min(next, p.indirectSent ? p.finalDeadline : p.directDeadline);
    }
    if (!helping.isEmpty()) {
      next = Math.min(next, helping.values().iterator().next().nackAt);
    }
    return next;
  }

  /** Another member accused {@code rec}: check it ourselves soon. */
  void requestAccusationProbe(long nowNanos, MemberRecord rec) {
    if (config.maxAccusationProbes == 0 || membership.leaving()) {
      return;
    }
    if (isProbing(rec) || accusationQueue.contains(rec)) {
      return;
    }
    if (accusationQueue.size() >= MAX_QUEUED_ACCUSATION_PROBES) {
      accusationQueue.pollFirst();
      stats.inc(Counter.ACCUSATION_PROBES_DROPPED);
    }
    accusationQueue.addLast(rec);
    startQueuedAccusationProbes(nowNanos);
  }

  private void startQueuedAccusationProbes(long nowNanos) {
    while (accusationProbesInFlight < config.maxAccusationProbes && !accusationQueue.isEmpty()) {
      MemberRecord rec = accusationQueue.pollFirst();
      // Made even when the confirmations came in while it waited for a slot: its ping carries the
      // accusation, so an alive accused refutes in the ack, and this node learns the refutation
      // although the rumor may have passed it by (it stalled itself, say).
      if (rec.state != MemberState.SUSPECT || isProbing(rec)) {
        continue;
      }
      startProbe(nowNanos, rec, true);
    }
  }

  private boolean isProbing(MemberRecord rec) {
    for (Probe p : probes.values()) {
      if (p.target == rec) {
        return true;
      }
    }
    return false;
  }

  private void startProbe(long nowNanos, MemberRecord target, boolean accusation) {
    long seq = outbox.nextSeq();
    long timeout = awareness.scale(config.probeTimeoutNanos());
    Probe p = new Probe(seq, target, accusation, nowNanos + timeout, nowNanos + 2 * timeout);
    probes.put(seq, p);
    if (accusation) {
      accusationProbesInFlight++;
      stats.inc(Counter.ACCUSATION_PROBES);
    }
    // Lifeguard buddy system: a suspect learns of the accusation from the probe itself.
    List<Claim> first = membership.accusationsAbout(target, config.maxClaimsPerMessage / 2);
    outbox.send(target.endpoint(), target.key, new Ping(seq, target.key, outbox.claims(first)));
    stats.inc(Counter.PROBES_SENT);
  }

  private void sendIndirect(Probe p) {
    p.indirectSent = true;
    p.helpers =
        table.random(config.indirectChecks, r -> r.state == MemberState.ALIVE && r != p.target);
    for (MemberRecord helper : p.helpers) {
      outbox.send(
          helper.endpoint(),
          helper.key,
          new PingReq(p.seq, p.target.key, p.target.endpoint(), outbox.claims()));
      stats.inc(Counter.INDIRECT_PROBES_SENT);
    }
  }

  private void fail(long nowNanos, Probe p, boolean late) {
    probes.remove(p.seq);
    finish(p);
    stats.inc(Counter.PROBES_FAILED);
    if (late) {
      stats.inc(Counter.SUSPICIONS_AVOIDED);
      log.info(
          "{} no ack from {}, but this node ran late: not suspecting", membership.me(), p.target);
      return;
    }
    int expected = p.helpers.size();
    int nacks = p.nacked.size();
    awareness.applyDelta(expected > 0 ? expected - nacks : 1);
    if (expected > 0 && nacks == 0) {
      stats.inc(Counter.SUSPICIONS_AVOIDED);
      log.info(
          "{} no ack from {} and no answer from any of {} helpers: blaming this node",
          membership.me(),
          p.target,
          expected);
      return;
    }
    membership.onProbeFailed(nowNanos, p.target);
  }

  private void finish(Probe p) {
    if (p.accusation) {
      accusationProbesInFlight--;
    }
  }

  void onPing(Endpoint from, PublicKey fromKey, Ping ping) {
    if (ping.target() != null && !ping.target().equals(membership.self().key)) {
      stats.inc(Counter.PINGS_MISDIRECTED);
      return;
    }
    // Buddy system, answer side: a ping that carried an accusation of this node gets this node's
    // current alive claim first (already above the accusation: the claims were applied first).
    List<Claim> first = accusesMe(ping) ? List.of(membership.self().alive) : List.of();
    outbox.send(from, fromKey, new Ack(ping.seq(), outbox.claims(first)));
    stats.inc(Counter.ACKS_SENT);
  }

  private boolean accusesMe(Ping ping) {
    for (Claim c : ping.claims()) {
      if ((c instanceof Suspect || c instanceof Dead)
          && c.subject().equals(membership.self().key)) {
        return true;
      }
    }
    return false;
  }

  void onPingReq(long nowNanos, Endpoint from, PublicKey fromKey, PingReq req) {
    if (req.target().equals(membership.self().key)) {
      outbox.send(from, fromKey, new Ack(req.seq(), outbox.claims()));
      stats.inc(Counter.ACKS_SENT);
      return;
    }
    if (helping.size() >= MAX_HELPER_REQUESTS) {
      stats.inc(Counter.PING_REQS_DROPPED);
      return;
    }
    MemberRecord target = table.get(req.target());
    Endpoint endpoint = target != null ? target.endpoint() : req.targetEndpoint();
    long seq = outbox.nextSeq();
    long nackAt = nowNanos + config.probeTimeoutNanos() * 4 / 5;
    helping.put(seq, new HelperRequest(from, fromKey, req.seq(), req.target(), endpoint, nackAt));
    List<Claim> first =
        target != null
            ? membership.accusationsAbout(target, config.maxClaimsPerMessage / 2)
            : List.of();
    outbox.send(endpoint, req.target(), new Ping(seq, req.target(), outbox.claims(first)));
    stats.inc(Counter.PING_REQS_SERVED);
  }

  void onAck(Endpoint from, PublicKey fromKey, Ack ack) {
    Probe p = probes.get(ack.seq());
    if (p != null) {
      boolean direct = isFrom(p.target.key, p.target.endpoint(), from, fromKey);
      boolean viaHelper = !direct && helperOf(p, from, fromKey) != null;
      if (!direct && !viaHelper) {
        stats.inc(Counter.REPLIES_UNMATCHED);
        return;
      }
      probes.remove(ack.seq());
      finish(p);
      awareness.applyDelta(-1);
      stats.inc(Counter.ACKS_RECEIVED);
      if (viaHelper) {
        stats.inc(Counter.INDIRECT_ACKS_RECEIVED);
      }
      return;
    }
    HelperRequest h = helping.get(ack.seq());
    if (h != null && isFrom(h.target, h.targetEndpoint, from, fromKey)) {
      helping.remove(ack.seq());
      outbox.send(h.requester, h.requesterKey, new Ack(h.requesterSeq, outbox.claims()));
      stats.inc(Counter.ACKS_RELAYED);
      return;
    }
    stats.inc(Counter.REPLIES_UNMATCHED);
  }

  /** Counts a helper's nack; returns false if {@code seq} is not a probe of ours. */
  boolean onNack(Endpoint from, PublicKey fromKey, long seq) {
    Probe p = probes.get(seq);
    if (p == null) {
      return false;
    }
    MemberRecord helper = helperOf(p, from, fromKey);
    if (helper != null && p.nacked.add(helper.key)) {
      stats.inc(Counter.NACKS_RECEIVED);
    } else {
      stats.inc(Counter.REPLIES_UNMATCHED);
    }
    return true;
  }

  private static MemberRecord helperOf(Probe p, Endpoint from, PublicKey fromKey) {
    for (MemberRecord h : p.helpers) {
      if (isFrom(h.key, h.endpoint(), from, fromKey)) {
        return h;
      }
    }
    return null;
  }

  /** The sender is {@code key}: by its authenticated key if the driver gave one, else endpoint. */
  private static boolean isFrom(
      PublicKey key, Endpoint endpoint, Endpoint from, PublicKey fromKey) {
    return fromKey != null ? fromKey.equals(key) : from.equals(endpoint);
  }
}
