package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class OutstandingRequestsTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final OutstandingRequests requests =
      new OutstandingRequests(3, new WireMetrics(registry, Fixtures.types()));
  private final PublicKey alice = Fixtures.key(1).publicKey();
  private final PublicKey bob = Fixtures.key(2).publicKey();

  @Test
  void aReplyMatchesOnlyItsRequestFromTheExpectedKeyBeforeTheDeadline() {
    requests.register(7, alice, NOW + 100);

    assertThat(requests.match(7, alice, NOW + 99))
        .isEqualTo(new PendingRequest(7, alice, NOW + 100));
    assertThat(requests.match(7, bob, NOW)).isNull();
    assertThat(requests.match(8, alice, NOW)).isNull();
    assertThat(requests.match(7, alice, NOW + 100)).isNull();
    assertThat(requests.contains(7)).isTrue();
  }

  @Test
  void aRequestToAnUnknownKeyMatchesAnyKey() {
    requests.register(7, null, NOW + 100);

    assertThat(requests.match(7, bob, NOW)).isNotNull();
  }

  @Test
  void completingARequestRemovesItSoItsReplayMatchesNothing() {
    requests.register(7, alice, NOW + 100);
    requests.complete(requests.match(7, alice, NOW));

    assertThat(requests.match(7, alice, NOW)).isNull();
    assertThat(requests.size()).isZero();
    assertThat(requests.expire(NOW + 1_000)).isEmpty();
  }

  @Test
  void expireReturnsDueRequestsEarliestFirstAndCountsThem() {
    requests.register(1, alice, NOW + 300);
    requests.register(2, alice, NOW + 100);
    requests.register(3, bob, NOW + 200);

    assertThat(requests.expire(NOW + 99)).isEmpty();
    assertThat(requests.expire(NOW + 200))
        .extracting(PendingRequest::requestId)
        .containsExactly(2L, 3L);
    assertThat(requests.size()).isEqualTo(1);
    assertThat(Fixtures.sample(registry, "skein_requests_expired_total")).isEqualTo(2.0);
  }

  @Test
  void whenFullRegisterRefusesAndCounts() {
    requests.register(1, alice, NOW + 100);
    requests.register(2, alice, NOW + 100);
    requests.register(3, alice, NOW + 100);

    assertThat(requests.register(4, alice, NOW + 100)).isFalse();
    assertThat(requests.contains(4)).isFalse();
    assertThat(Fixtures.sample(registry, "skein_requests_refused_total")).isEqualTo(1.0);
    requests.cancel(1);
    assertThat(requests.register(4, alice, NOW + 100)).isTrue();
  }

  @Test
  void registeringAnOutstandingIdTwiceIsABug() {
    requests.register(1, alice, NOW + 100);

    assertThatThrownBy(() -> requests.register(1, bob, NOW + 200))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cancelForgetsARequest() {
    requests.register(1, alice, NOW + 100);

    assertThat(requests.cancel(1)).isTrue();
    assertThat(requests.cancel(1)).isFalse();
    assertThat(requests.expire(NOW + 1_000)).isEmpty();
  }
}
