package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code ./skein node} daemons as separate OS processes through the real launcher (which
 * builds the jar first): a value put on one is read on another, still after one replica is killed
 * with SIGKILL, and the killed node restarted on its data directory rejoins without {@code --join}.
 * Slow: the launcher's build alone takes about a minute here.
 */
@Tag("slow")
class LauncherEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private final List<Process> processes = new ArrayList<>();

  private record Result(int exit, String out, String err) {}

  @AfterEach
  void killAll() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  private static Result skein(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("skein").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private Process node(String name, int listen, int api, String... extra) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("skein").toString());
    command.addAll(NodeArgs.of(tmp.resolve(name), listen, api, "warn", extra));
    File out = tmp.resolve(name + ".out").toFile();
    Process p =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(out)
            .redirectError(tmp.resolve(name + ".err").toFile())
            .start();
    processes.add(p);
    await()
        .atMost(WAIT)
        .until(() -> Files.readString(out.toPath()).startsWith("ready: ") || !p.isAlive());
    assertThat(p.isAlive()).as(Files.readString(tmp.resolve(name + ".err"))).isTrue();
    return p;
  }

  private static long alive(int api) throws Exception {
    Result r = skein("members", "--api", "127.0.0.1:" + api);
    return r.exit() == 0 ? r.out().lines().filter(l -> l.contains(" alive ")).count() : -1;
  }

  @Test
  void threeDaemonsServeAValueThroughAKillAndARestart() throws Exception {
    Result version = skein("--version");
    assertThat(version.exit()).as(version.err()).isZero();

    int base = DaemonCommandsTest.freeRange(6);
    Process a = node("a", base, base + 1);
    node("b", base + 2, base + 3, "--join", "127.0.0.1:" + base);
    Process c = node("c", base + 4, base + 5, "--join", "127.0.0.1:" + base);
    await().atMost(WAIT).until(() -> alive(base + 1) == 3 && alive(base + 3) == 3);

    Result put = skein("put", "--immutable", "hello e2e", "--api", "127.0.0.1:" + (base + 1));
    assertThat(put.exit()).as(put.err()).isZero();
    String key = put.out().lines().findFirst().orElse("");
    assertThat(key).matches("[0-9a-f]{64}");
    Result get = skein("get", key, "--api", "127.0.0.1:" + (base + 3));
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out()).isEqualTo("hello e2e");

    c.destroyForcibly().waitFor();
    Result afterKill = skein("get", key, "--api", "127.0.0.1:" + (base + 3));
    assertThat(afterKill.exit()).as(afterKill.err()).isZero();
    assertThat(afterKill.out()).isEqualTo("hello e2e");

    node("c", base + 4, base + 5);
    await().atMost(WAIT).until(() -> alive(base + 1) == 3 && alive(base + 5) == 3);
    Result fromRestarted = skein("get", key, "--api", "127.0.0.1:" + (base + 5));
    assertThat(fromRestarted.out()).isEqualTo("hello e2e");
    assertThat(a.isAlive()).isTrue();
  }
}
