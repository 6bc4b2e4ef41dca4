package io.skein.testnet.sim.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.Dht;
import io.skein.dht.DhtConfig;
import io.skein.dht.DhtResult;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.StoredRecord;
import io.skein.testnet.sim.Simulator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * A simulated network of {@link DhtSim} nodes on one {@link Simulator}, with the gossip layer
 * modelled, faults, hostile nodes and ground truth: the scenario helper of the DHT simulations.
 *
 * <p>The real node feeds its DHT routing table from gossip: every live member the membership layer
 * vouches for enters through {@link Dht#onMemberAlive}, and a member it declares dead leaves
 * through {@link Dht#onMemberDead}. The cluster models that feed in one of two {@link Feed} modes:
 *
 * <ul>
 *   <li>{@link Feed#MEMBERSHIP}: converged gossip. At start every node learns every other one; a
 *       crashed node (when announced) is declared dead at every live node {@code detectionDelay}
 *       later; a replacement learns every live member and every live member learns it {@code
 *       joinDelay} after it starts. This is what the real node does.
 *   <li>{@link Feed#BOOTSTRAP}: no gossip. Nodes join one after another, {@code joinInterval}
 *       apart, each with {@link Dht#bootstrap} through the seed nodes (the first three), and learn
 *       of everybody else only through FIND_NODE answers and requests; nobody is ever told of a
 *       death.
 * </ul>
 *
 * Every random choice (node keys, which nodes are malicious, which fail) derives from the seed.
 */
public final class DhtCluster {
  /** How routing tables learn about peers. */
  public enum Feed {
    /** Gossip's converged member list feeds every table (the real node). */
    MEMBERSHIP,
    /** Nodes join only through FIND_NODE from the seeds. */
    BOOTSTRAP
  }

  /**
   * A user operation: started on {@code node} in its {@code incarnation}, with core id {@code id}.
   */
  public record Op(int node, int incarnation, long id) {}

  /** Seed nodes of {@link Feed#BOOTSTRAP}: the first ones. */
  public static final int BOOTSTRAP_SEEDS = 3;

  private static final long MS = 1_000_000L;
  private static final long CHECK_NANOS = MS;

  private final Simulator<DhtMessage> sim;
  private final DhtConfig config;
  private final Feed feed;
  private final long detectionDelayNanos;
  private final long joinDelayNanos;
  private final Collusion collusion;
  private final List<Contact> contacts = new ArrayList<>();
  private final List<MaliciousDht> malice = new ArrayList<>();
  private final Map<NodeId, Integer> indexById = new HashMap<>();
  private final Map<Op, DhtResult> results = new HashMap<>();

  DhtCluster(DhtClusterBuilder b) {
    this.config = b.config;
    this.feed = b.feed;
    this.detectionDelayNanos = b.detectionDelayNanos;
    this.joinDelayNanos = b.joinDelayNanos;
    this.sim =
        Simulator.<DhtMessage>builder(b.seed)
            .link(b.link)
            .keys(b.keys)
            .fingerprint(DhtFingerprints::of)
            .build();
    int fakes = b.fakeIdentities >= 0 ? b.fakeIdentities : 4 * b.nodes;
    this.collusion = Collusion.create(sim.random("collusion/fakes", 0), fakes);
    for (int i = 0; i < b.nodes; i++) {
      malice.add(null);
    }
    int spec = 0;
    for (DhtClusterBuilder.MaliciousSpec m : b.malicious) {
      BitSet picked = m.nodes() != null ? m.nodes() : pickHonest(spec, m.count());
      MaliciousDht behaviour = MaliciousDht.of(collusion, m.behaviours());
      for (int i = picked.nextSetBit(0); i >= 0; i = picked.nextSetBit(i + 1)) {
        malice.set(i, behaviour);
      }
      spec++;
    }
    sim.addNodes(
        b.nodes,
        node -> {
          DhtSim p = new DhtSim(node, config, this::onResult);
          p.malice(malice.get(node.index()));
          Contact self = p.contact();
          if (node.index() < contacts.size()) {
            contacts.set(node.index(), self);
          } else {
            contacts.add(self);
          }
          indexById.put(self.id(), node.index());
          return p;
        });
    for (int i = 0; i < b.nodes; i++) {
      MaliciousDht m = malice.get(i);
      if (m != null && m.has(MaliciousDht.Behaviour.COLLUDING_CONTACTS)) {
        collusion.addMember(contacts.get(i));
      }
    }
    if (feed == Feed.MEMBERSHIP) {
      introduceAll();
    } else {
      bootstrapAll(b.joinIntervalNanos);
    }
  }

  /** {@code count} nodes not yet malicious, drawn from the stream ("malicious/spec", spec). */
  private BitSet pickHonest(int spec, int count) {
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < malice.size(); i++) {
      if (malice.get(i) == null) {
        honest.add(i);
      }
    }
    if (count < 0 || count > honest.size()) {
      throw new IllegalArgumentException(
          "cannot make " + count + " of " + honest.size() + " honest nodes malicious");
    }
    RandomGenerator random = sim.random("malicious/spec", spec);
    BitSet picked = new BitSet();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(honest.size() - i);
      Collections.swap(honest, i, j);
      picked.set(honest.get(i));
    }
    return picked;
  }

  /** A builder for a cluster whose every random choice derives from {@code seed}. */
  public static DhtClusterBuilder builder(long seed) {
    return new DhtClusterBuilder(seed);
  }

  // ---- access ----

  /** The simulator (faults, time, trace hash). */
  public Simulator<DhtMessage> sim() {
    return sim;
  }

  /** The settings every node runs with. */
  public DhtConfig config() {
    return config;
  }

  /** The feed mode. */
  public Feed feed() {
    return feed;
  }

  /** What the malicious nodes share. */
  public Collusion collusion() {
    return collusion;
  }

  /** Nodes ever added (crashed ones included). */
  public int size() {
    return contacts.size();
  }

  /** The virtual time. */
  public long now() {
    return sim.nowNanos();
  }

  /** Whether node {@code node} is running. */
  public boolean isUp(int node) {
    return sim.isUp(node);
  }

  /** Node {@code node}'s process; it must be running. */
  public DhtSim process(int node) {
    DhtSim p = (DhtSim) sim.process(node);
    if (p == null) {
      throw new IllegalStateException("node " + node + " is down");
    }
    return p;
  }

  /** Node {@code node}'s core; it must be running. */
  public Dht dht(int node) {
    return process(node).dht();
  }

  /** Node {@code node}'s current contact (its last identity if it is down). */
  public Contact contact(int node) {
    return contacts.get(node);
  }

  /** The node that has or had identity {@code id}, or -1. */
  public int indexOf(NodeId id) {
    Integer i = indexById.get(id);
    return i == null ? -1 : i;
  }

  /** The behaviour of node {@code node}, or null if it is honest. */
  public MaliciousDht malice(int node) {
    return malice.get(node);
  }

  /** Whether node {@code node} is honest. */
  public boolean isHonest(int node) {
    return malice.get(node) == null;
  }

  /**
   * Makes node {@code node} behave as {@code behaviour} (null: honest) from now on, across
   * restarts.
   */
  public void setMalice(int node, MaliciousDht behaviour) {
    malice.set(node, behaviour);
    if (sim.isUp(node)) {
      process(node).malice(behaviour);
    }
  }

  /** Running nodes, in index order. */
  public List<Integer> liveNodes() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (sim.isUp(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Running honest nodes, in index order. */
  public List<Integer> liveHonestNodes() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (sim.isUp(i) && isHonest(i)) {
        out.add(i);
      }
    }
    return out;
  }

  // ---- membership feed ----

  /** Every running node learns every other running node as a live member. */
  public void introduceAll() {
    List<Integer> live = liveNodes();
    for (int i : live) {
      learnAll(i, live);
    }
  }

  private void learnAll(int node, List<Integer> live) {
    sim.command(
        node,
        p -> {
          Dht d = ((DhtSim) p).dht();
          long now = sim.nowNanos();
          for (int j : live) {
            if (j != node) {
              d.onMemberAlive(now, contacts.get(j));
            }
          }
        });
  }

  /** Every running node but {@code node} learns {@code node} as a live member. */
  public void announceAlive(int node) {
    Contact member = contacts.get(node);
    for (int j : liveNodes()) {
      if (j != node) {
        sim.command(j, p -> ((DhtSim) p).dht().onMemberAlive(sim.nowNanos(), member));
      }
    }
  }

  /** Every running node learns that the member {@code dead} is dead. */
  public void announceDead(NodeId dead) {
    for (int j : liveNodes()) {
      sim.command(j, p -> ((DhtSim) p).dht().onMemberDead(sim.nowNanos(), dead));
    }
  }

  /** Joins nodes one by one through the seed nodes, then lets their bucket refreshes finish. */
  private void bootstrapAll(long joinIntervalNanos) {
    List<Op> joins = new ArrayList<>();
    for (int i = 1; i < size(); i++) {
      sim.runUntil(sim.nowNanos() + joinIntervalNanos);
      joins.add(bootstrap(i));
    }
    awaitAll(joins, 600_000 * MS);
    sim.runFor(30_000 * MS);
  }

  /** Node {@code node} joins through the seed nodes (the first {@link #BOOTSTRAP_SEEDS}). */
  public Op bootstrap(int node) {
    List<Contact> seeds = new ArrayList<>();
    for (int s = 0; s < Math.min(BOOTSTRAP_SEEDS, size()); s++) {
      if (s != node && sim.isUp(s)) {
        seeds.add(contacts.get(s));
      }
    }
    return start(node, d -> d.bootstrap(sim.nowNanos(), seeds));
  }

  // ---- faults ----

  /**
   * Crashes node {@code node} now. With {@code announce} and the {@link Feed#MEMBERSHIP} feed,
   * gossip declares it dead at every live node {@code detectionDelay} later. Its unfinished
   * operations never complete.
   */
  public void crash(int node, boolean announce) {
    NodeId id = contacts.get(node).id();
    sim.crash(node);
    if (announce && feed == Feed.MEMBERSHIP) {
      sim.scheduleAfter(detectionDelayNanos, () -> announceDead(id));
    }
  }

  /**
   * Replaces node {@code node} by a new one (a crash, then a restart at the same address with a
   * fresh identity and empty state). With {@link Feed#MEMBERSHIP} the old identity is declared dead
   * {@code detectionDelay} later and the newcomer joins the member list {@code joinDelay} later;
   * with {@link Feed#BOOTSTRAP} it bootstraps through the seeds at once.
   */
  public void replace(int node) {
    NodeId old = contacts.get(node).id();
    crash(node, true);
    if (collusion.removeMember(old)) {
      sim.restart(node, true);
      collusion.addMember(contacts.get(node));
    } else {
      sim.restart(node, true);
    }
    if (feed == Feed.MEMBERSHIP) {
      int incarnation = sim.incarnation(node);
      sim.scheduleAfter(
          joinDelayNanos,
          () -> {
            if (sim.isUp(node) && sim.incarnation(node) == incarnation) {
              learnAll(node, liveNodes());
              announceAlive(node);
            }
          });
    } else {
      bootstrap(node);
    }
  }

  // ---- operations ----

  /** Starts a lookup of the k nodes closest to {@code target} on node {@code node}. */
  public Op findNode(int node, NodeId target) {
    return start(node, d -> d.findNode(sim.nowNanos(), target));
  }

  /** Starts a get of {@code key} on node {@code node}. */
  public Op get(int node, RecordKey key) {
    return start(node, d -> d.get(sim.nowNanos(), key));
  }

  /** Starts a put of {@code record} on node {@code node}. */
  public Op put(int node, Record record) {
    return start(node, d -> d.put(sim.nowNanos(), record));
  }

  /** A mutable record signed by node {@code node}'s key. */
  public MutableRecord signMutable(int node, byte[] salt, long seq, byte[] value) {
    return dht(node).signMutable(salt, seq, value);
  }

  /** Runs {@code command} against node {@code node}'s core, then sends what it queued. */
  public void command(int node, Consumer<Dht> command) {
    sim.command(node, p -> command.accept(((DhtSim) p).dht()));
  }

  /** Runs {@code call} against node {@code node}'s core as a user command; returns its op. */
  public Op start(int node, ToLongFunction<Dht> call) {
    long[] id = new long[1];
    sim.command(node, p -> id[0] = call.applyAsLong(((DhtSim) p).dht()));
    return new Op(node, sim.incarnation(node), id[0]);
  }

  /** The result of {@code op}, or null while it runs (or if its node crashed first). */
  @SuppressWarnings("unchecked")
  public <R extends DhtResult> R result(Op op) {
    return (R) results.get(op);
  }

  /**
   * Runs until {@code op} completes.
   *
   * @throws IllegalStateException if it did not within {@code maxNanos} of virtual time
   */
  public <R extends DhtResult> R await(Op op, long maxNanos) {
    if (!sim.runUntil(() -> results.containsKey(op), CHECK_NANOS, sim.nowNanos() + maxNanos)) {
      throw new IllegalStateException(op + " did not complete; seed=" + sim.seed());
    }
    return result(op);
  }

  /** Runs until every op of {@code ops} completed or {@code maxNanos} passed; whether all did. */
  public boolean awaitAll(Collection<Op> ops, long maxNanos) {
    List<Op> list = new ArrayList<>(ops);
    int[] next = {0};
    return sim.runUntil(
        () -> {
          while (next[0] < list.size() && results.containsKey(list.get(next[0]))) {
            next[0]++;
          }
          return next[0] == list.size();
        },
        CHECK_NANOS,
        sim.nowNanos() + maxNanos);
  }

  private void onResult(int node, int incarnation, DhtResult result) {
    Op op = new Op(node, incarnation, result.operationId());
    results.put(op, result);
  }

  // ---- ground truth ----

  /** The {@code n} running nodes closest to {@code target} that {@code include} accepts. */
  public List<Contact> trueClosest(NodeId target, int n, IntPredicate include) {
    PriorityQueue<Contact> farthestFirst =
        new PriorityQueue<>((a, b) -> target.compareDistance(b.id(), a.id()));
    for (int i = 0; i < size(); i++) {
      if (!sim.isUp(i) || !include.test(i)) {
        continue;
      }
      Contact c = contacts.get(i);
      if (farthestFirst.size() < n) {
        farthestFirst.add(c);
      } else if (target.compareDistance(c.id(), farthestFirst.peek().id()) < 0) {
        farthestFirst.poll();
        farthestFirst.add(c);
      }
    }
    List<Contact> out = new ArrayList<>(farthestFirst);
    out.sort((a, b) -> target.compareDistance(a.id(), b.id()));
    return out;
  }

  /** Running nodes whose store holds an unexpired record at {@code key}, in index order. */
  public List<Integer> holders(RecordKey key) {
    return holders(key, null);
  }

  /**
   * Running nodes whose store holds exactly {@code record} (unexpired) at its key, in index order.
   */
  public List<Integer> holdersOf(Record record) {
    return holders(record.key(), record);
  }

  private List<Integer> holders(RecordKey key, Record exactly) {
    long nowMillis = Math.floorDiv(sim.nowNanos(), MS);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (!sim.isUp(i)) {
        continue;
      }
      StoredRecord s = process(i).store().get(key, nowMillis);
      if (s != null && (exactly == null || s.record().equals(exactly))) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DhtCluster{seed=" + sim.seed() + ", nodes=" + size() + ", feed=" + feed + "}";
  }
}
