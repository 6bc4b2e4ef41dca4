package io.skein.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx with a JSON error naming the problem, never a 500. */
class ApiBadInputTest extends ApiFixture {
  private static final String JSON = "application/json";

  private void assertError(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(response.error()).isEqualTo(code);
    assertThat(response.json().get("message").asText()).isNotBlank().doesNotContain("\n");
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    record Case(String method, String path, String allow) {}
    String key = "0".repeat(64);
    for (Case c :
        List.of(
            new Case("POST", "/v1/members", "GET"),
            new Case("PUT", "/v1/status", "GET"),
            new Case("DELETE", "/v1/values/x", "GET, PUT"),
            new Case("POST", "/v1/values/x", "GET, PUT"),
            new Case("PUT", "/v1/values/" + key + "/x", "GET"),
            new Case("GET", "/v1/immutable", "PUT"),
            new Case("PUT", "/v1/immutable/" + key, "GET"),
            new Case("OPTIONS", "/metrics", "GET"),
            new Case("PATCH", "/v1/values/x", "GET, PUT"))) {
      TestHttp.Response response = http.send(c.method(), c.path(), "body".getBytes());
      assertError(response, 405, "method_not_allowed");
      assertThat(response.header("Allow")).as(c.toString()).isEqualTo(c.allow());
    }
  }

  @Test
  void unknownPathsAre404() {
    for (String path :
        List.of(
            "/",
            "/v1",
            "/v1/",
            "/v2/members",
            "/v1/members/",
            "/v1/members/x",
            "/v1/status/x",
            "/v1/values",
            "/v1/values/a/b/c",
            "/v1/immutable/a/b",
            "/metrics/x",
            "/V1/members",
            "/index.html")) {
      assertError(http.get(path), 404, "unknown_path");
    }
  }

  @Test
  void badNamesAre400() {
    for (String name :
        List.of(
            "",
            "a".repeat(65),
            "%C3%A9".repeat(33),
            "a%2Fb",
            "a%00b",
            "tab%09",
            "%7F",
            "%C2%85",
            "%C3%28",
            "%ED%A0%80",
            "%FF")) {
      assertError(http.put("/v1/values/" + name, "v"), 400, "bad_name");
      assertError(http.get("/v1/values/" + name), 400, "bad_name");
    }
    assertThat(http.put("/v1/values/" + "a".repeat(64), "v").status()).isEqualTo(200);
    assertThat(http.put("/v1/values/" + "%C3%A9".repeat(32), "v").status()).isEqualTo(200);
  }

  @Test
  void badNamespacesAndKeysAre400() {
    for (String bad :
        List.of(
            "0".repeat(63),
            "0".repeat(65),
            "g" + "0".repeat(63),
            "%D9%A3" + "0".repeat(63),
            "0x" + "0".repeat(62),
            "%20" + "0".repeat(63))) {
      assertError(http.get("/v1/values/" + bad + "/name"), 400, "bad_namespace");
      assertError(http.get("/v1/immutable/" + bad), 400, "bad_key");
    }
  }

  @Test
  void badQueriesAre400() {
    assertError(http.get("/v1/values/a?consistency=most"), 400, "bad_consistency");
    assertError(http.get("/v1/values/a?consistency="), 400, "bad_consistency");
    assertError(http.put("/v1/values/a?consistency=two", "v"), 400, "bad_consistency");
    assertError(http.put("/v1/immutable?consistency=%FF", "v"), 400, "bad_query");
    for (String cas : List.of("-1", "x", "1.5", "", "9223372036854775808", "%2B1", "0x10")) {
      assertError(http.put("/v1/values/a?cas=" + cas, "v"), 400, "bad_cas");
    }
    assertError(http.get("/v1/values/a?consistancy=one"), 400, "bad_query");
    assertError(http.get("/v1/values/a?cas=1"), 400, "bad_query");
    assertError(http.put("/v1/immutable?cas=1", "v"), 400, "bad_query");
    assertError(http.get("/v1/members?x"), 400, "bad_query");
    assertError(http.get("/v1/values/a?consistency=one&consistency=all"), 400, "bad_query");
    assertError(http.get("/v1/values/a?" + "a=1&".repeat(9)), 400, "bad_query");
    assertThat(http.get("/metrics?name[]=x").status()).isEqualTo(200);
  }

