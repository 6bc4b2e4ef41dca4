package io.skein.gossip;

/**
 * Tuning of the SWIM + Lifeguard core, after HashiCorp memberlist's {@code Config}. Start from a
 * preset ({@link #lan()}, {@link #wan()}, {@link #local()}) and adjust with {@link #toBuilder()}.
 *
 * <p>Each field's comment gives its {@code lan()} default, the memberlist default it mirrors or
 * departs from, and the formula it enters. {@code N} is the number of members that are alive or
 * suspect, this node included.
 *
 * <h2>Why Skein detects a failure in a little over half memberlist's time at the same traffic</h2>
 *
 * <p>With memberlist's LAN defaults at N = 50 a dead member is suspected after one probe round
 * (about 1-2 s), then every node waits its own suspicion timeout, at least {@code SuspicionMult *
 * log10(N) * ProbeInterval} = 4 * 1.7 * 1 s = 6.8 s, and only after k = SuspicionMult - 2 = 2
 * independent accusers confirmed; confirmations arrive only as other members reach the dead one in
 * their own round-robin, about one per second. Serf measured here: 10-11 s until all agreed.
 *
 * <p>The timeout guards one thing: that an accused member which is in fact alive has time to hear
 * the accusation and spread a refutation. Both trips are dissemination, whose pace is the gossip
 * interval, not the probe interval. Skein therefore counts the minimum in gossip intervals, {@code
 * suspicionMult * max(1, log10(N)) * gossipInterval} (8 * 1.7 * 200 ms = 2.7 s at N = 50), and
 * makes the confirmations arrive fast without spending steady-state traffic: a node that receives
 * an accusation probes the accused at once (with the accusation piggybacked, so an alive accused
 * refutes in the ack: Lifeguard's buddy system) instead of waiting for its round-robin. If the
 * accused is dead, k accusers confirm within about one probe (1 s) of the rumor; if it is alive,
 * those probes succeed, nobody confirms, and the timer stays near its maximum, {@code
 * suspicionMaxTimeoutMult} times the minimum (16 s at N = 50), far more than a refutation needs.
 * The only extra traffic is one probe per node per accusation; probe, gossip and push-pull
 * intervals are memberlist's.
 *
 * <h2>Stalls: how long a member may freeze and still refute</h2>
 *
 * <p>A member that stalls (GC pause, SIGSTOP, starved CPU) looks exactly like a dead one until it
 * wakes, so whatever declares a crash dead after D seconds also declares dead a member stalled for
 * longer than D: detection speed and stall tolerance are one number. The earliest accusation comes
 * {@code 2 * probeTimeout} after the stall began (a ping sent just as it froze), confirmations
 * bring the accuser's timer to the minimum within about a second, so the first death would be
 * declared at
 *
 * <pre>stallTolerance(N) = 2 * probeTimeout + suspicionMult * max(1, log10 N) * gossipInterval
 * </pre>
 *
 * after the stall began: 1 s + 2.7 s = 3.7 s at N = 50, 1 s + 4.8 s = 5.8 s at N = 1000 on {@code
 * lan()}. The woken member must refute within that: the probes queued while it was frozen carry the
 * accusation, so it refutes while answering them, each ack carries its new alive claim first, and
 * the accuser, whose timer runs out first, gets the refutation in a direct message rather than by
 * gossip. Measured in the simulator (bench/results/gossip-sim.md): 1,000 nodes, 10% of them
 * stalling 1-5 s again and again for an hour, no false death. The log10(N) scale is what lets both
 * goals hold: where dissemination is fast (N = 50, 3.7 s) a killed member is dead everywhere in
 * about 4.5 s; where a stall somewhere is routine (N = 1000) the 5-s stall is tolerated. memberlist
 * would tolerate about 8 s at N = 50, at the price of about 10 s to detect a crash. Lifeguard still
 * protects against the prober being the slow one: a node that wakes from a stall blames its own
 * failed probes on itself.
 */
public final class GossipConfig {
  /**
   * Interval between two probes of round-robin members. lan 1000 ms, wan 5000 ms, local 1000 ms
   * (memberlist: ProbeInterval, same values). Scaled by the awareness multiplier: next probe after
   * {@code probeInterval * (healthScore + 1)}.
   */
  final long probeIntervalMillis;

