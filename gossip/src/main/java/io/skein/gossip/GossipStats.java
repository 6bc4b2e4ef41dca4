package io.skein.gossip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters and gauges of one {@link Swim} core, for the driver to export (for example as Prometheus
 * counters named {@code skein_gossip_<name>_total}). Every member state change bumps a counter.
 * Read only from the thread that drives the core.
 */
public final class GossipStats {
  /** Monotonic counters. */
  public enum Counter {
    /** Direct pings sent to probe a member (round-robin and accusation probes). */
    PROBES_SENT("probes_sent", "direct pings sent to probe a member"),
    /** Probes started because another member accused the target. */
    ACCUSATION_PROBES("accusation_probes", "probes started to check a received accusation"),
    /** Accusation probes not started because the bounded queue was full. */
    ACCUSATION_PROBES_DROPPED("accusation_probes_dropped", "accusation probes dropped, queue full"),
    /** Probes answered by an ack, directly or through a helper. */
    ACKS_RECEIVED("acks_received", "probes answered by an ack"),
    /** Probes answered only through a ping-req helper. */
    INDIRECT_ACKS_RECEIVED("indirect_acks_received", "probes answered through a helper"),
    /** Probes that got no ack at all. */
    PROBES_FAILED("probes_failed", "probes that got no ack"),
    /** Ping-req messages sent to helpers. */
    INDIRECT_PROBES_SENT("indirect_probes_sent", "ping-req messages sent to helpers"),
    /** Nacks received from helpers. */
    NACKS_RECEIVED("nacks_received", "nacks received from ping-req helpers"),
    /** Acks sent in answer to pings. */
    ACKS_SENT("acks_sent", "acks sent in answer to pings"),
    /** Pings sent on behalf of another member's ping-req. */
    PING_REQS_SERVED("ping_reqs_served", "pings sent for another member's ping-req"),
    /** Acks relayed back to a ping-req's requester. */
    ACKS_RELAYED("acks_relayed", "acks relayed to a ping-req requester"),
    /** Nacks sent (ping-req target silent, or push-pull refused). */
    NACKS_SENT("nacks_sent", "nacks sent"),
    /** Ping-reqs dropped because too many were in flight. */
    PING_REQS_DROPPED("ping_reqs_dropped", "ping-reqs dropped, too many in flight"),
    /** Acks and nacks that matched no request in flight (late, or forged). */
    REPLIES_UNMATCHED("replies_unmatched", "acks or nacks that matched no request"),
    /** Pings addressed to another key (a stale endpoint), left unanswered. */
    PINGS_MISDIRECTED("pings_misdirected", "pings for another key, unanswered"),
    /** Failed probes Lifeguard blamed on this node (no helper answered, or late tick). */
    SUSPICIONS_AVOIDED("suspicions_avoided", "failed probes blamed on this node, no suspicion"),
    /** Ticks handled more than one probe timeout after their deadline. */
    DEADLINES_MISSED("deadlines_missed", "ticks handled a probe timeout late"),
    /** Suspicions started here (ALIVE to SUSPECT). */
    SUSPICIONS_STARTED("suspicions_started", "members moved from alive to suspect"),
    /** Independent confirmations counted on running suspicions. */
    SUSPICION_CONFIRMATIONS("suspicion_confirmations", "independent accusers confirming"),
    /** Suspects that refuted before their timer ran out (SUSPECT to ALIVE). */
    SUSPICIONS_REFUTED("suspicions_refuted", "suspects that refuted in time"),
    /** Accusations against this node that it refuted with a higher incarnation. */
    REFUTATIONS("refutations", "accusations against this node refuted"),
    /** Suspicion timers that ran out (SUSPECT to DEAD). */
    DEATHS_DECLARED("deaths_declared", "suspects declared dead here"),
    /** Suspicion timers that ran out with fewer than k confirmations. */
    DEATHS_UNCONFIRMED("deaths_unconfirmed", "deaths declared with fewer than k confirmations"),
    /** New members, and dead or left members back with a higher incarnation. */
    MEMBERS_JOINED("members_joined", "members joined or rejoined"),
    /** Alive members that moved to another endpoint. */
    MEMBERS_UPDATED("members_updated", "members moved to a new endpoint"),
    /** Members that signed a leave. */
    MEMBERS_LEFT("members_left", "members that left"),
    /** Tombstones removed from the table. */
    MEMBERS_REAPED("members_reaped", "dead or left members forgotten"),
    /** New members not added because the table was full of live members. */
    MEMBERS_REJECTED("members_rejected", "new members refused, table full"),
    /** Claims received in messages. */
    CLAIMS_RECEIVED("claims_received", "claims received"),
    /** Claims whose signature was checked. */
    CLAIMS_VERIFIED("claims_verified", "claim signatures checked"),
    /** Claims dropped because their signature did not verify. */
    CLAIMS_FORGED("claims_forged", "claims with a bad signature"),
    /** Claims that would change nothing (old incarnation, duplicate), not verified. */
    CLAIMS_STALE("claims_stale", "claims that changed nothing"),
    /** Accusations naming an incarnation the accused is not known to have signed. */
    CLAIMS_UNVERIFIABLE("claims_unverifiable", "accusations quoting an unsigned incarnation"),
    /** Claims about members this node does not know, or from push-pull about the long gone. */
    CLAIMS_IGNORED("claims_ignored", "claims about unknown members"),
    /** Rumors queued for dissemination. */
    RUMORS_QUEUED("rumors_queued", "rumors queued"),
    /** Rumors dropped, oldest first, because the queue was full. */
    RUMORS_DROPPED("rumors_dropped", "rumors dropped, queue full"),
    /** Rumors removed because a newer claim about the same member superseded them. */
    RUMORS_INVALIDATED("rumors_invalidated", "rumors superseded before their last send"),
    /** Rumors removed after their last retransmission. */
    RUMORS_RETIRED("rumors_retired", "rumors sent their full retransmit count"),
    /** Claims piggybacked on outgoing messages. */
    CLAIMS_SENT("claims_sent", "claims piggybacked on outgoing messages"),
    /** Gossip messages sent. */
    GOSSIP_SENT("gossip_sent", "gossip messages sent"),
    /** Push-pull requests sent (join included). */
    PUSH_PULLS_SENT("push_pulls_sent", "push-pull requests sent"),
    /** Push-pull responses received and merged. */
    PUSH_PULLS_COMPLETED("push_pulls_completed", "push-pull responses merged"),
    /** Push-pull requests served. */
    PUSH_PULLS_SERVED("push_pulls_served", "push-pull requests served"),
    /** Push-pull requests refused here because of the rate limit. */
    PUSH_PULLS_REFUSED("push_pulls_refused", "push-pull requests refused, too many"),
    /** Push-pull requests that timed out or were refused by the peer. */
    PUSH_PULLS_FAILED("push_pulls_failed", "push-pull requests timed out or refused"),
    /** Periodic exchanges begun with a digest of this node's state instead of the state. */
    PUSH_PULL_DIGESTS_SENT("push_pull_digests_sent", "push-pull digest requests sent"),
    /** Digest requests answered (in sync or not). */
    PUSH_PULL_DIGESTS_SERVED("push_pull_digests_served", "push-pull digest requests served"),
    /** Digest requests the peer answered in sync: the full exchange was skipped. */
    PUSH_PULLS_IN_SYNC("push_pulls_in_sync", "push-pull digests in sync, full exchange skipped"),
    /** Join attempts (each asks up to maxConcurrentPushPulls seeds). */
    JOIN_ATTEMPTS("join_attempts", "join attempts"),
    /** Messages handed to the core. */
    MESSAGES_RECEIVED("messages_received", "messages received"),
    /** Messages handed out for sending. */
    MESSAGES_SENT("messages_sent", "messages handed to the driver"),
    /** Outbound messages dropped because the driver did not drain the outbox. */
    OUTBOX_DROPPED("outbox_dropped", "outbound messages dropped, outbox full"),
    /** Events dropped because the driver did not drain them. */
    EVENTS_DROPPED("events_dropped", "member events dropped, not drained");

