package io.skein.testnet.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated network's fault configuration: a default {@link LinkModel}, per-direction overrides
 * for single links, and partitions. Partitions are checked when a message is sent: a message
 * already in flight when a cut is made still arrives, one sent while it holds never does. Changes
 * take effect for the next message; schedule them at a virtual time with {@link
 * Simulator#schedule(long, Runnable)}.
 */
public final class SimNetwork {
  private LinkModel defaultLink;
  private final Map<Long, LinkModel> links = new HashMap<>();
  private final List<Partition> partitions = new ArrayList<>();

  SimNetwork(LinkModel defaultLink) {
    this.defaultLink = defaultLink;
  }

  /** The model of every link without an override. */
  public LinkModel defaultLink() {
    return defaultLink;
  }

  /** Replaces the model of every link without an override. */
  public void defaultLink(LinkModel model) {
    defaultLink = requireModel(model);
  }

  /** Overrides the direction {@code from -> to} only. */
  public void link(int from, int to, LinkModel model) {
    links.put(key(from, to), requireModel(model));
  }

  /** Overrides both directions between {@code a} and {@code b}. */
  public void linkBothWays(int a, int b, LinkModel model) {
    link(a, b, model);
    link(b, a, model);
  }

  /** Removes the override of {@code from -> to}, if any. */
  public void clearLink(int from, int to) {
    links.remove(key(from, to));
  }

  /** The model that applies to a message from {@code from} to {@code to} now. */
  public LinkModel linkModel(int from, int to) {
    if (links.isEmpty()) {
      return defaultLink;
    }
    LinkModel model = links.get(key(from, to));
    return model != null ? model : defaultLink;
  }

  /** Cuts the direction from every node in {@code from} to every node in {@code to}. */
  public Partition blockOneWay(BitSet from, BitSet to) {
    return add(new Partition(from, to, false));
  }

  /** Cuts both directions between node sets {@code a} and {@code b}. */
  public Partition blockTwoWay(BitSet a, BitSet b) {
    return add(new Partition(a, b, true));
  }

  /** Cuts both directions between {@code node} and nodes {@code 0..nodeCount-1} except itself. */
  public Partition isolate(int node, int nodeCount) {
    BitSet others = new BitSet(nodeCount);
    others.set(0, nodeCount);
    others.clear(node);
    return blockTwoWay(nodes(node), others);
  }

  /** Lifts one partition; returns whether it was in force. */
  public boolean heal(Partition partition) {
    return partitions.remove(partition);
  }

  /** Lifts every partition. */
  public void healAll() {
    partitions.clear();
  }

  /** The partitions in force. */
  public List<Partition> partitions() {
    return List.copyOf(partitions);
  }

  /** Whether some partition in force drops a message from {@code from} to {@code to}. */
  public boolean blocked(int from, int to) {
    for (int i = 0; i < partitions.size(); i++) {
      if (partitions.get(i).blocks(from, to)) {
        return true;
      }
    }
    return false;
  }

  /** A node set, for the partition methods. */
  public static BitSet nodes(int... indexes) {
    BitSet set = new BitSet();
    for (int i : indexes) {
      set.set(i);
    }
    return set;
  }

  /** Nodes {@code fromInclusive..toExclusive-1}, for the partition methods. */
  public static BitSet range(int fromInclusive, int toExclusive) {
    BitSet set = new BitSet(toExclusive);
    set.set(fromInclusive, toExclusive);
    return set;
  }

  private Partition add(Partition partition) {
    partitions.add(partition);
    return partition;
  }

  private static LinkModel requireModel(LinkModel model) {
    if (model == null) {
      throw new IllegalArgumentException("link model is null");
    }
    return model;
  }

  private static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }
}
