package io.skein.testnet.sim;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.MemberEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The gossip measurements run on simulated clusters: how fast one update spreads, how fast a crash
 * is known everywhere, and how many live members are wrongly declared dead under message loss or
 * stalling nodes. {@link GossipSimBench} runs them at 1,000 nodes and writes the report; tests run
 * them smaller.
 */
public final class GossipScenarios {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000_000_000L;

  /** Soaks report progress every this much virtual time. */
  static final long PROGRESS_EVERY_NANOS = 600 * SECOND;

  private GossipScenarios() {}

  /**
   * What to run.
   *
   * @param nodes cluster size
   * @param seed the run's seed
   * @param config gossip tuning of every node
   * @param link the network when no fault applies
   * @param startSpreadNanos nodes start evenly spread over this period
   * @param convergeTimeoutNanos how long a start may take to converge before the run gives up
   * @param joinTrials updates timed as a new member joining
   * @param leaveTrials updates timed as a member leaving
   * @param crashTrials crashes timed until every live node declared the member dead
   * @param soakNanos length of the loss and stall soaks
   * @param loss message loss probability in the loss soak
   * @param stallFraction share of nodes that stall in the stall soak
   * @param stallMinNanos shortest stall
   * @param stallMaxNanos longest stall
   * @param stallMeanGapNanos mean running time between two stalls of one stalling node
   */
  public record Params(
      int nodes,
      long seed,
      GossipConfig config,
      LinkModel link,
      long startSpreadNanos,
      long convergeTimeoutNanos,
      int joinTrials,
      int leaveTrials,
      int crashTrials,
      long soakNanos,
      double loss,
      double stallFraction,
      long stallMinNanos,
      long stallMaxNanos,
      long stallMeanGapNanos) {

    /**
     * The figures the issue asks for: {@code nodes} nodes on {@link GossipConfig#lan()} and {@link
     * LinkModel#lan()}, started over 10 s; 20 joins, 10 leaves, 20 crashes; one virtual hour at 5%
     * loss; one virtual hour with 10% of nodes stalling 1-5 s after a mean 30 s of running.
     */
    public static Params standard(int nodes, long seed) {
      return new Params(
          nodes,
          seed,
          GossipConfig.lan(),
          LinkModel.lan(),
          10 * SECOND,
          600 * SECOND,
          20,
          10,
          20,
          3600 * SECOND,
          0.05,
          0.10,
          SECOND,
          5 * SECOND,
          30 * SECOND);
    }

    /** This with another soak length. */
    public Params withSoak(long soakNanos) {
      return new Params(
          nodes,
          seed,
          config,
          link,
          startSpreadNanos,
          convergeTimeoutNanos,
          joinTrials,
          leaveTrials,
          crashTrials,
          soakNanos,
          loss,
          stallFraction,
          stallMinNanos,
          stallMaxNanos,
          stallMeanGapNanos);
    }

    /** This with other trial counts. */
    public Params withTrials(int joins, int leaves, int crashes) {
      return new Params(
          nodes,
          seed,
          config,
          link,
          startSpreadNanos,
          convergeTimeoutNanos,
          joins,
          leaves,
          crashes,
          soakNanos,
          loss,
          stallFraction,
          stallMinNanos,
          stallMaxNanos,
          stallMeanGapNanos);
    }
  }

  /**
   * A cluster's start.
   *
   * @param nodes nodes started
   * @param converged whether every node counted every node live before the timeout
   * @param convergeNanos virtual time from the first start until converged
   * @param wallSeconds real time the start took to simulate
   * @param cpuSeconds CPU time of the simulating thread
   */
  public record Start(
      int nodes, boolean converged, long convergeNanos, double wallSeconds, double cpuSeconds) {}

