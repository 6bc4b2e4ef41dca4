package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.GossipStats;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.gossip.Swim;
import io.skein.gossip.msg.GossipMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many {@link Swim} gossip cores in one {@link Simulator}, with the bookkeeping scenarios need:
 * nodes that join through seeds, convergence checks, counts of membership events, false deaths (a
 * node declared dead while its process runs), and {@link Watch}es that time how an event about one
 * member spreads.
 *
 * <p>The first {@code seedNodes} nodes (0, 1, ...) are the seeds; every node, seeds included, joins
 * through them. Nodes are added at the current virtual time, or spread over a period with {@link
 * #addNodes(int, long)}.
 */
public final class GossipSim {
  /** Most false deaths kept in {@link #falseDeaths()}; more are only counted. */
  public static final int MAX_FALSE_DEATHS_KEPT = 100_000;

  /** A node declared dead by {@code observer} while its process was running. */
  public record FalseDeath(long timeNanos, int observer, int subject, boolean subjectPaused) {}

  private final Simulator<GossipMessage> sim;
  private final GossipConfig config;
  private final List<Endpoint> seeds;
  private final Map<PublicKey, Integer> nodeByKey = new HashMap<>();
  private final long[] eventCounts = new long[MemberEvent.Type.values().length];
  private final Map<PublicKey, List<Watch>> watches = new HashMap<>();
  private final List<FalseDeath> falseDeaths = new ArrayList<>();
  private final SimEventListener userListener;
  private long falseDeathCount;
  private long falseDeathEpisodes;
  private long[] falseDeathsBySubject = new long[0];
  private long[] episodesBySubject = new long[0];
  private long[] episodeIncarnation = new long[0];
  private PublicKey[] episodeKey = new PublicKey[0];
  private int pendingAdds;
  private long trueDeathCount;

  private GossipSim(Builder b) {
    this.config = b.config;
    this.userListener = b.eventListener;
    List<Endpoint> s = new ArrayList<>();
    for (int i = 0; i < b.seedNodes; i++) {
      s.add(Simulator.endpointOf(i));
    }
    this.seeds = List.copyOf(s);
    this.sim =
        Simulator.<GossipMessage>builder(b.seed)
            .keys(b.keys)
            .link(b.link)
            .fingerprint(GossipFingerprints::of)
            .traceListener(b.traceListener)
            .eventListener(this::onEvent)
            .build();
  }

  /** A builder; every random choice of the run derives from {@code seed}. */
  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** The simulator underneath: clock, network faults, crash, pause, trace hash. */
  public Simulator<GossipMessage> sim() {
    return sim;
  }

  /** The gossip configuration every node runs. */
  public GossipConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- nodes

  /** Adds one node now; it joins through the seeds. Returns its index. */
  public int addNode() {
    return sim.addNode(this::newProcess);
  }

  /**
   * Adds {@code count} nodes, the first now and the others evenly spread over {@code overNanos}
   * (scheduled: they appear as the simulation runs). Returns the index of the first; the others
   * follow in order.
   */
  public int addNodes(int count, long overNanos) {
    int first = sim.nodeCount();
    long start = sim.nowNanos();
    for (int i = 0; i < count; i++) {
      long at = count == 1 ? start : start + overNanos * i / count;
      if (i == 0) {
        addNode();
      } else {
        pendingAdds++;
        sim.schedule(
            at,
            () -> {
              pendingAdds--;
              addNode();
            });
      }
    }
    return first;
  }

  private SimProcess<GossipMessage> newProcess(SimNode node) {
    nodeByKey.put(node.signer().publicKey(), node.index());
    return new SwimProcess(node, config, seeds);
  }

  /**
   * Node {@code index}'s core, or null while it is crashed (or if a test put another kind of
   * process there, such as an attacker).
   */
  public Swim swim(int index) {
    return sim.process(index) instanceof SwimProcess p ? p.swim() : null;
  }

  /** Nodes scheduled by {@link #addNodes(int, long)} that have not started yet. */
  public int pendingAdds() {
    return pendingAdds;
  }

  /** Nodes added so far. */
  public int nodeCount() {
    return sim.nodeCount();
  }

  /** Nodes whose process runs now (paused ones included). */
  public int upCount() {
    int up = 0;
    for (int i = 0; i < sim.nodeCount(); i++) {
      if (sim.isUp(i)) {
        up++;
      }
    }
    return up;
  }

  /** The node that holds or held {@code key}, or -1. */
  public int nodeOf(PublicKey key) {
    Integer i = nodeByKey.get(key);
    return i == null ? -1 : i;
  }

  /** Crashes node {@code index} (see {@link Simulator#crash(int)}). */
  public void crash(int index) {
    sim.crash(index);
  }

  /** Restarts node {@code index}: a new core that joins through the seeds again. */
  public void restart(int index, boolean freshKey) {
    sim.restart(index, freshKey);
  }

  /** Node {@code index} leaves gracefully now. */
  public void leave(int index) {
    sim.command(index, p -> ((SwimProcess) p).swim().leave(sim.nowNanos()));
  }

  // ---------------------------------------------------------------- views

  /**
   * Whether every node {@link #addNodes(int, long) scheduled} has started and every running node
   * counts exactly the running nodes as live (alive or suspect).
   */
  public boolean converged() {
    if (pendingAdds > 0) {
      return false;
    }
    int up = upCount();
    for (int i = 0; i < sim.nodeCount(); i++) {
      Swim s = swim(i);
      if (s != null && s.liveMembers() != up) {
        return false;
      }
    }
    return true;
  }

  /**
   * The strict form of {@link #converged()}: every running node sees exactly the running nodes'
   * current keys as ALIVE, and every other member it knows as DEAD or LEFT. Costs N^2.
   */
  public boolean viewsExact() {
    Set<PublicKey> upKeys = new HashSet<>();
    for (int i = 0; i < sim.nodeCount(); i++) {
      if (sim.isUp(i)) {
        upKeys.add(sim.publicKey(i));
      }
    }
    for (int i = 0; i < sim.nodeCount(); i++) {
      Swim s = swim(i);
      if (s == null) {
        continue;
      }
      int alive = 0;
      for (Member m : s.members()) {
        boolean up = upKeys.contains(m.key());
        if (up != (m.state() == MemberState.ALIVE)) {
          return false;
        }
        if (up) {
          alive++;
        }
      }
      if (alive != upKeys.size()) {
        return false;
      }
    }
    return true;
  }

  /** Runs until {@link #converged()} (checked every 100 ms of virtual time) or the deadline. */
  public boolean runUntilConverged(long deadlineNanos) {
    return sim.runUntil(this::converged, 100_000_000L, deadlineNanos);
  }

  /** The state of {@code subject} in node {@code observer}'s view, or null if unknown. */
  public MemberState stateIn(int observer, PublicKey subject) {
    Swim s = swim(observer);
    if (s == null) {
      return null;
    }
    return s.member(subject).map(Member::state).orElse(null);
  }

  /** The sum of one counter over the running cores (a crashed core's counters are gone). */
  public long counterSum(GossipStats.Counter counter) {
    long sum = 0;
    for (int i = 0; i < sim.nodeCount(); i++) {
      Swim s = swim(i);
      if (s != null) {
        sum += s.stats().get(counter);
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------- events

  /** Membership events of this type reported so far, over all nodes. */
  public long eventCount(MemberEvent.Type type) {
    return eventCounts[type.ordinal()];
  }

  /** DEAD events about a member whose process was running at that moment. */
  public long falseDeathCount() {
    return falseDeathCount;
  }

  /**
   * Members declared dead while their process ran, each counted once per (member, incarnation)
   * however many nodes declared it: the number of wrong verdicts, where {@link #falseDeathCount()}
   * counts every node's report of them.
   */
  public long falseDeathEpisodes() {
    return falseDeathEpisodes;
  }

  /** {@link #falseDeathCount()} about node {@code subject} only. */
  public long falseDeathsAbout(int subject) {
    return subject < falseDeathsBySubject.length ? falseDeathsBySubject[subject] : 0;
  }

  /** {@link #falseDeathEpisodes()} about node {@code subject} only. */
  public long falseDeathEpisodesAbout(int subject) {
    return subject < episodesBySubject.length ? episodesBySubject[subject] : 0;
  }

  private void falseDeath(int subject, PublicKey key, long incarnation) {
    falseDeathCount++;
    if (subject >= falseDeathsBySubject.length) {
      int size = Math.max(subject + 1, falseDeathsBySubject.length * 2);
      int old = falseDeathsBySubject.length;
      falseDeathsBySubject = Arrays.copyOf(falseDeathsBySubject, size);
      episodesBySubject = Arrays.copyOf(episodesBySubject, size);
      episodeIncarnation = Arrays.copyOf(episodeIncarnation, size);
      episodeKey = Arrays.copyOf(episodeKey, size);
      Arrays.fill(episodeIncarnation, old, size, -1);
    }
    falseDeathsBySubject[subject]++;
    if (episodeIncarnation[subject] != incarnation || !key.equals(episodeKey[subject])) {
      episodeIncarnation[subject] = incarnation;
      episodeKey[subject] = key;
      episodesBySubject[subject]++;
      falseDeathEpisodes++;
    }
  }

  /** DEAD events about a member that was crashed (or restarted with another key). */
  public long trueDeathCount() {
    return trueDeathCount;
  }

  /** The first {@link #MAX_FALSE_DEATHS_KEPT} false deaths. */
  public List<FalseDeath> falseDeaths() {
    return List.copyOf(falseDeaths);
  }

  /**
   * Starts recording, from now, when each node first reports one of {@code types} about {@code
   * subject}.
   */
  public Watch watch(PublicKey subject, Set<MemberEvent.Type> types) {
    Watch w = new Watch(subject, types, sim.nowNanos(), sim.nodeCount());
    watches.computeIfAbsent(subject, k -> new ArrayList<>(1)).add(w);
    return w;
  }

  /** Stops updating {@code watch}. */
  public void unwatch(Watch watch) {
    List<Watch> list = watches.get(watch.subject());
    if (list != null) {
      list.remove(watch);
      if (list.isEmpty()) {
        watches.remove(watch.subject());
      }
    }
  }

  private void onEvent(long timeNanos, int node, Object event) {
    MemberEvent e = (MemberEvent) event;
    eventCounts[e.type().ordinal()]++;
    PublicKey subject = e.member().key();
    if (e.type() == MemberEvent.Type.DEAD) {
      int j = nodeOf(subject);
      if (j >= 0 && sim.isUp(j) && sim.publicKey(j).equals(subject)) {
        falseDeath(j, subject, e.member().incarnation());
        if (falseDeaths.size() < MAX_FALSE_DEATHS_KEPT) {
          falseDeaths.add(new FalseDeath(timeNanos, node, j, sim.isPaused(j)));
        }
      } else {
        trueDeathCount++;
      }
    }
    if (!watches.isEmpty()) {
      List<Watch> list = watches.get(subject);
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          list.get(i).onEvent(timeNanos, node, e);
        }
      }
    }
    if (userListener != null) {
      userListener.onEvent(timeNanos, node, event);
    }
  }

  /** Configures a {@link GossipSim}. */
  public static final class Builder {
    private final long seed;
    private GossipConfig config = GossipConfig.lan();
    private LinkModel link = LinkModel.lan();
    private SimKeys keys = SimKeys.standIn();
    private int seedNodes = 3;
    private TraceListener traceListener;
    private SimEventListener eventListener;

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Gossip tuning of every node; default {@link GossipConfig#lan()}. */
    public Builder config(GossipConfig config) {
      this.config = config;
      return this;
    }

    /** Default link model; default {@link LinkModel#lan()}. */
    public Builder link(LinkModel link) {
      this.link = link;
      return this;
    }

    /** Identities: {@link SimKeys#standIn()} (default) or {@link SimKeys#ed25519()}. */
    public Builder keys(SimKeys keys) {
      this.keys = keys;
      return this;
    }

    /** How many of the first nodes act as seeds; default 3. */
    public Builder seedNodes(int seedNodes) {
      if (seedNodes < 1) {
        throw new IllegalArgumentException("need at least one seed node");
      }
      this.seedNodes = seedNodes;
      return this;
    }

    /** Observe every trace record (debugging). */
    public Builder traceListener(TraceListener listener) {
      this.traceListener = listener;
      return this;
    }

    /** Observe membership events too (after the harness's own bookkeeping). */
    public Builder eventListener(SimEventListener listener) {
      this.eventListener = listener;
      return this;
    }

    /** The harness, with no nodes yet. */
    public GossipSim build() {
      return new GossipSim(this);
    }
  }
}
