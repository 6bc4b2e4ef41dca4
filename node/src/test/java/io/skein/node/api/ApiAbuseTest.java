package io.skein.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Slow, huge and garbage requests cost a bounded amount and never take the API down. */
class ApiAbuseTest extends ApiFixture {
  static final long BODY_TIMEOUT_MILLIS = 400;

  @Override
  ApiConfig config() {
    return ApiConfig.local().withBodyTimeoutMillis(BODY_TIMEOUT_MILLIS).withThreads(1, 8);
  }

  private double sample(String key) {
    return PrometheusText.parse(http.get("/metrics").text()).getOrDefault(key, 0.0);
  }

  /** Reads until the server closes the connection; true if it did (EOF or reset). */
  private static boolean closedByServer(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // whatever the server says before closing
      }
      return true;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void aStalledBodyIsCutOffAtTheDeadlineAndFreesTheOnlyWorker() throws Exception {
    try (Socket slow = http.connect()) {
      TestHttp.write(
          slow.getOutputStream(),
          "PUT /v1/values/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
      // The only worker is now blocked on this body; the next request waits for it.
      CompletableFuture<Integer> queued =
          CompletableFuture.supplyAsync(() -> http.get("/v1/status").status());

      long startNanos = System.nanoTime();
      assertThat(closedByServer(slow.getInputStream())).isTrue();
      long closedAfterMillis = (System.nanoTime() - startNanos) / 1_000_000;

      assertThat(closedAfterMillis).isLessThan(BODY_TIMEOUT_MILLIS + 5_000);
      assertThat(queued.get()).isEqualTo(200);
    }
    assertThat(backend.operations()).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sample("skein_api_requests_total{code=\"dropped\",route=\"values\"}") == 1.0);
  }

  @Test
  void aDribblingBodyIsCutOffTooNotOnlyASilentOne() throws Exception {
    try (Socket slow = http.connect()) {
      OutputStream out = slow.getOutputStream();
      TestHttp.write(
          out, "PUT /v1/immutable HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n");
      // One byte every 5 ms: the body keeps moving but would take 500 s to complete.
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      AtomicLong written = new AtomicLong();
      ScheduledFuture<?> dribble =
          pacer.scheduleAtFixedRate(
              () -> {
                try {
                  out.write('x');
                  out.flush();
                  written.incrementAndGet();
                } catch (IOException closed) {
                  throw new UncheckedIOException(closed);
                }
              },
              0,
              5,
              TimeUnit.MILLISECONDS);
      try {
        assertThat(closedByServer(slow.getInputStream())).isTrue();
      } finally {
        dribble.cancel(false);
        pacer.shutdownNow();
      }
      assertThat(written.get()).isGreaterThan(0).isLessThan(100_000);
    }
    assertThat(backend.operations()).isZero();
    assertThat(http.get("/v1/status").status()).isEqualTo(200);
  }