  /**
   * Update spread and crash detection, measured on one cluster.
   *
   * @param start the cluster's start
   * @param joinReachNanos per join: time until 99.9% of the other live nodes reported it JOINED
   * @param leaveReachNanos per leave: time until 99.9% of the other live nodes reported it LEFT
   * @param deadEverywhereNanos per crash: time until every live node reported it DEAD
   * @param deadReachNanos per crash: time until 99.9% of the live nodes reported it DEAD
   * @param deadObserverNanos every (crash, live node) pair: time until that node reported DEAD
   * @param unreached trials whose update or crash had not reached its target by the timeout
   * @param falseDeaths DEAD events about running nodes during the whole run
   * @param wallSeconds real time of the trials (start excluded)
   * @param cpuSeconds CPU time of the simulating thread for the trials
   * @param traceHash the run's trace hash
   */
  public record Spread(
      Start start,
      long[] joinReachNanos,
      long[] leaveReachNanos,
      long[] deadEverywhereNanos,
      long[] deadReachNanos,
      long[] deadObserverNanos,
      int unreached,
      long falseDeaths,
      double wallSeconds,
      double cpuSeconds,
      String traceHash) {}

  /**
   * A long run under one fault, counted from the end of the start.
   *
   * @param name what the soak did
   * @param start the cluster's start
   * @param virtualNanos the soak's virtual length
   * @param falseDeathReports DEAD events about running nodes (one per node that declared it)
   * @param falseDeathEpisodes running members declared dead, once per (member, incarnation)
   * @param falseDeathEpisodesOfFaulty of those, about one of the faulty (stalling) nodes
   * @param falseDeathReportsAboutHealthy DEAD events about running nodes that were not faulty
   * @param suspicions SUSPECT events (a node starting a suspicion)
   * @param refutations accusations refuted by their subject
   * @param suspicionsAvoided failed probes Lifeguard blamed on the prober itself, no suspicion
   * @param deadlinesMissed ticks handled more than a probe timeout late (stalled nodes)
   * @param rejoins JOINED events (members back after being declared dead or left)
   * @param stalls pauses injected
   * @param messages messages sent during the soak
   * @param wallSeconds real time the soak took to simulate
   * @param cpuSeconds CPU time of the simulating thread for the soak
   * @param traceHash the run's trace hash
   */
  public record Soak(
      String name,
      Start start,
      long virtualNanos,
      long falseDeathReports,
      long falseDeathEpisodes,
      long falseDeathEpisodesOfFaulty,
      long falseDeathReportsAboutHealthy,
      long suspicions,
      long refutations,
      long suspicionsAvoided,
      long deadlinesMissed,
      long rejoins,
      long stalls,
      long messages,
      double wallSeconds,
      double cpuSeconds,
      String traceHash) {

    /** Running members declared dead that were not faulty themselves. */
    public long falseDeathEpisodesOfHealthy() {
      return falseDeathEpisodes - falseDeathEpisodesOfFaulty;
    }
  }

  /** Builds the harness for {@code p} and starts {@code p.nodes()} nodes; runs until converged. */
  public static GossipSim startCluster(Params p, Start[] start) {
    GossipSim g = GossipSim.builder(p.seed()).config(p.config()).link(p.link()).build();
    long wall = System.nanoTime();
    long cpu = cpuNanos();
    g.addNodes(p.nodes(), p.startSpreadNanos());
    boolean converged = g.runUntilConverged(p.convergeTimeoutNanos());
    start[0] =
        new Start(
            p.nodes(),
            converged,
            g.sim().nowNanos(),
            (System.nanoTime() - wall) / 1e9,
            (cpuNanos() - cpu) / 1e9);
    return g;
  }

