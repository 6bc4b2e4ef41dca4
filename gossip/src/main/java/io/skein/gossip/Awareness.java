package io.skein.gossip;

/**
 * Lifeguard's local health multiplier (memberlist awareness.go): a score from 0 (healthy) to {@code
 * max - 1} that scales this node's probe interval and timeouts by {@code score + 1}, so a node that
 * cannot keep its own deadlines probes more slowly and waits longer before suspecting.
 */
final class Awareness {
  private final int max;
  private final GossipStats stats;
  private int score;

  Awareness(int max, GossipStats stats) {
    this.max = max;
    this.stats = stats;
  }

  /** Adds {@code delta}, clamped to {@code 0 .. max - 1}. */
  void applyDelta(int delta) {
    score = Math.max(0, Math.min(max - 1, score + delta));
    stats.healthScore = score;
  }

  int score() {
    return score;
  }

  /** {@code nanos * (score + 1)}. */
  long scale(long nanos) {
    return nanos * (score + 1);
  }
}
