package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.crypto.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecRoundTripTest {
  private final KeyPair aliceKey = Fixtures.key(1);
  private final KeyPair bobKey = Fixtures.key(2);
  private final FrameCodec alice = Fixtures.codec(aliceKey);
  private final FrameCodec bob = Fixtures.codec(bobKey);

  @Test
  void pingRoundTripsWithEveryHeaderField() {
    long id = alice.nextRequestId();
    Ping ping = new Ping(123_456_789L, new byte[] {1, 2, 3});
    byte[] frame = alice.encode(Ping.TYPE, bob.localId(), id, ping, NOW);

    Decoded decoded = bob.decode(frame, NOW + 5);

    assertThat(decoded).isInstanceOf(InboundFrame.class);
    InboundFrame in = (InboundFrame) decoded;
    assertThat(in.type()).isSameAs(Ping.TYPE);
    assertThat(in.sender()).isEqualTo(aliceKey.publicKey());
    assertThat(in.addressedToUs()).isTrue();
    assertThat(in.timestampMillis()).isEqualTo(NOW);
    assertThat(in.requestId()).isEqualTo(id);
    assertThat(in.payload()).isEqualTo(ping);
    assertThat(bob.metrics().framesInCount(Ping.TYPE)).isEqualTo(1);
    assertThat(bob.metrics().bytesInCount()).isEqualTo(frame.length);
    assertThat(alice.metrics().framesOutCount(Ping.TYPE)).isEqualTo(1);
    assertThat(alice.metrics().bytesOutCount()).isEqualTo(frame.length);
  }

  @Test
  void encodedFrameHasExactlyTheDocumentedLayout() {
    Ping ping = new Ping(42, new byte[] {9, 8, 7, 6});
    byte[] payload =
        Fixtures.kryoBytes(
            out -> {
              out.writeLong(42);
              out.writeVarInt(4, true);
              out.writeBytes(new byte[] {9, 8, 7, 6});
            });
    // Ed25519 is deterministic, so an independent assembly of the same fields is byte-identical.
    byte[] expected =
        new Fixtures.RawFrame(aliceKey)
            .to(bob.localId())
            .requestId(77)
            .timestamp(NOW)
            .payload(payload)
            .signedBy(aliceKey);

    byte[] frame = alice.encode(Ping.TYPE, bob.localId(), 77, ping, NOW);

    assertThat(frame).isEqualTo(expected);
    assertThat(frame).hasSize(FrameLayout.MIN_FULL_FRAME_BYTES + payload.length);
  }

  @Test
  void zeroRecipientIsAcceptedButNotAddressedToUs() {
    byte[] frame = alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(1), NOW);

    InboundFrame in = (InboundFrame) bob.decode(frame, NOW);

    assertThat(in.addressedToUs()).isFalse();
  }

  @Test
  void ackForAnOutstandingPingIsAcceptedOnceAndCompletesIt() {
    long id = alice.nextRequestId();
    byte[] ping = alice.encode(Ping.TYPE, null, id, new Ping(5), NOW);
    assertThat(alice.outstanding().register(id, null, NOW + 1_000)).isTrue();

    InboundFrame request = (InboundFrame) bob.decode(ping, NOW);
    byte[] ack =
        bob.encode(
            Ack.TYPE,
            request.sender().nodeId(),
            request.requestId(),
            new Ack(((Ping) request.payload()).sentAtNanos()),
            NOW);
    Decoded reply = alice.decode(ack, NOW + 1);

    assertThat(reply).isInstanceOf(InboundFrame.class);
    assertThat(((InboundFrame) reply).payload()).isEqualTo(new Ack(5));
    assertThat(((InboundFrame) reply).sender()).isEqualTo(bobKey.publicKey());
    assertThat(alice.outstanding().size()).isZero();
  }

  @Test
  void noteWithStringsListAndBytesRoundTrips() {
    Note note = new Note("héllo wörld ✓", List.of("a", "", "ünï"), new byte[] {0, -1, 127});
    byte[] frame = alice.encode(Note.TYPE, bob.localId(), alice.nextRequestId(), note, NOW);

    InboundFrame in = (InboundFrame) bob.decode(frame, NOW);

    assertThat(in.payload()).isEqualTo(note);
  }

  @Test
  void encodeByTypeIdMatchesEncodeByType() {
    byte[] byType = alice.encode(Ping.TYPE, null, 9, new Ping(3), NOW);
    byte[] byId = alice.encode(WireTypeIds.PING, null, 9, new Ping(3), NOW);

    assertThat(byId).isEqualTo(byType);
  }

  @Test
  void encodeRefusesWhatNoPeerWouldAccept() {
    MessageType<Ping> unregistered =
        new MessageType<>(99, "ping", Ping.class, MessageKind.REQUEST, Ping.TYPE.serializer());
    assertThatThrownBy(() -> alice.encode(unregistered, null, 1, new Ping(1), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alice.encode(WireTypeIds.PING, null, 1, new Ack(1), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alice.encode(12_345, null, 1, new Ping(1), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    String tooLong = "x".repeat(Note.MAX_TEXT_BYTES + 1);
    assertThatThrownBy(
            () -> alice.encode(Note.TYPE, null, 1, new Note(tooLong, List.of(), new byte[0]), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadLargerThanTheFrameLimitIsRefusedAndTheCodecStillWorks() {
    FrameCodec small =
        Fixtures.codec(
            aliceKey,
            WireLimits.defaults().withMaxFrameBytes(FrameLayout.MIN_FULL_FRAME_BYTES + 100));

    assertThatThrownBy(() -> small.encode(Ping.TYPE, null, 1, new Ping(1, new byte[200]), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    byte[] frame = small.encode(Ping.TYPE, null, 2, new Ping(1, new byte[50]), NOW);
    assertThat(bob.decode(frame, NOW)).isInstanceOf(InboundFrame.class);
  }

  @Test
  void requestIdsIncreaseStrictlyFromTheWallClock() {
    long first = alice.nextRequestId();
    long second = alice.nextRequestId();

    assertThat(first).isEqualTo((NOW << FrameCodec.REQUEST_ID_CLOCK_SHIFT) + 1);
    assertThat(second).isEqualTo(first + 1);
  }

  @Test
  void aRestartedNodeSendsIdsAboveItsOldOnesAndIsNotTakenForAReplay() {
    FrameCodec beforeRestart = Fixtures.codec(aliceKey);
    long oldId = 0;
    for (int i = 0; i < 10_000; i++) {
      oldId = beforeRestart.nextRequestId();
    }
    assertThat(bob.decode(beforeRestart.encode(Ping.TYPE, null, oldId, new Ping(1), NOW), NOW))
        .isInstanceOf(InboundFrame.class);
    FrameCodec afterRestart =
        FrameCodec.builder(
                Fixtures.NETWORK,
                aliceKey,
                Fixtures.types(),
                new WireMetrics(
                    new io.prometheus.metrics.model.registry.PrometheusRegistry(),
                    Fixtures.types()))
            .requestIdClockMillis(NOW + 1)
            .build();

    long newId = afterRestart.nextRequestId();
    Decoded decoded =
        bob.decode(afterRestart.encode(Ping.TYPE, null, newId, new Ping(2), NOW + 1), NOW + 1);

    assertThat(newId).isGreaterThan(oldId);
    assertThat(decoded).isInstanceOf(InboundFrame.class);
  }

  @Test
  void expireReturnsRequestsPastTheirDeadline() {
    alice.outstanding().register(1, bobKey.publicKey(), NOW + 100);
    alice.outstanding().register(2, null, NOW + 200);

    List<PendingRequest> expired = alice.expire(NOW + 150);

    assertThat(expired).containsExactly(new PendingRequest(1, bobKey.publicKey(), NOW + 100));
    assertThat(alice.outstanding().contains(2)).isTrue();
  }

  @Test
  void aKnownSendersKeyIsReusedNotDecodedAgain() {
    InboundFrame first =
        (InboundFrame)
            bob.decode(alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(1), NOW), NOW);
    InboundFrame second =
        (InboundFrame)
            bob.decode(alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(2), NOW), NOW);

    assertThat(second.sender()).isSameAs(first.sender());
  }

  @Test
  void aReplyIsVerifiedWithTheExpectedSendersKeyInstance() {
    io.skein.crypto.PublicKey expected = io.skein.crypto.PublicKey.of(bobKey.publicKey().bytes());
    long id = alice.nextRequestId();
    alice.outstanding().register(id, expected, NOW + 1_000);

    InboundFrame reply =
        (InboundFrame) alice.decode(bob.encode(Ack.TYPE, null, id, new Ack(1), NOW), NOW);

    assertThat(reply.sender()).isSameAs(expected);
  }
}