  /** Joins, leaves and crashes, one at a time, each timed until it reached (almost) everyone. */
  public static Spread spread(Params p) {
    Start[] start = new Start[1];
    GossipSim g = startCluster(p, start);
    long wall = System.nanoTime();
    long cpu = cpuNanos();
    RandomGenerator pick = g.sim().random("bench/pick", 0);
    int unreached = 0;
    int minVictim = Math.min(3, p.nodes() - 1);

    long[] joins = new long[p.joinTrials()];
    for (int t = 0; t < joins.length; t++) {
      int node = g.addNode();
      Watch w = g.watch(g.sim().publicKey(node), EnumSet.of(MemberEvent.Type.JOINED));
      OptionalLong reach = runUntilShare(g, w, node, 0.999, 30 * SECOND);
      joins[t] = reach.orElse(-1);
      unreached += reach.isPresent() ? 0 : 1;
      g.unwatch(w);
      g.sim().runFor(2 * SECOND);
    }

    long[] leaves = new long[p.leaveTrials()];
    for (int t = 0; t < leaves.length; t++) {
      int node = pickUp(g, pick, minVictim);
      Watch w = g.watch(g.sim().publicKey(node), EnumSet.of(MemberEvent.Type.LEFT));
      g.leave(node);
      OptionalLong reach = runUntilShare(g, w, node, 0.999, 30 * SECOND);
      leaves[t] = reach.orElse(-1);
      unreached += reach.isPresent() ? 0 : 1;
      g.unwatch(w);
      g.crash(node);
      g.sim().runFor(2 * SECOND);
    }

    long[] everywhere = new long[p.crashTrials()];
    long[] reach999 = new long[p.crashTrials()];
    List<Long> observers = new ArrayList<>();
    for (int t = 0; t < everywhere.length; t++) {
      int node = pickUp(g, pick, minVictim);
      Watch w = g.watch(g.sim().publicKey(node), EnumSet.of(MemberEvent.Type.DEAD));
      g.crash(node);
      int population = g.upCount();
      g.sim().runUntil(() -> w.seen() >= population, 10 * MS, g.sim().nowNanos() + 60 * SECOND);
      OptionalLong all = w.timeToReachNanos(population);
      everywhere[t] = all.orElse(-1);
      reach999[t] = w.timeToReachNanos(share(population, 0.999)).orElse(-1);
      unreached += all.isPresent() ? 0 : 1;
      for (long latency : w.latenciesNanos()) {
        observers.add(latency);
      }
      g.unwatch(w);
      g.sim().runFor(5 * SECOND);
    }
    return new Spread(
        start[0],
        joins,
        leaves,
        everywhere,
        reach999,
        observers.stream().mapToLong(Long::longValue).toArray(),
        unreached,
        g.falseDeathCount(),
        (System.nanoTime() - wall) / 1e9,
        (cpuNanos() - cpu) / 1e9,
        g.sim().traceHashHex());
  }

  /** One soak at {@code p.loss()} message loss on every link. */
  public static Soak lossSoak(Params p, Consumer<String> progress) {
    Start[] start = new Start[1];
    GossipSim g = startCluster(p, start);
    g.sim().network().defaultLink(p.link().withLoss(p.loss()));
    return soak(
        g,
        start[0],
        String.format("%.0f%% message loss on every link", p.loss() * 100),
        new BitSet(),
        p.soakNanos(),
        progress);
  }

  /** One soak with {@code p.stallFraction()} of the nodes stalling again and again. */
  public static Soak stallSoak(Params p, Consumer<String> progress) {
    Start[] start = new Start[1];
    GossipSim g = startCluster(p, start);
    int count = (int) Math.round(p.nodes() * p.stallFraction());
    BitSet stalling = SimFaults.pickNodes(g.sim(), "stall", p.nodes(), count);
    SimFaults.randomStalls(
        g.sim(),
        stalling,
        p.stallMinNanos(),
        p.stallMaxNanos(),
        p.stallMeanGapNanos(),
        g.sim().nowNanos() + p.soakNanos());
    String name =
        String.format(
            "%d of %d nodes stalling %.0f-%.0f s after a mean %.0f s of running",
            count,
            p.nodes(),
            p.stallMinNanos() / 1e9,
            p.stallMaxNanos() / 1e9,
            p.stallMeanGapNanos() / 1e9);
    return soak(g, start[0], name, stalling, p.soakNanos(), progress);
  }

