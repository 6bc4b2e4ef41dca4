package io.skein.testnet.bench;

import static org.awaitility.Awaitility.await;

import io.skein.dht.Consistency;
import io.skein.dht.DhtConfig;
import io.skein.dht.DhtResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.Record;
import io.skein.node.NodeConfig;
import io.skein.testnet.DhtCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Put and get latency over real nodes: {@code nodes} (default 50) nodes in this JVM on loopback,
 * each with its own event loop, JeroMQ sockets and DHT ({@link DhtConfig#lan()}: k = 20, alpha = 3,
 * r = 8), joined through one seed. Then, one operation at a time from a random node: {@code ops}
 * puts of fresh 100-byte immutable records, and {@code ops} gets of those keys from another random
 * node, both at QUORUM; latency is measured by the calling thread (call to future completion, so it
 * includes the hand-over to the event loop). Writes a report to {@code bench/results/dht-real.md}
 * (or the path given as {@code out}).
 *
 * <p>Run with {@code bench/dht-real [nodes=50] [ops=1000] [warmup=200] [out=path]}.
 */
public final class DhtRealBench {
  private static final Logger LOG = LoggerFactory.getLogger(DhtRealBench.class);

  private DhtRealBench() {}

  /** One measured operation. */
  private record Sample(long latencyNanos, DhtResult result) {}

  /**
   * A measured phase: its operations, the CPU time the process's Java threads spent in it and how
   * long it took.
   */
  private record Phase(List<Sample> samples, long processCpuNanos, long wallNanos) {}

  /** How long the idle cluster's CPU use is measured. */
  private static final long IDLE_MEASURE_MILLIS = 3_000;

  public static void main(String[] args) throws Exception {
    int nodes = intArg(args, "nodes", 50);
    int ops = intArg(args, "ops", 1_000);
    int warmup = intArg(args, "warmup", 200);
    Path out = Path.of(stringArg(args, "out", "bench/results/dht-real.md"));
    DhtConfig config = DhtConfig.lan();
    Consistency level = Consistency.QUORUM;
    SplittableRandom random = new SplittableRandom(42);

    double loadBefore = loadAverage();
    long startedNanos = System.nanoTime();
    try (DhtCluster cluster = DhtCluster.start(nodes, NodeConfig.local(), config)) {
      long joinStart = System.nanoTime();
      cluster.bootstrapThrough(0, 120_000);
      long joinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joinStart);
      int[] tables = new int[nodes];
      for (int i = 0; i < nodes; i++) {
        tables[i] = cluster.dht(i).routingTableSize();
      }

      List<Record> warmRecords = new ArrayList<>();
      runPuts(cluster, warmup, level, random, warmRecords);
      runGets(cluster, warmRecords, level, random);

      // what the cluster costs doing nothing (timers, transport maintenance, JeroMQ threads),
      // once the joins' bucket refreshes are over
      waitUntilNoOperationRuns(cluster);
      long idleCpu = processCpuNanos();
      long idleWall = System.nanoTime();
      MeasurementWindow.hold(Duration.ofMillis(IDLE_MEASURE_MILLIS));
      double idleCpuPerSecond =
          (processCpuNanos() - idleCpu) / (double) (System.nanoTime() - idleWall);

      List<Record> records = new ArrayList<>();
      long cpu = processCpuNanos();
      long wall = System.nanoTime();
      List<Sample> putSamples = runPuts(cluster, ops, level, random, records);
      Phase puts = new Phase(putSamples, processCpuNanos() - cpu, System.nanoTime() - wall);
      cpu = processCpuNanos();
      wall = System.nanoTime();
      List<Sample> getSamples = runGets(cluster, records, level, random);
      Phase gets = new Phase(getSamples, processCpuNanos() - cpu, System.nanoTime() - wall);
      double loadAfter = loadAverage();

      String report =
          report(
              nodes,
              ops,
              warmup,
              config,
              level,
              joinMillis,
              tables,
              idleCpuPerSecond,
              puts,
              gets,
              loadBefore,
              loadAfter,
              System.nanoTime() - startedNanos);
      LOG.info(String.valueOf(report).stripTrailing());
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  private static void waitUntilNoOperationRuns(DhtCluster cluster) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              int running = 0;
              for (int i = 0; i < cluster.size(); i++) {
                running += cluster.dht(i).runningOperations();
              }
              return running == 0;
            });
  }

  private static List<Sample> runPuts(
      DhtCluster cluster, int n, Consistency level, SplittableRandom random, List<Record> written)
      throws Exception {
    List<Sample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] value = new byte[100];
      random.nextBytes(value);
      Record record = ImmutableRecord.of(value);
      int writer = random.nextInt(cluster.size());
      long start = System.nanoTime();
      PutResult r = cluster.dht(writer).put(record, level).get(30, TimeUnit.SECONDS);
      samples.add(new Sample(System.nanoTime() - start, r));
      written.add(record);
    }
    return samples;
  }

  private static List<Sample> runGets(
      DhtCluster cluster, List<Record> records, Consistency level, SplittableRandom random)
      throws Exception {
    List<Sample> samples = new ArrayList<>(records.size());
    for (Record record : records) {
      int reader = random.nextInt(cluster.size());
      long start = System.nanoTime();
      GetResult r = cluster.dht(reader).get(record.key(), level).get(30, TimeUnit.SECONDS);
      samples.add(new Sample(System.nanoTime() - start, r));
      if (!record.equals(r.record())) {
        throw new IllegalStateException("get of " + record.key() + " returned " + r);
      }
    }
    return samples;
  }

  // ---- report -----------------------------------------------------------------------------------

  private static String report(
      int nodes,
      int ops,
      int warmup,
      DhtConfig config,
      Consistency level,
      long joinMillis,
      int[] tables,
      double idleCpuPerSecond,
      Phase puts,
      Phase gets,
      double loadBefore,
      double loadAfter,
      long totalNanos) {
    StringBuilder sb = new StringBuilder();
    sb.append("# DHT over real nodes: put and get latency\n\n");
    sb.append("Measured by `io.skein.testnet.bench.DhtRealBench` (run: `bench/dht-real");
    sb.append(" nodes=").append(nodes).append(" ops=").append(ops);
    sb.append(" warmup=").append(warmup).append("`) at ").append(Instant.now()).append(".\n\n");
    sb.append("- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append("; 1-minute load average ")
        .append(fmt(loadBefore))
        .append(" before, ")
        .append(fmt(loadAfter))
        .append(
            " after (other work shared the cores; the bench's own 50 loop threads count too)\n");
    sb.append("- ")
        .append(nodes)
        .append(" nodes in one JVM on loopback, each with its own event loop, JeroMQ context and")
        .append(" in-memory record store; DhtConfig.lan(): k=")
        .append(config.k())
        .append(", alpha=")
        .append(config.alpha())
        .append(", r=")
        .append(config.replicationFactor())
        .append(", request timeout ")
        .append(config.requestTimeoutNanos() / 1_000_000)
        .append(" ms\n");
    int[] sorted = tables.clone();
    Arrays.sort(sorted);
    sb.append("- joined through one seed in ")
        .append(joinMillis)
        .append(" ms; routing table sizes min/median/max ")
        .append(sorted[0])
        .append('/')
        .append(sorted[sorted.length / 2])
        .append('/')
        .append(sorted[sorted.length - 1])
        .append('\n');
    sb.append("- ")
        .append(warmup)
        .append(" warm-up puts and gets, then ")
        .append(ops)
        .append(" puts of fresh 100-byte immutable records and ")
        .append(ops)
        .append(" gets of them, one at a time, each from a random node, at ")
        .append(level)
        .append("; latency from the calling thread (includes the hand-over to the event loop)\n");
    sb.append("- idle cluster: ")
        .append(fmt(idleCpuPerSecond * 100))
        .append("% of one core of Java-thread CPU (measured over ")
        .append(IDLE_MEASURE_MILLIS / 1000)
        .append(" s with no operation running: timers, transport maintenance, JeroMQ threads)\n");
    sb.append("- CPU ms/op: CPU time of all Java threads (every node's event loop and JeroMQ")
        .append(
            " threads; not the JIT compiler or GC) during a phase, minus the idle rate over its")
        .append(" duration, per operation: work rather than waiting, though a crowded machine")
        .append(" inflates it too (context switches, caches); 2 cores overlap it at most 2 ways\n");
    sb.append("- whole run ").append(TimeUnit.NANOSECONDS.toSeconds(totalNanos)).append(" s\n\n");
    sb.append(
        "| op  | p50 ms | p90 ms | p99 ms | max ms | hops p50 | hops p99 | requests/op |"
            + " CPU ms/op | level reached |\n");
    sb.append("|-----|-------:|-------:|-------:|-------:|---------:|---------:|------------:|");
    sb.append("----------:|--------------:|\n");
    row(sb, "put", puts, idleCpuPerSecond);
    row(sb, "get", gets, idleCpuPerSecond);
    sb.append("\nGoals (DESIGN.md): get p50 <= 5 ms, p99 <= 25 ms; put p50 <= 20 ms.\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String op, Phase phase, double idleCpuPerSecond) {
    List<Sample> samples = phase.samples;
    long[] latency = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
    int[] hops = samples.stream().mapToInt(s -> s.result.stats().hops()).sorted().toArray();
    double requests =
        samples.stream().mapToInt(s -> s.result.stats().requests()).average().orElse(0);
    long reached =
        samples.stream()
            .filter(
                s ->
                    s.result instanceof PutResult p
                        ? p.levelReached()
                        : ((GetResult) s.result).levelReached())
            .count();
    sb.append("| ")
        .append(op)
        .append(" | ")
        .append(ms(percentile(latency, 50)))
        .append(" | ")
        .append(ms(percentile(latency, 90)))
        .append(" | ")
        .append(ms(percentile(latency, 99)))
        .append(" | ")
        .append(ms(latency[latency.length - 1]))
        .append(" | ")
        .append(hops[hops.length / 2])
        .append(" | ")
        .append(hops[Math.min(hops.length - 1, (int) Math.ceil(hops.length * 0.99) - 1)])
        .append(" | ")
        .append(fmt(requests))
        .append(" | ")
        .append(
            fmt(
                (phase.processCpuNanos - idleCpuPerSecond * phase.wallNanos)
                    / 1e6
                    / samples.size()))
        .append(" | ")
        .append(reached)
        .append('/')
        .append(samples.size())
        .append(" |\n");
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(sorted.length * p / 100.0) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * CPU time of the process's Java threads (event loops, JeroMQ threads, this one), without the JIT
   * compiler's and the garbage collector's threads, which come and go with warm-up.
   */
  private static long processCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
