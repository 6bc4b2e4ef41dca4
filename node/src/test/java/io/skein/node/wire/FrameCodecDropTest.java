package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Domain;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a frame is dropped, each counted once under its reason and never thrown. */
class FrameCodecDropTest {
  private final KeyPair aliceKey = Fixtures.key(1);
  private final KeyPair bobKey = Fixtures.key(2);
  private final KeyPair malloryKey = Fixtures.key(3);
  private final FrameCodec alice = Fixtures.codec(aliceKey);
  private final FrameCodec bob = Fixtures.codec(bobKey);
  private final long skew = WireLimits.DEFAULT_MAX_CLOCK_SKEW_MILLIS;

  private void assertDropped(FrameCodec codec, byte[] frame, long nowMillis, DropReason reason) {
    long before = codec.metrics().droppedCount(reason);
    assertThat(codec.decode(frame, nowMillis)).isEqualTo(reason);
    assertThat(codec.metrics().droppedCount(reason)).isEqualTo(before + 1);
  }

  private void assertDropped(byte[] frame, DropReason reason) {
    assertDropped(bob, frame, NOW, reason);
  }

  private Fixtures.RawFrame fromAlice() {
    return new Fixtures.RawFrame(aliceKey)
        .to(bob.localId())
        .requestId(alice.nextRequestId())
        .payload(pingPayload(out -> out.writeVarInt(0, true)));
  }

  /** A ping payload: sentAtNanos, then whatever {@code rest} writes where the padding goes. */
  private static byte[] pingPayload(Consumer<Output> rest) {
    return Fixtures.kryoBytes(
        out -> {
          out.writeLong(1);
          rest.accept(out);
        });
  }

  @Test
  void framesShorterThanHeaderPlusSignatureAreTooShort() {
    byte[] valid = alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(1), NOW);

