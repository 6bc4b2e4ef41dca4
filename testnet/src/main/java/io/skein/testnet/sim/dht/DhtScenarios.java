package io.skein.testnet.sim.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.dht.DhtLimits;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.testnet.sim.Percentiles;
import io.skein.testnet.sim.SimFaults;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The measured DHT scenarios, each a function of a seed and a size that builds a {@link
 * DhtCluster}, runs it and returns figures. The default-suite tests run them small with assertions;
 * {@link DhtSimBench} runs them at 1,000 and 10,000 nodes and writes the figures down.
 *
 * <p>Workload conventions: values are mutable records (so every read checks a signature) put by
 * random honest nodes, one every {@link #START_GAP_NANOS}; reads and lookups start from random
 * honest nodes, also staggered; a read succeeds when it returns exactly the record that was put.
 * Every random choice comes from a named stream of the seed.
 */
public final class DhtScenarios {
  /** Virtual nanoseconds in a millisecond. */
  public static final long MS = 1_000_000L;

  /** Virtual nanoseconds in a second. */
  public static final long SECOND = 1_000 * MS;

  /** Virtual nanoseconds in an hour. */
  public static final long HOUR = 3_600 * SECOND;

  /** Gap between two operations a scenario starts. */
  public static final long START_GAP_NANOS = 2 * MS;

  /** How long a scenario waits for a batch of operations, in virtual time. */
  public static final long BATCH_TIMEOUT_NANOS = 600 * SECOND;

  private DhtScenarios() {}

  // ---- lookups ----

  /**
   * What lookups cost and how well they did.
   *
   * @param hops {@link io.skein.dht.LookupStats#hops()} of each lookup
   * @param requests lookup requests each lookup sent
   * @param messages requests plus answers of each lookup
   * @param meanRecall mean fraction of the true k closest live nodes (other than the one looking)
   *     each lookup returned
   * @param exact fraction of lookups that returned exactly the true k closest
   * @param closestFound fraction of lookups whose result included the true closest node
   * @param networkMessagesPerLookup every message the network sent while the lookups ran (requests,
   *     replies, late replies, pings they caused), divided by the number of lookups
   */
  public record LookupFigures(
      int nodes,
      DhtCluster.Feed feed,
      int lookups,
      Percentiles hops,
      Percentiles requests,
      Percentiles messages,
      double meanRecall,
      double exact,
      double closestFound,
      double networkMessagesPerLookup,
      double wallSeconds) {}

  /**
   * {@code lookups} FIND_NODE lookups of random ids from random nodes of a {@code nodes}-node
   * network fed by {@code feed}, compared with the true k closest live nodes.
   */
  public static LookupFigures lookups(
      long seed, int nodes, DhtCluster.Feed feed, int lookups, DhtConfig config) {
    long wall = System.nanoTime();
    DhtCluster cluster = DhtCluster.builder(seed).nodes(nodes).config(config).feed(feed).build();
    RandomGenerator random = cluster.sim().random("scenario/lookups", 0);
    List<Integer> live = cluster.liveNodes();
    List<DhtCluster.Op> ops = new ArrayList<>();
    List<NodeId> targets = new ArrayList<>();
    long sentBefore = cluster.sim().stats().sent();
    for (int i = 0; i < lookups; i++) {
      NodeId target = randomId(random);
      targets.add(target);
      ops.add(cluster.findNode(live.get(random.nextInt(live.size())), target));
      cluster.sim().runFor(START_GAP_NANOS);
    }
    requireAll(cluster, ops, "lookups");
    cluster.sim().runFor(config.requestTimeoutNanos()); // late replies
    double perLookup = (double) (cluster.sim().stats().sent() - sentBefore) / lookups;
    int k = config.k();
    long[] hops = new long[lookups];
    long[] requests = new long[lookups];
    long[] messages = new long[lookups];
    double recall = 0;
    int exact = 0;
    int closest = 0;
    for (int i = 0; i < lookups; i++) {
      FindNodeResult r = cluster.result(ops.get(i));
      int self = ops.get(i).node();
      List<Contact> truth = cluster.trueClosest(targets.get(i), k, n -> n != self);
      hops[i] = r.stats().hops();
      requests[i] = r.stats().requests();
      messages[i] = r.stats().requests() + r.stats().responses();
      Set<Contact> found = new HashSet<>(r.closest());
      int hit = 0;
      for (Contact c : truth) {
        if (found.contains(c)) {
          hit++;
        }
      }
      recall += (double) hit / truth.size();
      exact += hit == truth.size() ? 1 : 0;
      closest += found.contains(truth.get(0)) ? 1 : 0;
    }
    return new LookupFigures(
        nodes,
        feed,
        lookups,
        Percentiles.of(hops),
        Percentiles.of(requests),
        Percentiles.of(messages),
        recall / lookups,
        (double) exact / lookups,
        (double) closest / lookups,
        perLookup,
        (System.nanoTime() - wall) / 1e9);
  }

  // ---- gets under failures ----

  /**
   * How reads did.
   *
   * @param puts values put
   * @param putsAtLevel puts that reached their consistency level
   * @param gets reads done
   * @param maliciousShare share of malicious contacts in honest nodes' routing tables when the
   *     reads started (0 without malicious nodes)
   * @param found reads that returned exactly the record put
   * @param atLevel reads that also reached their consistency level
   * @param requests lookup requests per read
   * @param failures requests per read that failed or timed out
   */
  public record GetFigures(
      int nodes,
      double maliciousShare,
      int puts,
      int putsAtLevel,
      int gets,
      int found,
      int atLevel,
      Percentiles requests,
      Percentiles failures,
      double wallSeconds) {
    /** {@code found / gets}. */
    public double successRate() {
      return (double) found / gets;
    }
  }

  /**
   * Puts {@code values} records, crashes {@code crashedFraction} of the nodes at once without
   * telling anybody (routing tables still list them and every request to them times out), then
   * reads random values {@code gets} times from random live nodes.
   */
  public static GetFigures getsWithCrashes(
      long seed, int nodes, double crashedFraction, int values, int gets, DhtConfig config) {
    long wall = System.nanoTime();
    DhtCluster cluster = DhtCluster.builder(seed).nodes(nodes).config(config).build();
    Workload w = putValues(cluster, values);
    BitSet crashed =
        SimFaults.pickNodes(
            cluster.sim(), "crash", nodes, (int) Math.round(nodes * crashedFraction));
    for (int i = crashed.nextSetBit(0); i >= 0; i = crashed.nextSetBit(i + 1)) {
      cluster.crash(i, false);
    }
    return readValues(cluster, w, gets, wall);
  }

  /**
   * Makes {@code maliciousFraction} of the nodes behave as {@code behaviours} from the start
   * (including while a {@link DhtCluster.Feed#BOOTSTRAP} network forms), puts {@code values}
   * records from honest nodes and reads them {@code gets} times from honest nodes, with {@code
   * config}'s number of disjoint paths for both.
   */
  public static GetFigures getsWithMalicious(
      long seed,
      int nodes,
      DhtCluster.Feed feed,
      double maliciousFraction,
      Set<MaliciousDht.Behaviour> behaviours,
      int values,
      int gets,
      DhtConfig config) {
    long wall = System.nanoTime();
    DhtCluster cluster =
        DhtCluster.builder(seed)
            .nodes(nodes)
            .config(config)
            .feed(feed)
            .malicious((int) Math.round(nodes * maliciousFraction), behaviours)
            .build();
    Workload w = putValues(cluster, values);
    return readValues(cluster, w, gets, wall);
  }

  /** What was put: one record per key, and how each put went (empty when not kept). */
  record Workload(List<Record> records, List<PutResult> puts) {
    int putsAtLevel() {
      int n = 0;
      for (PutResult p : puts) {
        n += p.levelReached() ? 1 : 0;
      }
      return n;
    }
  }

  /** Puts {@code values} mutable records from random honest nodes and waits for every put. */
  static Workload putValues(DhtCluster cluster, int values) {
    return putValues(
        cluster, values, cluster.liveHonestNodes(), cluster.config().recordTtlMillis());
  }

  static Workload putValues(
      DhtCluster cluster, int values, List<Integer> publishers, long ttlMillis) {
    RandomGenerator random = cluster.sim().random("scenario/values", 0);
    List<Record> records = new ArrayList<>();
    List<DhtCluster.Op> ops = new ArrayList<>();
    for (int i = 0; i < values; i++) {
      int publisher = publishers.get(random.nextInt(publishers.size()));
      byte[] value = new byte[32];
      random.nextBytes(value);
      byte[] salt = ("value-" + i).getBytes(StandardCharsets.US_ASCII);
      MutableRecord record = cluster.signMutable(publisher, salt, 1, value);
      records.add(record);
      Consistency level = cluster.config().defaultConsistency();
      ops.add(
          cluster.start(
              publisher,
              d -> d.put(cluster.now(), record, MutableRecord.NO_CAS, ttlMillis, level)));
      cluster.sim().runFor(START_GAP_NANOS);
    }
    requireAll(cluster, ops, "puts");
    List<PutResult> puts = new ArrayList<>();
    for (DhtCluster.Op op : ops) {
      puts.add(cluster.result(op));
    }
    return new Workload(records, puts);
  }

  /** Reads random values of {@code w} {@code gets} times from random live honest nodes. */
  static GetFigures readValues(DhtCluster cluster, Workload w, int gets, long wallStart) {
    RandomGenerator random = cluster.sim().random("scenario/reads", 0);
    List<Integer> readers = cluster.liveHonestNodes();
    List<DhtCluster.Op> ops = new ArrayList<>();
    List<Record> wanted = new ArrayList<>();
    for (int i = 0; i < gets; i++) {
      Record record = w.records().get(random.nextInt(w.records().size()));
      wanted.add(record);
      ops.add(cluster.get(readers.get(random.nextInt(readers.size())), record.key()));
      cluster.sim().runFor(START_GAP_NANOS);
    }
    requireAll(cluster, ops, "gets");
    int found = 0;
    int atLevel = 0;
    long[] requests = new long[gets];
    long[] failures = new long[gets];
    for (int i = 0; i < gets; i++) {
      GetResult r = cluster.result(ops.get(i));
      if (wanted.get(i).equals(r.record())) {
        found++;
        atLevel += r.levelReached() ? 1 : 0;
      }
      requests[i] = r.stats().requests();
      failures[i] = r.stats().failures();
    }
    return new GetFigures(
        cluster.size(),
        maliciousShare(cluster),
        w.records().size(),
        w.putsAtLevel(),
        gets,
        found,
        atLevel,
        Percentiles.of(requests),
        Percentiles.of(failures),
        (System.nanoTime() - wallStart) / 1e9);
  }

  /** The share of malicious contacts in the routing tables of the live honest nodes. */
  static double maliciousShare(DhtCluster cluster) {
    long bad = 0;
    long all = 0;
    for (int n : cluster.liveHonestNodes()) {
      for (Contact c : cluster.dht(n).routingTable().all()) {
        int i = cluster.indexOf(c.id());
        bad += i >= 0 && !cluster.isHonest(i) ? 1 : 0;
        all++;
      }
    }
    return all == 0 ? 0 : (double) bad / all;
  }

  // ---- replicas ----

  /**
   * What killing replicas did.
   *
   * @param keys keys whose replicas were killed (their holder sets are pairwise disjoint)
   * @param killedPerKey how many holders each key lost in the first kill (all but one of them)
   * @param foundRightAfter keys a read found right after the first kill, before anything repaired
   * @param holdersAfterRepair live holders of each key once gossip declared the dead and
   *     re-replication ran
   * @param foundAfterSecondKill keys a read found after the one original holder left of each key
   *     was killed as well, so only re-replicated copies remained
   */
  public record KillFigures(
      int nodes,
      int keys,
      Percentiles killedPerKey,
      int foundRightAfter,
      Percentiles holdersAfterRepair,
      int foundAfterSecondKill,
      double wallSeconds) {
    /** Keys not found after the first or the second kill. */
    public int lost() {
      return Math.max(keys - foundRightAfter, keys - foundAfterSecondKill);
    }
  }

  /**
   * Puts values, picks {@code keys} of them whose holders are disjoint, crashes every holder of
   * each but the one farthest from its key (r - 1 of r replicas, or more when a key had extra
   * holders), reads them at once, lets gossip declare the dead ({@code detectionDelay}) and
   * re-replication run for {@code settleNanos}, counts holders, then crashes the last original
   * holder of each key too, settles again and reads them once more.
   */
  public static KillFigures killReplicas(
      long seed, int nodes, int keys, long settleNanos, DhtConfig config) {
    long wall = System.nanoTime();
    DhtCluster cluster = DhtCluster.builder(seed).nodes(nodes).config(config).build();
    Workload w = putValues(cluster, 3 * keys);
    List<Record> chosen = new ArrayList<>();
    List<List<Integer>> holders = new ArrayList<>();
    BitSet used = new BitSet();
    for (Record record : w.records()) {
      if (chosen.size() == keys) {
        break;
      }
      List<Integer> h = cluster.holdersOf(record);
      BitSet mine = new BitSet();
      h.forEach(mine::set);
      if (h.size() >= 2 && !mine.intersects(used)) {
        used.or(mine);
        NodeId key = record.key().id();
        h.sort((a, b) -> key.compareDistance(cluster.contact(a).id(), cluster.contact(b).id()));
        chosen.add(record);
        holders.add(h);
      }
    }
    if (chosen.size() < keys) {
      throw new IllegalStateException(
          "only " + chosen.size() + " keys with disjoint holders; seed=" + seed);
    }
    long[] killed = new long[keys];
    List<Integer> survivors = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      List<Integer> h = holders.get(i);
      survivors.add(h.get(h.size() - 1));
      for (int j = 0; j < h.size() - 1; j++) {
        cluster.crash(h.get(j), true);
      }
      killed[i] = h.size() - 1;
    }
    Workload picked = new Workload(chosen, List.of());
    int foundRightAfter = readEach(cluster, picked);
    cluster.sim().runFor(settleNanos);
    long[] after = new long[keys];
    for (int i = 0; i < keys; i++) {
      after[i] = cluster.holdersOf(chosen.get(i)).size();
    }
    for (int s : survivors) {
      cluster.crash(s, true);
    }
    cluster.sim().runFor(settleNanos);
    int foundAfterSecond = readEach(cluster, picked);
    return new KillFigures(
        nodes,
        keys,
        Percentiles.of(killed),
        foundRightAfter,
        Percentiles.of(after),
        foundAfterSecond,
        (System.nanoTime() - wall) / 1e9);
  }

  /**
   * Reads every record of {@code w} once from a random live honest node; returns how many found.
   */
  static int readEach(DhtCluster cluster, Workload w) {
    List<GetResult> results = readAll(cluster, w);
    int found = 0;
    for (int i = 0; i < results.size(); i++) {
      found += w.records().get(i).equals(results.get(i).record()) ? 1 : 0;
    }
    return found;
  }

  /** Reads every record of {@code w} once from a random live honest node, in order. */
  static List<GetResult> readAll(DhtCluster cluster, Workload w) {
    RandomGenerator random = cluster.sim().random("scenario/read-each", cluster.now());
    List<Integer> readers = cluster.liveHonestNodes();
    List<DhtCluster.Op> ops = new ArrayList<>();
    for (Record record : w.records()) {
      ops.add(cluster.get(readers.get(random.nextInt(readers.size())), record.key()));
      cluster.sim().runFor(START_GAP_NANOS);
    }
    requireAll(cluster, ops, "gets");
    List<GetResult> out = new ArrayList<>();
    for (DhtCluster.Op op : ops) {
      out.add(cluster.result(op));
    }
    return out;
  }

  // ---- churn ----

  /**
   * What a day of churn did.
   *
   * @param replaced nodes replaced over the run
   * @param republish whether publishers kept republishing (else: put once with the longest TTL,
   *     then forgotten, so only re-replication keeps records alive)
   * @param worstMissing most values a checkpoint failed to read
   * @param lostAtEnd values the final checkpoint failed to read
   * @param noHolderAtEnd values no live node held at the end, before the last reads
   * @param holdersAtEnd live holders per value at the end, before the last reads (which repair)
   * @param messages messages sent over the whole run
   */
  public record ChurnFigures(
      int nodes,
      int hours,
      int replaced,
      int values,
      boolean republish,
      int worstMissing,
      int lostAtEnd,
      int noHolderAtEnd,
      Percentiles holdersAtEnd,
      long messages,
      double wallSeconds) {}

  /**
   * Puts {@code values} from a stable set of publishers (one node in 20, never replaced), then for
   * {@code hours} virtual hours replaces {@code fractionPerHour} of the nodes per hour, evenly
   * spread, picking among the others; at the end of every hour reads every value once from a random
   * live node.
   */
  public static ChurnFigures churn(
      long seed,
      int nodes,
      int hours,
      double fractionPerHour,
      int values,
      boolean republish,
      DhtConfig config) {
    long wall = System.nanoTime();
    DhtCluster cluster = DhtCluster.builder(seed).nodes(nodes).config(config).build();
    BitSet stable =
        SimFaults.pickNodes(cluster.sim(), "churn/publishers", nodes, Math.max(1, nodes / 20));
    List<Integer> publishers = new ArrayList<>();
    List<Integer> churnable = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      (stable.get(i) ? publishers : churnable).add(i);
    }
    long ttl = republish ? config.recordTtlMillis() : DhtLimits.MAX_TTL_MILLIS;
    Workload w = putValues(cluster, values, publishers, ttl);
    if (!republish) {
      for (int p : publishers) {
        cluster.command(p, d -> w.records().forEach(r -> d.forget(r.key())));
      }
    }
    RandomGenerator random = cluster.sim().random("churn/victims", 0);
    long perHour = Math.round(fractionPerHour * nodes);
    long gap = HOUR / Math.max(1, perHour);
    long start = cluster.now();
    int replaced = 0;
    int worst = 0;
    int lastMissing = 0;
    int noHolder = 0;
    long[] holders = new long[values];
    for (int h = 1; h <= hours; h++) {
      for (int i = 0; i < perHour; i++) {
        cluster.sim().runUntil(start + (h - 1) * HOUR + i * gap);
        cluster.replace(churnable.get(random.nextInt(churnable.size())));
        replaced++;
      }
      cluster.sim().runUntil(start + h * HOUR);
      noHolder = 0;
      for (int i = 0; i < values; i++) {
        holders[i] = cluster.holdersOf(w.records().get(i)).size();
        noHolder += holders[i] == 0 ? 1 : 0;
      }
      lastMissing = values - readEach(cluster, w);
      worst = Math.max(worst, lastMissing);
    }
    return new ChurnFigures(
        nodes,
        hours,
        replaced,
        values,
        republish,
        worst,
        lastMissing,
        noHolder,
        Percentiles.of(holders),
        cluster.sim().stats().sent(),
        (System.nanoTime() - wall) / 1e9);
  }

  // ---- helpers ----

  /** A random 256-bit id. */
  static NodeId randomId(RandomGenerator random) {
    byte[] b = new byte[NodeId.BYTES];
    random.nextBytes(b);
    return NodeId.of(b);
  }

  static void requireAll(DhtCluster cluster, List<DhtCluster.Op> ops, String what) {
    if (!cluster.awaitAll(ops, BATCH_TIMEOUT_NANOS)) {
      int done = 0;
      for (DhtCluster.Op op : ops) {
        done += cluster.result(op) != null ? 1 : 0;
      }
      throw new IllegalStateException(
          done + " of " + ops.size() + " " + what + " completed; seed=" + cluster.sim().seed());
    }
  }
}
