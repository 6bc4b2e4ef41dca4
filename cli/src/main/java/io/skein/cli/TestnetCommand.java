package io.skein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.skein.crypto.Endpoint;
import io.skein.gossip.Member;
import io.skein.node.daemon.Daemon;
import io.skein.node.daemon.DaemonSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code skein testnet}: N real peers in this JVM on loopback, peer 0 the seed. Peer i listens on
 * {@code base-port + 2i} and serves its API on {@code base-port + 2i + 1}, with its data in {@code
 * DIR/peer-i}. Writes {@code DIR/peers.json} once all are up, then shows the membership every
 * second until Ctrl-C (or {@code --duration}).
 */
@Command(
    name = "testnet",
    mixinStandardHelpOptions = true,
    description = {
      "Runs N peers in this process on 127.0.0.1, peer 0 the seed, until Ctrl-C.",
      "Peer i listens on BASE+2i, its HTTP API on BASE+2i+1; every skein command works",
      "against any of them with --api. DIR/peers.json lists {id, listen, api} of every peer."
    })
final class TestnetCommand implements Callable<Integer> {
  /** Most peers one testnet runs: 500 (each costs two threads and a few MB). */
  static final int MAX_PEERS = 500;

  /** Default first port: 17946. */
  static final int DEFAULT_BASE_PORT = 17_946;

  /** How often the table is redrawn: 1 s. */
  static final long REFRESH_MILLIS = 1_000;

  @Spec CommandSpec spec;

  @Option(names = "--peers", paramLabel = "N", required = true, description = "Number of peers.")
  int peers;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where the peers keep their data (default: a new temporary directory).")
  Path dir;

  @Option(
      names = "--base-port",
      paramLabel = "P",
      description = "First port (default ${DEFAULT-VALUE}).",
      defaultValue = "" + DEFAULT_BASE_PORT)
  int basePort;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  long durationSeconds;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "Log level of the peers (default ${DEFAULT-VALUE}).",
      defaultValue = "warn")
  String logLevel;

  /** Counted down to stop the testnet (Ctrl-C, --duration, or a test). */
  final CountDownLatch stop = new CountDownLatch(1);

  private final List<Daemon> daemons = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (peers < 1 || peers > MAX_PEERS) {
      throw new ParameterException(
          spec.commandLine(), "--peers must be in 1.." + MAX_PEERS + ", got " + peers);
    }
    if (basePort < 1 || basePort + 2L * peers - 1 > 65_535) {
      throw new ParameterException(
          spec.commandLine(),
          "--base-port " + basePort + " leaves no room for " + peers + " peers");
    }
    if (durationSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--duration must not be negative");
    }
    LogLevel.set(logLevel);
    if (dir == null) {
      dir = Files.createTempDirectory("skein-testnet-");
    }
    Files.createDirectories(dir);
    PrintWriter out = spec.commandLine().getOut();
    Thread hook = new Thread(this::stopAll, "skein-testnet-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      startAll();
      writePeers();
      out.printf("testnet: %d peers up, data in %s, peers in %s%n", peers, dir, peersFile());
      out.flush();
      run(out);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        stopAll();
      } catch (IllegalStateException shuttingDown) {
        // the hook stops them
      }
    }
    return ExitCodes.OK;
  }

  private void startAll() {
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("starting")
            .setInitialMax(peers)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(100)
            .build()) {
      for (int i = 0; i < peers; i++) {
        List<Endpoint> join = i == 0 ? List.of() : List.of(listen(0));
        DaemonSettings settings =
            new DaemonSettings(
                dir.resolve("peer-" + i),
                listen(i),
                null,
                api(i),
                null,
                join,
                DaemonSettings.Preset.LOCAL,
                null);
        Daemon d = NodeCommand.start(settings);
        synchronized (daemons) {
          daemons.add(d);
        }
        bar.step();
      }
    }
  }

  private Endpoint listen(int i) {
    return new Endpoint("127.0.0.1", basePort + 2 * i);
  }

  private Endpoint api(int i) {
    return new Endpoint("127.0.0.1", basePort + 2 * i + 1);
  }

  private Path peersFile() {
    return dir.resolve("peers.json");
  }

  private void writePeers() throws IOException {
    List<Map<String, String>> entries = new ArrayList<>();
    for (Daemon d : snapshot()) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("id", d.id().hex());
      entry.put("listen", d.endpoint().toString());
      entry.put("api", d.apiEndpoint().toString());
      entries.add(entry);
    }
    Path tmp = dir.resolve("peers.json.tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), entries);
    Files.move(
        tmp, peersFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void run(PrintWriter out) throws InterruptedException {
    boolean tty = System.console() != null;
    long deadlineNanos =
        durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : 0;
    while (true) {
      if (tty) {
        out.print("\033[H\033[2J");
        out.print(table());
        out.flush();
      }
      long waitMillis = REFRESH_MILLIS;
      if (deadlineNanos != 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) {
          break;
        }
        waitMillis = Math.min(waitMillis, left);
      }
      if (stop.await(waitMillis, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    if (!tty) {
      out.print(table());
      out.flush();
    }
  }

  /** The membership table: one line per peer. */
  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%-4s %-9s %-21s %-21s %6s %7s %5s %5s%n",
            "#", "id", "listen", "api", "alive", "suspect", "dead", "left"));
    List<Daemon> list = snapshot();
    for (int i = 0; i < list.size(); i++) {
      Daemon d = list.get(i);
      int[] counts = new int[4];
      for (Member m : d.gossip().members()) {
        counts[m.state().ordinal()]++;
      }
      sb.append(
          String.format(
              "%-4d %-9s %-21s %-21s %6d %7d %5d %5d%n",
              i,
              d.id().shortId(),
              d.endpoint(),
              d.apiEndpoint(),
              counts[0],
              counts[1],
              counts[2],
              counts[3]));
    }
    return sb.toString();
  }

  private List<Daemon> snapshot() {
    synchronized (daemons) {
      return List.copyOf(daemons);
    }
  }

  /** Stops every peer, several at once (each leave waits for its claim to spread). */
  private void stopAll() {
    stop.countDown();
    List<Daemon> list;
    synchronized (daemons) {
      list = List.copyOf(daemons);
      daemons.clear();
    }
    List<Thread> threads = new ArrayList<>();
    for (Daemon d : list) {
      Thread t = new Thread(d::close, "skein-stop-" + d.id().shortId());
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
