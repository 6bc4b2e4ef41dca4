package io.skein.testnet.sim;

import io.skein.gossip.GossipConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast a join burst converges in the simulator, by gossip fanout and claims per message: 50
 * nodes join through one seed, all at once or spread over some time, on {@link LinkModel#lan()}
 * links; measured is the virtual time from the last node's start until every node counts every
 * other as live (checked every 10 ms). 20 runs per row, seeds derived from {@code --seed}. This is
 * the evidence for {@code GossipConfig}'s {@code gossipNodes} and {@code maxClaimsPerMessage}
 * defaults; {@code bench/results/gossip-real.md} has the same figure on real nodes.
 *
 * <pre>
 * bench/gossip-join [--seed n] [--runs 20] [--nodes 50] [--out FILE]
 * </pre>
 *
 * writes {@code bench/results/gossip-join-sim.md}.
 */
public final class JoinBurstBench {
  static final String DEFAULT_OUT = "bench/results/gossip-join-sim.md";
  private static final long MS = 1_000_000L;
  private static final long[] SPREADS_MILLIS = {0, 500, 2000};

  /** Most runs per row: 1,000 (each a whole join burst). */
  static final int MAX_RUNS = 1_000;

  /** Most nodes in one burst: 10,000 (the simulator holds more, but a burst of them takes long). */
  static final int MAX_NODES = 10_000;

  private record Variant(String name, GossipConfig config) {}

  private JoinBurstBench() {}

  /** Milliseconds from the last start until all see all, one value per run. */
  static long[] run(GossipConfig config, int nodes, long spreadMillis, int runs, long seed) {
    long[] out = new long[runs];
    for (int r = 0; r < runs; r++) {
      long runSeed = SimRandom.streamSeed(seed, "join-burst", r);
      GossipSim g =
          GossipSim.builder(runSeed).config(config).link(LinkModel.lan()).seedNodes(1).build();
      long spread = spreadMillis * MS;
      g.addNodes(nodes, spread);
      long lastStart = nodes == 1 ? 0 : spread * (nodes - 1) / nodes;
      if (!g.sim().runUntil(g::converged, 10 * MS, lastStart + 60_000 * MS)) {
        throw new IllegalStateException(
            "no convergence within 60 s after the last start; replay with seed " + runSeed);
      }
      out[r] = (g.sim().nowNanos() - lastStart) / MS;
    }
    return out;
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
    }
  }

  private static long inRange(String flag, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  public static void main(String[] args) throws IOException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/skein/testnet/sim/bench-logback.xml");
    }
    Logger log = LoggerFactory.getLogger(JoinBurstBench.class);
    long seed = 1;
    int runs = 20;
    int nodes = 50;
    Path out = GossipSimBench.repositoryRoot(Path.of("")).resolve(DEFAULT_OUT);
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--seed" -> seed = number(args[i], value);
          case "--runs" -> runs = (int) inRange(args[i], number(args[i], value), 1, MAX_RUNS);
          case "--nodes" -> nodes = (int) inRange(args[i], number(args[i], value), 2, MAX_NODES);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      log.error("JoinBurstBench: {}", e.getMessage());
      log.error("usage: JoinBurstBench [--seed n] [--runs n] [--nodes n] [--out file]");
      System.exit(2);
      return;
    }
    GossipConfig lan = GossipConfig.lan();
    Variant[] variants = {
      new Variant(
          "every 200 ms to 3 members, 8 claims a message (memberlist LAN, Skein before)",
          lan.toBuilder().gossipIntervalMillis(200).gossipNodes(3).maxClaimsPerMessage(8).build()),
      new Variant(
          "every 200 ms to 3 members, 32 claims",
          lan.toBuilder().gossipIntervalMillis(200).gossipNodes(3).build()),
      new Variant("every 200 ms to 4 members, 32 claims: lan()", lan),
      new Variant(
          "every 200 ms to 4 members, 64 claims",
          lan.toBuilder().gossipIntervalMillis(200).maxClaimsPerMessage(64).build()),
      new Variant(
          "every 100 ms to 4 members, 32 claims (suspicionMult 16; not lan(): see GossipConfig)",
          lan.toBuilder().gossipIntervalMillis(100).suspicionMult(16).build()),
    };
    StringBuilder md = new StringBuilder();
    md.append("# Join bursts in the simulator: ")
        .append(nodes)
        .append(" nodes, lan() but for the varied gossip fields\n\n")
        .append("Measured ")
        .append(Instant.now())
        .append(" by `bench/gossip-join --seed ")
        .append(seed)
        .append(" --runs ")
        .append(runs)
        .append(" --nodes ")
        .append(nodes)
        .append("` (`io.skein.testnet.sim.JoinBurstBench`). Nodes join through one seed on")
        .append(" LinkModel.lan() links (one-way 0.2-0.5 ms); the figure is virtual time from the")
        .append(" last node's start until every node counts every other as live, checked every")
        .append(" 10 ms; ")
        .append(runs)
        .append(" runs per row.\n\n")
        .append("| rumors | starts spread over | p50 | p90 | max |\n|---|---|---|---|---|\n");
    for (Variant v : variants) {
      for (long spread : SPREADS_MILLIS) {
        Percentiles p = Percentiles.of(run(v.config, nodes, spread, runs, seed));
        String row =
            String.format(
                Locale.ROOT,
                "| %s | %d ms | %d ms | %d ms | %d ms |%n",
                v.name,
                spread,
                p.percentile(50),
                p.percentile(90),
                p.max());
        log.info("{}", row.strip());
        md.append(row);
      }
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    log.info("wrote {}", out);
  }
}
