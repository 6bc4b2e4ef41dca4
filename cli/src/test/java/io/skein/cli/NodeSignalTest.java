package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skein node} as its own OS process (a JVM on this test's class path, so no launcher build)
 * stopped by a real SIGTERM, as systemd and Ctrl-C stop it: it leaves the cluster gracefully (the
 * peer that stays sees it {@code left}, not dead), saves its peers and exits within the leave bound
 * with the JVM's status for SIGTERM, without a stack trace.
 */
@DisabledOnOs(OS.WINDOWS)
class NodeSignalTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** A JVM that ends on SIGTERM after its shutdown hooks ran exits with 128 + 15. */
  private static final int SIGTERM_EXIT = 143;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  private Process node(String name, int listen, int api, String... extra) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path")));
    command.add(SkeinCli.class.getName());
    command.addAll(NodeArgs.of(tmp.resolve(name), listen, api, "info", extra));
    Path out = tmp.resolve(name + ".out");
    Path err = tmp.resolve(name + ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    processes.add(p);
    await().atMost(WAIT).until(() -> Files.readString(out).startsWith("ready: ") || !p.isAlive());
    assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
    return p;
  }

  private static JsonNode members(int api) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/v1/members"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static long inState(int api, String state) throws IOException, InterruptedException {
    long n = 0;
    for (JsonNode m : members(api)) {
      if (m.get("state").asText().equals(state)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void sigtermMakesTheNodeLeaveGracefullySaveItsPeersAndExit() throws Exception {
    int base = DaemonCommandsTest.freeRange(4);
    node("a", base, base + 1);
    Process b = node("b", base + 2, base + 3, "--join", "127.0.0.1:" + base);
    await().atMost(WAIT).until(() -> inState(base + 1, "alive") == 2);

    b.destroy(); // SIGTERM on POSIX systems

    assertThat(b.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    String err = Files.readString(tmp.resolve("b.err"));
    assertThat(b.exitValue()).as(err).isEqualTo(SIGTERM_EXIT);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    await().atMost(WAIT).until(() -> inState(base + 1, "left") == 1);
    assertThat(inState(base + 1, "dead")).isZero();
    JsonNode saved = JSON.readTree(tmp.resolve("b").resolve("peers.json").toFile());
    assertThat(saved.toString()).contains("127.0.0.1:" + base);
  }
}