  /**
   * How long to wait for the direct ack before asking {@link #indirectChecks} helpers, and again
   * for their acks before giving up. lan 500 ms, wan 3000 ms, local 200 ms (memberlist:
   * ProbeTimeout; set it to the 99th percentile round trip). Both waits are scaled by {@code
   * healthScore + 1} (Lifeguard LHA-probe; memberlist scales only the overall probe wait), so a
   * probe fails after {@code 2 * probeTimeout * (healthScore + 1)}. A helper nacks after {@code 0.8
   * * probeTimeout}, so its nack arrives before the prober gives up.
   */
  final long probeTimeoutMillis;

  /** Helpers asked to ping-req a member that missed its direct ack. lan 3, wan 3, local 1. */
  final int indirectChecks;

  /**
   * Lifeguard local health: the health score ranges over {@code 0 .. awarenessMaxMultiplier - 1}
   * and multiplies probe interval and timeouts by {@code score + 1}. 8 (memberlist:
   * AwarenessMaxMultiplier; probes back off to 8 s on lan). The score rises by one per missing
   * helper nack on a failed probe (one if no helper was asked), per refutation of an accusation
   * against this node, and per tick handled later than one probe timeout after its deadline; it
   * falls by one per successful probe.
   */
  final int awarenessMaxMultiplier;

  /**
   * Interval between gossip rounds, each sending pending rumors to {@link #gossipNodes} random
   * members. lan 200 ms, wan 500 ms, local 100 ms (memberlist: GossipInterval). Nothing is sent
   * when no rumor is pending, and a node that has not gossiped for a whole interval gossips a new
   * rumor at once (memberlist waits for its next tick): never more than one round per interval.
   * Also the unit of the suspicion timeout. 100 ms on lan (with suspicionMult 16, the same
   * timeouts) let 50 simulated nodes joining at once all see all a median 0.25 s after the last
   * start instead of 0.48 s ({@code bench/results/gossip-join-sim.md}), but the 1,000-node soak at
   * 5% loss (same seed as {@code bench/results/gossip-sim.md}) then ended with one false death
   * instead of none, so lan keeps memberlist's 200 ms.
   */
  final long gossipIntervalMillis;

  /**
   * Members each gossip round sends to. lan 4, wan 4, local 4 (memberlist: GossipNodes, 3 on LAN
   * and local, 4 on WAN). The retransmit limit caps a rumor's sends whatever the fanout, so a
   * fourth target spends the same traffic in fewer rounds: 50 simulated nodes joining at once all
   * saw all a median 0.54 s after the last start with 3, 0.48 s with 4 ({@code bench/gossip-join},
   * {@code bench/results/gossip-join-sim.md}).
   */
  final int gossipNodes;

  /**
   * Most claims piggybacked on one message. 32 on every preset: about 5 KB with typical claims.
   * memberlist packs as many as fit one 1400-byte UDP packet; Skein's frames travel over TCP, so
   * the bound is what a join burst needs: 50 nodes joining at once make 50 alive rumors of 8 sends
   * each, which 8 claims a message drain in about 14 gossip rounds. 50 simulated nodes joining at
   * once all saw all a median 1.35 s after the last start with 8 claims and a fanout of 3, 0.54 s
   * with 32 claims ({@code bench/results/gossip-join-sim.md}); 64 gains little more. In steady
   * state no rumor is pending and nothing changes. Hard limit {@code
   * WireLimits.MAX_PIGGYBACK_CLAIMS}.
   */
  final int maxClaimsPerMessage;

  /**
   * Retransmissions of each rumor: {@code retransmitMult * ceil(log10(N + 1))}, least-sent rumors
   * first. lan 4 (8 sends at N = 50), wan 4, local 2 (memberlist: RetransmitMult).
   */
  final int retransmitMult;

