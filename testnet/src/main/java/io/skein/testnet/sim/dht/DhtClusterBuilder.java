package io.skein.testnet.sim.dht;

import io.skein.dht.DhtConfig;
import io.skein.testnet.sim.LinkModel;
import io.skein.testnet.sim.SimKeys;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/** Configures a {@link DhtCluster}; from {@link DhtCluster#builder(long)}. */
public final class DhtClusterBuilder {
  record MaliciousSpec(BitSet nodes, int count, Set<MaliciousDht.Behaviour> behaviours) {}

  final long seed;
  int nodes = 100;
  DhtConfig config = DhtConfig.lan();
  LinkModel link = LinkModel.lan();
  SimKeys keys;
  DhtCluster.Feed feed = DhtCluster.Feed.MEMBERSHIP;
  long detectionDelayNanos = 5_000 * DhtScenarios.MS;
  long joinDelayNanos = 1_000 * DhtScenarios.MS;
  long joinIntervalNanos = 20 * DhtScenarios.MS;
  int fakeIdentities = -1;
  final List<MaliciousSpec> malicious = new ArrayList<>();

  DhtClusterBuilder(long seed) {
    this.seed = seed;
  }

  /** Number of nodes; default 100. */
  public DhtClusterBuilder nodes(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one node: " + n);
    }
    this.nodes = n;
    return this;
  }

  /** Settings of every node; default {@link DhtConfig#lan()}. */
  public DhtClusterBuilder config(DhtConfig config) {
    this.config = config;
    return this;
  }

  /** Link model; default {@link LinkModel#lan()} (0.2-0.5 ms one way, no loss). */
  public DhtClusterBuilder link(LinkModel link) {
    this.link = link;
    return this;
  }

  /** Identities; default the simulator's cheap stand-in signatures. */
  public DhtClusterBuilder keys(SimKeys keys) {
    this.keys = keys;
    return this;
  }

  /** Feed mode; default {@link DhtCluster.Feed#MEMBERSHIP}. */
  public DhtClusterBuilder feed(DhtCluster.Feed feed) {
    this.feed = feed;
    return this;
  }

  /**
   * How long gossip takes to declare a crashed member dead everywhere ({@link
   * DhtCluster.Feed#MEMBERSHIP}); default 5 s, half of Serf's 10-11 s measured here, the design's
   * goal.
   */
  public DhtClusterBuilder detectionDelayNanos(long nanos) {
    this.detectionDelayNanos = nanos;
    return this;
  }

  /** How long gossip takes to spread a new member everywhere; default 1 s. */
  public DhtClusterBuilder joinDelayNanos(long nanos) {
    this.joinDelayNanos = nanos;
    return this;
  }

  /** Time between two nodes joining with {@link DhtCluster.Feed#BOOTSTRAP}; default 20 ms. */
  public DhtClusterBuilder joinIntervalNanos(long nanos) {
    this.joinIntervalNanos = nanos;
    return this;
  }

  /** Fake identities the malicious nodes share; default 4 per node. */
  public DhtClusterBuilder fakeIdentities(int n) {
    this.fakeIdentities = n;
    return this;
  }

  /** Makes {@code count} nodes, picked from the seed, behave as {@code behaviours}. */
  public DhtClusterBuilder malicious(int count, Set<MaliciousDht.Behaviour> behaviours) {
    malicious.add(new MaliciousSpec(null, count, Set.copyOf(behaviours)));
    return this;
  }

  /** Makes the nodes in {@code nodes} behave as {@code behaviours}. */
  public DhtClusterBuilder malicious(BitSet nodes, Set<MaliciousDht.Behaviour> behaviours) {
    malicious.add(new MaliciousSpec((BitSet) nodes.clone(), 0, Set.copyOf(behaviours)));
    return this;
  }

  /**
   * Creates the nodes and feeds their routing tables: at once for {@link
   * DhtCluster.Feed#MEMBERSHIP}, by running the staggered joins for {@link
   * DhtCluster.Feed#BOOTSTRAP}.
   */
  public DhtCluster build() {
    if (keys == null) {
      keys = SimKeys.standIn();
    }
    return new DhtCluster(this);
  }
}
