package io.skein.node.gossip;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.gossip.GossipStats;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import java.util.Locale;

/**
 * The gossip service's Prometheus metrics, in the node's registry:
 *
 * <ul>
 *   <li>{@code skein_gossip_members{state}}: other members by state (alive, suspect, dead, left)
 *   <li>{@code skein_gossip_member_events_total{event}}: every member state change, by {@link
 *       MemberEvent.Type} (joined, updated, suspect, alive, dead, left)
 *   <li>{@code skein_gossip_<name>_total}: each {@link GossipStats.Counter} of the core
 *   <li>{@code skein_gossip_health_score}, {@code skein_gossip_rumors_pending}: the core's gauges
 *   <li>{@code skein_gossip_sends_failed_total}: messages the node could not hand to the transport
 *   <li>{@code skein_gossip_state_truncated_total}: push-pull states cut to fit in one frame
 *   <li>{@code skein_gossip_listener_errors_total}: exceptions thrown by event listeners
 * </ul>
 *
 * <p>The core's counters are plain fields read on the loop thread; {@link #sync} copies their
 * increase into the Prometheus counters after every step of the core, so a scrape from any thread
 * sees them at most one step old. Every label value is created up front, so every series is
 * exported from zero.
 */
public final class GossipMetrics {
  private static final GossipStats.Counter[] COUNTERS = GossipStats.Counter.values();

  private final CounterDataPoint[] coreCounters = new CounterDataPoint[COUNTERS.length];
  private final long[] exported = new long[COUNTERS.length];
  private final CounterDataPoint[] events = new CounterDataPoint[MemberEvent.Type.values().length];
  private final GaugeDataPoint[] members = new GaugeDataPoint[MemberState.values().length];
  private final Gauge healthScore;
  private final Gauge rumorsPending;
  private final Counter sendsFailed;
  private final Counter stateTruncated;
  private final Counter listenerErrors;
  private final Counter pingsUnaddressed;
  private final Counter acksFromStrangers;

  GossipMetrics(PrometheusRegistry registry) {
    for (GossipStats.Counter c : COUNTERS) {
      coreCounters[c.ordinal()] =
          Counter.builder()
              .name("skein_gossip_" + c.metricName() + "_total")
              .help("Gossip core: " + c.help())
              .register(registry);
    }
    Counter eventCounter =
        Counter.builder()
            .name("skein_gossip_member_events_total")
            .help("Member state changes seen by this node, by event")
            .labelNames("event")
            .register(registry);
    for (MemberEvent.Type t : MemberEvent.Type.values()) {
      events[t.ordinal()] = eventCounter.labelValues(label(t));
    }
    Gauge memberGauge =
        Gauge.builder()
            .name("skein_gossip_members")
            .help("Other members known to this node, by state")
            .labelNames("state")
            .register(registry);
    for (MemberState s : MemberState.values()) {
      members[s.ordinal()] = memberGauge.labelValues(s.name().toLowerCase(Locale.ROOT));
    }
    healthScore =
        Gauge.builder()
            .name("skein_gossip_health_score")
            .help("Lifeguard local health score (0 = healthy)")
            .register(registry);
    rumorsPending =
        Gauge.builder()
            .name("skein_gossip_rumors_pending")
            .help("Rumors waiting in the dissemination queue")
            .register(registry);
    sendsFailed =
        Counter.builder()
            .name("skein_gossip_sends_failed_total")
            .help("Gossip messages the transport refused (queue full, peer unreachable)")
            .register(registry);
    stateTruncated =
        Counter.builder()
            .name("skein_gossip_state_truncated_total")
            .help("Push-pull states cut to the claims that fit in one frame")
            .register(registry);
    listenerErrors =
        Counter.builder()
            .name("skein_gossip_listener_errors_total")
            .help("Exceptions thrown by member event listeners")
            .register(registry);
    pingsUnaddressed =
        Counter.builder()
            .name("skein_gossip_pings_unaddressed_total")
            .help("Pings dropped because their frame named no recipient")
            .register(registry);
    acksFromStrangers =
        Counter.builder()
            .name("skein_gossip_acks_from_strangers_total")
            .help("Acks dropped because their signer is no known member")
            .register(registry);
  }

  private static String label(MemberEvent.Type t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /** Copies the core's counters and gauges. Loop thread only. */
  void sync(GossipStats stats) {
    for (GossipStats.Counter c : COUNTERS) {
      long value = stats.get(c);
      long delta = value - exported[c.ordinal()];
      if (delta > 0) {
        coreCounters[c.ordinal()].inc(delta);
        exported[c.ordinal()] = value;
      }
    }
    members[MemberState.ALIVE.ordinal()].set(stats.membersAlive());
    members[MemberState.SUSPECT.ordinal()].set(stats.membersSuspect());
    members[MemberState.DEAD.ordinal()].set(stats.membersDead());
    members[MemberState.LEFT.ordinal()].set(stats.membersLeft());
    healthScore.set(stats.healthScore());
    rumorsPending.set(stats.rumorsPending());
  }

  void event(MemberEvent.Type type) {
    events[type.ordinal()].inc();
  }

  void sendFailed() {
    sendsFailed.inc();
  }

  void stateTruncated() {
    stateTruncated.inc();
  }

  void listenerError() {
    listenerErrors.inc();
  }

  void pingUnaddressed() {
    pingsUnaddressed.inc();
  }

  void ackFromStranger() {
    acksFromStrangers.inc();
  }

  /** Events of {@code type} seen so far. */
  public long events(MemberEvent.Type type) {
    return events[type.ordinal()].getLongValue();
  }

  /** The exported value of a core counter (as of the last step of the core). */
  public long counter(GossipStats.Counter counter) {
    return coreCounters[counter.ordinal()].getLongValue();
  }

  /** Other members in {@code state}, as of the last step of the core. */
  public long members(MemberState state) {
    return (long) members[state.ordinal()].get();
  }

  /** Messages the transport refused so far. */
  public long sendsFailed() {
    return sendsFailed.getLongValue();
  }

  /** Push-pull states truncated so far. */
  public long statesTruncated() {
    return stateTruncated.getLongValue();
  }

  /** Listener exceptions so far. */
  public long listenerErrors() {
    return listenerErrors.getLongValue();
  }

  /** Acks dropped so far because their signer was no known member. */
  public long acksFromStrangers() {
    return acksFromStrangers.getLongValue();
  }

  /** Pings dropped so far because their frame named no recipient. */
  public long pingsUnaddressed() {
    return pingsUnaddressed.getLongValue();
  }
}