  /**
   * Minimum suspicion timeout, reached once {@link #suspicionConfirmations} independent accusers
   * agree: {@code suspicionMult * max(1, log10(N)) * gossipInterval}. lan 8 (2.7 s at N = 50, 4.8 s
   * at N = 1000), wan 12 (10.2 s at N = 50), local 8 (1.36 s). memberlist multiplies by the probe
   * interval instead (LAN: 4 * 1.7 * 1 s = 6.8 s); see the class comment for why the gossip
   * interval is the right unit here. lan's 8 is the smallest value whose stall tolerance, {@code 2
   * * probeTimeout + minimum}, clears a 5 s stall at N = 1000 with room for the refutation's trip
   * (1 s + 4.8 s = 5.8 s; 7 would leave 0.2 s); it was 5 (4 s: in the 1-hour soak with 10% of 1,000
   * nodes stalling 1-5 s, 1,621 false deaths; traced over 300 s, each came 4.0-5.3 s into a stall,
   * one minimum timeout after the first accusation).
   */
  final int suspicionMult;

  /**
   * Maximum suspicion timeout, the starting value with a single accuser: {@code
   * suspicionMaxTimeoutMult * minimum}. 6 on every preset (memberlist: SuspicionMaxTimeoutMult;
   * lan: 16.3 s at N = 50).
   */
  final int suspicionMaxTimeoutMult;

  /**
   * Independent confirmations (accusers besides the first) that drive the suspicion timer from its
   * maximum to its minimum, as {@code max - (max - min) * log(n + 1) / log(k + 1)} after n
   * confirmations (memberlist suspicion.go; Lifeguard). k = {@code min(suspicionConfirmations, N -
   * 2)}: there are only N - 2 possible confirmers. lan 2, local 2 (memberlist: SuspicionMult - 2 =
   * 2), wan 3 (Lifeguard paper's K).
   */
  final int suspicionConfirmations;

  /**
   * Probes started at once to check accusations received from others (0 disables them). 3 on every
   * preset. Not in memberlist: see the class comment. One that waits for a slot is made even if the
   * suspicion got its confirmations meanwhile: its ack brings the refutation of an alive accused.
   */
  final int maxAccusationProbes;

  /**
   * Interval between full state exchanges with one random member. lan 30 s, wan 60 s, local 15 s
   * (memberlist: PushPullInterval), scaled like memberlist above 32 members: {@code interval *
   * (ceil(log2(N) - log2(32)) + 1)}, 60 s at N = 50 on lan.
   */
  final long pushPullIntervalMillis;

  /**
   * How long a push-pull (or join) request waits for its response. lan 10 s, wan 30 s, local 1 s
   * (memberlist: TCPTimeout).
   */
  final long pushPullTimeoutMillis;

  /** Push-pull and join requests this node has in flight at once. 4 on every preset. */
  final int maxConcurrentPushPulls;

  /**
   * Push-pull requests this node serves per second; beyond that it answers {@code Nack} and the
   * requester retries later. 128 on every preset (memberlist: maxPushPullRequests, 128 concurrent
   * streams).
   */
  final int maxPushPullResponsesPerSecond;

  /**
   * While this node knows no other live member, it asks its seeds again after this long. lan 2 s,
   * wan 10 s, local 1 s. Not in memberlist (Serf: retry-join).
   */
  final long joinRetryIntervalMillis;

  /**
   * How long a dead member is still gossiped to (so it can refute) and still sent in push-pull
   * state. lan 30 s, wan 60 s, local 15 s (memberlist: GossipToTheDeadTime).
   */
  final long gossipToTheDeadMillis;

  /**
   * How long a dead or left member stays in the table as a tombstone, so that a stale alive claim
   * (an incarnation not above the tombstone's) cannot resurrect it. 5 min on every preset;
   * memberlist forgets dead nodes after GossipToTheDeadTime.
   */
  final long deadRetentionMillis;

  /**
   * Most members in the table, this node and tombstones included; when full, the oldest tombstone
   * makes room, and an alive claim for a new member is dropped if there is none. 4096.
   */
  final int maxMembers;

  /**
   * Capacity of the rumor queue; when full, the oldest rumor is dropped and counted. 2048.
   * memberlist's queue is unbounded.
   */
  final int maxRumors;

