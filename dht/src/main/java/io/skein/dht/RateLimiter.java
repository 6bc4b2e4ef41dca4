package io.skein.dht;

import io.skein.crypto.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-peer request rate limit (generic cell rate algorithm: a token bucket kept as one "theoretical
 * arrival time" per peer). Tracks at most {@link DhtLimits#MAX_RATE_LIMITED_PEERS} peers,
 * forgetting the least recently active.
 */
final class RateLimiter {
  private final long intervalNanos;
  private final long toleranceNanos;
  private final Map<NodeId, long[]> arrival;

  RateLimiter(int perSecond, int burst) {
    this.intervalNanos = Math.max(1, 1_000_000_000L / perSecond);
    this.toleranceNanos = intervalNanos * (burst - 1L);
    this.arrival =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeId, long[]> eldest) {
            return size() > DhtLimits.MAX_RATE_LIMITED_PEERS;
          }
        };
  }

  /** Whether {@code peer} may make a request at {@code nowNanos}; counts it if so. */
  boolean tryAcquire(NodeId peer, long nowNanos) {
    long[] tat = arrival.get(peer);
    if (tat == null) {
      arrival.put(peer, new long[] {nowNanos + intervalNanos});
      return true;
    }
    long t = Math.max(tat[0], nowNanos);
    if (t - nowNanos > toleranceNanos) {
      return false;
    }
    tat[0] = t + intervalNanos;
    return true;
  }
}