    private final String metricName;
    private final String help;

    Counter(String metricName, String help) {
      this.metricName = metricName;
      this.help = help;
    }

    /** Snake-case name for metrics. */
    public String metricName() {
      return metricName;
    }

    /** One-line description for metrics. */
    public String help() {
      return help;
    }
  }

  private final long[] counters = new long[Counter.values().length];
  int membersAlive;
  int membersSuspect;
  int membersDead;
  int membersLeft;
  int healthScore;
  int rumorsPending;

  GossipStats() {}

  void inc(Counter c) {
    counters[c.ordinal()]++;
  }

  void add(Counter c, long n) {
    counters[c.ordinal()] += n;
  }

  /** The counter's value. */
  public long get(Counter c) {
    return counters[c.ordinal()];
  }

  /** Members (self excluded) currently ALIVE. */
  public int membersAlive() {
    return membersAlive;
  }

  /** Members currently SUSPECT. */
  public int membersSuspect() {
    return membersSuspect;
  }

  /** Members currently DEAD (tombstones not yet reaped). */
  public int membersDead() {
    return membersDead;
  }

  /** Members currently LEFT (tombstones not yet reaped). */
  public int membersLeft() {
    return membersLeft;
  }

  /** Lifeguard local health score, 0 (healthy) to awarenessMaxMultiplier - 1. */
  public int healthScore() {
    return healthScore;
  }

  /** Rumors waiting in the dissemination queue. */
  public int rumorsPending() {
    return rumorsPending;
  }

  /** Every counter and gauge by metric name, counters first, in declaration order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Counter c : Counter.values()) {
      out.put(c.metricName, counters[c.ordinal()]);
    }
    out.put("members_alive", (long) membersAlive);
    out.put("members_suspect", (long) membersSuspect);
    out.put("members_dead", (long) membersDead);
    out.put("members_left", (long) membersLeft);
    out.put("health_score", (long) healthScore);
    out.put("rumors_pending", (long) rumorsPending);
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("GossipStats{");
    snapshot()
        .forEach(
            (k, v) -> {
              if (v != 0) {
                sb.append(k).append('=').append(v).append(' ');
              }
            });
    return sb.append('}').toString();
  }
}