  @Test
  void anEndlessChunkedBodyIsRefusedWithoutBeingBufferedWhole() throws Exception {
    AtomicLong sent = new AtomicLong();
    try (Socket socket = http.connect()) {
      OutputStream out = socket.getOutputStream();
      TestHttp.write(
          out,
          "PUT /v1/values/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = new byte[64 * 1024];
      byte[] header =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (int i = 0; i < 16 * 1024; i++) { // 1 GiB unless cut off
                    out.write(header);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                    sent.addAndGet(chunk.length);
                  }
                } catch (IOException expected) {
                  // the server closed the connection
                }
              });
      TestHttp.Response response = TestHttp.readResponse(socket.getInputStream());
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.error()).isEqualTo("body_too_large");
      assertThat(response.header("Connection")).isEqualTo("close");
      writer.get();
    }
    // Cap, the 1 MiB discard, the JDK's 64 KiB drain and the kernel's socket buffers: far from 1
    // GiB.
    assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
    assertThat(backend.operations()).isZero();
    assertThat(http.get("/v1/status").status()).isEqualTo(200);
  }

  @Test
  void aBodyDeclaredFarTooLargeIsRefusedBeforeAnyOfItIsRead() throws Exception {
    try (Socket socket = http.connect()) {
      TestHttp.write(
          socket.getOutputStream(),
          "PUT /v1/values/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000000\r\n\r\n");
      TestHttp.Response response = TestHttp.readResponse(socket.getInputStream());
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.json().get("maxBytes").asInt()).isEqualTo(ApiLimits.MAX_VALUE_BYTES);
    }
  }

  @Test
  void aSlightlyOversizedBodyIsDrainedSoTheConnectionStaysUsable() throws Exception {
    try (Socket socket = http.connect()) {
      int length = ApiLimits.MAX_VALUE_BYTES + 1000;
      TestHttp.write(
          socket.getOutputStream(),
          "PUT /v1/values/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + "\r\n\r\n");
      socket.getOutputStream().write(new byte[length]);
      InputStream in = socket.getInputStream();
      assertThat(TestHttp.readResponse(in).status()).isEqualTo(413);
      TestHttp.write(
          socket.getOutputStream(), "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(TestHttp.readResponse(in).status()).isEqualTo(200);
    }
  }

  @Test
  void garbageOnTheSocketNeverTakesTheServerDown() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      byte[] garbage = new byte[1 + random.nextInt(2000)];
      random.nextBytes(garbage);
      if (i % 4 == 0) {
        // A valid start, then garbage headers.
        byte[] start = "PUT /v1/values/g HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, garbage, 0, Math.min(start.length, garbage.length));
      }
      try (Socket socket = http.connect()) {
        socket.getOutputStream().write(garbage);
        socket.shutdownOutput();
        closedByServer(socket.getInputStream());
      } catch (SocketException e) {
        // the server may reset a connection it refused
      }
    }
    assertThat(http.get("/v1/status").status()).isEqualTo(200);
    assertThat(sample("skein_api_requests_total{code=\"500\",route=\"values\"}")).isZero();
  }

  @Test
  void randomWellFormedRequestsGetAnAnswerBelow500() {
    Random random = new Random(7);
    List<String> methods = List.of("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "X-CUSTOM");
    List<String> prefixes =
        List.of("/v1/values/", "/v1/immutable/", "/v1/values/" + namespace() + "/", "/v1/", "/");
    List<String> types = List.of("application/json", "text/plain", "application/octet-stream");
    for (int i = 0; i < 300; i++) {
      byte[] segment = new byte[random.nextInt(80)];
      random.nextBytes(segment);
      String path =
          prefixes.get(random.nextInt(prefixes.size()))
              + URLEncoder.encode(
                      new String(segment, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                  .replace("+", "%20");
      if (random.nextBoolean()) {
        path +=
            "?"
                + List.of("consistency=", "cas=", "x=", "consistency=all&cas=")
                    .get(random.nextInt(4))
                + random.nextInt(100);
      }
      byte[] body = new byte[random.nextInt(300)];
      random.nextBytes(body);
      if (random.nextBoolean()) {
        body = ("{\"value\":\"" + random.nextInt() + "\"}").getBytes(StandardCharsets.UTF_8);
      }
      String method = methods.get(random.nextInt(methods.size()));
      TestHttp.Response response =
          http.send(method, path, body, "Content-Type", types.get(random.nextInt(types.size())));
      assertThat(response.status()).as(method + " " + path).isBetween(200, 499);
      if (response.status() >= 400 && !method.equals("HEAD")) {
        assertThat(response.error()).as(method + " " + path).isNotNull();
      }
    }
  }

  @Test
  void theJdkServerLimitsAreSetUnlessGivenOnTheCommandLine() {
    Map<String, String> expected =
        Map.of(
            "sun.net.httpserver.maxReqTime",
            Integer.toString(JdkServerLimits.MAX_REQUEST_SECONDS),
            "jdk.httpserver.maxConnections",
            Integer.toString(JdkServerLimits.MAX_CONNECTIONS));
    expected.forEach((key, value) -> assertThat(System.getProperty(key)).as(key).isEqualTo(value));
  }
}
