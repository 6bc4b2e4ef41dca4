package io.skein.node.gossip;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Domain;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.FrameLayout;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.WireMetrics;
import java.nio.ByteBuffer;
import java.util.List;

/** Keys, claims, messages, codecs and hand-made frames for the gossip wire tests. */
final class GossipFixtures {
  /** The wall clock the codec tests run at (2023-11-14). */
  static final long NOW = 1_700_000_000_000L;

  static final int NETWORK = 0x5ce1_0002;

  static final KeyPair ALICE = key(1);
  static final KeyPair BOB = key(2);
  static final KeyPair CAROL = key(3);
  static final Endpoint ALICE_AT = new Endpoint("127.0.0.1", 40001);
  static final Endpoint BOB_AT = new Endpoint("node-b.example", 7946);

  private GossipFixtures() {}

  static KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x6c;
    return KeyPair.fromSeed(seed);
  }

  static MessageTypes types() {
    return GossipWireTypes.register(MessageTypes.core()).build();
  }

  static FrameCodec codec(KeyPair key) {
    MessageTypes types = types();
    return FrameCodec.builder(NETWORK, key, types, new WireMetrics(new PrometheusRegistry(), types))
        .requestIdClockMillis(NOW)
        .build();
  }

  /** One claim of every kind, about Alice (accusations by Bob). */
  static List<Claim> everyClaimKind() {
    return List.of(
        Alive.sign(ALICE, ALICE_AT, 3),
        Leave.sign(ALICE, 4),
        Suspect.sign(BOB, ALICE.publicKey(), 3),
        Dead.sign(BOB, ALICE.publicKey(), Long.MAX_VALUE),
        Alive.sign(CAROL, new Endpoint("fe80::1%eth0", 65535), 0));
  }

  /** One message of every kind, each with claims. */
  static List<GossipMessage> everyMessageKind() {
    List<Claim> claims = everyClaimKind();
    PublicKey carol = CAROL.publicKey();
    return List.of(
        new Ping(1, carol, claims),
        new Ack(Long.MAX_VALUE, claims),
        new PingReq(Long.MIN_VALUE, carol, BOB_AT, claims),
        new Nack(0, List.of()),
        new Gossip(claims),
        new PushPullRequest(42, true, claims),
        new PushPullResponse(43, claims),
        new PushPullDigest(44, digest()),
        new PushPullDigestReply(45, true),
        new PushPullDigestReply(-46, false));
  }

  /** A digest whose bytes are all distinct, so a misplaced byte shows. */
  static byte[] digest() {
    byte[] d = new byte[PushPullDigest.DIGEST_BYTES];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (0x80 + i * 7);
    }
    return d;
  }

  /**
   * A frame of {@code typeId} around {@code payload}, signed by {@code sender} (so it passes every
   * check before the payload is decoded), addressed to nobody.
   */
  static byte[] signedFrame(KeyPair sender, int typeId, long requestId, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(FrameLayout.FULL_HEADER_BYTES + payload.length);
    b.put(FrameLayout.VERSION)
        .put((byte) 0) // flags: the full sender key
        .putInt(NETWORK)
        .putShort((short) typeId)
        .put(sender.publicKey().bytes())
        .put(new byte[FrameLayout.RECIPIENT_BYTES])
        .putShort((short) (NOW >>> 32))
        .putInt((int) NOW)
        .putLong(requestId)
        .put(payload);
    byte[] unsigned = b.array();
    byte[] signature = sender.sign(Domain.FRAME, unsigned);
    byte[] frame = new byte[unsigned.length + signature.length];
    System.arraycopy(unsigned, 0, frame, 0, unsigned.length);
    System.arraycopy(signature, 0, frame, unsigned.length, signature.length);
    return frame;
  }

  /** The payload bytes of a frame the codec encoded. */
  static byte[] payloadOf(byte[] frame) {
    return java.util.Arrays.copyOfRange(
        frame,
        FrameLayout.headerBytes(frame[FrameLayout.FLAGS_OFFSET]),
        frame.length - FrameLayout.SIGNATURE_BYTES);
  }
}
