package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/** The short sender id of frame version 3 ({@link FrameLayout}), between two or three codecs. */
class ShortSenderIdTest {
  private static final int SAVED = FrameLayout.SENDER_KEY_BYTES - FrameLayout.SENDER_ID_BYTES;

  private final KeyPair aliceKey = Fixtures.key(1);
  private final KeyPair bobKey = Fixtures.key(2);
  private final FrameCodec alice = Fixtures.codec(aliceKey);
  private final FrameCodec bob = Fixtures.codec(bobKey);
  private final Ping ping = new Ping(7, new byte[] {1, 2, 3});
  private final int fullSize = FrameLayout.MIN_FULL_FRAME_BYTES + 8 + 1 + 3;

  /** A new codec for {@code key}, as after a restart one second later (later request ids). */
  private static FrameCodec restarted(KeyPair key) {
    MessageTypes types = Fixtures.types();
    return FrameCodec.builder(
            Fixtures.NETWORK, key, types, new WireMetrics(new PrometheusRegistry(), types))
        .requestIdClockMillis(NOW + 1_000)
        .build();
  }

  private byte[] frame(FrameCodec from, FrameCodec to) {
    return from.encode(Ping.TYPE, to.localId(), from.nextRequestId(), ping, NOW);
  }

  private static int flags(byte[] frame) {
    return frame[FrameLayout.FLAGS_OFFSET];
  }

  private static InboundFrame accepted(FrameCodec receiver, byte[] frame) {
    Decoded d = receiver.decode(frame, NOW);
    assertThat(d).isInstanceOf(InboundFrame.class);
    return (InboundFrame) d;
  }

  /** Alice to Bob, Bob to Alice, Alice to Bob: afterwards each holds the other's key. */
  private void exchange() {
    accepted(bob, frame(alice, bob));
    accepted(alice, frame(bob, alice));
    accepted(bob, frame(alice, bob));
  }

  @Test
  void aFirstFrameCarriesTheWholeKeyAndDoesNotClaimToHoldTheRecipients() {
    byte[] first = frame(alice, bob);

    assertThat(first).hasSize(fullSize);
    assertThat(flags(first)).isZero();
    assertThat(accepted(bob, first).sender()).isEqualTo(aliceKey.publicKey());
  }

  @Test
  void aPeerThatSaidItHoldsOurKeyGetsTheShortIdAndResolvesIt() {
    accepted(bob, frame(alice, bob));
    byte[] reply = frame(bob, alice);
    // Bob holds Alice's key now and says so; he does not know yet that she holds his.
    assertThat(flags(reply)).isEqualTo(FrameLayout.FLAG_KNOWS_RECIPIENT);
    assertThat(reply).hasSize(fullSize);
    accepted(alice, reply);

    byte[] second = frame(alice, bob);

    assertThat(flags(second))
        .isEqualTo(FrameLayout.FLAG_SHORT_SENDER | FrameLayout.FLAG_KNOWS_RECIPIENT);
    assertThat(second).hasSize(fullSize - SAVED);
    InboundFrame in = accepted(bob, second);
    assertThat(in.sender()).isEqualTo(aliceKey.publicKey());
    assertThat(in.payload()).isEqualTo(ping);
    assertThat(frame(bob, alice)).hasSize(fullSize - SAVED);
  }

  @Test
  void aPeerThatRestartedGetsTheWholeKeyAgainFromItsFirstFrame() {
    exchange();
    FrameCodec bobAgain = restarted(bobKey);

    accepted(alice, frame(bobAgain, alice));
    byte[] next = frame(alice, bobAgain);

    assertThat(next).hasSize(fullSize);
    assertThat(accepted(bobAgain, next).sender()).isEqualTo(aliceKey.publicKey());
  }

  @Test
  void aFrameAddressedToNobodyAlsoResetsIt() {
    // A restarted node joins through a seed's address before it knows the seed's id.
    exchange();
    FrameCodec bobAgain = restarted(bobKey);

    accepted(alice, bobAgain.encode(Ping.TYPE, null, bobAgain.nextRequestId(), ping, NOW));

    assertThat(frame(alice, bobAgain)).hasSize(fullSize);
  }

  @Test
  void aShortFrameToAPeerThatForgotUsIsDroppedUntilItLearnsTheKeyElsewhere() {
    exchange();
    FrameCodec bobAgain = restarted(bobKey);

    byte[] stale = frame(alice, bobAgain);
    assertThat(bobAgain.decode(stale, NOW)).isEqualTo(DropReason.UNKNOWN_SENDER);
    assertThat(bobAgain.metrics().droppedCount(DropReason.UNKNOWN_SENDER)).isEqualTo(1);

    // The node hands the codec the keys of the gossip members its join brought.
    bobAgain.learnKey(aliceKey.publicKey());

    assertThat(accepted(bobAgain, stale).sender()).isEqualTo(aliceKey.publicKey());
    assertThat(bobAgain.knownKeys()).isEqualTo(1);
    assertThat(bobAgain.metrics().knownKeysCount()).isEqualTo(1);
  }

  @Test
  void aPeerThatSaysItNoLongerHoldsOurKeyGetsTheWholeKey() {
    exchange();
    // Bob evicted Alice's key (or restarted): his next frame to her lacks the flag.
    FrameCodec forgetful = restarted(bobKey);

    accepted(alice, frame(forgetful, alice));

    assertThat(flags(frame(alice, bob)) & FrameLayout.FLAG_SHORT_SENDER).isZero();
  }
}
