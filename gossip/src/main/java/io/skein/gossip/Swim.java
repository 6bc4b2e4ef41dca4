package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The SWIM + Lifeguard membership core of one node, as a sans-I/O state machine: it never reads a
 * clock, never does I/O, never starts a thread, and draws randomness only from the injected
 * generator. The driver (the node's event loop, or a simulator) feeds it messages and ticks with
 * the current time, sends what {@link #drainOutbox()} returns, wakes it at {@link
 * #nextDeadlineNanos()}, and reads {@link #drainEvents()}.
 *
 * <p>Not thread-safe: one thread drives it.
 *
 * <p>Protocol (memberlist's, with Lifeguard): round-robin probes with indirect ping-req through
 * helpers; suspicion timers that start long and shrink with each independent accuser; local health
 * awareness; rumors piggybacked on every message and gossiped to a few members each gossip
 * interval, each sent {@code retransmitMult * ceil(log10(N + 1))} times; periodic push-pull of the
 * full state; join through seeds; graceful leave. Every membership claim is signed and verified
 * (see {@link Membership}). Defaults and their formulas: {@link GossipConfig}.
 */
public final class Swim {
  private final GossipConfig config;
  private final GossipStats stats = new GossipStats();
  private final Awareness awareness;
  private final RumorQueue rumors;
  private final Membership membership;
  private final Outbox outbox;
  private final Prober prober;
  private final PushPull pushPull;
  private long nextGossipAt;
  private Claim leaveClaim;

  /**
   * A core for the identity behind {@code signer}, reachable at {@code endpoint}, at incarnation 0.
   * A restarted node that finds a higher incarnation of itself in the cluster refutes it.
   *
   * @param config tuning
   * @param signer this node's identity; signs its alive, leave and accusation claims
   * @param verifier checks every received claim before it has any effect
   * @param endpoint where other members reach this node (advertised)
   * @param random the only source of randomness (seed it for reproducible runs)
   * @param nowNanos the driver's current time
   */
  public Swim(
      GossipConfig config,
      Signer signer,
      Verifier verifier,
      Endpoint endpoint,
      RandomGenerator random,
      long nowNanos) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(random, "random");
    this.awareness = new Awareness(config.awarenessMaxMultiplier, stats);
    this.rumors = new RumorQueue(config.maxRumors, stats);
    MemberTable table = new MemberTable(config, random, stats);
    this.membership =
        new Membership(
            config, signer, verifier, endpoint, table, rumors, awareness, stats, nowNanos);
    // Sequence numbers start at a random point below 2^20, so that they fit a 3-byte varint (below
    // 2^21) on the wire for at least a million requests (11 days at one probe a second) and 4
    // bytes up to 2^28; a ping and its ack both carry one, two frames a second per member. Replies
    // are
    // matched by seq and the signing key, so seqs need not be unpredictable, only distinct from
    // this node's recent requests.
    this.outbox =
        new Outbox(config, rumors, membership::liveCount, stats, endpoint, random.nextInt(1 << 20));
    // Random phases, as memberlist staggers its tickers, so that nodes do not act in lockstep.
    this.prober =
        new Prober(
            config,
            membership,
            awareness,
            outbox,
            stats,
            nowNanos + stagger(random, config.probeIntervalNanos()));
    this.pushPull =
        new PushPull(
            config,
            membership,
            outbox,
            random,
            stats,
            nowNanos + stagger(random, config.pushPullIntervalMillis * 1_000_000L));
    this.nextGossipAt = nowNanos + stagger(random, config.gossipIntervalNanos());
    membership.setAccusationListener(prober::requestAccusationProbe);
    membership.setRefutationListener(this::tellAccuser);
  }

  /**
   * Sends a fresh refutation straight to the member whose accusation it answers: the accuser
   * started its suspicion timer first, so gossip would reach it last relative to its deadline.
   */
  private void tellAccuser(MemberRecord accuser, Claim refutation) {
    outbox.send(accuser.endpoint(), accuser.key, new Gossip(outbox.claims(List.of(refutation))));
    stats.inc(Counter.GOSSIP_SENT);
  }

  private static long stagger(RandomGenerator random, long intervalNanos) {
    return random.nextLong(intervalNanos);
  }

  /**
   * Joins the cluster through {@code seeds} (endpoints; their keys need not be known): sends each a
   * push-pull request with this node's state; their answers bring the membership. Until some other
   * member is known alive, the seeds are asked again every {@code joinRetryInterval}. Calling it
   * again adds seeds.
   */
  public void join(long nowNanos, Collection<Endpoint> seeds) {
    pushPull.join(nowNanos, seeds);
  }

  /**
   * Handles a message from {@code from}. Equivalent to {@link #onMessage(long, Endpoint, PublicKey,
   * GossipMessage)} without an authenticated sender key: replies are then matched by endpoint.
   */
  public void onMessage(long nowNanos, Endpoint from, GossipMessage message) {
    onMessage(nowNanos, from, null, message);
  }

  /**
   * Handles a message from {@code from} (the sender's advertised endpoint, where replies go), whose
   * transport frame was signed by {@code fromKey} (or {@code null} if the driver does not know it;
   * replies are then matched by endpoint). Piggybacked claims are applied first, each verified,
   * then the message itself. Never throws for a well-formed message record.
   */
  public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, GossipMessage message) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(message, "message");
    stats.inc(Counter.MESSAGES_RECEIVED);
    if (message instanceof PushPullRequest req) {
      if (!membership.leaving()) {
        pushPull.onRequest(nowNanos, from, fromKey, req);
      }
      return;
    }
    if (message instanceof PushPullResponse resp) {
      pushPull.onResponse(nowNanos, from, fromKey, resp);
      return;
    }
    if (message instanceof PushPullDigest digest) {
      if (!membership.leaving()) {
        pushPull.onDigest(nowNanos, from, fromKey, digest);
      }
      return;
    }
    if (message instanceof PushPullDigestReply reply) {
      if (!pushPull.onDigestReply(nowNanos, fromKey, reply)) {
        stats.inc(Counter.REPLIES_UNMATCHED);
      }
      return;
    }
    membership.applyClaims(nowNanos, message.claims());
    if (message instanceof Ping ping) {
      prober.onPing(from, fromKey, ping);
    } else if (message instanceof Ack ack) {
      prober.onAck(from, fromKey, ack);
    } else if (message instanceof Nack nack) {
      if (!prober.onNack(from, fromKey, nack.seq()) && !pushPull.onNack(nack.seq())) {
        stats.inc(Counter.REPLIES_UNMATCHED);
      }
    } else if (message instanceof PingReq req) {
      if (!membership.leaving()) {
        prober.onPingReq(nowNanos, from, fromKey, req);
      }
    }
    // Gossip: its claims were all it carried.
  }

  /**
   * Does whatever is due at {@code nowNanos}: probe timeouts and new probes, suspicion timeouts,
   * gossip, push-pull. Calling it early or often is harmless.
   */
  public void onTick(long nowNanos) {
    // The gossip deadline is left out: it may lie in the past while no rumor was pending.
    long due = Math.min(prober.nextDeadline(), pushPull.nextDeadline());
    due = Math.min(due, membership.nextSuspicionDeadline());
    boolean late = nowNanos - due > config.probeTimeoutNanos();
    if (late) {
      // Lifeguard: missing our own deadlines means this node is slow; probe and judge slower.
      stats.inc(Counter.DEADLINES_MISSED);
      awareness.applyDelta(1);
    }
    prober.tick(nowNanos, late);
    membership.tickSuspicions(nowNanos);
    if (nowNanos >= nextGossipAt) {
      gossip(nowNanos);
      nextGossipAt = nowNanos + config.gossipIntervalNanos();
    }
    pushPull.tick(nowNanos);
  }

  private void gossip(long nowNanos) {
    if (rumors.isEmpty()) {
      return;
    }
    long gossipToTheDead = config.gossipToTheDeadMillis * 1_000_000L;
    List<MemberRecord> targets =
        membership
            .table()
            .random(
                config.gossipNodes,
                r ->
                    r.isLive()
                        || (r.state == MemberState.DEAD
                            && nowNanos - r.stateChangeNanos <= gossipToTheDead));
    for (MemberRecord target : targets) {
      List<Claim> claims = outbox.claims();
      if (claims.isEmpty()) {
        return;
      }
      outbox.send(target.endpoint(), target.key, new Gossip(claims));
      stats.inc(Counter.GOSSIP_SENT);
    }
  }

  /**
   * When {@link #onTick(long)} next has something to do; {@link Long#MAX_VALUE} if nothing is
   * scheduled.
   */
  public long nextDeadlineNanos() {
    long next = Math.min(prober.nextDeadline(), pushPull.nextDeadline());
    next = Math.min(next, membership.nextSuspicionDeadline());
    if (!rumors.isEmpty()) {
      next = Math.min(next, nextGossipAt);
    }
    return next;
  }

  /** Messages to send, oldest first; the outbox is empty afterwards. */
  public List<Outbound> drainOutbox() {
    return outbox.drain();
  }

  /** Membership changes since the last call, oldest first. */
  public List<MemberEvent> drainEvents() {
    return membership.drainEvents();
  }

  /**
   * Leaves gracefully: signs a leave claim, gossips it from the next tick on, stops probing and no
   * longer refutes accusations. Keep driving the core until {@link #leaveComplete()} (or a timeout)
   * so the leave spreads; members then see this node LEFT, not DEAD.
   */
  public void leave(long nowNanos) {
    if (membership.leaving()) {
      return;
    }
    leaveClaim = membership.leave(nowNanos);
    nextGossipAt = nowNanos;
  }

  /** Whether the leave claim has been sent its full retransmit count (or nobody is left). */
  public boolean leaveComplete() {
    return leaveClaim != null
        && (!rumors.contains(leaveClaim) || membership.table().liveOthers() == 0);
  }

  /** Whether a join answered, or this node otherwise knows another live member. */
  public boolean joined() {
    return pushPull.joined() || membership.table().liveOthers() > 0;
  }

  /** Every member known, this node first, then in the order they were learned. */
  public List<Member> members() {
    return membership.snapshot();
  }

  /** The member with this key, if known (this node included). */
  public Optional<Member> member(PublicKey key) {
    if (key.equals(membership.self().key)) {
      return Optional.of(membership.self().snapshot());
    }
    MemberRecord rec = membership.table().get(key);
    return rec == null ? Optional.empty() : Optional.of(rec.snapshot());
  }

  /** This node as a member. */
  public Member self() {
    return membership.self().snapshot();
  }

  /** Alive and suspect members, this node included unless it left: N in the formulas. */
  public int liveMembers() {
    return membership.liveCount();
  }

  /** Counters and gauges for export. */
  public GossipStats stats() {
    return stats;
  }

  /** The configuration in use. */
  public GossipConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "Swim(" + membership.me() + ", " + membership.liveCount() + " live)";
  }
}
