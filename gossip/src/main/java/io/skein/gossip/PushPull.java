package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full state exchange (memberlist pushPull, mergeRemoteState) and joining through seeds. At most
 * {@code maxConcurrentPushPulls} requests are in flight; at most {@code
 * maxPushPullResponsesPerSecond} requests are served per second, beyond which the requester gets a
 * {@link Nack} and tries again later. While this node knows no other live member it asks its seeds
 * again every {@code joinRetryInterval}, which also rejoins a node cut off from everyone.
 *
 * <p>After a successful join it "settles": it exchanges state with a random member about one probe
 * interval later (in a join burst the seed's answer misses members that joined just after), and
 * with another random member {@link #SETTLE_SPACING_PROBES} probe intervals after that. The second
 * one covers members that joined after the first settle, whose alive rumor may have used up its
 * retransmissions on members that already knew it during the burst: without it such a node learned
 * of them only at its next periodic exchange, up to a push-pull interval (60 s at 50 members)
 * later. With digests a settle that finds the views in sync costs two small frames.
 *
 * <p>Periodic exchanges (not joins) begin with a {@link PushPullDigest} of this node's state; a
 * peer whose state hashes the same answers "in sync" and nothing more is sent, otherwise the full
 * exchange follows as a second request. In a converged cluster that replaces two signed states of N
 * claims each (about 111 bytes per member) with two small frames.
 */
final class PushPull {
  private static final Logger log = LoggerFactory.getLogger(Swim.class);

  /** Seeds remembered for join retries; more are ignored. */
  static final int MAX_SEEDS = 64;

  /** Exchanges with random members soon after a join: 2 (see the class comment). */
  static final int SETTLE_EXCHANGES = 2;

  /**
   * Probe intervals between two settle exchanges (plus or minus half an interval at random): 2, so
   * the second one falls about 3 s after the join on lan, past a join burst of 50 nodes started at
   * once on one machine (their joins spread over less than 1 s in GossipRealBench).
   */
  static final int SETTLE_SPACING_PROBES = 2;

  private static final long SECOND_NANOS = 1_000_000_000L;

  /** A request in flight: a join, a periodic full exchange, or a digest ({@code digest}). */
  private record Pending(Endpoint to, PublicKey key, boolean join, boolean digest, long deadline) {}

  private final GossipConfig config;
  private final Membership membership;
  private final Outbox outbox;
  private final RandomGenerator random;
  private final GossipStats stats;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private final List<Endpoint> seeds = new ArrayList<>();
  private long nextPushPullAt;
  private long nextJoinAt = Long.MAX_VALUE;
  private long windowStart;
  private int servedInWindow = -1;
  private boolean joined;
  private int settlesLeft;
  private PublicKey lastPartner;

  PushPull(
      GossipConfig config,
      Membership membership,
      Outbox outbox,
      RandomGenerator random,
      GossipStats stats,
      long firstPushPullAt) {
    this.config = config;
    this.membership = membership;
    this.outbox = outbox;
    this.random = random;
    this.stats = stats;
    this.nextPushPullAt = firstPushPullAt;
  }

  /** Remembers {@code seeds} and asks them for their state now. */
  void join(long nowNanos, Iterable<Endpoint> newSeeds) {
    LinkedHashSet<Endpoint> all = new LinkedHashSet<>(seeds);
    Endpoint self = membership.self().endpoint();
    for (Endpoint e : newSeeds) {
      if (!e.equals(self) && all.size() < MAX_SEEDS) {
        all.add(e);
      }
    }
    seeds.clear();
    seeds.addAll(all);
    attemptJoin(nowNanos);
  }

  boolean joined() {
    return joined;
  }

  private void attemptJoin(long nowNanos) {
    nextJoinAt = nowNanos + config.joinRetryIntervalMillis * 1_000_000L;
    if (seeds.isEmpty()) {
      return;
    }
    stats.inc(Counter.JOIN_ATTEMPTS);
    // Replace earlier join requests still in flight: they are for the same seeds.
    pending.values().removeIf(Pending::join);
    List<Endpoint> chosen = new ArrayList<>(seeds);
    for (int i = chosen.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Endpoint tmp = chosen.get(i);
      chosen.set(i, chosen.get(j));
      chosen.set(j, tmp);
    }
    int free = config.maxConcurrentPushPulls - pending.size();
    for (int i = 0; i < chosen.size() && i < Math.max(1, free); i++) {
      send(nowNanos, chosen.get(i), null, true);
    }
  }

  private void send(long nowNanos, Endpoint to, PublicKey key, boolean join) {
    long seq = outbox.nextSeq();
    long deadline = nowNanos + config.pushPullTimeoutMillis * 1_000_000L;
    pending.put(seq, new Pending(to, key, join, false, deadline));
    outbox.send(to, key, new PushPullRequest(seq, join, membership.stateClaims(nowNanos)));
    stats.inc(Counter.PUSH_PULLS_SENT);
  }

  private void sendDigest(long nowNanos, Endpoint to, PublicKey key) {
    long seq = outbox.nextSeq();
    long deadline = nowNanos + config.pushPullTimeoutMillis * 1_000_000L;
    pending.put(seq, new Pending(to, key, false, true, deadline));
    outbox.send(to, key, new PushPullDigest(seq, StateDigest.of(membership.stateClaims(nowNanos))));
    stats.inc(Counter.PUSH_PULL_DIGESTS_SENT);
  }

  void tick(long nowNanos) {
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (nowNanos >= p.deadline) {
        it.remove();
        stats.inc(Counter.PUSH_PULLS_FAILED);
        log.debug("{} push-pull with {} timed out", membership.me(), p.to);
      }
    }
    if (membership.leaving()) {
      return;
    }
    MemberTable table = membership.table();
    if (table.liveOthers() == 0 && nowNanos >= nextJoinAt) {
      attemptJoin(nowNanos);
    }
    if (nowNanos >= nextPushPullAt) {
      if (settlesLeft > 0) {
        settlesLeft--;
      }
      nextPushPullAt =
          settlesLeft > 0
              ? nowNanos + settleDelayNanos(SETTLE_SPACING_PROBES)
              : nowNanos + config.pushPullIntervalNanos(membership.liveCount());
      if (pending.size() < config.maxConcurrentPushPulls) {
        PublicKey previous = lastPartner;
        List<MemberRecord> peer =
            table.random(1, r -> r.state == MemberState.ALIVE && !r.key.equals(previous));
        if (peer.isEmpty()) {
          peer = table.random(1, r -> r.state == MemberState.ALIVE);
        }
        if (!peer.isEmpty()) {
          lastPartner = peer.get(0).key;
          sendDigest(nowNanos, peer.get(0).endpoint(), peer.get(0).key);
        }
      }
    }
  }

  long nextDeadline() {
    if (membership.leaving()) {
      return pending.isEmpty() ? Long.MAX_VALUE : firstPendingDeadline();
    }
    long next = nextPushPullAt;
    if (!seeds.isEmpty() && membership.table().liveOthers() == 0) {
      next = Math.min(next, nextJoinAt);
    }
    return pending.isEmpty() ? next : Math.min(next, firstPendingDeadline());
  }

  private long firstPendingDeadline() {
    long next = Long.MAX_VALUE;
    for (Pending p : pending.values()) {
      next = Math.min(next, p.deadline);
    }
    return next;
  }

  /**
   * Counts one request against the per-second serving budget; if it is spent, answers {@link Nack}
   * and returns false.
   */
  private boolean admit(long nowNanos, Endpoint from, PublicKey fromKey, long seq) {
    if (servedInWindow < 0 || nowNanos - windowStart >= SECOND_NANOS) {
      windowStart = nowNanos;
      servedInWindow = 0;
    }
    if (servedInWindow >= config.maxPushPullResponsesPerSecond) {
      stats.inc(Counter.PUSH_PULLS_REFUSED);
      stats.inc(Counter.NACKS_SENT);
      outbox.send(from, fromKey, new Nack(seq, List.of()));
      return false;
    }
    servedInWindow++;
    return true;
  }

  /** Serves a digest request: tells whether our state hashes the same. */
  void onDigest(long nowNanos, Endpoint from, PublicKey fromKey, PushPullDigest req) {
    if (!admit(nowNanos, from, fromKey, req.seq())) {
      return;
    }
    boolean inSync = req.digestEquals(StateDigest.of(membership.stateClaims(nowNanos)));
    outbox.send(from, fromKey, new PushPullDigestReply(req.seq(), inSync));
    stats.inc(Counter.PUSH_PULL_DIGESTS_SERVED);
  }

  /**
   * The answer to our digest: in sync ends the exchange; otherwise the full exchange follows with
   * the same peer. Returns false if {@code reply} answers no digest request of ours.
   */
  boolean onDigestReply(long nowNanos, PublicKey fromKey, PushPullDigestReply reply) {
    Pending p = pending.get(reply.seq());
    if (p == null || !p.digest || (p.key != null && fromKey != null && !p.key.equals(fromKey))) {
      return false;
    }
    pending.remove(reply.seq());
    if (reply.inSync()) {
      stats.inc(Counter.PUSH_PULLS_IN_SYNC);
    } else if (!membership.leaving()) {
      send(nowNanos, p.to, p.key, false);
    }
    return true;
  }

  /** Serves a request: answers with our state (built before merging theirs), then merges. */
  void onRequest(long nowNanos, Endpoint from, PublicKey fromKey, PushPullRequest req) {
    if (!admit(nowNanos, from, fromKey, req.seq())) {
      return;
    }
    outbox.send(from, fromKey, new PushPullResponse(req.seq(), membership.stateClaims(nowNanos)));
    stats.inc(Counter.PUSH_PULLS_SERVED);
    membership.mergeState(nowNanos, req.state());
  }

  /**
   * Merges a response. Matched by {@code seq} (and by key when both are known): a seed given as
   * {@code localhost:7946} may well answer as {@code 127.0.0.1:7946}.
   */
  void onResponse(long nowNanos, Endpoint from, PublicKey fromKey, PushPullResponse resp) {
    Pending p = pending.get(resp.seq());
    if (p == null || p.digest || (p.key != null && fromKey != null && !p.key.equals(fromKey))) {
      stats.inc(Counter.REPLIES_UNMATCHED);
      return;
    }
    pending.remove(resp.seq());
    stats.inc(Counter.PUSH_PULLS_COMPLETED);
    membership.mergeState(nowNanos, resp.state());
    if (p.join && !joined) {
      joined = true;
      // The seed answered with what it knew when we asked; in a join burst that is incomplete.
      // Exchanges with random members 0.5-1.5 probe intervals later, and again after
      // SETTLE_SPACING_PROBES, settle it.
      settlesLeft = SETTLE_EXCHANGES;
      lastPartner = null;
      nextPushPullAt = Math.min(nextPushPullAt, nowNanos + settleDelayNanos(1));
      log.info(
          "{} joined through {}: {} other members",
          membership.me(),
          from,
          membership.table().liveOthers());
    }
  }

  /** {@code probes} probe intervals, plus or minus half of one at random. */
  private long settleDelayNanos(int probes) {
    long interval = config.probeIntervalNanos();
    return probes * interval - interval / 2 + random.nextLong(interval);
  }

  /** A peer refused our request; returns false if {@code seq} is not one of ours. */
  boolean onNack(long seq) {
    Pending p = pending.remove(seq);
    if (p == null) {
      return false;
    }
    stats.inc(Counter.PUSH_PULLS_FAILED);
    return true;
  }
}
