package io.skein.testnet.sim;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Fault schedules built on {@link Simulator}'s primitives. Each schedule draws from its own streams
 * ({@code "fault/<name>", node}), so adding one never changes any other randomness of the run.
 */
public final class SimFaults {
  private SimFaults() {}

  /**
   * Makes every node in {@code nodes} stall again and again until {@code untilNanos}: after a gap
   * drawn from an exponential distribution with mean {@code meanGapNanos}, the node is {@link
   * Simulator#pause(int, long) paused} for a duration uniform in {@code [minPauseNanos,
   * maxPauseNanos]}; then the next gap starts when it resumes. Models GC pauses, CPU starvation or
   * SIGSTOP.
   */
  public static void randomStalls(
      Simulator<?> sim,
      BitSet nodes,
      long minPauseNanos,
      long maxPauseNanos,
      long meanGapNanos,
      long untilNanos) {
    if (minPauseNanos < 0 || maxPauseNanos < minPauseNanos || meanGapNanos <= 0) {
      throw new IllegalArgumentException(
          "need 0 <= minPause <= maxPause and meanGap > 0: "
              + minPauseNanos
              + ", "
              + maxPauseNanos
              + ", "
              + meanGapNanos);
    }
    for (int node = nodes.nextSetBit(0); node >= 0; node = nodes.nextSetBit(node + 1)) {
      RandomGenerator random = sim.random("fault/stall", node);
      int n = node;
      Runnable[] next = new Runnable[1];
      next[0] =
          () -> {
            long pause = minPauseNanos + random.nextLong(maxPauseNanos - minPauseNanos + 1);
            sim.pause(n, pause);
            long at = sim.nowNanos() + pause + exponential(random, meanGapNanos);
            if (at < untilNanos) {
              sim.schedule(at, next[0]);
            }
          };
      long first = sim.nowNanos() + exponential(random, meanGapNanos);
      if (first < untilNanos) {
        sim.schedule(first, next[0]);
      }
    }
  }

  /**
   * Picks {@code count} distinct nodes of {@code 0..nodeCount-1} with the stream {@code ("fault/" +
   * name, 0)}, e.g. the 10% of nodes that will stall.
   */
  public static BitSet pickNodes(Simulator<?> sim, String name, int nodeCount, int count) {
    if (count < 0 || count > nodeCount) {
      throw new IllegalArgumentException("cannot pick " + count + " of " + nodeCount + " nodes");
    }
    RandomGenerator random = sim.random("fault/" + name, 0);
    int[] order = new int[nodeCount];
    for (int i = 0; i < nodeCount; i++) {
      order[i] = i;
    }
    BitSet picked = new BitSet(nodeCount);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(nodeCount - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      picked.set(order[i]);
    }
    return picked;
  }

  /** Crashes {@code node} at {@code atNanos} and restarts it {@code downNanos} later. */
  public static void crashAndRestart(
      Simulator<?> sim, int node, long atNanos, long downNanos, boolean freshKey) {
    sim.schedule(
        atNanos,
        () -> {
          sim.crash(node);
          sim.scheduleAfter(downNanos, () -> sim.restart(node, freshKey));
        });
  }

  /** A draw from the exponential distribution with this mean, in whole nanoseconds. */
  static long exponential(RandomGenerator random, long meanNanos) {
    return (long) (random.nextExponential() * meanNanos);
  }
}