  @Test
  void badJsonEnvelopesAre400() {
    for (String body :
        List.of(
            "",
            "{",
            "nonsense",
            "[]",
            "\"value\"",
            "null",
            "{}",
            "{\"value\":1}",
            "{\"value\":\"a\",\"valueBase64\":\"YQ==\"}",
            "{\"valueBase64\":\"not base64!\"}",
            "{\"value\":\"a\",\"extra\":1}",
            "{\"value\":\"a\",\"value\":\"b\"}",
            "{\"value\":\"a\"} trailing",
            "{\"value\":\"a\",\"consistency\":3}",
            "{\"value\":\"\\ud800\"}",
            "{\"value\":\"a\"," + "[".repeat(2000) + "]".repeat(2000) + "}")) {
      assertError(http.put("/v1/values/a", body, "Content-Type", JSON), 400, "bad_json");
    }
    byte[] invalidUtf8 = {'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xc3, '"', '}'};
    assertError(http.put("/v1/values/a", invalidUtf8, "Content-Type", JSON), 400, "bad_json");
    assertError(
        http.put("/v1/immutable", "{\"value\":\"a\",\"cas\":1}", "Content-Type", JSON),
        400,
        "bad_json");
  }

  @Test
  void badEnvelopeOptionsAre400() {
    for (String cas : List.of("-1", "1.5", "\"1\"", "99999999999999999999", "true")) {
      assertError(
          http.put("/v1/values/a", "{\"value\":\"a\",\"cas\":" + cas + "}", "Content-Type", JSON),
          400,
          "bad_cas");
    }
    assertError(
        http.put(
            "/v1/values/a", "{\"value\":\"a\",\"consistency\":\"most\"}", "Content-Type", JSON),
        400,
        "bad_consistency");
    assertError(
        http.put(
            "/v1/values/a?consistency=one",
            "{\"value\":\"a\",\"consistency\":\"all\"}",
            "Content-Type",
            JSON),
        400,
        "bad_consistency");
    assertThat(
            http.put(
                    "/v1/values/a?consistency=one",
                    "{\"value\":\"a\",\"consistency\":\"ONE\"}",
                    "Content-Type",
                    JSON)
                .status())
        .isEqualTo(200);
  }

  @Test
  void valuesAndBodiesOverTheLimitAre413() {
    byte[] tooBig = new byte[ApiLimits.MAX_VALUE_BYTES + 1];
    assertError(http.put("/v1/values/a", tooBig), 413, "body_too_large");
    assertError(http.put("/v1/immutable", tooBig), 413, "body_too_large");
    String envelope = "{\"valueBase64\":\"" + Base64.getEncoder().encodeToString(tooBig) + "\"}";
    assertThat(envelope.length()).isLessThanOrEqualTo(ApiLimits.MAX_BODY_BYTES);
    assertError(http.put("/v1/values/a", envelope, "Content-Type", JSON), 413, "value_too_large");
    String text = "{\"value\":\"" + "é".repeat(ApiLimits.MAX_VALUE_BYTES / 2 + 1) + "\"}";
    assertError(http.put("/v1/values/a", text, "Content-Type", JSON), 413, "value_too_large");
    byte[] hugeJson = new byte[ApiLimits.MAX_BODY_BYTES + 1];
    assertError(http.put("/v1/values/a", hugeJson, "Content-Type", JSON), 413, "body_too_large");
    assertThat(backend.operations()).isZero();
  }

  @Test
  void aBackendFailureIsALoggedJson500AndTheServerKeepsServing() {
    backend.failNext(new IllegalStateException("disk on fire"));
    TestHttp.Response response = http.get("/v1/values/a");
    assertError(response, 500, "internal");
    assertThat(response.text()).doesNotContain("disk on fire");
    assertThat(http.get("/v1/status").status()).isEqualTo(200);
  }

  @Test
  void aBackendApiExceptionIsPassedOnAsIs() {
    backend.failNext(new ApiException(503, "shutting_down", "the node is stopping"));
    assertError(http.put("/v1/values/a", "v"), 503, "shutting_down");
  }

  @Test
  void anOperationThatOutlastsItsTimeoutIs504() throws Exception {
    api.close();
    api = ApiServer.start(ApiConfig.local().withOperationTimeoutMillis(200), backend, registry);
    http = new TestHttp(api, null);
    backend.stall(true);
    assertError(http.get("/v1/values/a"), 504, "timeout");
    assertError(http.put("/v1/immutable", "v"), 504, "timeout");
  }

  @Test
  void errorMessagesQuoteInputOnOneSafeLine() {
    TestHttp.Response response = http.get("/v1/values/" + "%0D%0AX-Evil:%201" + "x".repeat(200));
    assertError(response, 400, "bad_name");
    String message = response.json().get("message").asText();
    assertThat(message).doesNotContain("\r").doesNotContain("\n").contains("'??X-Evil: 1xxx");
    assertThat(message).contains("...").hasSizeLessThan(200);
    assertThat(response.header("X-Evil")).isNull();
  }

  @Test
  void malformedEscapesAreRefusedWith400BeforeOrByTheApi() throws Exception {
    // The JDK server parses the request target as a URI and answers malformed escapes itself.
    for (String name : List.of("%", "%4", "%zz", "a%2")) {
      TestHttp.Response response =
          http.raw(
              "GET /v1/values/"
                  + name
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(response.status()).as(name).isEqualTo(400);
    }
    assertThat(Names.decodeUtf8("a%41", "c", "x")).isEqualTo("aA");
    for (String bad : List.of("%", "%4", "%zz", "%\u0663\u0663")) {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  ApiException.class, () -> Names.decodeUtf8(bad, "bad_name", "name")))
          .as(bad)
          .extracting(ApiException::status)
          .isEqualTo(400);
    }
  }

  @Test
  void unescapedNonAsciiInThePathIsStillAnError4xx() throws Exception {
    // Raw UTF-8 bytes for "é" (C3 A9) are accepted; bytes the JDK's URI parser refuses get its 400.
    byte[] request =
        ("PUT /v1/values/caf\u00c3\u00a9 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 1\r\nConnection: close\r\n\r\nv")
            .getBytes(StandardCharsets.ISO_8859_1);
    try (var socket = http.connect()) {
      socket.getOutputStream().write(request);
      TestHttp.Response response = TestHttp.readResponse(socket.getInputStream());
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().get("name").asText()).isEqualTo("café");
    }
    TestHttp.Response refused =
        http.raw(
            "GET /v1/values/\u00e2\u0082\u00ac HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(refused.status()).isBetween(400, 499);
  }
}
