package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Output;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Domain;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Keys, codecs and frames for the wire tests; deterministic throughout. */
final class Fixtures {
  /** The wall clock every test runs at (2023-11-14). */
  static final long NOW = 1_700_000_000_000L;

  static final int NETWORK = 0x5ce1_0001;

  private Fixtures() {}

  /** The n-th fixed identity. */
  static KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x5c;
    return KeyPair.fromSeed(seed);
  }

  /** The node's own types plus the test-only {@link Note}. */
  static MessageTypes types() {
    return MessageTypes.core().add(Note.TYPE).build();
  }

  static FrameCodec codec(KeyPair key) {
    return codec(key, WireLimits.defaults());
  }

  static FrameCodec codec(KeyPair key, WireLimits limits) {
    MessageTypes types = types();
    return FrameCodec.builder(NETWORK, key, types, new WireMetrics(new PrometheusRegistry(), types))
        .limits(limits)
        .requestIdClockMillis(NOW)
        .build();
  }

  /**
   * The value of one series in {@code registry}'s text exposition, e.g. {@code
   * skein_frames_dropped_total{reason="too_short"}}.
   */
  static double sample(PrometheusRegistry registry, String series) {
    String text = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + text);
  }

  /** Bytes written by a Kryo output, e.g. a hand-made payload. */
  static byte[] kryoBytes(Consumer<Output> writer) {
    Output out = new Output(256, -1);
    writer.accept(out);
    return out.toBytes();
  }

  /**
   * A frame assembled field by field, independently of {@link FrameCodec}, so that tests can build
   * any frame (and check that the codec writes the documented layout).
   */
  static final class RawFrame {
    int version = FrameLayout.VERSION;
    int networkId = NETWORK;
    int typeId = WireTypeIds.PING;
    byte[] senderKey;
    byte[] recipient = new byte[FrameLayout.RECIPIENT_BYTES];
    long timestampMillis = NOW;
    long requestId = 1;
    byte[] payload = new byte[0];
    int flags;

    RawFrame(KeyPair sender) {
      senderKey = sender.publicKey().bytes();
    }

    RawFrame type(int id) {
      typeId = id;
      return this;
    }

    /** Sends the sender's short id (the first 8 bytes of its node id) instead of its key. */
    RawFrame shortSender(KeyPair sender) {
      senderKey = java.util.Arrays.copyOf(sender.publicKey().nodeId().bytes(), 8);
      flags |= FrameLayout.FLAG_SHORT_SENDER;
      return this;
    }

    RawFrame to(NodeId id) {
      recipient = java.util.Arrays.copyOf(id.bytes(), FrameLayout.RECIPIENT_BYTES);
      return this;
    }

    RawFrame requestId(long id) {
      requestId = id;
      return this;
    }

    RawFrame timestamp(long millis) {
      timestampMillis = millis;
      return this;
    }

    RawFrame payload(byte[] bytes) {
      payload = bytes;
      return this;
    }

    /** The bytes that are signed: everything but the signature. */
    byte[] unsigned() {
      ByteBuffer b =
          ByteBuffer.allocate(
              FrameLayout.SENDER_OFFSET
                  + senderKey.length
                  + recipient.length
                  + FrameLayout.TIMESTAMP_BYTES
                  + FrameLayout.REQUEST_ID_BYTES
                  + payload.length);
      b.put((byte) version)
          .put((byte) flags)
          .putInt(networkId)
          .putShort((short) typeId)
          .put(senderKey)
          .put(recipient)
          .putShort((short) (timestampMillis >>> 32))
          .putInt((int) timestampMillis)
          .putLong(requestId)
          .put(payload);
      return b.array();
    }

    /** The frame signed by {@code signer} for {@link Domain#FRAME}. */
    byte[] signedBy(Signer signer) {
      return withSignature(signer.sign(Domain.FRAME, unsigned()));
    }

    byte[] withSignature(byte[] signature) {
      byte[] unsigned = unsigned();
      byte[] frame = new byte[unsigned.length + signature.length];
      System.arraycopy(unsigned, 0, frame, 0, unsigned.length);
      System.arraycopy(signature, 0, frame, unsigned.length, signature.length);
      return frame;
    }
  }
}
