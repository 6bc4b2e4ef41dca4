package io.skein.testnet.sim.dht;

import io.skein.dht.DhtConfig;
import io.skein.testnet.sim.Percentiles;
import io.skein.testnet.sim.SimSeeds;
import io.skein.testnet.sim.dht.DhtCluster.Feed;
import io.skein.testnet.sim.dht.DhtScenarios.ChurnFigures;
import io.skein.testnet.sim.dht.DhtScenarios.GetFigures;
import io.skein.testnet.sim.dht.DhtScenarios.KillFigures;
import io.skein.testnet.sim.dht.DhtScenarios.LookupFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the measured DHT scenarios ({@link DhtScenarios}) at 1,000 and 10,000 nodes and writes a
 * markdown table of their figures, goals and whether each goal was met.
 *
 * <p>Usage: {@code bench/dht-sim [--sizes 1000,10000] [--scenarios
 * lookups,bootstrap,crash,malicious,kill,churn] [--seed N] [--churn-nodes 1000] [--churn-hours 24]
 * [--threads 2] [--out bench/results/dht-sim.md] [--wide-put-lookup]}; {@code --wide-put-lookup}
 * runs the nodes with {@link DhtConfig#putLookupStopsAtReplicas()} off (puts look up the k closest,
 * as on {@code wan()}). Rows are independent simulations, run on {@code --threads} threads (each
 * simulation is single-threaded, so its figures do not depend on the thread count); the file is
 * rewritten, in table order, as each row completes.
 */
public final class DhtSimBench {
  private static final Logger LOG = LoggerFactory.getLogger(DhtSimBench.class);

  /** Every scenario, in the order they run. */
  public static final List<String> SCENARIOS =
      List.of("lookups", "bootstrap", "crash", "malicious", "kill", "churn");

  private static final Set<MaliciousDht.Behaviour> ECLIPSE =
      EnumSet.of(
          MaliciousDht.Behaviour.COLLUDING_CONTACTS, MaliciousDht.Behaviour.ACK_WITHOUT_STORING);
  private static final Set<MaliciousDht.Behaviour> FAKES =
      EnumSet.of(MaliciousDht.Behaviour.FAKE_CONTACTS, MaliciousDht.Behaviour.ACK_WITHOUT_STORING);

  /** One line of the table. */
  record Row(
      String scenario,
      int nodes,
      long seed,
      String figures,
      String goal,
      String met,
      double wall) {}