  GossipConfig(GossipConfigBuilder b) {
    probeIntervalMillis = b.probeIntervalMillis;
    probeTimeoutMillis = b.probeTimeoutMillis;
    indirectChecks = b.indirectChecks;
    awarenessMaxMultiplier = b.awarenessMaxMultiplier;
    gossipIntervalMillis = b.gossipIntervalMillis;
    gossipNodes = b.gossipNodes;
    maxClaimsPerMessage = b.maxClaimsPerMessage;
    retransmitMult = b.retransmitMult;
    suspicionMult = b.suspicionMult;
    suspicionMaxTimeoutMult = b.suspicionMaxTimeoutMult;
    suspicionConfirmations = b.suspicionConfirmations;
    maxAccusationProbes = b.maxAccusationProbes;
    pushPullIntervalMillis = b.pushPullIntervalMillis;
    pushPullTimeoutMillis = b.pushPullTimeoutMillis;
    maxConcurrentPushPulls = b.maxConcurrentPushPulls;
    maxPushPullResponsesPerSecond = b.maxPushPullResponsesPerSecond;
    joinRetryIntervalMillis = b.joinRetryIntervalMillis;
    gossipToTheDeadMillis = b.gossipToTheDeadMillis;
    deadRetentionMillis = b.deadRetentionMillis;
    maxMembers = b.maxMembers;
    maxRumors = b.maxRumors;
  }

  /**
   * A LAN: round trips well under 500 ms, little loss. Targets a killed member declared dead by
   * every member of 50 within 5 s at p50.
   */
  public static GossipConfig lan() {
    return new GossipConfigBuilder().build();
  }

  /** A WAN: round trips up to seconds, more loss. memberlist's DefaultWANConfig intervals. */
  public static GossipConfig wan() {
    return new GossipConfigBuilder()
        .probeIntervalMillis(5000)
        .probeTimeoutMillis(3000)
        .gossipIntervalMillis(500)
        .gossipNodes(4)
        .suspicionMult(12)
        .suspicionConfirmations(3)
        .pushPullIntervalMillis(60_000)
        .pushPullTimeoutMillis(30_000)
        .joinRetryIntervalMillis(10_000)
        .gossipToTheDeadMillis(60_000)
        .build();
  }

  /** Loopback, one machine: memberlist's DefaultLocalConfig intervals. */
  public static GossipConfig local() {
    return new GossipConfigBuilder()
        .probeTimeoutMillis(200)
        .indirectChecks(1)
        .gossipIntervalMillis(100)
        .retransmitMult(2)
        .suspicionMult(8)
        .pushPullIntervalMillis(15_000)
        .pushPullTimeoutMillis(1000)
        .joinRetryIntervalMillis(1000)
        .gossipToTheDeadMillis(15_000)
        .build();
  }

  /** A builder holding this configuration's values. */
  public GossipConfigBuilder toBuilder() {
    return new GossipConfigBuilder(this);
  }

  /** A builder starting from {@link #lan()}'s values. */
  public static GossipConfigBuilder builder() {
    return new GossipConfigBuilder();
  }

  /** Minimum suspicion timeout for {@code n} members: {@code suspicionMult*max(1,log10(n))*gi}. */
  public long suspicionMinTimeoutNanos(int n) {
    double nodeScale = Math.max(1.0, Math.log10(Math.max(1, n)));
    return (long) (suspicionMult * nodeScale * gossipIntervalMillis * 1_000_000.0);
  }

  /** Maximum suspicion timeout for {@code n} members: {@code suspicionMaxTimeoutMult * min}. */
  public long suspicionMaxTimeoutNanos(int n) {
    return suspicionMaxTimeoutMult * suspicionMinTimeoutNanos(n);
  }

  /** Confirmations that bring the timer to its minimum: {@code min(k, n - 2)}, at least 0. */
  public int suspicionConfirmationsNeeded(int n) {
    return Math.max(0, Math.min(suspicionConfirmations, n - 2));
  }

  /** Sends of each rumor with {@code n} members: {@code retransmitMult * ceil(log10(n + 1))}. */
  public int retransmitLimit(int n) {
    int scale = (int) Math.ceil(Math.log10(Math.max(1, n) + 1.0));
    return retransmitMult * Math.max(1, scale);
  }

