package io.skein.node.dht;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Domain;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;
import io.skein.dht.Contact;
import io.skein.node.NodeConfig;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.FrameLayout;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.WireMetrics;
import java.nio.ByteBuffer;

/** Keys, codecs and hand-built frames for the DHT wire tests; deterministic. */
final class WireFixtures {
  /** The wall clock the wire tests run at (2023-11-14). */
  static final long NOW = 1_700_000_000_000L;

  static final int NETWORK = NodeConfig.DEFAULT_NETWORK_ID;

  private WireFixtures() {}

  /** The n-th fixed identity. */
  static KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x7d;
    return KeyPair.fromSeed(seed);
  }

  static MessageTypes types() {
    return DhtWireTypes.register(MessageTypes.core()).build();
  }

  static FrameCodec codec(KeyPair key) {
    MessageTypes types = types();
    return FrameCodec.builder(NETWORK, key, types, new WireMetrics(new PrometheusRegistry(), types))
        .requestIdClockMillis(NOW)
        .build();
  }

  /** The contact of the n-th identity, on a port derived from n. */
  static Contact contact(int n) {
    return Contact.of(key(n).publicKey(), new Endpoint("127.0.0.1", 20_000 + n));
  }

  /**
   * A frame of {@code typeId} around any payload bytes, correctly signed by {@code signer}, built
   * field by field from {@link FrameLayout} so the payload decoder itself is what gets tested.
   */
  static byte[] signedFrame(
      Signer signer, int typeId, NodeId recipientOrNull, long requestId, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(FrameLayout.FULL_HEADER_BYTES + payload.length);
    b.put(FrameLayout.VERSION)
        .put((byte) 0) // flags: the full sender key
        .putInt(NETWORK)
        .putShort((short) typeId)
        .put(signer.publicKey().bytes())
        .put(
            recipientOrNull == null
                ? new byte[FrameLayout.RECIPIENT_BYTES]
                : java.util.Arrays.copyOf(recipientOrNull.bytes(), FrameLayout.RECIPIENT_BYTES))
        .putShort((short) (NOW >>> 32))
        .putInt((int) NOW)
        .putLong(requestId)
        .put(payload);
    byte[] unsigned = b.array();
    byte[] signature = signer.sign(Domain.FRAME, unsigned);
    byte[] frame = new byte[unsigned.length + signature.length];
    System.arraycopy(unsigned, 0, frame, 0, unsigned.length);
    System.arraycopy(signature, 0, frame, unsigned.length, signature.length);
    return frame;
  }
}
