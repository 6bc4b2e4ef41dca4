package io.skein.node.transport;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets keyed by route, refilled at a fixed rate. Bounded: at most {@code maxRoutes}
 * buckets, the least recently used forgotten first (a forgotten bucket is as good as a full one),
 * and buckets that have refilled completely are dropped by {@link #evictFull}. Loop thread only.
 */
final class RateLimiter {
  private final double tokensPerNano;
  private final double burst;
  private final long refillNanos;
  private final LinkedHashMap<RouteId, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }
  }

  RateLimiter(double perSecond, double burst, int maxRoutes) {
    this.tokensPerNano = perSecond / 1e9;
    this.burst = burst;
    this.refillNanos = (long) Math.ceil(burst / tokensPerNano);
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<RouteId, Bucket> eldest) {
            return size() > maxRoutes;
          }
        };
  }

  /** Takes one token from {@code route}'s bucket; false if it is empty. */
  boolean tryAcquire(RouteId route, long nowNanos) {
    Bucket b = buckets.get(route);
    if (b == null) {
      buckets.put(route, new Bucket(burst - 1, nowNanos));
      return true;
    }
    long elapsed = nowNanos - b.lastNanos;
    if (elapsed > 0) {
      b.tokens = Math.min(burst, b.tokens + elapsed * tokensPerNano);
      b.lastNanos = nowNanos;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Forgets buckets that would be full by now. */
  void evictFull(long nowNanos) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (nowNanos - it.next().lastNanos >= refillNanos) {
        it.remove();
      }
    }
  }

  int size() {
    return buckets.size();
  }
}
