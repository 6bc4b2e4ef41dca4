package io.skein.node.wire;

import io.skein.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Requests sent and not yet answered, so that a reply is accepted only for a request of ours, from
 * the peer we asked, once. Bounded: when full, {@link #register} refuses and the caller should
 * treat the request as failed at once. Not thread-safe: owned by the codec's thread.
 */
public final class OutstandingRequests {
  private static final Comparator<PendingRequest> BY_DEADLINE =
      Comparator.comparingLong(PendingRequest::deadlineMillis)
          .thenComparingLong(PendingRequest::requestId);

  private final int capacity;
  private final WireMetrics metrics;
  private final Map<Long, PendingRequest> byId = new HashMap<>();
  private final TreeSet<PendingRequest> byDeadline = new TreeSet<>(BY_DEADLINE);

  OutstandingRequests(int capacity, WireMetrics metrics) {
    this.capacity = capacity;
    this.metrics = metrics;
  }

  /**
   * Records a request just sent.
   *
   * @param requestId its id, fresh from {@link FrameCodec#nextRequestId()}
   * @param expectedSenderOrNull the key that must sign the reply, or {@code null} if unknown
   * @param deadlineMillis when the request expires (unix epoch millis)
   * @return {@code false} if the table is full (counted in {@code skein_requests_refused_total})
   * @throws IllegalArgumentException if {@code requestId} is already outstanding
   */
  public boolean register(long requestId, PublicKey expectedSenderOrNull, long deadlineMillis) {
    if (byId.containsKey(requestId)) {
      throw new IllegalArgumentException("request id " + requestId + " is already outstanding");
    }
    if (byId.size() >= capacity) {
      metrics.requestRefused();
      return false;
    }
    PendingRequest pending = new PendingRequest(requestId, expectedSenderOrNull, deadlineMillis);
    byId.put(requestId, pending);
    byDeadline.add(pending);
    return true;
  }

  /** Forgets a request (e.g. its send failed); returns whether it was outstanding. */
  public boolean cancel(long requestId) {
    PendingRequest pending = byId.remove(requestId);
    if (pending == null) {
      return false;
    }
    byDeadline.remove(pending);
    return true;
  }

  /**
   * Removes and returns the requests whose deadline is at or before {@code nowMillis}, earliest
   * first, counting them in {@code skein_requests_expired_total}.
   */
  public List<PendingRequest> expire(long nowMillis) {
    if (byDeadline.isEmpty() || byDeadline.first().deadlineMillis() > nowMillis) {
      return List.of();
    }
    List<PendingRequest> expired = new ArrayList<>();
    while (!byDeadline.isEmpty() && byDeadline.first().deadlineMillis() <= nowMillis) {
      PendingRequest pending = byDeadline.pollFirst();
      byId.remove(pending.requestId());
      expired.add(pending);
    }
    metrics.requestsExpired(expired.size());
    return expired;
  }

  /** Number of outstanding requests. */
  public int size() {
    return byId.size();
  }

  /** Whether {@code requestId} is outstanding. */
  public boolean contains(long requestId) {
    return byId.containsKey(requestId);
  }

  /**
   * The request a reply with this id from {@code sender} at {@code nowMillis} answers, or {@code
   * null} if there is none: unknown id, another expected key, or past its deadline. Does not remove
   * it (see {@link #complete}), so a reply from the wrong key cannot cancel our request.
   */
  PendingRequest match(long requestId, PublicKey sender, long nowMillis) {
    PendingRequest pending = byId.get(requestId);
    if (pending == null
        || nowMillis >= pending.deadlineMillis()
        || (pending.expectedSender() != null && !pending.expectedSender().equals(sender))) {
      return null;
    }
    return pending;
  }

  /**
   * The key expected to answer {@code requestId}, or {@code null} if unknown or not outstanding.
   */
  PublicKey expectedSender(long requestId) {
    PendingRequest pending = byId.get(requestId);
    return pending == null ? null : pending.expectedSender();
  }

  /** Removes a request its reply was accepted for. */
  void complete(PendingRequest pending) {
    byId.remove(pending.requestId());
    byDeadline.remove(pending);
  }
}
