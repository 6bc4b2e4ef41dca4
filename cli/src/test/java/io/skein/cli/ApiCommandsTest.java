package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.Sha256;
import io.skein.dht.Consistency;
import io.skein.dht.record.MutableRecord;
import io.skein.gossip.MemberState;
import io.skein.node.api.ApiConfig;
import io.skein.node.api.ApiServer;
import io.skein.node.api.InMemoryBackend;
import io.skein.node.api.MemberView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The API commands run against a real {@link ApiServer} over an in-memory backend. */
class ApiCommandsTest {
  static final String TOKEN = "cli-test-token-0123456789";

  final InMemoryBackend backend = InMemoryBackend.withSeed(3);
  ApiServer api;
  final Map<String, String> env = new HashMap<>();
  byte[] stdin = new byte[0];
  StringWriter out;
  StringWriter err;
  ByteArrayOutputStream stdout;

  @BeforeEach
  void start() throws Exception {
    api = ApiServer.start(ApiConfig.local(), backend, new PrometheusRegistry());
    env.put("SKEIN_API", api.endpointText());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    stdout = new ByteArrayOutputStream();
    CommandLine cmd =
        SkeinCli.commandLine(new CliEnvironment(env, new ByteArrayInputStream(stdin), stdout));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private String namespace() {
    return backend.publicKey().hex();
  }

  private void assertOneLineError(String... contains) {
    String text = err.toString();
    assertThat(text).startsWith("skein: ").endsWith("\n").doesNotContain("Exception");
    assertThat(text.strip()).doesNotContain("\n");
    for (String c : contains) {
      assertThat(text).contains(c);
    }
  }

  private String apiGet(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + api.endpointText() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  @Test
  void membersListsIdAddressStateAndIncarnation() {
    KeyPair other = KeyPair.fromSeed(new byte[32]);
    backend.addMember(
        new MemberView(other.nodeId(), new Endpoint("10.0.0.9", 7946), MemberState.SUSPECT, 4));
    assertThat(run("members")).isEqualTo(ExitCodes.OK);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("ID +ADDRESS +STATE +INCARNATION");
    assertThat(out.toString())
        .contains(other.nodeId().hex() + "  10.0.0.9:7946   suspect  4")
        .contains(backend.key().nodeId().hex());
  }

  @Test
  void membersWaitAliveReturnsTheListOnceEnoughMembersAreAlive() {
    assertThat(run("members", "--wait-alive", "1")).isEqualTo(ExitCodes.OK);
    KeyPair other = KeyPair.fromSeed(new byte[32]);
    backend.addMember(
        new MemberView(other.nodeId(), new Endpoint("10.0.0.9", 7946), MemberState.ALIVE, 1));
    assertThat(run("members", "--wait-alive", "2", "--timeout", "0")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains(other.nodeId().hex());
  }

  @Test
  void membersWaitAliveKeepsLookingUntilAMemberComesAlive() throws Exception {
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(() -> run("members", "--wait-alive", "2", "--timeout", "30"));
    KeyPair other = KeyPair.fromSeed(new byte[32]);
    backend.addMember(
        new MemberView(other.nodeId(), new Endpoint("10.0.0.9", 7946), MemberState.ALIVE, 1));
    assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains(other.nodeId().hex());
  }

  @Test
  void membersWaitAliveFailsAfterItsTimeoutSayingHowManyWereAlive() {
    backend.addMember(
        new MemberView(
            KeyPair.fromSeed(new byte[32]).nodeId(),
            new Endpoint("10.0.0.9", 7946),
            MemberState.SUSPECT,
            1));
    assertThat(run("members", "--wait-alive", "2", "--timeout", "0")).isEqualTo(ExitCodes.FAILED);
    assertOneLineError("1 members alive after 0 s, waited for 2");
    assertThat(run("members", "--wait-alive", "0")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void membersWaitAliveOnAnUnreachableNodeEndsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    env.put("SKEIN_API", "127.0.0.1:" + port);
    assertThat(run("members", "--wait-alive", "1", "--timeout", "0"))
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertOneLineError("still unreachable after 0 s");
  }

  @Test
  void membersJsonIsTheApisArray() throws Exception {
    assertThat(run("members", "--json")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEqualTo(apiGet("/v1/members") + "\n");
    JsonNode array = ApiClient.MAPPER.readTree(out.toString());
    assertThat(array.isArray()).isTrue();
    assertThat(array.get(0).get("id").asText()).isEqualTo(backend.key().nodeId().hex());
  }

  @Test
  void statusShowsIdNamespaceAndCounts() throws Exception {
    assertThat(run("status")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("node id:      " + backend.key().nodeId().hex())
        .contains("namespace:    " + namespace())
        .contains("address:      127.0.0.1:7946")
        .contains("uptime:       12s")
        .contains("members:      1 alive, 0 suspect, 0 dead, 0 left");
    assertThat(run("status", "--json")).isEqualTo(ExitCodes.OK);
    assertThat(ApiClient.MAPPER.readTree(out.toString()).get("publicKey").asText())
        .isEqualTo(namespace());
  }

  @Test
  void putPrintsTheFullKeyAloneOnStdoutAndTheAcknowledgementsOnStderr() {
    assertThat(run("put", "greeting", "hello")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEqualTo(namespace() + "/greeting\n");
    assertThat(err.toString())
        .isEqualTo("acknowledged by 3 of 3 replicas (quorum needs 2), seq 1\n");
  }

  @Test
  void getWritesTheValueBytesAsTheyAreByNameOrFullKey() {
    byte[] binary = new byte[1000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7);
    }
    stdin = binary;
    assertThat(run("put", "blob", "-")).isEqualTo(ExitCodes.OK);

    assertThat(run("get", "blob")).isEqualTo(ExitCodes.OK);
    assertThat(stdout.toByteArray()).isEqualTo(binary);
    assertThat(out.toString()).isEmpty();

    assertThat(run("get", namespace().toUpperCase() + "/blob")).isEqualTo(ExitCodes.OK);
    assertThat(stdout.toByteArray()).isEqualTo(binary);
  }

  @Test
  void namesWithAnyUtf8AreEncodedForThePath() {
    for (String name : new String[] {"café menu", "a+b", "..", "%41", "?x=1#y", "名前"}) {
      assertThat(run("put", name, "v:" + name)).as(name).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).startsWith(namespace() + "/" + name + "\n");
      assertThat(run("get", name)).isEqualTo(ExitCodes.OK);
      assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("v:" + name);
    }
  }

  @Test
  void anotherNamespacesValueIsReadByItsFullKey() {
    KeyPair alice = KeyPair.fromSeed(HexFormat.of().parseHex("cc".repeat(32)));
    backend.store(
        MutableRecord.sign(
            alice,
            "notes".getBytes(StandardCharsets.UTF_8),
            9,
            "hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(run("get", alice.publicKey().hex() + "/notes")).isEqualTo(ExitCodes.OK);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
  }

  @Test
  void immutablePutPrintsTheContentKeyAndGetReadsIt() {
    assertThat(run("put", "--immutable", "forever")).isEqualTo(ExitCodes.OK);
    String key = HexFormat.of().formatHex(Sha256.hash("forever".getBytes(StandardCharsets.UTF_8)));
    assertThat(out.toString()).isEqualTo(key + "\n");
    assertThat(err.toString()).startsWith("acknowledged by 3 of 3 replicas");
    assertThat(run("get", key)).isEqualTo(ExitCodes.OK);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("forever");
  }

  @Test
  void consistencyIsPassedToTheNode() {
    assertThat(run("put", "--consistency", "all", "k", "v")).isEqualTo(ExitCodes.OK);
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ALL);
    assertThat(run("get", "--consistency=ONE", "k")).isEqualTo(ExitCodes.OK);
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ONE);
    assertThat(run("get", "k")).isEqualTo(ExitCodes.OK);
    assertThat(backend.lastLevel()).isEqualTo(Consistency.QUORUM);
  }

  @Test
  void jsonOutputsAreTheApisAnswers() throws Exception {
    assertThat(run("put", "--json", "j", "value")).isEqualTo(ExitCodes.OK);
    JsonNode put = ApiClient.MAPPER.readTree(out.toString());
    assertThat(put.get("key").asText()).isEqualTo(namespace() + "/j");
    assertThat(put.get("acked").asInt()).isEqualTo(3);
    assertThat(run("get", "--json", "j")).isEqualTo(ExitCodes.OK);
    JsonNode get = ApiClient.MAPPER.readTree(out.toString());
    assertThat(get.get("value").asText()).isEqualTo("dmFsdWU=");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void aMissingValueExits1() {
    assertThat(run("get", "nothing")).isEqualTo(ExitCodes.NOT_FOUND);
    assertOneLineError("no value at " + namespace() + "/nothing");
    assertThat(run("get", "ab".repeat(32))).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void usageErrorsExit2() {
    assertThat(run("put", "only-one")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("NAME and VALUE");
    assertThat(run("put", "--immutable", "a", "b")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("put", "--immutable", "--cas", "1", "a")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("--cas");
    assertThat(run("put", "--cas", "-1", "a", "b")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("put", "a/b", "v")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("'/'");
    assertThat(run("put", "x".repeat(65), "v")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("put", "", "v")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("get", "nothex/name")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("namespace of 64 hex digits");
    assertThat(run("get", namespace() + "/")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("get", "--consistency", "most", "k")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("get", "--api", "nonsense", "k")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("invalid endpoint 'nonsense'", "--api");
    env.put("SKEIN_API", "bad:port");
    assertThat(run("status")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("SKEIN_API");
    assertThat(backend.operations()).isZero();
  }

  @Test
  void anUnreachableNodeExits3() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThat(run("status", "--api", "127.0.0.1:" + closedPort)).isEqualTo(ExitCodes.UNREACHABLE);
    assertOneLineError("cannot reach the node's API at 127.0.0.1:" + closedPort, "refused");
  }

  @Test
  void aConnectionClosedWithoutAnswerExits3() throws Exception {
    ServerSocket rude = new ServerSocket(0);
    // Every connection is closed after its first byte (the client retries a GET once).
    CompletableFuture<Void> closer =
        CompletableFuture.runAsync(
            () -> {
              while (!rude.isClosed()) {
                try (Socket s = rude.accept()) {
                  s.getInputStream().read();
                } catch (Exception ignored) {
                  // closing is the point
                }
              }
            });
    try {
      assertThat(run("members", "--api", "127.0.0.1:" + rude.getLocalPort()))
          .isEqualTo(ExitCodes.UNREACHABLE);
    } finally {
      rude.close();
    }
    closer.get();
    assertOneLineError("cannot reach the node's API");
  }

  @Test
  void refusalsExit4() {
    assertThat(run("put", "lock", "a")).isEqualTo(ExitCodes.OK);
    assertThat(run("put", "lock", "b")).isEqualTo(ExitCodes.OK);
    assertThat(run("put", "--cas", "1", "lock", "c")).isEqualTo(ExitCodes.REJECTED);
    assertOneLineError("cas mismatch");
    assertThat(run("put", "--cas", "2", "lock", "c")).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aValueOverTheLimitExits4WithoutBeingSent() {
    stdin = new byte[65_537];
    assertThat(run("put", "big", "-")).isEqualTo(ExitCodes.REJECTED);
    assertOneLineError("too large", "65536");
    assertThat(run("put", "--immutable", "x".repeat(65_537))).isEqualTo(ExitCodes.REJECTED);
    assertThat(backend.operations()).isZero();
    stdin = new byte[65_536];
    assertThat(run("put", "big", "-")).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aPutThatMissesItsLevelFailsSayingSo() {
    backend.replicas(3, 1);
    assertThat(run("put", "weak", "v")).isEqualTo(ExitCodes.FAILED);
    assertOneLineError("acknowledged by 1 of 3 replicas, quorum needs 2");
  }

  @Test
  void aTokenComesFromTheEnvironmentOrAFile(@TempDir Path tmp) throws Exception {
    api.close();
    api =
        ApiServer.start(
            ApiConfig.local().withBearerToken(TOKEN), backend, new PrometheusRegistry());
    env.put("SKEIN_API", api.endpointText());

    assertThat(run("status")).isEqualTo(ExitCodes.USAGE);
    assertOneLineError("bearer token", "SKEIN_API_TOKEN");

    env.put("SKEIN_API_TOKEN", TOKEN);
    assertThat(run("status")).isEqualTo(ExitCodes.OK);

    env.put("SKEIN_API_TOKEN", "wrong-token-0123456789");
    assertThat(run("status")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).doesNotContain("wrong-token");

    Path file = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    assertThat(run("status", "--api-token-file", file.toString())).isEqualTo(ExitCodes.OK);
    assertThat(run("status", "--api-token-file", tmp.resolve("missing").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertOneLineError("does not exist");
  }

  @Test
  void theDefaultApiIsTheDefaultPortOnLoopback() {
    env.remove("SKEIN_API");
    assertThat(new ApiOptions().endpoint(new CliEnvironment(env, System.in, System.out)))
        .isEqualTo(new Endpoint("127.0.0.1", ApiConfig.DEFAULT_PORT));
  }

  @Test
  void exitCodesForEveryApiErrorStatus() {
    assertThat(ApiClient.exitCode(404, "not_found")).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(ApiClient.exitCode(404, "unknown_path")).isEqualTo(ExitCodes.FAILED);
    for (int status : new int[] {400, 401, 403}) {
      assertThat(ApiClient.exitCode(status, "x")).isEqualTo(ExitCodes.USAGE);
    }
    for (int status : new int[] {409, 413, 422, 507}) {
      assertThat(ApiClient.exitCode(status, "x")).isEqualTo(ExitCodes.REJECTED);
    }
    for (int status : new int[] {405, 500, 503, 504}) {
      assertThat(ApiClient.exitCode(status, "x")).isEqualTo(ExitCodes.FAILED);
    }
  }

  @Test
  void helpListsTheApiCommandsAndExitCodes() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("members")
        .contains("status")
        .contains("put")
        .contains("get")
        .contains("3   node unreachable");
    assertThat(run("put", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("skein put [OPTIONS] NAME VALUE|-")
        .contains("skein put --immutable [OPTIONS] VALUE|-");
    for (String line : out.toString().split("\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
  }
}
