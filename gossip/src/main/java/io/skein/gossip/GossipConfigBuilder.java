package io.skein.gossip;

import io.skein.gossip.msg.WireLimits;

/** Builds a {@link GossipConfig}; starts from {@link GossipConfig#lan()}'s values. */
public final class GossipConfigBuilder {
  long probeIntervalMillis = 1000;
  long probeTimeoutMillis = 500;
  int indirectChecks = 3;
  int awarenessMaxMultiplier = 8;
  long gossipIntervalMillis = 200;
  int gossipNodes = 4;
  int maxClaimsPerMessage = 32;
  int retransmitMult = 4;
  int suspicionMult = 8;
  int suspicionMaxTimeoutMult = 6;
  int suspicionConfirmations = 2;
  int maxAccusationProbes = 3;
  long pushPullIntervalMillis = 30_000;
  long pushPullTimeoutMillis = 10_000;
  int maxConcurrentPushPulls = 4;
  int maxPushPullResponsesPerSecond = 128;
  long joinRetryIntervalMillis = 2000;
  long gossipToTheDeadMillis = 30_000;
  long deadRetentionMillis = 300_000;
  int maxMembers = 4096;
  int maxRumors = 2048;

  /** A builder with {@link GossipConfig#lan()}'s values. */
  public GossipConfigBuilder() {}

  GossipConfigBuilder(GossipConfig c) {
    probeIntervalMillis = c.probeIntervalMillis;
    probeTimeoutMillis = c.probeTimeoutMillis;
    indirectChecks = c.indirectChecks;
    awarenessMaxMultiplier = c.awarenessMaxMultiplier;
    gossipIntervalMillis = c.gossipIntervalMillis;
    gossipNodes = c.gossipNodes;
    maxClaimsPerMessage = c.maxClaimsPerMessage;
    retransmitMult = c.retransmitMult;
    suspicionMult = c.suspicionMult;
    suspicionMaxTimeoutMult = c.suspicionMaxTimeoutMult;
    suspicionConfirmations = c.suspicionConfirmations;
    maxAccusationProbes = c.maxAccusationProbes;
    pushPullIntervalMillis = c.pushPullIntervalMillis;
    pushPullTimeoutMillis = c.pushPullTimeoutMillis;
    maxConcurrentPushPulls = c.maxConcurrentPushPulls;
    maxPushPullResponsesPerSecond = c.maxPushPullResponsesPerSecond;
    joinRetryIntervalMillis = c.joinRetryIntervalMillis;
    gossipToTheDeadMillis = c.gossipToTheDeadMillis;
    deadRetentionMillis = c.deadRetentionMillis;
    maxMembers = c.maxMembers;
    maxRumors = c.maxRumors;
  }

  /** See {@link GossipConfig#probeIntervalMillis}. */
  public GossipConfigBuilder probeIntervalMillis(long v) {
    probeIntervalMillis = v;
    return this;
  }

  /** See {@link GossipConfig#probeTimeoutMillis}. */
  public GossipConfigBuilder probeTimeoutMillis(long v) {
    probeTimeoutMillis = v;
    return this;
  }

  /** See {@link GossipConfig#indirectChecks}. */
  public GossipConfigBuilder indirectChecks(int v) {
    indirectChecks = v;
    return this;
  }

  /** See {@link GossipConfig#awarenessMaxMultiplier}. */
  public GossipConfigBuilder awarenessMaxMultiplier(int v) {
    awarenessMaxMultiplier = v;
    return this;
  }

  /** See {@link GossipConfig#gossipIntervalMillis}. */
  public GossipConfigBuilder gossipIntervalMillis(long v) {
    gossipIntervalMillis = v;
    return this;
  }

  /** See {@link GossipConfig#gossipNodes}. */
  public GossipConfigBuilder gossipNodes(int v) {
    gossipNodes = v;
    return this;
  }

  /** See {@link GossipConfig#maxClaimsPerMessage}. */
  public GossipConfigBuilder maxClaimsPerMessage(int v) {
    maxClaimsPerMessage = v;
    return this;
  }

  /** See {@link GossipConfig#retransmitMult}. */
  public GossipConfigBuilder retransmitMult(int v) {
    retransmitMult = v;
    return this;
  }

  /** See {@link GossipConfig#suspicionMult}. */
  public GossipConfigBuilder suspicionMult(int v) {
    suspicionMult = v;
    return this;
  }

  /** See {@link GossipConfig#suspicionMaxTimeoutMult}. */
  public GossipConfigBuilder suspicionMaxTimeoutMult(int v) {
    suspicionMaxTimeoutMult = v;
    return this;
  }

