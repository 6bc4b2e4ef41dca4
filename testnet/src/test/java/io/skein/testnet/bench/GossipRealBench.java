package io.skein.testnet.bench;

import static org.awaitility.Awaitility.await;

import io.skein.gossip.GossipConfig;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.node.Node;
import io.skein.node.gossip.GossipWireTypes;
import io.skein.node.wire.MessageType;
import io.skein.testnet.GossipCluster;
import io.skein.testnet.GossipCluster.Observed;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SWIM over real nodes: {@code nodes} (default 50) nodes in this JVM, each with its own JeroMQ
 * transport, codec and event loop on a loopback port, gossip preset {@code lan()}. Measures
 *
 * <ol>
 *   <li>time until all see all: {@code starts} clusters (default 3) whose nodes start one after
 *       another, each joining through node 0, then {@code starts} clusters whose nodes all start at
 *       once (one thread each, released together); the time until every node sees every node ALIVE
 *       is taken from the recorded member events, from the last join call and from the first start;
 *   <li>bytes sent per member per second in steady state, on the last all-at-once cluster: the
 *       codec's encoded-bytes counters of all nodes over {@code steadySeconds} (default 120, two
 *       push-pull rounds at N = 50), starting {@code settleSeconds} (default 15) after convergence,
 *       divided by nodes and seconds (Serf's figure for comparison comes from {@code
 *       bench/serf/serf-bytes.sh});
 *   <li>time from killing a node until every other node marks it DEAD: {@code kills} times (default
 *       20), kill a random node, wait until all others see it DEAD, restart it with its key on its
 *       port, wait until all see it ALIVE again, let rumors settle ({@code settleSeconds}); p50 and
 *       p99 (nearest rank) over the kills, with the first suspicion and first death for comparison;
 *       any DEAD event about a node that was not killed is a false death and is reported.
 * </ol>
 *
 * <p>Writes {@code out} (default {@code bench/results/gossip-real.md}, relative to the working
 * directory) with the load average at each phase; {@code probeIntervalMillis} (default lan()'s)
 * overrides the probe interval to measure its effect on bytes and detection times; {@code
 * -Dbench.debug=true} also prints the last pairs to converge and the cores' summed counters after
 * each start. Run from the repository root:
 *
 * <pre>
 * mvn -q -B -pl testnet -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -Xmx2g -cp testnet/target/test-classes:testnet/target/classes:$(cat testnet/target/test.classpath) \
 *     io.skein.testnet.bench.GossipRealBench [nodes=50] [kills=20] [starts=3] \
 *     [steadySeconds=120] [settleSeconds=15] [probeIntervalMillis=1000] \
 *     [out=bench/results/gossip-real.md]
 * </pre>
 */
public final class GossipRealBench {
  private static final Logger LOG = LoggerFactory.getLogger(GossipRealBench.class);

  private static final long MS = 1_000_000L;
  private static final long POLL_MILLIS = 50;

  private final int nodes;
  private final int kills;
  private final int starts;
  private final int steadySeconds;
  private final int settleSeconds;
  private final Path out;
  private final GossipConfig gossipConfig;
  private final List<String> loads = new ArrayList<>();

  /** Per kill: {victim, killed at, all saw it alive again at} (nanoTime). */
  private final List<long[]> killLog = new ArrayList<>();

  private GossipRealBench(Map<String, String> args) {
    nodes = Integer.parseInt(args.getOrDefault("nodes", "50"));
    kills = Integer.parseInt(args.getOrDefault("kills", "20"));
    starts = Integer.parseInt(args.getOrDefault("starts", "3"));
    steadySeconds = Integer.parseInt(args.getOrDefault("steadySeconds", "120"));
    settleSeconds = Integer.parseInt(args.getOrDefault("settleSeconds", "15"));
    out = Path.of(args.getOrDefault("out", "bench/results/gossip-real.md"));
    GossipConfig lan = GossipConfig.lan();
    long probeMillis =
        Long.parseLong(
            args.getOrDefault("probeIntervalMillis", Long.toString(lan.probeIntervalMillis())));
    gossipConfig = lan.toBuilder().probeIntervalMillis(probeMillis).build();
  }

  /** Runs the benchmark; arguments are {@code name=value} pairs (see the class comment). */
  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments are name=value, got '" + a + "'");
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    new GossipRealBench(args).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Instant began = Instant.now();
    load("start");
    List<long[]> sequential = new ArrayList<>();
    int falseDeaths = 0;
    for (int s = 0; s < starts; s++) {
      try (GossipCluster cluster =
          GossipCluster.startJoiningOneSeed(
              nodes, GossipCluster.nodeConfig(), gossipConfig, 1000 + s)) {
        sequential.add(converge(cluster));
        falseDeaths += falseDeaths(cluster, "one-by-one start " + (s + 1));
      }
    }
    load("one-by-one starts done");
    List<long[]> atOnce = new ArrayList<>();
    for (int s = 0; s < starts - 1; s++) {
      try (GossipCluster cluster = startAllAtOnce(2000 + s)) {
        atOnce.add(converge(cluster));
        falseDeaths += falseDeaths(cluster, "all-at-once start " + (s + 1));
      }
    }
    try (GossipCluster cluster = startAllAtOnce(3000)) {
      atOnce.add(converge(cluster));
      load("all-at-once starts done");
      long[] steady = steadyState(cluster);
      load("steady state measured");
      List<long[]> killed = killAndRestart(cluster);
      load("kills done");
      falseDeaths += falseDeaths(cluster, "final cluster");
      write(began, sequential, atOnce, steady, killed, falseDeaths);
    }
  }

  private GossipCluster startAllAtOnce(long seed) throws Exception {
    return GossipCluster.startAllAtOnce(nodes, GossipCluster.nodeConfig(), gossipConfig, seed);
  }

  /**
   * {release-to-converged ms, last-join-to-converged ms}: the latest JOINED or ALIVE event before
   * every node saw every node alive.
   */
  private long[] converge(GossipCluster cluster) {
    awaitTrue(cluster::converged, 120, "convergence: " + cluster.diagnostics());
    long seenAt = System.nanoTime();
    long convergedAt = cluster.startNanos();
    for (Observed o : cluster.events()) {
      boolean alive = o.type() == MemberEvent.Type.JOINED || o.type() == MemberEvent.Type.ALIVE;
      if (alive && o.atNanos() - convergedAt > 0 && seenAt - o.atNanos() >= 0) {
        convergedAt = o.atNanos();
      }
    }
    if (Boolean.getBoolean("bench.debug")) {
      List<Observed> joins =
          new ArrayList<>(cluster.events(o -> o.type() == MemberEvent.Type.JOINED));
      joins.sort((a, b) -> Long.compare(a.atNanos() - b.atNanos(), 0));
      for (Observed o : joins.subList(Math.max(0, joins.size() - 15), joins.size())) {
        LOG.info(
            String.format(
                    "  %d saw %d at +%d ms after the last join; %d joined at %+d ms, %d at %+d ms%n",
                    o.observer(),
                    o.subject(),
                    (o.atNanos() - cluster.lastJoinNanos()) / MS,
                    o.subject(),
                    (cluster.joinNanos(o.subject()) - cluster.lastJoinNanos()) / MS,
                    o.observer(),
                    (cluster.joinNanos(o.observer()) - cluster.lastJoinNanos()) / MS)
                .stripTrailing());
      }
    }
    if (Boolean.getBoolean("bench.debug")) {
      StringBuilder sb = new StringBuilder("  core counters summed:");
      for (io.skein.gossip.GossipStats.Counter c : io.skein.gossip.GossipStats.Counter.values()) {
        long sum = 0;
        for (int i = 0; i < cluster.size(); i++) {
          sum += cluster.gossip(i).metrics().counter(c);
        }
        if (sum > 0) {
          sb.append(' ').append(c.metricName()).append('=').append(sum);
        }
      }
      LOG.info(String.valueOf(sb).stripTrailing());
    }
    long fromStart = (convergedAt - cluster.startNanos()) / MS;
    long fromLastJoin = (convergedAt - cluster.lastJoinNanos()) / MS;
    LOG.info(
        String.format(
                "converged %d ms after the start, %d ms after the last join%n",
                fromStart, fromLastJoin)
            .stripTrailing());
    return new long[] {fromStart, fromLastJoin};
  }

  /** {bytes, frames, nanos, cpu nanos, per-type frames...}. */
  private long[] steadyState(GossipCluster cluster) {
    pause(settleSeconds);
    List<MessageType<?>> types = new ArrayList<>(GossipWireTypes.ALL);
    long bytes0 = cluster.bytesSent();
    long[] frames0 = framesByType(cluster, types);
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    pause(steadySeconds);
    long elapsed = System.nanoTime() - t0;
    long cpu = processCpuNanos() - cpu0;
    long bytes = cluster.bytesSent() - bytes0;
    long[] frames1 = framesByType(cluster, types);
    long[] result = new long[4 + types.size()];
    result[0] = bytes;
    result[2] = elapsed;
    result[3] = cpu;
    for (int i = 0; i < types.size(); i++) {
      result[4 + i] = frames1[i] - frames0[i];
      result[1] += result[4 + i];
    }
    LOG.info(
        String.format(
                "steady state: %.0f bytes per member per second%n",
                bytes / (double) nodes / (elapsed / 1e9))
            .stripTrailing());
    return result;
  }

  private static long[] framesByType(GossipCluster cluster, List<MessageType<?>> types) {
    long[] frames = new long[types.size()];
    for (int i = 0; i < cluster.size(); i++) {
      Node n = cluster.node(i);
      for (int t = 0; t < types.size(); t++) {
        frames[t] += n.wireMetrics().framesOutCount(types.get(t));
      }
    }
    return frames;
  }

  /** Per kill: {victim, dead-everywhere ms, first suspect ms, first dead ms, rejoined ms}. */
  private List<long[]> killAndRestart(GossipCluster cluster) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<long[]> results = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      int victim = 1 + random.nextInt(nodes - 1);
      long killedAt = System.nanoTime();
      cluster.kill(victim);
      awaitTrue(() -> cluster.allOthersSee(victim, MemberState.DEAD), 120, "death of " + victim);
      long everywhere = 0;
      long firstSuspect = Long.MAX_VALUE;
      long firstDead = Long.MAX_VALUE;
      for (Observed o : cluster.events(o -> o.subject() == victim && o.atNanos() - killedAt > 0)) {
        long ms = (o.atNanos() - killedAt) / MS;
        if (o.type() == MemberEvent.Type.DEAD) {
          everywhere = Math.max(everywhere, ms);
          firstDead = Math.min(firstDead, ms);
        } else if (o.type() == MemberEvent.Type.SUSPECT) {
          firstSuspect = Math.min(firstSuspect, ms);
        }
      }
      long restartAt = System.nanoTime();
      cluster.restart(victim, victim == 1 ? 2 : 1);
      awaitTrue(cluster::converged, 120, "rejoin of " + victim);
      long rejoinedAt = System.nanoTime();
      killLog.add(new long[] {victim, killedAt, rejoinedAt});
      long rejoined = (rejoinedAt - restartAt) / MS;
      LOG.info(
          String.format(
                  "kill %d: node %d dead everywhere after %d ms (first suspicion %d ms, first death %d ms);"
                      + " rejoined in %d ms%n",
                  k + 1, victim, everywhere, firstSuspect, firstDead, rejoined)
              .stripTrailing());
      results.add(new long[] {victim, everywhere, firstSuspect, firstDead, rejoined});
      pause(settleSeconds);
    }
    return results;
  }

  /** DEAD events about nodes not killed before, so far, printed with the cluster's drops. */
  private int falseDeaths(GossipCluster cluster, String phase) {
    // a death is false unless its subject had been killed before the event
    List<Observed> deaths = cluster.events(o -> o.type() == MemberEvent.Type.DEAD);
    int falseDeaths = 0;
    for (Observed d : deaths) {
      if (!wasKilledBefore(d)) {
        falseDeaths++;
      }
    }
    LOG.info(
        String.format("%s: %d false deaths; %s%n", phase, falseDeaths, cluster.diagnostics())
            .stripTrailing());
    return falseDeaths;
  }

  /** Deaths before the subject was killed, or after it rejoined, are false. */
  private boolean wasKilledBefore(Observed death) {
    for (long[] k : killLog) {
      if (k[0] == death.subject() && death.atNanos() - k[1] > 0 && k[2] - death.atNanos() > 0) {
        return true;
      }
    }
    return false;
  }

  private void write(
      Instant began,
      List<long[]> sequential,
      List<long[]> atOnce,
      long[] steady,
      List<long[]> killed,
      int falseDeaths)
      throws IOException {
    double seconds = steady[2] / 1e9;
    double bytesPerMember = steady[0] / (double) nodes / seconds;
    double framesPerMember = steady[1] / (double) nodes / seconds;
    double cores = steady[3] / (double) steady[2];
    List<Long> everywhere = column(killed, 1);
    List<Long> firstSuspect = column(killed, 2);
    List<Long> firstDead = column(killed, 3);
    List<Long> rejoin = column(killed, 4);
    StringBuilder md = new StringBuilder();
    md.append("# SWIM on real nodes: ").append(nodes).append(" nodes, lan() preset");
    if (gossipConfig.probeIntervalMillis() != GossipConfig.lan().probeIntervalMillis()) {
      md.append(", probe interval ").append(gossipConfig.probeIntervalMillis()).append(" ms");
    }
    md.append("\n\n");
    md.append("Measured ")
        .append(began)
        .append(" by `io.skein.testnet.bench.GossipRealBench` (command in its javadoc), ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores shared with other builds. One JVM; each node has its own event loop,")
        .append(" JeroMQ context, codec (Ed25519-signed frames) and loopback port; transport")
        .append(" `NodeConfig.local()` with a 60 s connection idle timeout.\n\n");
    md.append("Load average (1, 5, 15 min) at each phase:\n\n");
    for (String l : loads) {
      md.append("- ").append(l).append('\n');
    }
    md.append("\n| figure | measured | goal / reference |\n|---|---|---|\n");
    md.append("| time until all see all, nodes started one by one through one seed,")
        .append(" after the last node's join call (")
        .append(sequential.size())
        .append(" clusters) | ")
        .append(list(column(sequential, 1), " ms"))
        .append(" | <= 1 s; ScaleCube 2.7.7: 0.6-0.8 s after the last start |\n");
    md.append("| same, from the first node's start | ")
        .append(list(column(sequential, 0), " ms"))
        .append(" | Serf: about 2 s including polling |\n");
    md.append("| time until all see all, all nodes started at once (one thread each), after the")
        .append(" last join call (")
        .append(atOnce.size())
        .append(" clusters) | ")
        .append(list(column(atOnce, 1), " ms"))
        .append(" | |\n");
    md.append("| same, from the release of the start threads | ")
        .append(list(column(atOnce, 0), " ms"))
        .append(" | |\n");
    md.append("| dead everywhere after a kill, p50 (")
        .append(killed.size())
        .append(" kills) | ")
        .append(percentile(everywhere, 50))
        .append(" ms | <= 5 s; Serf LAN defaults 10-11.5 s; ScaleCube 31-32 s |\n");
    md.append("| dead everywhere after a kill, p99 | ")
        .append(percentile(everywhere, 99))
        .append(" ms | |\n");
    md.append("| first suspicion after a kill, p50 / p99 | ")
        .append(percentile(firstSuspect, 50))
        .append(" / ")
        .append(percentile(firstSuspect, 99))
        .append(" ms | |\n");
    md.append("| first death declared after a kill, p50 / p99 | ")
        .append(percentile(firstDead, 50))
        .append(" / ")
        .append(percentile(firstDead, 99))
        .append(" ms | |\n");
    md.append("| restarted node seen alive by all, p50 / p99 | ")
        .append(percentile(rejoin, 50))
        .append(" / ")
        .append(percentile(rejoin, 99))
        .append(" ms | |\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| bytes sent per member per second, steady state (%.0f s window) | %.0f |"
                + " Serf (Debian serf 0.8.2, LAN defaults, 50 agents): 242-248,"
                + " of which 214 UDP (`bench/serf/serf-bytes.sh`) |%n",
            seconds,
            bytesPerMember));
    md.append(
        String.format(
            Locale.ROOT, "| frames sent per member per second | %.2f | |%n", framesPerMember));
    md.append(
        String.format(
            Locale.ROOT,
            "| CPU of the whole JVM in steady state | %.2f cores (%.1f ms/s per member) | |%n",
            cores,
            cores * 1000 / nodes));
    md.append("| false deaths (DEAD about a node not killed), whole run | ")
        .append(falseDeaths)
        .append(" | 0 |\n\n");
    md.append("Bytes are whole frames as the codec encodes them (a header of ")
        .append(io.skein.node.wire.FrameLayout.FULL_HEADER_BYTES)
        .append(" bytes with the sender's key, ")
        .append(io.skein.node.wire.FrameLayout.SHORT_HEADER_BYTES)
        .append(" with its short id once the recipient holds the key; payload; 64-byte")
        .append(" signature), without ZMTP and TCP/IP headers.\n\n");
    md.append("Frames sent per member per second in steady state, by type:\n\n");
    md.append("| type | frames/member/s |\n|---|---|\n");
    for (int t = 0; t < GossipWireTypes.ALL.size(); t++) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f |%n",
              GossipWireTypes.ALL.get(t).name(),
              steady[4 + t] / (double) nodes / seconds));
    }
    md.append("\nPer kill (ms after the kill):\n\n")
        .append("| kill | node | first suspicion | first death | dead everywhere | rejoined |\n")
        .append("|---|---|---|---|---|---|\n");
    for (int k = 0; k < killed.size(); k++) {
      long[] r = killed.get(k);
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %d | %d | %d | %d |%n",
              k + 1,
              r[0],
              r[2],
              r[3],
              r[1],
              r[4]));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    LOG.info(String.valueOf("wrote " + out.toAbsolutePath()).stripTrailing());
    LOG.info(String.valueOf(md).stripTrailing());
  }

  private static List<Long> column(List<long[]> rows, int index) {
    List<Long> out = new ArrayList<>();
    for (long[] r : rows) {
      out.add(r[index]);
    }
    return out;
  }

  /** Nearest-rank percentile. */
  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String list(List<Long> values, String unit) {
    StringBuilder sb = new StringBuilder();
    for (Long v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v).append(unit);
    }
    return sb.toString();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void load(String phase) {
    String avg;
    try {
      avg = Files.readString(Path.of("/proc/loadavg")).trim();
      String[] f = avg.split("\\s+");
      avg = f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      avg =
          String.format(
              Locale.ROOT,
              "%.2f",
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    loads.add(phase + ": " + avg);
    LOG.info(String.valueOf("load average at " + phase + ": " + avg).stripTrailing());
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
    await(what)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(POLL_MILLIS))
        .until(condition::getAsBoolean);
  }

  private static void pause(int seconds) {
    MeasurementWindow.hold(Duration.ofSeconds(seconds));
  }
}
