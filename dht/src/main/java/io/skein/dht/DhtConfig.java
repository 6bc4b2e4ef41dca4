package io.skein.dht;

import java.util.Objects;

/**
 * Settings of the DHT core, memberlist style: presets {@link #lan()} (the default), {@link #wan()}
 * and {@link #local()}, adjusted with {@link #toBuilder()}. Each field states its {@code lan()}
 * default and the reasoning or formula behind it; hard ceilings live in {@link DhtLimits}.
 *
 * @param k bucket size and lookup width: 20 (Kademlia, rust-libp2p, go-libp2p-kad-dht); at most
 *     {@link DhtLimits#MAX_K}
 * @param alpha requests in flight per lookup path: 3 (Kademlia, libp2p)
 * @param disjointPaths S/Kademlia's d: 1 on {@code lan()} and {@code local()} (peers are vouched
 *     for by gossip), 3 on {@code wan()} (= alpha: d paths cost d times the lookup traffic and
 *     survive a fraction of adversarial nodes on every path but one)
 * @param replicationFactor r, replicas per record: 8; never above k because a lookup returns k
 * @param putLookupStopsAtReplicas whether a put's lookup ends once the r closest known nodes
 *     answered (true on {@code lan()} and {@code local()}: only the replica set is needed, and with
 *     peers vouched for by gossip this spares the k - r farther requests, 8 instead of about 22 per
 *     put in 50 nodes) or, like any lookup, once the k closest did (false on {@code wan()}: a
 *     k-wide final round hears more nodes about the key's neighbourhood, so colluders that answer
 *     only with each other hide fewer honest replicas; bench/results/dht-sim.md has both)
 * @param defaultConsistency level of puts and gets that do not name one: {@link Consistency#QUORUM}
 * @param requestTimeoutNanos how long a request waits for its reply: 1 s on {@code lan()} (about
 *     5,000 loopback round trips of 200 us, leaving room for a busy peer's signature work), 5 s on
 *     {@code wan()} (several intercontinental round trips; libp2p waits 10 s), 250 ms on {@code
 *     local()}
 * @param replacementCacheSize contacts waiting per full bucket: k (one full bucket of spares)
 * @param maxFailedRequests failed requests in a row that evict a contact: 2 (a lost reply alone
 *     does not); 3 on {@code wan()} where loss is likelier
 * @param questionableAfterNanos a full bucket's least recently seen contact is pinged when a
 *     newcomer waits and it was not heard from for this long: 15 min (BEP 5's "questionable"), 1
 *     min on {@code local()}
 * @param bucketRefreshIntervalNanos a bucket not looked up for this long is refreshed with a lookup
 *     of a random id in it: 10 min (rust-libp2p), 15 min on {@code wan()} (BEP 5), 1 min on {@code
 *     local()}
 * @param pingUnknownRequesters whether a peer that sends us a request and would fit in the table is
 *     pinged, so that its answer lets it in (Kademlia learns from requests; Skein only after an
 *     answer): true
 * @param recordTtlMillis how long a replica keeps a record not stored again: 2 h (BEP 44's expiry),
 *     10 min on {@code local()}; at most {@link DhtLimits#MAX_TTL_MILLIS}
 * @param republishIntervalMillis publishers put their records again every: {@code recordTtl / 2} =
 *     1 h (BEP 44 asks at least hourly), so one missed round does not lose a record
 * @param replicationIntervalMillis replica holders push their records to the current closest peers
 *     every: {@code recordTtl / 4} = 30 min (libp2p replicates hourly with 36-48 h TTLs)
 * @param churnReplicationDelayMillis after a membership change, wait this long so a burst of joins
 *     and deaths becomes one re-replication sweep: 1 s, 5 s on {@code wan()}, 200 ms on {@code
 *     local()}
 * @param replicationRecordsPerSecond records a replication sweep handles per second: {@code
 *     requestsPerPeerPerSecond / 4} = 25, so a sweep's STOREs to one peer stay well under that
 *     peer's rate limit
 * @param expirySweepIntervalMillis expired records are dropped from the store every: {@code min(60
 *     s, recordTtl / 10)} (expired records are invisible before that)
 * @param maxValueBytes largest value accepted: {@link DhtLimits#MAX_VALUE_BYTES} = 64 KiB
 * @param maxRecordsPerNode records stored for others: {@link
 *     DhtLimits#DEFAULT_MAX_RECORDS_PER_NODE} = 16,384
 * @param maxStoredBytes value bytes stored for others: {@link DhtLimits#DEFAULT_MAX_STORED_BYTES} =
 *     256 MiB
 * @param requestsPerPeerPerSecond inbound requests one peer may make per second, further ones are
 *     dropped: {@link DhtLimits#DEFAULT_REQUESTS_PER_PEER_PER_SECOND} = 100
 * @param requestBurst requests one peer may make at once before the rate applies: {@code
 *     requestsPerPeerPerSecond} (one second's worth)
 */
