package io.skein.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiAuthTest {
  static final String TOKEN = "s3cret-token-0123456789";

  @Test
  void anAddressThatIsNotLoopbackNeedsAToken() {
    InMemoryBackend backend = InMemoryBackend.withSeed(2);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApiServer.start(
                    ApiConfig.local().withListen("0.0.0.0", 0), backend, new PrometheusRegistry()))
        .withMessageContaining("0.0.0.0")
        .withMessageContaining("bearer token");
  }

  @Test
  void anAddressThatIsNotLoopbackStartsWithAToken() throws Exception {
    try (ApiServer api =
        ApiServer.start(
            ApiConfig.local().withListen("0.0.0.0", 0).withBearerToken(TOKEN),
            InMemoryBackend.withSeed(2),
            new PrometheusRegistry())) {
      assertThat(new TestHttp(api, TOKEN).get("/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void tokensAreLongVisibleAsciiAndNeverEchoed() {
    for (String bad :
        List.of("short", "x".repeat(257), "has space in it 12345", "tab\there-0123456789")) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ApiConfig.local().withBearerToken(bad))
          .withMessageNotContaining(bad);
    }
    assertThat(ApiConfig.local().withBearerToken(TOKEN).toString())
        .doesNotContain(TOKEN)
        .contains("bearerToken=set");
  }

  @Test
  void loopbackHostHeadersAreRecognisedWithoutResolvingNames() {
    for (String ok :
        List.of(
            "localhost",
            "LOCALHOST:7947",
            "127.0.0.1",
            "127.0.0.1:7947",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:7947")) {
      assertThat(Guard.isLoopbackHost(ok)).as(ok).isTrue();
    }
    for (String bad :
        List.of(
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "128.0.0.1",
            "127.0.0.256",
            "127.0.0",
            "[::2]",
            "[::1",
            "localhost:",
            "localhost:x",
            "localhost:123456",
            "127.0.0.\u0661",
            "")) {
      assertThat(Guard.isLoopbackHost(bad)).as(bad).isFalse();
    }
  }

  @Nested
  class WithAToken extends ApiFixture {
    @Override
    ApiConfig config() {
      return ApiConfig.local().withBearerToken(TOKEN);
    }

    @Test
    void requestsWithTheTokenAreServed() {
      assertThat(http.get("/v1/members").status()).isEqualTo(200);
      assertThat(http.get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void aMissingTokenIs401WithAChallengeOnEveryPath() throws Exception {
      TestHttp anonymous = new TestHttp(api, null);
      for (String path :
          List.of("/v1/members", "/v1/status", "/metrics", "/v1/values/x", "/nope")) {
        TestHttp.Response response = anonymous.get(path);
        assertThat(response.status()).as(path).isEqualTo(401);
        assertThat(response.error()).isEqualTo("unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
      }
      assertThat(anonymous.put("/v1/values/x", "v").status()).isEqualTo(401);
      assertThat(anonymous.get("/v1/status", "Authorization", "Basic dXNlcjpwYXNz").status())
          .isEqualTo(401);
      assertThat(anonymous.get("/v1/status", "Authorization", "Bearer").status()).isEqualTo(401);
      assertThat(backend.operations()).isZero();
    }

    @Test
    void aWrongTokenIs403() {
      for (String wrong :
          List.of("s3cret-token-012345678", TOKEN + "x", "x", TOKEN.toUpperCase())) {
        TestHttp.Response response =
            new TestHttp(api, null).get("/v1/status", "Authorization", "Bearer " + wrong);
        assertThat(response.status()).as(wrong).isEqualTo(403);
        assertThat(response.error()).isEqualTo("forbidden");
        assertThat(response.text()).doesNotContain(TOKEN);
      }
    }

    @Test
    void theSchemeIsCaseInsensitive() {
      assertThat(
              new TestHttp(api, null)
                  .get("/v1/status", "Authorization", "bearer " + TOKEN)
                  .status())
          .isEqualTo(200);
    }

    @Test
    void withATokenAnyHostHeaderIsFine() throws Exception {
      TestHttp.Response response =
          http.raw(
              "GET /v1/status HTTP/1.1\r\nHost: skein.example:7947\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(response.status()).isEqualTo(200);
    }
  }

  @Nested
  class WithoutAToken extends ApiFixture {
    @Test
    void aForeignHostHeaderIsRefusedAgainstDnsRebinding() throws Exception {
      TestHttp.Response response =
          http.raw(
              "PUT /v1/values/x HTTP/1.1\r\nHost: attacker.example:7947\r\n"
                  + "Content-Length: 1\r\nConnection: close\r\n\r\nv");
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.error()).isEqualTo("forbidden_host");
      assertThat(backend.operations()).isZero();
    }

    @Test
    void loopbackHostHeadersAndNoneAreServed() throws Exception {
      for (String host : List.of("Host: localhost:7947\r\n", "Host: 127.0.0.1\r\n", "")) {
        TestHttp.Response response =
            http.raw("GET /v1/status HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        assertThat(response.status()).as(host).isEqualTo(200);
      }
    }
  }
}