    assertDropped(null, DropReason.TOO_SHORT);
    assertDropped(new byte[0], DropReason.TOO_SHORT);
    assertDropped(
        java.util.Arrays.copyOf(valid, FrameLayout.MIN_FRAME_BYTES - 1), DropReason.TOO_SHORT);
  }

  @Test
  void framesAboveTheLimitAreTooLarge() {
    assertDropped(new byte[WireLimits.MAX_FRAME_BYTES + 1], DropReason.TOO_LARGE);
    FrameCodec strict = Fixtures.codec(bobKey, WireLimits.defaults().withMaxFrameBytes(1_000));
    byte[] big =
        alice.encode(Ping.TYPE, null, alice.nextRequestId(), new Ping(1, new byte[900]), NOW);
    assertDropped(strict, big, NOW, DropReason.TOO_LARGE);
  }

  @Test
  void aTenMegabyteFrameIsRefusedWithoutReadingOrAllocating() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] huge = new byte[10 * 1024 * 1024];
    byte[] valid = alice.encode(Ping.TYPE, bob.localId(), alice.nextRequestId(), new Ping(1), NOW);
    System.arraycopy(valid, 0, huge, 0, valid.length); // a valid frame's header, to no avail
    bob.decode(new byte[WireLimits.MAX_FRAME_BYTES + 1], NOW); // warm up the path

    long before = threads.getCurrentThreadAllocatedBytes();
    Decoded decoded = bob.decode(huge, NOW);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(decoded).isEqualTo(DropReason.TOO_LARGE);
    assertThat(allocated).isLessThan(1_024);
    assertThat(bob.metrics().bytesInCount()).isGreaterThanOrEqualTo(huge.length);
  }

  @Test
  void anotherVersionIsBadVersion() {
    Fixtures.RawFrame f = fromAlice();
    f.version = FrameLayout.VERSION + 1;
    assertDropped(f.signedBy(aliceKey), DropReason.BAD_VERSION);
  }

  @Test
  void anotherNetworksFrameIsWrongNetworkEvenWhenSignedCorrectly() {
    Fixtures.RawFrame f = fromAlice();
    f.networkId = Fixtures.NETWORK + 1;
    assertDropped(f.signedBy(aliceKey), DropReason.WRONG_NETWORK);
  }

  @Test
  void anUnregisteredTypeIdIsUnknownType() {
    assertDropped(fromAlice().type(77).signedBy(aliceKey), DropReason.UNKNOWN_TYPE);
    assertDropped(fromAlice().type(0).signedBy(aliceKey), DropReason.UNKNOWN_TYPE);
    assertDropped(fromAlice().type(0xffff).signedBy(aliceKey), DropReason.UNKNOWN_TYPE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x04, 0x08, 0x80, 0xff})
  void aFlagBitThisCodecDoesNotKnowIsBadFlags(int bit) {
    Fixtures.RawFrame f = fromAlice();
    f.flags |= bit;
    assertDropped(f.signedBy(aliceKey), DropReason.BAD_FLAGS);
  }

  @Test
  void aShortSenderIdOfAKeyNeverSeenIsUnknownSender() {
    assertDropped(fromAlice().shortSender(aliceKey).signedBy(aliceKey), DropReason.UNKNOWN_SENDER);
  }

  @Test
  void aShortSenderIdResolvesOnlyToTheKeyItNamesSoAnotherSignatureIsBad() {
    bob.learnKey(aliceKey.publicKey());
    assertThat(bob.decode(fromAlice().shortSender(aliceKey).signedBy(aliceKey), NOW).accepted())
        .isTrue();
    // Mallory names Alice's short id but can only sign with her own key.
    assertDropped(
        fromAlice().requestId(2).shortSender(aliceKey).signedBy(malloryKey),
        DropReason.BAD_SIGNATURE);
  }

  @Test
  void aFullHeaderCutShortOfItsSignatureIsTooShortEvenThoughAShortOneWouldFit() {
    byte[] valid = fromAlice().signedBy(aliceKey);
    assertDropped(
        java.util.Arrays.copyOf(valid, FrameLayout.MIN_FULL_FRAME_BYTES - 1), DropReason.TOO_SHORT);
  }

  @Test
  void aFrameForAnotherNodeIsWrongRecipient() {
    NodeId carol = Fixtures.key(4).nodeId();
    assertDropped(fromAlice().to(carol).signedBy(aliceKey), DropReason.WRONG_RECIPIENT);
  }

  @Test
  void aTimestampBeyondTheSkewEitherWayIsStale() {
    assertDropped(
        fromAlice().timestamp(NOW - skew - 1).signedBy(aliceKey), DropReason.STALE_TIMESTAMP);
    assertDropped(
        fromAlice().timestamp(NOW + skew + 1).signedBy(aliceKey), DropReason.STALE_TIMESTAMP);
    assertDropped(
        fromAlice().timestamp(Long.MIN_VALUE).signedBy(aliceKey), DropReason.STALE_TIMESTAMP);
    assertDropped(
        fromAlice().timestamp(Long.MAX_VALUE).signedBy(aliceKey), DropReason.STALE_TIMESTAMP);
  }

  @Test
  void aTimestampExactlyAtTheSkewIsAccepted() {
    assertThat(bob.decode(fromAlice().timestamp(NOW - skew).signedBy(aliceKey), NOW).accepted())
        .isTrue();
    assertThat(bob.decode(fromAlice().timestamp(NOW + skew).signedBy(aliceKey), NOW).accepted())
        .isTrue();
  }

  @Test
  void aSignatureByAnotherKeyIsBadSignature() {
    assertDropped(fromAlice().signedBy(malloryKey), DropReason.BAD_SIGNATURE);
  }

  @Test
  void anAllZeroSignatureIsBadSignature() {
    assertDropped(fromAlice().withSignature(new byte[64]), DropReason.BAD_SIGNATURE);
  }

  @Test
  void aSignatureForAnotherDomainIsBadSignature() {
    Fixtures.RawFrame f = fromAlice();
    byte[] peerRecordSignature = aliceKey.sign(Domain.PEER_RECORD, f.unsigned());
    assertDropped(f.withSignature(peerRecordSignature), DropReason.BAD_SIGNATURE);
  }

  @Test
  void aSenderKeyThatIsNoCurvePointIsBadSignature() {
    Fixtures.RawFrame f = fromAlice();
    f.senderKey = new byte[32];
    java.util.Arrays.fill(f.senderKey, (byte) 0xff);
    assertDropped(f.signedBy(aliceKey), DropReason.BAD_SIGNATURE);
  }

  @Test
  void theSignatureIsCheckedBeforeThePayloadIsDecoded() {
    Fixtures.RawFrame f =
        fromAlice().payload(pingPayload(out -> out.writeVarInt(Integer.MIN_VALUE, true)));
    assertDropped(f.signedBy(malloryKey), DropReason.BAD_SIGNATURE);
  }

  @Test
  void aReplayedRequestIsReplayed() {
    byte[] frame = alice.encode(Ping.TYPE, bob.localId(), alice.nextRequestId(), new Ping(1), NOW);
    assertThat(bob.decode(frame, NOW).accepted()).isTrue();

    assertDropped(bob, frame, NOW + 10, DropReason.REPLAYED);
  }

  @Test
  void aReplayedOneWayFrameIsReplayed() {
    Note note = new Note("hi", List.of(), new byte[0]);
    byte[] frame = alice.encode(Note.TYPE, bob.localId(), alice.nextRequestId(), note, NOW);
    assertThat(bob.decode(frame, NOW).accepted()).isTrue();

    assertDropped(frame, DropReason.REPLAYED);
  }

  @Test
  void requestsArrivingOutOfOrderWithinTheWindowAreAcceptedOnceEach() {
    long first = alice.nextRequestId();
    long second = alice.nextRequestId();
    byte[] early = alice.encode(Ping.TYPE, null, first, new Ping(1), NOW);
    byte[] late = alice.encode(Ping.TYPE, null, second, new Ping(2), NOW);

    assertThat(bob.decode(late, NOW).accepted()).isTrue();
    assertThat(bob.decode(early, NOW).accepted()).isTrue();
    assertDropped(early, DropReason.REPLAYED);
    assertDropped(late, DropReason.REPLAYED);
  }

  @Test
  void aRequestOlderThanTheWindowIsReplayedEvenIfNeverSeen() {
    long old = alice.nextRequestId();
    long recent = old + WireLimits.REPLAY_WINDOW_IDS;
    assertThat(bob.decode(alice.encode(Ping.TYPE, null, recent, new Ping(1), NOW), NOW).accepted())
        .isTrue();

    assertDropped(alice.encode(Ping.TYPE, null, old, new Ping(1), NOW), DropReason.REPLAYED);
    assertThat(bob.decode(alice.encode(Ping.TYPE, null, old + 1, new Ping(1), NOW), NOW).accepted())
        .isTrue();
  }

  @Test
  void aReplayedReplyIsUnsolicited() {
    long id = bob.nextRequestId();
    bob.outstanding().register(id, aliceKey.publicKey(), NOW + 1_000);
    byte[] ack = alice.encode(Ack.TYPE, bob.localId(), id, new Ack(7), NOW);
    assertThat(bob.decode(ack, NOW).accepted()).isTrue();

    assertDropped(ack, DropReason.UNSOLICITED_REPLY);
  }

  @Test
  void aReplyFromAnotherKeyIsUnsolicitedAndLeavesTheRequestOutstanding() {
    long id = bob.nextRequestId();
    bob.outstanding().register(id, aliceKey.publicKey(), NOW + 1_000);
    FrameCodec mallory = Fixtures.codec(malloryKey);

    assertDropped(
        mallory.encode(Ack.TYPE, bob.localId(), id, new Ack(7), NOW), DropReason.UNSOLICITED_REPLY);
    assertThat(bob.outstanding().contains(id)).isTrue();
    assertThat(
            bob.decode(alice.encode(Ack.TYPE, bob.localId(), id, new Ack(7), NOW), NOW).accepted())
        .isTrue();
  }

  @Test
  void aReplyToARequestOfUnknownKeyIsAcceptedFromAnyKey() {
    long id = bob.nextRequestId();
    bob.outstanding().register(id, null, NOW + 1_000);

    Decoded decoded =
        bob.decode(Fixtures.codec(malloryKey).encode(Ack.TYPE, null, id, new Ack(1), NOW), NOW);

    assertThat(decoded.accepted()).isTrue();
    assertThat(((InboundFrame) decoded).sender()).isEqualTo(malloryKey.publicKey());
  }

  @Test
  void aReplyWithAnIdWeNeverSentIsUnsolicited() {
    assertDropped(
        alice.encode(Ack.TYPE, bob.localId(), 12_345, new Ack(7), NOW),
        DropReason.UNSOLICITED_REPLY);
  }

  @Test
  void aReplyAtOrAfterTheDeadlineIsUnsolicitedAndTheRequestExpiresNormally() {
    long id = bob.nextRequestId();
    bob.outstanding().register(id, aliceKey.publicKey(), NOW + 100);

    assertDropped(
        bob,
        alice.encode(Ack.TYPE, bob.localId(), id, new Ack(7), NOW + 100),
        NOW + 100,
        DropReason.UNSOLICITED_REPLY);
    assertThat(bob.expire(NOW + 100)).extracting(PendingRequest::requestId).containsExactly(id);
  }

  @Test
  void trailingBytesAfterThePayloadAreUndecodable() {
    assertDropped(
        fromAlice()
            .payload(
                pingPayload(
                    out -> {
                      out.writeVarInt(0, true);
                      out.writeByte(0);
                    }))
            .signedBy(aliceKey),
        DropReason.UNDECODABLE);
  }

  @Test
  void aTruncatedPayloadIsUndecodable() {
    assertDropped(
        fromAlice().payload(new byte[] {1, 2, 3, 4}).signedBy(aliceKey), DropReason.UNDECODABLE);
    assertDropped(fromAlice().payload(new byte[0]).signedBy(aliceKey), DropReason.UNDECODABLE);
  }

  /** 2^31 (read back as a negative int), -1, 2^31-1, the cap + 1, and a length past the end. */
  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, Integer.MAX_VALUE, Ping.MAX_PADDING_BYTES + 1, 100})
  void aSignedPingDeclaringAHostileByteArrayLengthIsUndecodable(int length) {
    byte[] payload =
        pingPayload(
            out -> {
              out.writeVarInt(length, true);
              out.writeBytes(new byte[16]);
            });
    assertDropped(fromAlice().payload(payload).signedBy(aliceKey), DropReason.UNDECODABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, Integer.MAX_VALUE, Note.MAX_TEXT_BYTES + 1, 50})
  void aSignedNoteDeclaringAHostileStringLengthIsUndecodable(int length) {
    byte[] payload =
        Fixtures.kryoBytes(
            out -> {
              out.writeVarInt(length, true);
              out.writeBytes("abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
    assertDropped(
        fromAlice().type(Note.TYPE_ID).payload(payload).signedBy(aliceKey), DropReason.UNDECODABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, Integer.MAX_VALUE, Note.MAX_TAGS + 1})
  void aSignedNoteDeclaringAHostileCountIsUndecodable(int count) {
    byte[] payload =
        Fixtures.kryoBytes(
            out -> {
              out.writeVarInt(0, true);
              out.writeVarInt(count, true);
              out.writeBytes(new byte[16]);
            });
    assertDropped(
        fromAlice().type(Note.TYPE_ID).payload(payload).signedBy(aliceKey), DropReason.UNDECODABLE);
  }

  @Test
  void aSignedNoteWithInvalidUtf8IsUndecodable() {
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xc3, 0x28},
            new byte[] {(byte) 0xc0, (byte) 0x80},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
      byte[] payload =
          Fixtures.kryoBytes(
              out -> {
                out.writeVarInt(bad.length, true);
                out.writeBytes(bad);
                out.writeVarInt(0, true);
                out.writeVarInt(0, true);
              });
      assertDropped(
          fromAlice().type(Note.TYPE_ID).payload(payload).signedBy(aliceKey),
          DropReason.UNDECODABLE);
    }
  }

  @Test
  void anUndecodableReplyLeavesTheRequestOutstanding() {
    long id = bob.nextRequestId();
    bob.outstanding().register(id, aliceKey.publicKey(), NOW + 1_000);
    Fixtures.RawFrame bad =
        new Fixtures.RawFrame(aliceKey).type(WireTypeIds.ACK).requestId(id).payload(new byte[3]);

    assertDropped(bad.signedBy(aliceKey), DropReason.UNDECODABLE);
    assertThat(bob.outstanding().contains(id)).isTrue();
  }

  @Test
  void everySingleBitFlipOfAValidFrameIsDropped() {
    long id = alice.nextRequestId();
    byte[] valid =
        alice.encode(Ping.TYPE, bob.localId(), id, new Ping(99, new byte[] {1, 2, 3, 4, 5}), NOW);
    Set<DropReason> seen = EnumSet.noneOf(DropReason.class);

    for (int bit = 0; bit < valid.length * 8; bit++) {
      byte[] flipped = valid.clone();
      flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
      Decoded decoded = bob.decode(flipped, NOW);
      assertThat(decoded).as("bit %d", bit).isInstanceOf(DropReason.class);
      seen.add((DropReason) decoded);
    }

    assertThat(seen)
        .contains(
            DropReason.BAD_VERSION,
            DropReason.WRONG_NETWORK,
            DropReason.UNKNOWN_TYPE,
            DropReason.WRONG_RECIPIENT,
            DropReason.STALE_TIMESTAMP,
            DropReason.BAD_FLAGS,
            DropReason.BAD_SIGNATURE)
        .doesNotContain(DropReason.REPLAYED, DropReason.UNDECODABLE);
    // The flips were dropped for what they changed: the original is still fresh.
    assertThat(bob.decode(valid, NOW).accepted()).isTrue();
  }
}
