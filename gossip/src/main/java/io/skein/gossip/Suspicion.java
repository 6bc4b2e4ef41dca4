package io.skein.gossip;

/**
 * One suspicion timer with Lifeguard's dynamic timeout (memberlist suspicion.go). It starts at
 * {@code max} and, with each independent confirmation, shrinks towards {@code min}:
 *
 * <pre>timeout(n) = max(min, max - (max - min) * log(n + 1) / log(k + 1))</pre>
 *
 * reaching {@code min} at {@code n = k} confirmations. With {@code k = 0} (too few members to
 * confirm) it is {@code min} from the start. The first accuser is not a confirmation.
 */
final class Suspicion {
  final long startNanos;
  final int k;
  final long minNanos;
  final long maxNanos;
  private int confirmations;

  Suspicion(long startNanos, int k, long minNanos, long maxNanos) {
    this.startNanos = startNanos;
    this.k = k;
    this.minNanos = minNanos;
    this.maxNanos = Math.max(minNanos, maxNanos);
  }

  /** Total timeout after {@code n} confirmations, measured from the start. */
  long timeoutNanos(int n) {
    if (k < 1) {
      return minNanos;
    }
    double frac = Math.log(n + 1.0) / Math.log(k + 1.0);
    double raw = maxNanos - frac * (maxNanos - minNanos);
    return Math.max(minNanos, (long) Math.floor(raw));
  }

  /** When the member is declared dead unless it refutes or more confirmations arrive. */
  long deadlineNanos() {
    return startNanos + timeoutNanos(confirmations);
  }

  /**
   * Counts one more independent accuser (the caller deduplicates accusers). Returns false, and
   * counts nothing, once {@code k} confirmations are in: more would not shorten the timer, so they
   * need not be gossiped either.
   */
  boolean confirm() {
    if (confirmations >= k) {
      return false;
    }
    confirmations++;
    return true;
  }

  int confirmations() {
    return confirmations;
  }

  /** Whether more confirmations would still shorten the timer. */
  boolean wantsConfirmations() {
    return confirmations < k;
  }
}
