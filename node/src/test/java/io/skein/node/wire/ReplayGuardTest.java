package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private static final int WINDOW = WireLimits.REPLAY_WINDOW_IDS;
  private static final long SKEW = 30_000;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final WireMetrics metrics = new WireMetrics(registry, Fixtures.types());
  private final ReplayGuard guard = new ReplayGuard(3, SKEW, metrics);
  private final PublicKey alice = Fixtures.key(1).publicKey();

  private ReplayGuard.Sender find(PublicKey key) {
    byte[] frame = new byte[40];
    key.copyTo(frame, 5); // a key inside a larger array, as in a frame
    return guard.find(frame, 5);
  }

  /** Checks {@code id} like the codec does and records it if fresh. */
  private boolean offer(PublicKey key, long id, long timestampMillis) {
    ReplayGuard.Sender sender = find(key);
    if (!ReplayGuard.isFresh(sender, id)) {
      return false;
    }
    guard.accept(sender, key, id, timestampMillis, NOW);
    return true;
  }

  private boolean offer(long id) {
    return offer(alice, id, NOW);
  }

  @Test
  void anySenderIsFreshUntilItsFirstFrameIsAccepted() {
    assertThat(find(alice)).isNull();
    assertThat(ReplayGuard.isFresh(null, 5)).isTrue();
    assertThat(offer(5)).isTrue();
    assertThat(find(alice)).isNotNull();
    assertThat(find(alice).publicKey).isSameAs(alice);
  }

  @Test
  void anIdIsAcceptedOnce() {
    assertThat(offer(1_000)).isTrue();
    assertThat(offer(1_000)).isFalse();
    assertThat(offer(1_001)).isTrue();
    assertThat(offer(1_001)).isFalse();
    assertThat(offer(1_000)).isFalse();
  }

  @Test
  void idsBelowTheHighestButInsideTheWindowAreAcceptedOnceInAnyOrder() {
    assertThat(offer(10_000)).isTrue();
    for (long id = 10_000 - WINDOW + 1; id < 10_000; id += 7) {
      assertThat(offer(id)).as("id %d", id).isTrue();
      assertThat(offer(id)).as("id %d again", id).isFalse();
    }
  }

  @Test
  void idsAtOrBelowTheWindowAreReplays() {
    assertThat(offer(10_000)).isTrue();

    assertThat(offer(10_000 - WINDOW)).isFalse();
    assertThat(offer(0)).isFalse();
    assertThat(offer(Long.MIN_VALUE)).isFalse();
    assertThat(offer(10_000 - WINDOW + 1)).isTrue();
  }

  @Test
  void slidingTheWindowForgetsOnlyIdsThatFellOutOfIt() {
    assertThat(offer(100)).isTrue();
    assertThat(offer(90)).isTrue();
    assertThat(offer(100 + WINDOW - 5)).isTrue(); // 90 is now below the window, 100 still in it

    assertThat(offer(100)).isFalse();
    assertThat(offer(99)).isTrue();
    assertThat(offer(90)).isFalse();
  }

  @Test
  void aJumpFarBeyondTheWindowClearsIt() {
    for (long id = 1; id <= 50; id++) {
      assertThat(offer(id)).isTrue();
    }
    long far = 1 + 3L * WINDOW;
    assertThat(offer(far)).isTrue();

    assertThat(offer(far - 1)).isTrue();
    assertThat(offer(far - WINDOW + 1)).isTrue();
    assertThat(offer(50)).isFalse();
  }

  @Test
  void extremeIdsDoNotOverflowTheWindowArithmetic() {
    assertThat(offer(Long.MIN_VALUE)).isTrue();
    assertThat(offer(Long.MAX_VALUE)).isTrue();
    assertThat(offer(Long.MIN_VALUE)).isFalse();
    assertThat(offer(-1)).isFalse();
    assertThat(offer(Long.MAX_VALUE)).isFalse();
    assertThat(offer(Long.MAX_VALUE - 1)).isTrue();
  }

  @Test
  void whenFullTheLeastRecentlyAcceptedSenderIsEvictedAndCountedAsUnsafeInsideTheSkew() {
    PublicKey bob = Fixtures.key(2).publicKey();
    PublicKey carol = Fixtures.key(3).publicKey();
    PublicKey dave = Fixtures.key(4).publicKey();
    offer(alice, 1, NOW);
    offer(bob, 1, NOW);
    offer(carol, 1, NOW);
    offer(alice, 2, NOW); // alice is now more recent than bob

    offer(dave, 1, NOW);

    assertThat(guard.size()).isEqualTo(3);
    assertThat(find(bob)).isNull();
    assertThat(find(alice)).isNotNull();
    assertThat(scrape("skein_replay_guard_unsafe_evictions_total")).isEqualTo(1.0);
    // The residual risk, documented: the evicted sender's recent frame is accepted again.
    assertThat(offer(bob, 1, NOW)).isTrue();
  }

  @Test
  void evictingASenderWhoseFramesAreAllStaleIsSafe() {
    KeyPair[] others = {Fixtures.key(2), Fixtures.key(3)};
    offer(alice, 1, NOW - SKEW - 1);
    offer(others[0].publicKey(), 1, NOW);
    offer(others[1].publicKey(), 1, NOW);

    offer(Fixtures.key(4).publicKey(), 1, NOW);

    assertThat(scrape("skein_replay_guard_evictions_total")).isEqualTo(1.0);
    assertThat(scrape("skein_replay_guard_unsafe_evictions_total")).isZero();
  }

  @Test
  void pruneForgetsSendersOlderThanTheSkewStartingFromTheLeastRecent() {
    PublicKey bob = Fixtures.key(2).publicKey();
    offer(alice, 1, NOW);
    offer(bob, 1, NOW + 10_000);

    assertThat(guard.prune(NOW + SKEW)).isZero();
    assertThat(guard.prune(NOW + SKEW + 1)).isEqualTo(1);
    assertThat(find(alice)).isNull();
    assertThat(find(bob)).isNotNull();
    assertThat(guard.prune(NOW + 10_000 + SKEW + 1)).isEqualTo(1);
    assertThat(guard.size()).isZero();
  }

  private double scrape(String series) {
    return Fixtures.sample(registry, series);
  }
}