public record DhtConfig(
    int k,
    int alpha,
    int disjointPaths,
    int replicationFactor,
    boolean putLookupStopsAtReplicas,
    Consistency defaultConsistency,
    long requestTimeoutNanos,
    int replacementCacheSize,
    int maxFailedRequests,
    long questionableAfterNanos,
    long bucketRefreshIntervalNanos,
    boolean pingUnknownRequesters,
    long recordTtlMillis,
    long republishIntervalMillis,
    long replicationIntervalMillis,
    long churnReplicationDelayMillis,
    int replicationRecordsPerSecond,
    long expirySweepIntervalMillis,
    int maxValueBytes,
    int maxRecordsPerNode,
    long maxStoredBytes,
    int requestsPerPeerPerSecond,
    int requestBurst) {

  private static final long MILLI = 1_000_000L;
  private static final long SECOND_MILLIS = 1_000L;
  private static final long MINUTE_MILLIS = 60 * SECOND_MILLIS;
  private static final long HOUR_MILLIS = 60 * MINUTE_MILLIS;

  /** Checks every field against its range. */
  public DhtConfig {
    Objects.requireNonNull(defaultConsistency, "defaultConsistency");
    check(k >= 1 && k <= DhtLimits.MAX_K, "k must be in [1, " + DhtLimits.MAX_K + "]");
    check(alpha >= 1 && alpha <= k, "alpha must be in [1, k]");
    check(
        disjointPaths >= 1 && disjointPaths <= DhtLimits.MAX_DISJOINT_PATHS,
        "disjointPaths must be in [1, " + DhtLimits.MAX_DISJOINT_PATHS + "]");
    check(replicationFactor >= 1 && replicationFactor <= k, "replicationFactor must be in [1, k]");
    check(requestTimeoutNanos > 0, "requestTimeoutNanos must be positive");
    check(replacementCacheSize >= 0, "replacementCacheSize must not be negative");
    check(maxFailedRequests >= 1, "maxFailedRequests must be positive");
    check(questionableAfterNanos > 0, "questionableAfterNanos must be positive");
    check(bucketRefreshIntervalNanos > 0, "bucketRefreshIntervalNanos must be positive");
    check(
        recordTtlMillis > 0 && recordTtlMillis <= DhtLimits.MAX_TTL_MILLIS,
        "recordTtlMillis must be in (0, " + DhtLimits.MAX_TTL_MILLIS + "]");
    check(
        republishIntervalMillis > 0 && republishIntervalMillis < recordTtlMillis,
        "republishIntervalMillis must be positive and below recordTtlMillis");
    check(replicationIntervalMillis > 0, "replicationIntervalMillis must be positive");
    check(churnReplicationDelayMillis >= 0, "churnReplicationDelayMillis must not be negative");
    check(replicationRecordsPerSecond >= 1, "replicationRecordsPerSecond must be positive");
    check(expirySweepIntervalMillis > 0, "expirySweepIntervalMillis must be positive");
    check(
        maxValueBytes >= 0 && maxValueBytes <= DhtLimits.MAX_VALUE_BYTES,
        "maxValueBytes must be in [0, " + DhtLimits.MAX_VALUE_BYTES + "]");
    check(maxRecordsPerNode >= 0, "maxRecordsPerNode must not be negative");
    check(maxStoredBytes >= 0, "maxStoredBytes must not be negative");
    check(requestsPerPeerPerSecond >= 1, "requestsPerPeerPerSecond must be positive");
    check(requestBurst >= 1, "requestBurst must be positive");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Defaults for a local network; see the field descriptions. */
  public static DhtConfig lan() {
    long ttl = 2 * HOUR_MILLIS;
    int rate = DhtLimits.DEFAULT_REQUESTS_PER_PEER_PER_SECOND;
    return new DhtConfig(
        20,
        3,
        1,
        8,
        true,
        Consistency.QUORUM,
        1_000 * MILLI,
        20,
        2,
        15 * MINUTE_MILLIS * MILLI,
        10 * MINUTE_MILLIS * MILLI,
        true,
        ttl,
        ttl / 2,
        ttl / 4,
        SECOND_MILLIS,
        rate / 4,
        Math.min(MINUTE_MILLIS, ttl / 10),
        DhtLimits.MAX_VALUE_BYTES,
        DhtLimits.DEFAULT_MAX_RECORDS_PER_NODE,
        DhtLimits.DEFAULT_MAX_STORED_BYTES,
        rate,
        rate);
  }

  /**
   * Defaults for peers across the internet: longer timeouts, 3 disjoint paths, put lookups as wide
   * as any.
   */
  public static DhtConfig wan() {
    return lan().toBuilder()
        .disjointPaths(3)
        .putLookupStopsAtReplicas(false)
        .requestTimeoutNanos(5_000 * MILLI)
        .maxFailedRequests(3)
        .bucketRefreshIntervalNanos(15 * MINUTE_MILLIS * MILLI)
        .churnReplicationDelayMillis(5 * SECOND_MILLIS)
        .build();
  }

  /** Defaults for a testnet on one machine: short timeouts and lifetimes. */
  public static DhtConfig local() {
    long ttl = 10 * MINUTE_MILLIS;
    return lan().toBuilder()
        .requestTimeoutNanos(250 * MILLI)
        .questionableAfterNanos(MINUTE_MILLIS * MILLI)
        .bucketRefreshIntervalNanos(MINUTE_MILLIS * MILLI)
        .recordTtlMillis(ttl)
        .republishIntervalMillis(ttl / 2)
        .replicationIntervalMillis(ttl / 4)
        .churnReplicationDelayMillis(200)
        .expirySweepIntervalMillis(Math.min(MINUTE_MILLIS, ttl / 10))
        .build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a preset; {@link #build()} checks them all. */
  public static final class Builder {
    private int k;
    private int alpha;
    private int disjointPaths;
    private int replicationFactor;
    private boolean putLookupStopsAtReplicas;
    private Consistency defaultConsistency;
    private long requestTimeoutNanos;
    private int replacementCacheSize;
    private int maxFailedRequests;
    private long questionableAfterNanos;
    private long bucketRefreshIntervalNanos;
    private boolean pingUnknownRequesters;
    private long recordTtlMillis;
    private long republishIntervalMillis;
    private long replicationIntervalMillis;
    private long churnReplicationDelayMillis;
    private int replicationRecordsPerSecond;
    private long expirySweepIntervalMillis;
    private int maxValueBytes;
    private int maxRecordsPerNode;
    private long maxStoredBytes;
    private int requestsPerPeerPerSecond;
    private int requestBurst;

    private Builder(DhtConfig c) {
      k = c.k;
      alpha = c.alpha;
      disjointPaths = c.disjointPaths;
      replicationFactor = c.replicationFactor;
      putLookupStopsAtReplicas = c.putLookupStopsAtReplicas;
      defaultConsistency = c.defaultConsistency;
      requestTimeoutNanos = c.requestTimeoutNanos;
      replacementCacheSize = c.replacementCacheSize;
      maxFailedRequests = c.maxFailedRequests;
      questionableAfterNanos = c.questionableAfterNanos;
      bucketRefreshIntervalNanos = c.bucketRefreshIntervalNanos;
      pingUnknownRequesters = c.pingUnknownRequesters;
      recordTtlMillis = c.recordTtlMillis;
      republishIntervalMillis = c.republishIntervalMillis;
      replicationIntervalMillis = c.replicationIntervalMillis;
      churnReplicationDelayMillis = c.churnReplicationDelayMillis;
      replicationRecordsPerSecond = c.replicationRecordsPerSecond;
      expirySweepIntervalMillis = c.expirySweepIntervalMillis;
      maxValueBytes = c.maxValueBytes;
      maxRecordsPerNode = c.maxRecordsPerNode;
      maxStoredBytes = c.maxStoredBytes;
      requestsPerPeerPerSecond = c.requestsPerPeerPerSecond;
      requestBurst = c.requestBurst;
    }

    /** See {@link DhtConfig#k()}. */
    public Builder k(int v) {
      k = v;
      return this;
    }

    /** See {@link DhtConfig#alpha()}. */
    public Builder alpha(int v) {
      alpha = v;
      return this;
    }

    /** See {@link DhtConfig#disjointPaths()}. */
    public Builder disjointPaths(int v) {
      disjointPaths = v;
      return this;
    }

    /** See {@link DhtConfig#replicationFactor()}. */
    public Builder replicationFactor(int v) {
      replicationFactor = v;
      return this;
    }

    /** See {@link DhtConfig#defaultConsistency()}. */
    public Builder defaultConsistency(Consistency v) {
      defaultConsistency = v;
      return this;
    }

    /** See {@link DhtConfig#requestTimeoutNanos()}. */
    public Builder requestTimeoutNanos(long v) {
      requestTimeoutNanos = v;
      return this;
    }

    /** See {@link DhtConfig#replacementCacheSize()}. */
    public Builder replacementCacheSize(int v) {
      replacementCacheSize = v;
      return this;
    }

    /** See {@link DhtConfig#maxFailedRequests()}. */
    public Builder maxFailedRequests(int v) {
      maxFailedRequests = v;
      return this;
    }

    /** See {@link DhtConfig#questionableAfterNanos()}. */
    public Builder questionableAfterNanos(long v) {
      questionableAfterNanos = v;
      return this;
    }

    /** See {@link DhtConfig#bucketRefreshIntervalNanos()}. */
    public Builder bucketRefreshIntervalNanos(long v) {
      bucketRefreshIntervalNanos = v;
      return this;
    }

    /** See {@link DhtConfig#putLookupStopsAtReplicas()}. */
    public Builder putLookupStopsAtReplicas(boolean v) {
      putLookupStopsAtReplicas = v;
      return this;
    }

    /** See {@link DhtConfig#pingUnknownRequesters()}. */
    public Builder pingUnknownRequesters(boolean v) {
      pingUnknownRequesters = v;
      return this;
    }

    /** See {@link DhtConfig#recordTtlMillis()}. */
    public Builder recordTtlMillis(long v) {
      recordTtlMillis = v;
      return this;
    }

    /** See {@link DhtConfig#republishIntervalMillis()}. */
    public Builder republishIntervalMillis(long v) {
      republishIntervalMillis = v;
      return this;
    }

    /** See {@link DhtConfig#replicationIntervalMillis()}. */
    public Builder replicationIntervalMillis(long v) {
      replicationIntervalMillis = v;
      return this;
    }

    /** See {@link DhtConfig#churnReplicationDelayMillis()}. */
    public Builder churnReplicationDelayMillis(long v) {
      churnReplicationDelayMillis = v;
      return this;
    }

    /** See {@link DhtConfig#replicationRecordsPerSecond()}. */
    public Builder replicationRecordsPerSecond(int v) {
      replicationRecordsPerSecond = v;
      return this;
    }

    /** See {@link DhtConfig#expirySweepIntervalMillis()}. */
    public Builder expirySweepIntervalMillis(long v) {
      expirySweepIntervalMillis = v;
      return this;
    }

    /** See {@link DhtConfig#maxValueBytes()}. */
    public Builder maxValueBytes(int v) {
      maxValueBytes = v;
      return this;
    }

    /** See {@link DhtConfig#maxRecordsPerNode()}. */
    public Builder maxRecordsPerNode(int v) {
      maxRecordsPerNode = v;
      return this;
    }

    /** See {@link DhtConfig#maxStoredBytes()}. */
    public Builder maxStoredBytes(long v) {
      maxStoredBytes = v;
      return this;
    }

    /** See {@link DhtConfig#requestsPerPeerPerSecond()}. */
    public Builder requestsPerPeerPerSecond(int v) {
      requestsPerPeerPerSecond = v;
      return this;
    }

    /** See {@link DhtConfig#requestBurst()}. */
    public Builder requestBurst(int v) {
      requestBurst = v;
      return this;
    }

    /** The checked configuration. */
    public DhtConfig build() {
      return new DhtConfig(
          k,
          alpha,
          disjointPaths,
          replicationFactor,
          putLookupStopsAtReplicas,
          defaultConsistency,
          requestTimeoutNanos,
          replacementCacheSize,
          maxFailedRequests,
          questionableAfterNanos,
          bucketRefreshIntervalNanos,
          pingUnknownRequesters,
          recordTtlMillis,
          republishIntervalMillis,
          replicationIntervalMillis,
          churnReplicationDelayMillis,
          replicationRecordsPerSecond,
          expirySweepIntervalMillis,
          maxValueBytes,
          maxRecordsPerNode,
          maxStoredBytes,
          requestsPerPeerPerSecond,
          requestBurst);
    }
  }
}
