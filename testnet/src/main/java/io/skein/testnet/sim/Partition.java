package io.skein.testnet.sim;

import java.util.BitSet;

/**
 * A cut in the simulated network: messages from a node in {@code from} to a node in {@code to} are
 * dropped, and, if two-way, also from {@code to} to {@code from}. Created by {@link SimNetwork};
 * pass it back to {@link SimNetwork#heal(Partition)} to lift it.
 */
public final class Partition {
  private final BitSet from;
  private final BitSet to;
  private final boolean twoWay;

  Partition(BitSet from, BitSet to, boolean twoWay) {
    this.from = (BitSet) from.clone();
    this.to = (BitSet) to.clone();
    this.twoWay = twoWay;
  }

  /** Whether this cut drops a message from node {@code src} to node {@code dst}. */
  public boolean blocks(int src, int dst) {
    return (from.get(src) && to.get(dst)) || (twoWay && to.get(src) && from.get(dst));
  }

  /** Whether both directions are cut. */
  public boolean twoWay() {
    return twoWay;
  }

  @Override
  public String toString() {
    return "Partition" + from + (twoWay ? " <-/-> " : " -/-> ") + to;
  }
}