  /** Push-pull interval with {@code n} members (memberlist's pushPullScale, threshold 32). */
  public long pushPullIntervalNanos(int n) {
    long base = pushPullIntervalMillis * 1_000_000L;
    if (n <= PUSH_PULL_SCALE_THRESHOLD) {
      return base;
    }
    double mult =
        Math.ceil(Math.log(n) / Math.log(2) - Math.log(PUSH_PULL_SCALE_THRESHOLD) / Math.log(2))
            + 1.0;
    return (long) (mult * base);
  }

  /** Members above which the push-pull interval grows with log2(N) (memberlist: 32). */
  static final int PUSH_PULL_SCALE_THRESHOLD = 32;

  /** Largest accepted {@link GossipConfigBuilder#maxMembers(int)}. */
  public static final int MAX_MEMBERS_LIMIT = 16_384;

  long probeIntervalNanos() {
    return probeIntervalMillis * 1_000_000L;
  }

  long probeTimeoutNanos() {
    return probeTimeoutMillis * 1_000_000L;
  }

  long gossipIntervalNanos() {
    return gossipIntervalMillis * 1_000_000L;
  }

  /** See {@link #probeIntervalMillis}. */
  public long probeIntervalMillis() {
    return probeIntervalMillis;
  }

  /** See {@link #probeTimeoutMillis}. */
  public long probeTimeoutMillis() {
    return probeTimeoutMillis;
  }

  /** See {@link #indirectChecks}. */
  public int indirectChecks() {
    return indirectChecks;
  }

  /** See {@link #awarenessMaxMultiplier}. */
  public int awarenessMaxMultiplier() {
    return awarenessMaxMultiplier;
  }

  /** See {@link #gossipIntervalMillis}. */
  public long gossipIntervalMillis() {
    return gossipIntervalMillis;
  }

  /** See {@link #gossipNodes}. */
  public int gossipNodes() {
    return gossipNodes;
  }

  /** See {@link #maxClaimsPerMessage}. */
  public int maxClaimsPerMessage() {
    return maxClaimsPerMessage;
  }

  /** See {@link #retransmitMult}. */
  public int retransmitMult() {
    return retransmitMult;
  }

  /** See {@link #suspicionMult}. */
  public int suspicionMult() {
    return suspicionMult;
  }

  /** See {@link #suspicionMaxTimeoutMult}. */
  public int suspicionMaxTimeoutMult() {
    return suspicionMaxTimeoutMult;
  }

  /** See {@link #suspicionConfirmations}. */
  public int suspicionConfirmations() {
    return suspicionConfirmations;
  }

  /** See {@link #maxAccusationProbes}. */
  public int maxAccusationProbes() {
    return maxAccusationProbes;
  }

  /** See {@link #pushPullIntervalMillis}. */
  public long pushPullIntervalMillis() {
    return pushPullIntervalMillis;
  }

  /** See {@link #pushPullTimeoutMillis}. */
  public long pushPullTimeoutMillis() {
    return pushPullTimeoutMillis;
  }

  /** See {@link #maxConcurrentPushPulls}. */
  public int maxConcurrentPushPulls() {
    return maxConcurrentPushPulls;
  }

  /** See {@link #maxPushPullResponsesPerSecond}. */
  public int maxPushPullResponsesPerSecond() {
    return maxPushPullResponsesPerSecond;
  }

  /** See {@link #joinRetryIntervalMillis}. */
  public long joinRetryIntervalMillis() {
    return joinRetryIntervalMillis;
  }

  /** See {@link #gossipToTheDeadMillis}. */
  public long gossipToTheDeadMillis() {
    return gossipToTheDeadMillis;
  }

  /** See {@link #deadRetentionMillis}. */
  public long deadRetentionMillis() {
    return deadRetentionMillis;
  }

  /** See {@link #maxMembers}. */
  public int maxMembers() {
    return maxMembers;
  }

  /** See {@link #maxRumors}. */
  public int maxRumors() {
    return maxRumors;
  }
}
