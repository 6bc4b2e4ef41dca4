package io.skein.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skein.crypto.KeyPair;
import io.skein.crypto.Sha256;
import io.skein.dht.Consistency;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiValuesTest extends ApiFixture {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putOfAMutableValueAnswersItsFullKeySeqAndAcknowledgements() {
    TestHttp.Response response = http.put("/v1/values/greeting", "hello");

    assertThat(response.status()).isEqualTo(200);
    JsonNode json = response.json();
    assertThat(json.get("key").asText()).isEqualTo(namespace() + "/greeting");
    assertThat(json.get("namespace").asText()).isEqualTo(namespace());
    assertThat(json.get("name").asText()).isEqualTo("greeting");
    assertThat(json.get("seq").asLong()).isEqualTo(1);
    assertThat(json.get("recordKey").asText())
        .isEqualTo(RecordKey.ofMutable(backend.publicKey(), utf8("greeting")).hex());
    assertThat(json.get("size").asInt()).isEqualTo(5);
    assertThat(json.get("consistency").asText()).isEqualTo("quorum");
    assertThat(json.get("acked").asInt()).isEqualTo(3);
    assertThat(json.get("replicas").asInt()).isEqualTo(3);
    assertThat(json.get("required").asInt()).isEqualTo(2);
    assertThat(json.get("rejections").isEmpty()).isTrue();
  }

  @Test
  void aSecondPutReplacesTheValueWithAHigherSeq() {
    http.put("/v1/values/counter", "1");
    JsonNode second = http.put("/v1/values/counter", "2").json();
    assertThat(second.get("seq").asLong()).isEqualTo(2);
    assertThat(http.get("/v1/values/counter").text()).isEqualTo("2");
  }

  @Test
  void getAnswersTheRawValueBytesWithKindRecordKeyAndSeqHeaders() {
    byte[] value = new byte[256];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    http.put("/v1/values/bytes", value);

    TestHttp.Response own = http.get("/v1/values/bytes");
    TestHttp.Response full = http.get("/v1/values/" + namespace() + "/bytes");

    for (TestHttp.Response r : new TestHttp.Response[] {own, full}) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
      assertThat(r.body()).isEqualTo(value);
      assertThat(r.header("Skein-Kind")).isEqualTo("mutable");
      assertThat(r.header("Skein-Seq")).isEqualTo("1");
      assertThat(r.header("Skein-Record-Key"))
          .isEqualTo(RecordKey.ofMutable(backend.publicKey(), utf8("bytes")).hex());
    }
  }

  @Test
  void getWithAcceptJsonAnswersTheValueInBase64WithItsMetadata() {
    http.put("/v1/values/doc", "{\"a\":1}");
    JsonNode json = http.get("/v1/values/doc", "Accept", "application/json").json();
    assertThat(json.get("kind").asText()).isEqualTo("mutable");
    assertThat(json.get("key").asText()).isEqualTo(namespace() + "/doc");
    assertThat(json.get("seq").asLong()).isEqualTo(1);
    assertThat(Base64.getDecoder().decode(json.get("value").asText())).isEqualTo(utf8("{\"a\":1}"));
    assertThat(json.get("agreeing").asInt()).isEqualTo(3);
  }

  @Test
  void anotherNamespacesValueIsReadByNamespaceAndName() {
    KeyPair alice = KeyPair.fromSeed(HexFormat.of().parseHex("aa".repeat(32)));
    backend.store(MutableRecord.sign(alice, utf8("profile"), 4, utf8("alice's")));

    TestHttp.Response response = http.get("/v1/values/" + alice.publicKey().hex() + "/profile");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("alice's");
    assertThat(response.header("Skein-Seq")).isEqualTo("4");
    assertThat(http.get("/v1/values/" + alice.publicKey().hex().toUpperCase() + "/profile").text())
        .isEqualTo("alice's");
    assertThat(http.get("/v1/values/profile").status()).isEqualTo(404);
  }

  @Test
  void namesArePercentEncodedUtf8() {
    JsonNode json = http.put("/v1/values/caf%C3%A9%20menu+1", "x").json();
    assertThat(json.get("name").asText()).isEqualTo("café menu+1");
    assertThat(json.get("recordKey").asText())
        .isEqualTo(RecordKey.ofMutable(backend.publicKey(), utf8("café menu+1")).hex());
    assertThat(http.get("/v1/values/caf%c3%a9%20menu%2B1").text()).isEqualTo("x");
  }

  @Test
  void immutablePutAnswersTheContentKeyAndGetReturnsTheValue() {
    TestHttp.Response put = http.put("/v1/immutable?consistency=all", "forever");

    assertThat(put.status()).isEqualTo(200);
    String key = HexFormat.of().formatHex(Sha256.hash(utf8("forever")));
    assertThat(put.json().get("key").asText()).isEqualTo(key);
    assertThat(put.json().get("consistency").asText()).isEqualTo("all");
    assertThat(put.json().has("seq")).isFalse();
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ALL);

    TestHttp.Response get = http.get("/v1/immutable/" + key);
    assertThat(get.text()).isEqualTo("forever");
    assertThat(get.header("Skein-Kind")).isEqualTo("immutable");
    assertThat(get.header("Skein-Seq")).isNull();
  }

  @Test
  void emptyValuesAreValues() {
    assertThat(http.put("/v1/values/empty", new byte[0]).status()).isEqualTo(200);
    TestHttp.Response get = http.get("/v1/values/empty");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEmpty();
  }

  @Test
  void consistencyIsPassedThroughInAnyCaseAndDefaultsToQuorum() {
    http.put("/v1/values/a?consistency=ONE", "1");
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ONE);
    http.get("/v1/values/a?consistency=all");
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ALL);
    http.get("/v1/values/a");
    assertThat(backend.lastLevel()).isEqualTo(Consistency.QUORUM);
  }

  @Test
  void unknownKeysAndNamesAreNotFound() {
    TestHttp.Response byName = http.get("/v1/values/missing");
    assertThat(byName.status()).isEqualTo(404);
    assertThat(byName.error()).isEqualTo("not_found");
    assertThat(byName.json().get("message").asText()).contains(namespace() + "/missing");
    TestHttp.Response byKey = http.get("/v1/immutable/" + "0".repeat(64));
    assertThat(byKey.status()).isEqualTo(404);
    assertThat(byKey.error()).isEqualTo("not_found");
  }

  @Test
  void anImmutableRecordSquattingAtAMutableKeyIsNotThatName() {
    // SHA-256(public key || salt) is also the content key of the value (public key || salt).
    byte[] squat = new byte[32 + 3];
    System.arraycopy(backend.publicKey().bytes(), 0, squat, 0, 32);
    System.arraycopy(utf8("abc"), 0, squat, 32, 3);
    backend.store(ImmutableRecord.of(squat));
    assertThat(http.get("/v1/values/abc").status()).isEqualTo(404);
  }

  @Test
  void casMatchingTheStoredSeqReplacesTheValue() {
    http.put("/v1/values/lock", "a");
    TestHttp.Response swapped = http.put("/v1/values/lock?cas=1", "b");
    assertThat(swapped.status()).isEqualTo(200);
    assertThat(swapped.json().get("seq").asLong()).isEqualTo(2);
  }

  @Test
  void casMismatchIsAConflictNamingTheReason() {
    http.put("/v1/values/lock", "a");
    http.put("/v1/values/lock", "b");
    TestHttp.Response stale = http.put("/v1/values/lock?cas=1", "c");

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.error()).isEqualTo("cas_mismatch");
    assertThat(stale.json().get("acked").asInt()).isZero();
    assertThat(stale.json().get("rejections").get("cas_mismatch").asInt()).isEqualTo(3);
    assertThat(http.get("/v1/values/lock").text()).isEqualTo("b");
  }

  @Test
  void aPutThatMissesItsLevelIsA503SayingAckedAndRequired() {
    backend.replicas(3, 1);
    TestHttp.Response response = http.put("/v1/values/weak", "x");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.error()).isEqualTo("consistency_not_reached");
    assertThat(response.json().get("acked").asInt()).isEqualTo(1);
    assertThat(response.json().get("required").asInt()).isEqualTo(2);
    assertThat(response.json().get("message").asText())
        .isEqualTo("acknowledged by 1 of 3 replicas, quorum needs 2");
    assertThat(http.put("/v1/values/weak?consistency=one", "x").status()).isEqualTo(200);
  }

  @Test
  void aGetWhoseReplicasDoNotAgreeEnoughIsA503() {
    http.put("/v1/values/v?consistency=one", "x");
    backend.replicas(5, 2);
    TestHttp.Response response = http.get("/v1/values/v?consistency=all");
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.error()).isEqualTo("consistency_not_reached");
    assertThat(response.json().get("agreeing").asInt()).isEqualTo(2);
    assertThat(response.json().get("required").asInt()).isEqualTo(5);
  }

  @Test
  void refusalsByReplicasMapToTheirOwnStatus() {
    KeyPair mallory = KeyPair.fromSeed(HexFormat.of().parseHex("bb".repeat(32)));
    MutableRecord good = MutableRecord.sign(mallory, utf8("n"), 5, utf8("v"));
    MutableRecord forged =
        MutableRecord.of(mallory.publicKey(), utf8("n"), 6, utf8("w"), new byte[64]);
    assertThat(backend.put(good, MutableRecord.NO_CAS, Consistency.QUORUM).join())
        .extracting(v -> v.result().levelReached())
        .isEqualTo(true);

    PutView seqTooLow =
        backend
            .put(
                MutableRecord.sign(mallory, utf8("n"), 4, utf8("old")),
                MutableRecord.NO_CAS,
                Consistency.QUORUM)
            .join();
    PutView badSignature = backend.put(forged, MutableRecord.NO_CAS, Consistency.QUORUM).join();

    assertThat(statusOf(seqTooLow)).isEqualTo(409);
    assertThat(statusOf(badSignature)).isEqualTo(422);
    assertThat(Outcomes.status(io.skein.dht.record.RejectReason.VALUE_TOO_LARGE)).isEqualTo(413);
    assertThat(Outcomes.status(io.skein.dht.record.RejectReason.STORE_FULL)).isEqualTo(507);
    for (io.skein.dht.record.RejectReason reason : io.skein.dht.record.RejectReason.values()) {
      assertThat(Outcomes.status(reason)).isBetween(400, 599).isNotEqualTo(500);
    }
  }

  private static int statusOf(PutView view) {
    try {
      Outcomes.put(view, "k");
      return 200;
    } catch (ApiException e) {
      return e.status();
    }
  }

  @Test
  void aJsonEnvelopeCarriesTextOrBase64ValuesAndOptions() {
    TestHttp.Response text =
        http.put(
            "/v1/values/j",
            "{\"value\":\"héllo\",\"consistency\":\"one\"}",
            "Content-Type",
            "application/json; charset=utf-8");
    assertThat(text.status()).isEqualTo(200);
    assertThat(backend.lastLevel()).isEqualTo(Consistency.ONE);
    assertThat(http.get("/v1/values/j").body()).isEqualTo(utf8("héllo"));

    String b64 = Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 1});
    TestHttp.Response binary =
        http.put(
            "/v1/values/j",
            "{\"valueBase64\":\"" + b64 + "\",\"cas\":1}",
            "Content-Type",
            "application/json");
    assertThat(binary.status()).isEqualTo(200);
    assertThat(binary.json().get("seq").asLong()).isEqualTo(2);
    assertThat(http.get("/v1/values/j").body()).isEqualTo(new byte[] {0, (byte) 0xff, 1});

    TestHttp.Response immutable =
        http.put("/v1/immutable", "{\"value\":\"x\"}", "Content-Type", "application/json");
    assertThat(immutable.json().get("key").asText())
        .isEqualTo(HexFormat.of().formatHex(Sha256.hash(utf8("x"))));
  }

  @Test
  void aValueOfExactlyTheLimitIsAccepted() {
    byte[] value = new byte[ApiLimits.MAX_VALUE_BYTES];
    assertThat(http.put("/v1/values/big", value).status()).isEqualTo(200);
    String json = "{\"valueBase64\":\"" + Base64.getEncoder().encodeToString(value) + "\"}";
    assertThat(json.length()).isLessThanOrEqualTo(ApiLimits.MAX_BODY_BYTES);
    assertThat(http.put("/v1/immutable", json, "Content-Type", "application/json").status())
        .isEqualTo(200);
  }
}
