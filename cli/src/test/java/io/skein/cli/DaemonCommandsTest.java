package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code skein node} and {@code skein testnet} run in this JVM through picocli. */
class DaemonCommandsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  private final List<Running> running = new ArrayList<>();

  /** A command running in the background, with its output. */
  private static final class Running {
    final CommandLine cmd;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Running(String... args) {
      cmd = SkeinCli.commandLine(environment());
      cmd.setOut(new PrintWriter(out, true));
      cmd.setErr(new PrintWriter(err, true));
      Thread t =
          new Thread(
              () -> {
                try {
                  exit.complete(cmd.execute(args));
                } catch (RuntimeException | Error e) {
                  exit.completeExceptionally(e);
                }
              },
              "test-" + args[0]);
      t.setDaemon(true);
      t.start();
    }

    <T> T command(String name, Class<T> type) {
      return type.cast(cmd.getSubcommands().get(name).getCommand());
    }
  }

  private static CliEnvironment environment() {
    return new CliEnvironment(
        Map.of(), new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
  }

  /** Runs a command to its end: exit code, stdout, stderr. */
  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = SkeinCli.commandLine(environment());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Running r : running) {
      NodeCommand node = r.cmd.getSubcommands().get("node").getCommand();
      node.stop.countDown();
      TestnetCommand testnet = r.cmd.getSubcommands().get("testnet").getCommand();
      testnet.stop.countDown();
      r.exit.get(30, TimeUnit.SECONDS);
    }
  }

  private Running start(String... args) {
    Running r = new Running(args);
    running.add(r);
    return r;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The first of {@code count} consecutive ports below the kernel's ephemeral range (so that no
   * outgoing connection takes one) that are all free now.
   */
  static int freeRange(int count) {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + random.nextInt(10_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range");
  }

  private static boolean allFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private Running node(String name, int listen, int api, String... extra) {
    List<String> args = NodeArgs.of(tmp.resolve(name), listen, api, "warn", extra);
    return start(args.toArray(String[]::new));
  }

  @Test
  void nodePrintsOneReadyLineAndServesItsApiUntilStopped() throws Exception {
    int listen = freePort();
    int api = freePort();
    Running a = node("a", listen, api);
    await().atMost(WAIT).until(() -> a.out.toString().startsWith("ready: "));
    assertThat(a.out.toString())
        .matches(
            "ready: id=[0-9a-f]{64} listen=127\\.0\\.0\\.1:"
                + listen
                + " api=127\\.0\\.0\\.1:"
                + api
                + "\\R");
    Running b = node("b", freePort(), freePort(), "--join", "127.0.0.1:" + listen);
    await().atMost(WAIT).until(() -> b.out.toString().startsWith("ready: "));
    await()
        .atMost(WAIT)
        .until(() -> run("members", "--api", "127.0.0.1:" + api).out().split("alive").length == 3);

    a.command("node", NodeCommand.class).stop.countDown();
    assertThat(a.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(tmp.resolve("a").resolve("peers.json"))).contains("127.0.0.1:");
  }

  @Test
  void secondNodeOnTheSameDataDirFailsWithOneLineAndTheDataDirCode() {
    Running a = node("a", freePort(), freePort());
    await().atMost(WAIT).until(() -> a.out.toString().startsWith("ready: "));
    Result second =
        run(
            "node",
            "--data",
            tmp.resolve("a").toString(),
            "--listen",
            "127.0.0.1:" + freePort(),
            "--api",
            "127.0.0.1:" + freePort(),
            "--log-level",
            "warn");
    assertThat(second.exit()).isEqualTo(ExitCodes.DATA_DIR);
    assertThat(second.err()).startsWith("skein: ").contains("locked").hasLineCount(1);
  }

  @Test
  void nodeOnATakenPortFailsWithTheAddressInUseCode() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result r =
          run(
              "node",
              "--data",
              tmp.resolve("x").toString(),
              "--listen",
              "127.0.0.1:" + taken.getLocalPort(),
              "--api",
              "127.0.0.1:" + freePort(),
              "--log-level",
              "warn");
      assertThat(r.exit()).isEqualTo(ExitCodes.ADDRESS_IN_USE);
      assertThat(r.err()).startsWith("skein: ").contains("in use").hasLineCount(1);
    }
  }

  @Test
  void badSettingsAreUsageErrors() {
    Result r = run("node", "--data", tmp.toString(), "--listen", "nowhere", "--log-level", "warn");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("skein: ").contains("--listen");
    Result level = run("node", "--log-level", "loud");
    assertThat(level.exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void testnetWritesPeersJsonAndEveryPeerListsAllMembers() throws Exception {
    Path dir = tmp.resolve("net");
    int base = freeRange(8);
    Running net =
        start("testnet", "--peers", "4", "--dir", dir.toString(), "--base-port", "" + base);
    Path peersFile = dir.resolve("peers.json");
    await().atMost(WAIT).until(() -> Files.exists(peersFile) || net.exit.isDone());
    assertThat(net.err.toString()).doesNotContain("skein: ");
    JsonNode peers = new ObjectMapper().readTree(peersFile.toFile());
    assertThat(peers.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(peers.get(i).get("listen").asText()).isEqualTo("127.0.0.1:" + (base + 2 * i));
      assertThat(peers.get(i).get("api").asText()).isEqualTo("127.0.0.1:" + (base + 2 * i + 1));
      assertThat(peers.get(i).get("id").asText()).hasSize(64);
    }
    for (JsonNode peer : peers) {
      String api = peer.get("api").asText();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Result members = run("members", "--api", api);
                assertThat(members.exit()).isZero();
                for (JsonNode other : peers) {
                  assertThat(members.out()).contains(other.get("id").asText());
                }
                assertThat(members.out().split("alive").length).isEqualTo(5);
              });
    }
    net.command("testnet", TestnetCommand.class).stop.countDown();
    assertThat(net.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(net.out.toString()).contains("4 peers up").contains("alive");
  }

  @Test
  void testnetStopsByItselfAfterItsDuration() throws Exception {
    Running net =
        start(
            "testnet",
            "--peers",
            "2",
            "--dir",
            tmp.resolve("d").toString(),
            "--base-port",
            "" + freeRange(4),
            "--duration",
            "1");
    assertThat(net.exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
  }
}