  /** See {@link GossipConfig#suspicionConfirmations}. */
  public GossipConfigBuilder suspicionConfirmations(int v) {
    suspicionConfirmations = v;
    return this;
  }

  /** See {@link GossipConfig#maxAccusationProbes}. */
  public GossipConfigBuilder maxAccusationProbes(int v) {
    maxAccusationProbes = v;
    return this;
  }

  /** See {@link GossipConfig#pushPullIntervalMillis}. */
  public GossipConfigBuilder pushPullIntervalMillis(long v) {
    pushPullIntervalMillis = v;
    return this;
  }

  /** See {@link GossipConfig#pushPullTimeoutMillis}. */
  public GossipConfigBuilder pushPullTimeoutMillis(long v) {
    pushPullTimeoutMillis = v;
    return this;
  }

  /** See {@link GossipConfig#maxConcurrentPushPulls}. */
  public GossipConfigBuilder maxConcurrentPushPulls(int v) {
    maxConcurrentPushPulls = v;
    return this;
  }

  /** See {@link GossipConfig#maxPushPullResponsesPerSecond}. */
  public GossipConfigBuilder maxPushPullResponsesPerSecond(int v) {
    maxPushPullResponsesPerSecond = v;
    return this;
  }

  /** See {@link GossipConfig#joinRetryIntervalMillis}. */
  public GossipConfigBuilder joinRetryIntervalMillis(long v) {
    joinRetryIntervalMillis = v;
    return this;
  }

  /** See {@link GossipConfig#gossipToTheDeadMillis}. */
  public GossipConfigBuilder gossipToTheDeadMillis(long v) {
    gossipToTheDeadMillis = v;
    return this;
  }

  /** See {@link GossipConfig#deadRetentionMillis}. */
  public GossipConfigBuilder deadRetentionMillis(long v) {
    deadRetentionMillis = v;
    return this;
  }

  /** See {@link GossipConfig#maxMembers}. */
  public GossipConfigBuilder maxMembers(int v) {
    maxMembers = v;
    return this;
  }

  /** See {@link GossipConfig#maxRumors}. */
  public GossipConfigBuilder maxRumors(int v) {
    maxRumors = v;
    return this;
  }

  /**
   * Validates and builds.
   *
   * @throws IllegalArgumentException naming the first field out of range
   */
  public GossipConfig build() {
    positive("probeIntervalMillis", probeIntervalMillis);
    positive("probeTimeoutMillis", probeTimeoutMillis);
    if (probeTimeoutMillis > probeIntervalMillis) {
      throw new IllegalArgumentException(
          "probeTimeoutMillis (" + probeTimeoutMillis + ") exceeds probeIntervalMillis");
    }
    range("indirectChecks", indirectChecks, 0, 16);
    range("awarenessMaxMultiplier", awarenessMaxMultiplier, 1, 64);
    positive("gossipIntervalMillis", gossipIntervalMillis);
    range("gossipNodes", gossipNodes, 0, 64);
    range("maxClaimsPerMessage", maxClaimsPerMessage, 1, WireLimits.MAX_PIGGYBACK_CLAIMS);
    range("retransmitMult", retransmitMult, 1, 64);
    range("suspicionMult", suspicionMult, 1, 1000);
    range("suspicionMaxTimeoutMult", suspicionMaxTimeoutMult, 1, 100);
    range("suspicionConfirmations", suspicionConfirmations, 0, 16);
    range("maxAccusationProbes", maxAccusationProbes, 0, 64);
    positive("pushPullIntervalMillis", pushPullIntervalMillis);
    positive("pushPullTimeoutMillis", pushPullTimeoutMillis);
    range("maxConcurrentPushPulls", maxConcurrentPushPulls, 1, 64);
    range("maxPushPullResponsesPerSecond", maxPushPullResponsesPerSecond, 1, 100_000);
    positive("joinRetryIntervalMillis", joinRetryIntervalMillis);
    positive("gossipToTheDeadMillis", gossipToTheDeadMillis);
    positive("deadRetentionMillis", deadRetentionMillis);
    range("maxMembers", maxMembers, 2, GossipConfig.MAX_MEMBERS_LIMIT);
    range("maxRumors", maxRumors, 1, 1 << 20);
    return new GossipConfig(this);
  }

  private static void positive(String name, long v) {
    if (v <= 0 || v > 86_400_000L) {
      throw new IllegalArgumentException(name + " must be 1..86400000 ms, got " + v);
    }
  }

  private static void range(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + v);
    }
  }
}
