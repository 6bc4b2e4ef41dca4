package io.skein.node.dht;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.dht.Dht;
import io.skein.dht.DhtCounters;
import io.skein.dht.DhtResult;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The DHT's Prometheus metrics, in the node's registry. The core keeps plain counters ({@link
 * DhtCounters}) on the loop thread; {@link #sync} adds what they gained since the last call to
 * these thread-safe counters, after every input the loop feeds the core, so a scrape from any
 * thread sees values at most one input old.
 *
 * <ul>
 *   <li>{@code skein_dht_requests_received_total}, {@code _rate_limited_total}, {@code
 *       skein_dht_requests_sent_total}, {@code skein_dht_request_timeouts_total}, {@code
 *       skein_dht_requests_dropped_pending_full_total}: RPC traffic as the core sees it
 *   <li>{@code skein_dht_replies_received_total}, {@code skein_dht_replies_unmatched_total}
 *   <li>{@code skein_dht_contacts_total{event=added|cached|evicted|removed_dead}}: routing table
 *       changes; {@code skein_dht_pings_sent_total}: verification pings
 *   <li>{@code skein_dht_records_stored_total}, {@code _refreshed_total}, {@code _expired_total},
 *       {@code skein_dht_invalid_records_received_total}, {@code
 *       skein_dht_store_rejects_total{reason}} (by {@link RejectReason}, lowercase)
 *   <li>{@code skein_dht_lookups_started_total}, {@code skein_dht_lookups_completed_total}, {@code
 *       skein_dht_puts_total{level=reached|missed}}, {@code skein_dht_gets_total{level}}, {@code
 *       skein_dht_repairs_sent_total}, {@code skein_dht_replication_stores_sent_total}, {@code
 *       skein_dht_republishes_total}
 *   <li>{@code skein_dht_operation_duration_seconds{op=get|put|find_node}} and {@code
 *       skein_dht_operation_hops{op}}: histograms of the user operations (puts, gets, lookups and
 *       bootstraps asked for through {@link DhtService})
 *   <li>{@code skein_dht_send_failures_total}: requests the node could not put on the wire (the
 *       core then sees a timeout); {@code skein_dht_frames_unmatched_total}: DHT replies for no
 *       request of ours, or signed by another key than the one asked
 *   <li>gauges {@code skein_dht_routing_table_contacts}, {@code skein_dht_records}, {@code
 *       skein_dht_operations_running}
 * </ul>
 */
public final class DhtMetrics {
  private static final double[] DURATION_BUCKETS_SECONDS = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };
  private static final double[] HOP_BUCKETS = {1, 2, 3, 4, 5, 6, 8, 10};

  /** One core counter exported as one Prometheus series. */
  private record Exported(CounterDataPoint point, ToLongFunction<DhtCounters> read) {}

  private final List<Exported> exported = new ArrayList<>();
  private final long[] last;
  private final CounterDataPoint[] storeRejects;
  private final Counter sendFailures;
  private final Counter framesUnmatched;
  private final Histogram durations;
  private final Histogram hops;
  private final Gauge routingTableContacts;
  private final Gauge records;
  private final Gauge operationsRunning;

  /** Registers the DHT metrics in {@code registry}. */
  public DhtMetrics(PrometheusRegistry registry) {
    export(
        registry, "requests_received", "Requests received from peers", c -> c.requestsReceived());
    export(
        registry,
        "requests_rate_limited",
        "Requests dropped because their sender exceeded its rate",
        c -> c.requestsRateLimited());
    export(registry, "requests_sent", "Requests sent to peers", c -> c.requestsSent());
    export(
        registry,
        "request_timeouts",
        "Requests that got no reply in time",
        c -> c.requestTimeouts());
    export(
        registry,
        "requests_dropped_pending_full",
        "Requests not sent because too many were outstanding",
        c -> c.requestsDroppedPendingFull());
    export(
        registry,
        "replies_received",
        "Replies matched to an outstanding request",
        c -> c.repliesReceived());
    export(
        registry,
        "replies_unmatched",
        "Replies the core dropped: unknown rpc, wrong peer or wrong reply type",
        c -> c.repliesUnmatched());
    Counter contacts =
        Counter.builder()
            .name("skein_dht_contacts_total")
            .help("Routing table changes, by event")
            .labelNames("event")
            .register(registry);
    exportPoint(contacts.labelValues("added"), c -> c.contactsAdded());
    exportPoint(contacts.labelValues("cached"), c -> c.contactsCached());
    exportPoint(contacts.labelValues("evicted"), c -> c.contactsEvicted());
    exportPoint(contacts.labelValues("removed_dead"), c -> c.contactsRemovedDead());
    export(registry, "pings_sent", "Verification pings sent", c -> c.pingsSent());
    export(
        registry,
        "records_stored",
        "Records stored (new or replacing) for local puts and peers",
        c -> c.recordsStored());
    export(
        registry,
        "records_refreshed",
        "Stores that only refreshed a record's expiry",
        c -> c.recordsRefreshed());
    export(registry, "records_expired", "Records dropped at expiry", c -> c.recordsExpired());
    export(
        registry,
        "invalid_records_received",
        "Records received in answers that failed validation",
        c -> c.invalidRecordsReceived());
    Counter rejects =
        Counter.builder()
            .name("skein_dht_store_rejects_total")
            .help("Stores this node refused, by reason")
            .labelNames("reason")
            .register(registry);
    RejectReason[] reasons = RejectReason.values();
    storeRejects = new CounterDataPoint[reasons.length];
    for (RejectReason r : reasons) {
      storeRejects[r.ordinal()] = rejects.labelValues(r.name().toLowerCase(Locale.ROOT));
      exportPoint(storeRejects[r.ordinal()], c -> c.storesRejected(r));
    }
    export(registry, "lookups_started", "Lookups started", c -> c.lookupsStarted());
    export(registry, "lookups_completed", "Lookups completed", c -> c.lookupsCompleted());
    Counter puts =
        Counter.builder()
            .name("skein_dht_puts_total")
            .help("Puts (user and republish), by whether they reached their consistency level")
            .labelNames("level")
            .register(registry);
    exportPoint(puts.labelValues("reached"), c -> c.putsLevelReached());
    exportPoint(puts.labelValues("missed"), c -> c.putsLevelMissed());
    Counter gets =
        Counter.builder()
            .name("skein_dht_gets_total")
            .help("Gets, by whether they reached their consistency level")
            .labelNames("level")
            .register(registry);
    exportPoint(gets.labelValues("reached"), c -> c.getsLevelReached());
    exportPoint(gets.labelValues("missed"), c -> c.getsLevelMissed());
    export(registry, "repairs_sent", "STOREs sent to repair stale replicas", c -> c.repairsSent());
    export(
        registry,
        "replication_stores_sent",
        "STOREs sent by re-replication sweeps",
        c -> c.replicationStoresSent());
    export(registry, "republishes", "Republishing puts started", c -> c.republishes());
    last = new long[exported.size()];
    sendFailures =
        Counter.builder()
            .name("skein_dht_send_failures_total")
            .help("DHT requests the node could not put on the wire")
            .register(registry);
    framesUnmatched =
        Counter.builder()
            .name("skein_dht_frames_unmatched_total")
            .help("DHT replies for no request of ours, or signed by another key than asked")
            .register(registry);
    durations =
        Histogram.builder()
            .name("skein_dht_operation_duration_seconds")
            .help("Duration of user operations, by operation")
            .labelNames("op")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS_SECONDS)
            .register(registry);
    hops =
        Histogram.builder()
            .name("skein_dht_operation_hops")
            .help("Lookup depth of user operations, by operation")
            .labelNames("op")
            .classicOnly()
            .classicUpperBounds(HOP_BUCKETS)
            .register(registry);
    routingTableContacts =
        Gauge.builder()
            .name("skein_dht_routing_table_contacts")
            .help("Contacts in the routing table")
            .register(registry);
    records = Gauge.builder().name("skein_dht_records").help("Records held").register(registry);
    operationsRunning =
        Gauge.builder()
            .name("skein_dht_operations_running")
            .help("Lookups, puts and gets running")
            .register(registry);
  }

  private void export(
      PrometheusRegistry registry, String name, String help, ToLongFunction<DhtCounters> read) {
    Counter counter =
        Counter.builder().name("skein_dht_" + name + "_total").help(help).register(registry);
    exportPoint(counter, read);
  }

  private void exportPoint(CounterDataPoint point, ToLongFunction<DhtCounters> read) {
    exported.add(new Exported(point, read));
  }

  /** Adds what the core's counters gained since the last call; updates the gauges. Loop only. */
  void sync(Dht dht, int storedRecords) {
    DhtCounters counters = dht.counters();
    for (int i = 0; i < last.length; i++) {
      Exported e = exported.get(i);
      long now = e.read.applyAsLong(counters);
      if (now != last[i]) {
        e.point.inc(now - last[i]);
        last[i] = now;
      }
    }
    routingTableContacts.set(dht.routingTable().size());
    records.set(storedRecords);
    operationsRunning.set(dht.runningOperations());
  }

  /** Records a user operation's duration and hops. */
  void onResult(DhtResult result) {
    String op =
        result instanceof GetResult ? "get" : result instanceof PutResult ? "put" : "find_node";
    DistributionDataPoint duration = durations.labelValues(op);
    duration.observe(result.stats().durationNanos() / 1e9);
    if (!(result instanceof FindNodeResult) || result.stats().hops() > 0) {
      hops.labelValues(op).observe(result.stats().hops());
    }
  }

  void sendFailed() {
    sendFailures.inc();
  }

  void frameUnmatched() {
    framesUnmatched.inc();
  }

  /** Stores this node refused for {@code reason} so far. */
  public long storeRejects(RejectReason reason) {
    return storeRejects[reason.ordinal()].getLongValue();
  }

  /** DHT requests that could not be put on the wire so far. */
  public long sendFailures() {
    return sendFailures.getLongValue();
  }

  /** DHT replies dropped for matching no request of ours (or the wrong key) so far. */
  public long framesUnmatched() {
    return framesUnmatched.getLongValue();
  }
}