  /** Parsed command line. */
  record Options(
      List<Integer> sizes,
      List<String> scenarios,
      long seed,
      int churnNodes,
      int churnHours,
      int threads,
      Path out,
      boolean widePutLookup,
      String command) {
    static Options parse(String[] args) {
      List<Integer> sizes = List.of(1_000, 10_000);
      List<String> scenarios = SCENARIOS;
      long seed = SimSeeds.defaultSeed("DhtSimBench");
      int churnNodes = 1_000;
      int churnHours = 24;
      int threads = 2;
      Path out = Path.of("bench", "results", "dht-sim.md");
      boolean widePutLookup = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--wide-put-lookup")) {
          widePutLookup = true;
          continue;
        }
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
          case "--scenarios" -> scenarios = List.of(value.split(","));
          case "--seed" -> seed = Long.parseLong(value);
          case "--churn-nodes" -> churnNodes = Integer.parseInt(value);
          case "--churn-hours" -> churnHours = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      for (String s : scenarios) {
        if (!SCENARIOS.contains(s)) {
          throw new IllegalArgumentException("unknown scenario " + s + "; known: " + SCENARIOS);
        }
      }
      String command = "bench/dht-sim " + String.join(" ", args);
      return new Options(
          sizes,
          scenarios,
          seed,
          churnNodes,
          churnHours,
          threads,
          out,
          widePutLookup,
          command.trim());
    }
  }

  private final Options options;
  private final TreeMap<Integer, Row> rows = new TreeMap<>();
  private final DhtConfig lan;
  private volatile double churnMessagesPerNodeHour;

  private DhtSimBench(Options options) {
    this.options = options;
    this.lan =
        DhtConfig.lan().toBuilder().putLookupStopsAtReplicas(!options.widePutLookup()).build();
  }

  /** Runs the benchmark; see the class description for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    new DhtSimBench(Options.parse(args)).run();
  }

  /** One row to measure: its place in the table and the work. */
  private record Task(int order, Callable<Row> work) {}

  private void run() throws IOException, InterruptedException {
    long seed = options.seed();
    List<Task> tasks = new ArrayList<>();
    List<Task> churn = new ArrayList<>();
    for (String scenario : options.scenarios()) {
      if (scenario.equals("churn")) {
        for (boolean republish : new boolean[] {false, true}) {
          churn.add(new Task(tasks.size() + churn.size(), () -> churn(seed, republish)));
        }
        continue;
      }
      for (int n : options.sizes()) {
        switch (scenario) {
          case "lookups" -> tasks.add(task(tasks, churn, () -> lookups(seed, n, Feed.MEMBERSHIP)));
          case "bootstrap" -> tasks.add(task(tasks, churn, () -> lookups(seed, n, Feed.BOOTSTRAP)));
          case "crash" -> tasks.add(task(tasks, churn, () -> crash(seed, n)));
          case "malicious" -> {
            for (Attack attack : ATTACKS) {
              for (int paths : new int[] {1, 4}) {
                tasks.add(task(tasks, churn, () -> malicious(seed, n, attack, paths)));
              }
            }
          }
          case "kill" -> tasks.add(task(tasks, churn, () -> kill(seed, n)));
          default -> throw new IllegalStateException(scenario);
        }
      }
    }
    // The long churn rows start first, so the other rows share the remaining threads meanwhile.
    List<Task> order = new ArrayList<>();
    if (!churn.isEmpty()) {
      order.add(churn.get(0));
    }
    order.addAll(tasks);
    order.addAll(churn.subList(Math.min(1, churn.size()), churn.size()));
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      CompletionService<Row> done = new ExecutorCompletionService<>(pool);
      Map<Future<Row>, Integer> places = new HashMap<>();
      for (Task t : order) {
        places.put(done.submit(t.work()), t.order());
      }
      for (int i = 0; i < order.size(); i++) {
        Future<Row> f = done.take();
        try {
          add(places.get(f), f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a scenario failed; seed=" + seed, e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Task task(List<Task> tasks, List<Task> churn, Callable<Row> work) {
    return new Task(tasks.size() + churn.size(), work);
  }

  private Row lookups(long seed, int n, Feed feed) {
    int lookups = 1_000;
    LookupFigures f = DhtScenarios.lookups(seed, n, feed, lookups, lan);
    long goal = n <= 1_000 ? 2 : 3;
    String name =
        feed == Feed.MEMBERSHIP
            ? "lookup, tables fed by membership"
            : "lookup, joined only through FIND_NODE";
    return new Row(
        name,
        n,
        seed,
        String.format(
            Locale.ROOT,
            "%d lookups: hops p50 %d, p90 %d, p99 %d, max %d; requests/lookup p50 %d, p99 %d;"
                + " messages/lookup %.1f (network-wide, replies included); k-closest recall"
                + " %.4f, exact k closest %.1f%%, closest found %.1f%%",
            lookups,
            f.hops().percentile(50),
            f.hops().percentile(90),
            f.hops().percentile(99),
            f.hops().max(),
            f.requests().percentile(50),
            f.requests().percentile(99),
            f.networkMessagesPerLookup(),
            f.meanRecall(),
            100 * f.exact(),
            100 * f.closestFound()),
        "hops p50 <= " + goal,
        yes(f.hops().percentile(50) <= goal),
        f.wallSeconds());
  }

  private Row crash(long seed, int n) {
    GetFigures f = DhtScenarios.getsWithCrashes(seed, n, 0.3, 1_000, 10_000, lan);
    return new Row(
        "get, 30% of nodes crashed (unannounced)",
        n, seed, gets(f), ">= 99.99% found", yes(f.successRate() >= 0.9999), f.wallSeconds());
  }

  /** A malicious-node scenario: how the network forms and how the malicious nodes lie. */
  private record Attack(Feed feed, Set<MaliciousDht.Behaviour> behaviours, String name) {}

  private static final List<Attack> ATTACKS =
      List.of(
          new Attack(
              Feed.MEMBERSHIP,
              ECLIPSE,
              "colluders answer with each other, withhold records, ack STOREs unstored"),
          new Attack(
              Feed.MEMBERSHIP,
              FAKES,
              "liars answer with unreachable fake ids nearer than any node, ack STOREs unstored"),
          new Attack(
              Feed.BOOTSTRAP,
              ECLIPSE,
              "colluders as above, network joined only through FIND_NODE"));

  private Row malicious(long seed, int n, Attack attack, int paths) {
    DhtConfig config = lan.toBuilder().disjointPaths(paths).build();
    GetFigures f =
        DhtScenarios.getsWithMalicious(
            seed, n, attack.feed(), 0.2, attack.behaviours(), 300, 2_000, config);
    return new Row(
        "get, 20% malicious ("
            + attack.name()
            + "), "
            + paths
            + " disjoint path"
            + (paths > 1 ? "s" : ""),
        n,
        seed,
        String.format(
                Locale.ROOT,
                "malicious share of honest routing tables %.1f%%; ",
                100 * f.maliciousShare())
            + gets(f),
        paths == 4 ? ">= 99.9% found" : "(none; compare with 4 paths)",
        paths == 4 ? yes(f.successRate() >= 0.999) : "-",
        f.wallSeconds());
  }

  private Row kill(long seed, int n) {
    int keys = n / 40;
    KillFigures f = DhtScenarios.killReplicas(seed, n, keys, 120 * DhtScenarios.SECOND, lan);
    return new Row(
        "values after killing r-1 replicas of every key",
        n,
        seed,
        String.format(
            Locale.ROOT,
            "%d keys with disjoint replica sets; killed per key: all holders but the farthest,"
                + " p50 %d, min %d (r = %d); found right after: %d/%d; live holders 120 s later"
                + " (gossip declared the dead after 5 s, re-replication ran): min %d, p50 %d;"
                + " found after also killing each key's last original holder: %d/%d;"
                + " lost: %d",
            keys,
            f.killedPerKey().percentile(50),
            f.killedPerKey().min(),
            lan.replicationFactor(),
            f.foundRightAfter(),
            keys,
            f.holdersAfterRepair().min(),
            f.holdersAfterRepair().percentile(50),
            f.foundAfterSecondKill(),
            keys,
            f.lost()),
        "0 lost",
        yes(f.lost() == 0),
        f.wallSeconds());
  }

  private Row churn(long seed, boolean republish) {
    int n = options.churnNodes();
    int hours = options.churnHours();
    int values = Math.max(10, n / 10);
    ChurnFigures f = DhtScenarios.churn(seed, n, hours, 0.1, values, republish, lan);
    churnMessagesPerNodeHour = (double) f.messages() / n / hours;
    return new Row(
        "values after 10% of nodes replaced per hour for "
            + hours
            + " h"
            + (republish ? " (publishers republish hourly)" : " (put once, no republish)"),
        n,
        seed,
        String.format(
            Locale.ROOT,
            "%d nodes replaced (fresh identities) over %d virtual hour(s); %d values from %d"
                + " never-replaced publishers%s; values missing at the worst hourly read: %d;"
                + " lost at the end: %d; values with no live holder: %d; live holders at the"
                + " end min %d, p50 %d; %,d messages",
            f.replaced(),
            hours,
            values,
            Math.max(1, n / 20),
            republish ? ", TTL 2 h, republished hourly" : ", TTL 48 h, then forgotten",
            f.worstMissing(),
            f.lostAtEnd(),
            f.noHolderAtEnd(),
            f.holdersAtEnd().min(),
            f.holdersAtEnd().percentile(50),
            f.messages()),
        "0 lost",
        yes(f.worstMissing() == 0 && f.noHolderAtEnd() == 0),
        f.wallSeconds());
  }

  private static String gets(GetFigures f) {
    Percentiles requests = f.requests();
    return String.format(
        Locale.ROOT,
        "%d values put (%d reached QUORUM); %d gets: found %d = %.2f%% (also at QUORUM level:"
            + " %.2f%%); requests/get p50 %d, p99 %d; failed or timed-out requests/get p50 %d",
        f.puts(),
        f.putsAtLevel(),
        f.gets(),
        f.found(),
        100 * f.successRate(),
        100.0 * f.atLevel() / f.gets(),
        requests.percentile(50),
        requests.percentile(99),
        f.failures().percentile(50));
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  private synchronized void add(int place, Row row) throws IOException {
    rows.put(place, row);
    LOG.info(
        String.format(
            Locale.ROOT,
            "%s | %d | %s | %s | %.0f s",
            row.scenario(),
            row.nodes(),
            row.figures(),
            row.met(),
            row.wall()));
    write();
  }

  private void write() throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# DHT simulation figures\n\n");
    md.append("Written by `io.skein.testnet.sim.dht.DhtSimBench`. Rerun with:\n\n");
    md.append("```\n").append(options.command()).append("\n```\n\n");
    md.append(
        "(`bench/dht-sim` builds the testnet module and runs the class; `--seed`, `--sizes`,"
            + " `--scenarios`, `--churn-nodes`, `--churn-hours`, `--threads` and `--out` select a part.)"
            + " Every run with the same seed gives the same figures; wall times are of this"
            + " 2-core machine shared with other jobs and only indicative.\n\n");
    md.append("| scenario | nodes | seed | figures | goal | met? | wall s |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Row r : rows.values()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %s | %s | %s | %.0f |%n",
              r.scenario(),
              r.nodes(),
              r.seed(),
              r.figures(),
              r.goal(),
              r.met(),
              r.wall()));
    }
    md.append(notes());
    Path out = options.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
  }

  private String notes() {
    return "\n## How the scenarios run\n\n"
        + "- Every node runs the real `Dht` core with `DhtConfig.lan()` (k = 20, alpha = 3, r = 8,"
        + (options.widePutLookup()
            ? " but `putLookupStopsAtReplicas` off: puts look up the k closest,"
            : "")
        + " QUORUM, 1 s request timeout, 10 min bucket refresh, 2 h TTL) on the deterministic"
        + " simulator: LAN links of 0.2-0.5 ms one way, no loss, message objects instead of bytes,"
        + " and the simulator's stand-in signatures (every mutable record is still signed and"
        + " verified; a forgery still fails).\n"
        + "- The gossip feed is modelled: unless a row says \"joined only through FIND_NODE\", every"
        + " node's routing table is fed every live member through `onMemberAlive`, as the real node"
        + " does once gossip converged; crashed nodes are declared dead (`onMemberDead`) 5 s later"
        + " where a row says so, and a replacement is announced 1 s after it starts. \"Joined only"
        + " through FIND_NODE\": nodes join one every 20 ms through three seed nodes with"
        + " `bootstrap` and learn about others only from lookups and requests; nobody is told of"
        + " a death.\n"
        + "- Hops are `LookupStats.hops`: the depth at which the closest answering node was found,"
        + " contacts from the node's own table being hop 1. Recall compares each lookup's result"
        + " with the true k closest live nodes other than the one looking.\n"
        + "- Values are mutable records put by random honest nodes; a get succeeds when it returns"
        + " exactly the record put. Gets and lookups start from random (honest) live nodes, one"
        + " every 2 ms of virtual time.\n"
        + "- \"30% crashed (unannounced)\": the crashed nodes stay in every routing table and each"
        + " request to them costs a 1 s timeout; the gets run right after the crash.\n"
        + "- Malicious nodes are picked at random (ids are hashes of their keys, so they cannot"
        + " choose where they sit), stay gossip members and lie from the start, also while the"
        + " values are put (so the puts use the same number of paths) and, in the rows joined only"
        + " through FIND_NODE, while the network forms: colluders do answer, so they enter honest"
        + " routing tables, and the table share of malicious contacts is given per row.\n"
        + "- Killing replicas: all holders of a key but the one farthest from it are crashed at"
        + " once (r - 1 = 7 when the key had exactly r holders, more otherwise), for keys whose"
        + " holder sets do not overlap.\n"
        + "- Churn: a random node (never one of the publishers, one node in 20) is replaced by a"
        + " node with a fresh identity at an even pace. "
        + churnNote()
        + "\n";
  }

  private String churnNote() {
    if (options.churnNodes() >= 10_000 && options.churnHours() >= 24) {
      return "";
    }
    String measured =
        churnMessagesPerNodeHour == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " These rows sent %,.0f messages per node per virtual hour (mostly bucket"
                    + " refreshes), so a 10,000-node day would take at least %,.0f million"
                    + " messages, hours of this shared 2-core machine.",
                churnMessagesPerNodeHour,
                churnMessagesPerNodeHour * 10_000 * 24 / 1e6);
    return "Scaled: these rows ran "
        + String.format(Locale.ROOT, "%,d", options.churnNodes())
        + " nodes for "
        + options.churnHours()
        + " virtual hour(s), not 10,000 nodes for a day."
        + measured;
  }
}
