package io.skein.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.core.metrics.Gauge;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.gossip.MemberState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiReadEndpointsTest extends ApiFixture {
  @Test
  void membersIsAJsonArrayOfIdAddressStateAndIncarnationSortedById() {
    KeyPair other = KeyPair.fromSeed(new byte[32]);
    backend.addMember(
        new MemberView(other.nodeId(), new Endpoint("10.0.0.2", 7946), MemberState.SUSPECT, 7));
    TestHttp.Response response = http.get("/v1/members");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    JsonNode members = response.json();
    assertThat(members.isArray()).isTrue();
    assertThat(members).hasSize(2);
    List<String> ids = new ArrayList<>();
    for (JsonNode m : members) {
      assertThat(m.properties()).hasSize(4);
      assertThat(m.get("id").asText()).matches("[0-9a-f]{64}");
      ids.add(m.get("id").asText());
    }
    assertThat(ids).isSorted();
    JsonNode suspect = members.get(ids.indexOf(other.nodeId().hex()));
    assertThat(suspect.get("address").asText()).isEqualTo("10.0.0.2:7946");
    assertThat(suspect.get("state").asText()).isEqualTo("suspect");
    assertThat(suspect.get("incarnation").asLong()).isEqualTo(7);
    JsonNode self = members.get(ids.indexOf(backend.key().nodeId().hex()));
    assertThat(self.get("state").asText()).isEqualTo("alive");
  }

  @Test
  void statusNamesTheNodeAndCountsMembersByState() {
    backend.addMember(
        new MemberView(
            KeyPair.fromSeed(new byte[32]).nodeId(),
            new Endpoint("10.0.0.3", 7946),
            MemberState.DEAD,
            2));
    JsonNode status = http.get("/v1/status").json();

    assertThat(status.get("id").asText()).isEqualTo(backend.key().nodeId().hex());
    assertThat(status.get("publicKey").asText()).isEqualTo(namespace());
    assertThat(status.get("address").asText()).isEqualTo("127.0.0.1:7946");
    assertThat(status.get("uptimeMillis").asLong()).isEqualTo(12_345);
    assertThat(status.get("members").get("alive").asInt()).isEqualTo(1);
    assertThat(status.get("members").get("suspect").asInt()).isZero();
    assertThat(status.get("members").get("dead").asInt()).isEqualTo(1);
    assertThat(status.get("members").get("left").asInt()).isZero();
    assertThat(status.get("recordsStored").asLong()).isZero();
  }

  @Test
  void metricsServeTheNodeRegistryAndTheApiCountersAsPrometheusText() {
    Gauge records =
        Gauge.builder()
            .name("skein_records_stored")
            .help("Records held")
            .labelNames("kind")
            .register(registry);
    records.labelValues("mutable").set(3);
    http.get("/v1/members");
    http.get("/v1/nope");

    TestHttp.Response response = http.get("/metrics");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    Map<String, Double> samples = PrometheusText.parse(response.text());
    assertThat(samples).containsEntry("skein_records_stored{kind=\"mutable\"}", 3.0);
    assertThat(samples)
        .containsEntry("skein_api_requests_total{code=\"200\",route=\"members\"}", 1.0)
        .containsEntry("skein_api_requests_total{code=\"404\",route=\"unknown\"}", 1.0);
    assertThat(samples).containsKey("skein_api_request_duration_seconds_count{route=\"members\"}");
  }

  @Test
  void theParserUsedAboveRejectsTextThatIsNotPrometheusFormat() {
    assertThat(PrometheusText.parse("# TYPE a counter\na_total 1\n")).containsEntry("a_total", 1.0);
    for (String bad :
        List.of(
            "a_total 1\n",
            "# TYPE a counter\na_total one\n",
            "# TYPE a counter\na_total{x=\"1} 1\n",
            "# TYPE a counter\na_total{x=1} 1\n",
            "# TYPE a gauge\na 1\na 2\n",
            "<html>\n")) {
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
          .isThrownBy(() -> PrometheusText.parse(bad));
    }
  }

  @Test
  void headRequestsAreWrongMethodsAnsweredWithoutABody() {
    TestHttp.Response response = http.send("HEAD", "/v1/members", null);
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("GET");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void closingTheServerUnregistersItsMetricsSoANewOneCanStartOnTheSameRegistry() throws Exception {
    api.close();
    api = ApiServer.start(ApiConfig.local(), backend, registry);
    http = new TestHttp(api, null);
    assertThat(http.get("/v1/status").status()).isEqualTo(200);
  }
}