  private static Soak soak(
      GossipSim g, Start start, String name, BitSet faulty, long nanos, Consumer<String> progress) {
    long wall = System.nanoTime();
    long cpu = cpuNanos();
    long from = g.sim().nowNanos();
    int n = g.nodeCount();
    long[] episodesBefore = new long[n];
    long[] reportsBefore = new long[n];
    for (int i = 0; i < n; i++) {
      episodesBefore[i] = g.falseDeathEpisodesAbout(i);
      reportsBefore[i] = g.falseDeathsAbout(i);
    }
    long falseBefore = g.falseDeathCount();
    long episodesTotalBefore = g.falseDeathEpisodes();
    long suspectBefore = g.eventCount(MemberEvent.Type.SUSPECT);
    long joinedBefore = g.eventCount(MemberEvent.Type.JOINED);
    long refutedBefore = g.counterSum(Counter.REFUTATIONS);
    long avoidedBefore = g.counterSum(Counter.SUSPICIONS_AVOIDED);
    long missedBefore = g.counterSum(Counter.DEADLINES_MISSED);
    long pausesBefore = g.sim().stats().count(TraceKind.PAUSE);
    long sentBefore = g.sim().stats().sent();
    long end = from + nanos;
    while (g.sim().nowNanos() < end) {
      g.sim().runUntil(Math.min(end, g.sim().nowNanos() + PROGRESS_EVERY_NANOS));
      progress.accept(
          String.format(
              Locale.ROOT,
              "%s: %.0f of %.0f virtual s, %.0f s real, false deaths %d (%d reports),"
                  + " suspicions %d",
              name,
              (g.sim().nowNanos() - from) / 1e9,
              nanos / 1e9,
              (System.nanoTime() - wall) / 1e9,
              g.falseDeathEpisodes() - episodesTotalBefore,
              g.falseDeathCount() - falseBefore,
              g.eventCount(MemberEvent.Type.SUSPECT) - suspectBefore));
    }
    long episodesOfFaulty = 0;
    long reportsAboutHealthy = 0;
    for (int i = 0; i < n; i++) {
      if (faulty.get(i)) {
        episodesOfFaulty += g.falseDeathEpisodesAbout(i) - episodesBefore[i];
      } else {
        reportsAboutHealthy += g.falseDeathsAbout(i) - reportsBefore[i];
      }
    }
    return new Soak(
        name,
        start,
        nanos,
        g.falseDeathCount() - falseBefore,
        g.falseDeathEpisodes() - episodesTotalBefore,
        episodesOfFaulty,
        reportsAboutHealthy,
        g.eventCount(MemberEvent.Type.SUSPECT) - suspectBefore,
        g.counterSum(Counter.REFUTATIONS) - refutedBefore,
        g.counterSum(Counter.SUSPICIONS_AVOIDED) - avoidedBefore,
        g.counterSum(Counter.DEADLINES_MISSED) - missedBefore,
        g.eventCount(MemberEvent.Type.JOINED) - joinedBefore,
        g.sim().stats().count(TraceKind.PAUSE) - pausesBefore,
        g.sim().stats().sent() - sentBefore,
        (System.nanoTime() - wall) / 1e9,
        (cpuNanos() - cpu) / 1e9,
        g.sim().traceHashHex());
  }

  /** CPU time of the current thread, or 0 if the JVM cannot tell. */
  static long cpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /**
   * Runs until {@code share} of the live nodes other than {@code subject} reported the watched
   * event, or {@code timeoutNanos}; returns the time it took, from the watch's start.
   */
  static OptionalLong runUntilShare(
      GossipSim g, Watch w, int subject, double share, long timeoutNanos) {
    int others = g.upCount() - (g.sim().isUp(subject) ? 1 : 0);
    int need = share(others, share);
    g.sim().runUntil(() -> w.seen() >= need, 10 * MS, w.sinceNanos() + timeoutNanos);
    return w.timeToReachNanos(need);
  }

  /** The smallest count that is at least {@code share} of {@code population}. */
  static int share(int population, double share) {
    return (int) Math.ceil(population * share - 1e-9);
  }

  /** A random running node with index at least {@code minIndex} (seeds stay up). */
  private static int pickUp(GossipSim g, RandomGenerator pick, int minIndex) {
    int n = g.nodeCount();
    for (int tries = 0; tries < 10 * n; tries++) {
      int i = minIndex + pick.nextInt(n - minIndex);
      if (g.sim().isUp(i)) {
        return i;
      }
    }
    throw new IllegalStateException("no running node to pick");
  }

  /** Percentiles of the non-negative values (negative ones mark trials that did not finish). */
  static Percentiles finished(long[] values) {
    return Percentiles.of(Arrays.stream(values).filter(v -> v >= 0).toArray());
  }
}
