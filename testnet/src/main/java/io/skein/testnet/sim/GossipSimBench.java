package io.skein.testnet.sim;

import io.skein.testnet.sim.GossipScenarios.Params;
import io.skein.testnet.sim.GossipScenarios.Soak;
import io.skein.testnet.sim.GossipScenarios.Spread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the 1,000-node gossip measurements ({@link GossipScenarios}) and writes them as Markdown
 * (default {@value #DEFAULT_OUT}).
 *
 * <p>Usual entry: the slow test {@code GossipSimBenchTest} ({@link #COMMAND}). As a program: {@code
 * GossipSimBench [--nodes 1000] [--seed n] [--soak-seconds 3600] [--only spread,loss,stall] [--out
 * path]}; the seed defaults to {@code -Dskein.sim.seed} or a fixed value.
 */
public final class GossipSimBench {
  /** Where the report goes, relative to the repository root. */
  public static final String DEFAULT_OUT = "bench/results/gossip-sim.md";

  /** The command that produces the report. */
  public static final String COMMAND =
      "mvn -B -pl testnet -am verify -Pslow -Dtest=GossipSimBenchTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  /** Every scenario name, for {@code --only}. */
  public static final Set<String> SCENARIOS = Set.of("spread", "loss", "stall");

  /**
   * The figures of one run; a scenario that was not run is null.
   *
   * @param params what was run
   * @param spread update spread and crash detection
   * @param loss the loss soak
   * @param stall the stall soak
   * @param wallSeconds real time of the whole run
   */
  public record Report(Params params, Spread spread, Soak loss, Soak stall, double wallSeconds) {}

  private GossipSimBench() {}

  /** Runs the scenarios named in {@code only}, passing progress lines to {@code progress}. */
  public static Report run(Params p, Set<String> only, Consumer<String> progress) {
    long wall = System.nanoTime();
    progress.accept(String.format("gossip-sim: %d nodes, seed=%d", p.nodes(), p.seed()));
    Spread spread = null;
    Soak loss = null;
    Soak stall = null;
    if (only.contains("spread")) {
      spread = GossipScenarios.spread(p);
      progress.accept(
          String.format(
              "gossip-sim: spread and crash detection done in %.1f s", spread.wallSeconds()));
    }
    if (only.contains("loss")) {
      loss = GossipScenarios.lossSoak(p, line -> progress.accept("gossip-sim: " + line));
      progress.accept(String.format("gossip-sim: loss soak done in %.1f s", loss.wallSeconds()));
    }
    if (only.contains("stall")) {
      stall = GossipScenarios.stallSoak(p, line -> progress.accept("gossip-sim: " + line));
      progress.accept(String.format("gossip-sim: stall soak done in %.1f s", stall.wallSeconds()));
    }
    return new Report(p, spread, loss, stall, (System.nanoTime() - wall) / 1e9);
  }

  /** The report as Markdown; {@code command} is how it was produced. */
  public static String markdown(Report r, String command) {
    return GossipSimReport.markdown(r, command);
  }

  /** Writes {@code markdown} to {@code out}, creating its directory. */
  public static void write(String markdown, Path out) {
    try {
      Path dir = out.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(out, markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** The repository root seen from {@code dir} (it or an ancestor holding testnet/), or dir. */
  public static Path repositoryRoot(Path dir) {
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("testnet")) && Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    return dir;
  }

  /** Command-line entry; see the class comment. Exit status 2 on a bad argument. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/skein/testnet/sim/bench-logback.xml");
    }
    // Not a static field: the first logger starts logback, which must see the property above.
    Logger log = LoggerFactory.getLogger(GossipSimBench.class);
    int nodes = 1000;
    Long seed = null;
    long soakSeconds = 3600;
    Set<String> only = new LinkedHashSet<>(SCENARIOS);
    Path out = repositoryRoot(Path.of("")).resolve(DEFAULT_OUT);
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--nodes" -> nodes = Integer.parseInt(require(args[i], value));
          case "--seed" -> seed = Long.parseLong(require(args[i], value));
          case "--soak-seconds" -> soakSeconds = Long.parseLong(require(args[i], value));
          case "--out" -> out = Path.of(require(args[i], value));
          case "--only" -> only = parseOnly(require(args[i], value));
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
        i++;
      }
      if (nodes < 4) {
        throw new IllegalArgumentException("--nodes must be at least 4");
      }
    } catch (IllegalArgumentException e) {
      log.error("GossipSimBench: {}", e.getMessage());
      log.error(
          "usage: GossipSimBench [--nodes n] [--seed n] [--soak-seconds s]"
              + " [--only spread,loss,stall] [--out file]");
      System.exit(2);
      return;
    }
    long s = seed != null ? seed : SimSeeds.seedFor("GossipSimBench");
    Params p = Params.standard(nodes, s).withSoak(soakSeconds * GossipScenarios.SECOND);
    Report report = run(p, only, log::info);
    String md = markdown(report, COMMAND);
    write(md, out);
    log.info("{}", md);
    log.info("written to {}", out.toAbsolutePath());
  }

  private static String require(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  private static Set<String> parseOnly(String list) {
    Set<String> only = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      String n = name.trim();
      if (!SCENARIOS.contains(n)) {
        throw new IllegalArgumentException("unknown scenario '" + n + "', known: " + SCENARIOS);
      }
      only.add(n);
    }
    return only;
  }
}
