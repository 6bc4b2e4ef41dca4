package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encode and decode can run in a tight loop (a JMH benchmark, the event loop) allocating per call
 * only the frame, the payload and the result, on top of what BouncyCastle's Ed25519 allocates
 * inside sign and verify (measured here against the same key and bytes): never a frame-sized
 * scratch buffer, a fresh Kryo input or output, or a copy of the sender's key.
 */
class WireCodecAllocationTest {
  private static final Logger log = LoggerFactory.getLogger(WireCodecAllocationTest.class);
  private static final int WARMUP = 3_000;
  private static final int MEASURED = 2_000;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final KeyPair aliceKey = Fixtures.key(1);
  private final FrameCodec alice = Fixtures.codec(aliceKey);
  private final FrameCodec bob = Fixtures.codec(Fixtures.key(2));

  /** 8 bytes of sentAtNanos, 2 of varint length, 190 of padding: a 200-byte payload. */
  private final Ping ping = new Ping(42, new byte[190]);

  @Test
  void encodingA200BytePayloadAllocatesLittleMoreThanTheFrameBeyondSigning() {
    byte[] frame = alice.encode(Ping.TYPE, bob.localId(), 1, ping, NOW);
    assertThat(frame).hasSize(FrameLayout.MIN_FULL_FRAME_BYTES + 200);
    int signedLength = frame.length - FrameLayout.SIGNATURE_BYTES;
    byte[] signature = new byte[FrameLayout.SIGNATURE_BYTES];
    for (int i = 0; i < WARMUP; i++) {
      alice.encode(Ping.TYPE, bob.localId(), i, ping, NOW);
      aliceKey.sign(Domain.FRAME, frame, 0, signedLength, signature, 0);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED; i++) {
      aliceKey.sign(Domain.FRAME, frame, 0, signedLength, signature, 0);
    }
    long perSign = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
    before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED; i++) {
      alice.encode(Ping.TYPE, bob.localId(), i, ping, NOW);
    }
    long perEncode = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;

    log.info("allocated per encode: {} bytes, of which Ed25519 sign: {}", perEncode, perSign);
    // The frame array is its length plus a 16-byte array header.
    assertThat(perEncode - perSign).isLessThan(frame.length + 16 + 128);
  }

  @Test
  void decodingA200BytePayloadAllocatesLittleMoreThanThePayloadBeyondVerifying() {
    byte[][] frames = new byte[WARMUP + MEASURED][];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = alice.encode(Ping.TYPE, bob.localId(), alice.nextRequestId(), ping, NOW);
    }
    byte[] frame = frames[0];
    int signedLength = frame.length - FrameLayout.SIGNATURE_BYTES;
    for (int i = 0; i < WARMUP; i++) {
      assertThat(bob.decode(frames[i], NOW).accepted()).isTrue();
      Ed25519.VERIFIER.verify(
          aliceKey.publicKey(), Domain.FRAME, frame, 0, signedLength, frame, signedLength);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED; i++) {
      Ed25519.VERIFIER.verify(
          aliceKey.publicKey(), Domain.FRAME, frame, 0, signedLength, frame, signedLength);
    }
    long perVerify = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
    before = threads.getCurrentThreadAllocatedBytes();
    int accepted = 0;
    for (int i = WARMUP; i < frames.length; i++) {
      accepted += bob.decode(frames[i], NOW).accepted() ? 1 : 0;
    }
    long perDecode = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;

    assertThat(accepted).isEqualTo(MEASURED);
    log.info("allocated per decode: {} bytes, of which Ed25519 verify: {}", perDecode, perVerify);
    // The result (about 32 bytes), the Ping (24) and its 190-byte padding array (208).
    assertThat(perDecode - perVerify).isLessThan(32 + 24 + 208 + 128);
  }
}
