package io.skein.cli;

import io.skein.node.daemon.Daemon;
import io.skein.node.daemon.DaemonSettings;
import io.skein.node.daemon.DaemonStartException;
import io.skein.node.daemon.SettingsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code skein node}: runs one peer in the foreground until SIGINT or SIGTERM, which leave the
 * cluster gracefully. Prints one {@code ready:} line on stdout once it serves; logs go to stderr.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Skein peer in the foreground until Ctrl-C or SIGTERM (it then leaves gracefully).",
      "Settings: defaults < --config file < SKEIN_* environment < flags.",
      "Without --join it rejoins through the peers saved in DATA/peers.json."
    })
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand SkeinCli parent;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ~/.skein).")
  String data;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where to listen for peers (default 0.0.0.0:7946).")
  String listen;

  @Option(
      names = "--api",
      paramLabel = "HOST:PORT",
      description = "Where the HTTP API listens (default 127.0.0.1:7947).")
  String api;

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT,...",
      description = "Peers to join through (default: the saved peers).")
  String join;

  @Option(
      names = "--advertise",
      paramLabel = "HOST:PORT",
      description = "Where peers should reach this node (needed when listening on 0.0.0.0).")
  String advertise;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
  String config;

  @Option(names = "--preset", paramLabel = "PRESET", description = "Timing: lan, wan or local.")
  String preset;

  @Option(
      names = "--api-token-file",
      paramLabel = "FILE",
      description = "A file holding the API's bearer token (required off loopback).")
  String apiTokenFile;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "error, warn, info (default), debug or trace.",
      defaultValue = "info")
  String logLevel;

  /** Counted down when the daemon stopped; tests may count it down to stop it. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    LogLevel.set(logLevel);
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, "data", data);
    put(flags, "listen", listen);
    put(flags, "api", api);
    put(flags, "join", join);
    put(flags, "advertise", advertise);
    put(flags, "config", config);
    put(flags, "preset", preset);
    put(flags, "api-token-file", apiTokenFile);
    DaemonSettings settings;
    try {
      settings =
          DaemonSettings.resolve(
              flags, parent.environment().variables(), Path.of(System.getProperty("user.home")));
    } catch (SettingsException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
    Daemon daemon = start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              daemon.close();
              stopped.countDown();
              stop.countDown();
            },
            "skein-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "ready: id=%s listen=%s api=%s%n",
        daemon.id().hex(), daemon.endpoint(), daemon.apiEndpoint());
    out.flush();
    stop.await();
    if (stopped.getCount() > 0) { // stopped by a test, not by a signal
      Runtime.getRuntime().removeShutdownHook(hook);
      daemon.close();
    }
    stopped.await(Daemon.LEAVE_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
    return ExitCodes.OK;
  }

  /** Starts the daemon, turning a failure into one line with its exit code. */
  static Daemon start(DaemonSettings settings) {
    try {
      return Daemon.start(settings);
    } catch (DaemonStartException e) {
      throw new CliException(exitCode(e.kind()), e.getMessage(), e);
    }
  }

  static int exitCode(DaemonStartException.Kind kind) {
    return switch (kind) {
      case ADDRESS_IN_USE -> ExitCodes.ADDRESS_IN_USE;
      case KEY_FILE, DATA_DIR, STORE -> ExitCodes.DATA_DIR;
      case OTHER -> ExitCodes.FAILED;
    };
  }

  private static void put(Map<String, String> flags, String key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
