package io.skein.node.wire;

import static io.skein.node.wire.FrameLayout.FLAGS_OFFSET;
import static io.skein.node.wire.FrameLayout.FLAG_KNOWS_RECIPIENT;
import static io.skein.node.wire.FrameLayout.FLAG_SHORT_SENDER;
import static io.skein.node.wire.FrameLayout.KNOWN_FLAGS;
import static io.skein.node.wire.FrameLayout.MIN_FRAME_BYTES;
import static io.skein.node.wire.FrameLayout.NETWORK_ID_OFFSET;
import static io.skein.node.wire.FrameLayout.RECIPIENT_BYTES;
import static io.skein.node.wire.FrameLayout.SENDER_OFFSET;
import static io.skein.node.wire.FrameLayout.SIGNATURE_BYTES;
import static io.skein.node.wire.FrameLayout.TYPE_ID_OFFSET;
import static io.skein.node.wire.FrameLayout.VERSION;
import static io.skein.node.wire.FrameLayout.VERSION_OFFSET;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes and decodes the frames of one node ({@link FrameLayout}).
 *
 * <p>Encoding writes the header, serializes the payload and signs once. Decoding checks, cheapest
 * first and before any payload byte is interpreted: size (a frame above the limit is refused
 * unread), version, flags, network id, type id, recipient, timestamp skew, the sender's key (a
 * short sender id must resolve to a key this node holds), the signature; then replay (REQUEST,
 * ONE_WAY) or the matching outstanding request (REPLY); and only then decodes the payload, which
 * must consume exactly the payload bytes. Every refusal is a {@link DropReason} counted in {@link
 * WireMetrics}: no exception escapes {@link #decode}, whatever the bytes. Replay and
 * outstanding-request state change only when a frame is accepted.
 *
 * <p>Not thread-safe: one codec belongs to one event-loop thread, as its Kryo instance does.
 * Encoding allocates only the returned frame (plus what the signer allocates internally); decoding
 * a known sender's frame allocates the payload and the returned {@link InboundFrame} (plus what the
 * verifier allocates internally).
 */
public final class FrameCodec {
  private static final Logger log = LoggerFactory.getLogger(FrameCodec.class);

  /**
   * Request ids start at wall-clock millis shifted left by this much. Receivers remember each
   * sender's highest request id and drop ids far below it as replays; a node that restarted and
   * counted from 0 (or from a random point) would have its frames dropped by every peer that still
   * remembers it. Starting from {@code millis << 20} puts a restarted node ahead of every id it
   * used before, as long as it used fewer than 2^20 ids per millisecond (a node signs about 29,000
   * frames per second) and the clock did not step back. The value stays a positive long until 2248.
   */
  public static final int REQUEST_ID_CLOCK_SHIFT = 20;

  /** Deepest nesting of Kryo reads; payload serializers do not recurse through Kryo at all. */
  private static final int MAX_KRYO_DEPTH = 16;

  private final int networkId;
  private final Signer signer;
  private final Verifier verifier;
  private final MessageTypes types;
  private final WireLimits limits;
  private final WireMetrics metrics;
  private final NodeId localId;
  private final byte[] localIdBytes;
  private final Kryo kryo;
  private final byte[] scratch;
  private final Output output;
  private final PayloadInput input = new PayloadInput();
  private final ReplayGuard replayGuard;
  private final OutstandingRequests outstanding;
  private final SenderIds senderIds;
  private final long localShortId;
  private final byte[] keyScratch = new byte[FrameLayout.SENDER_KEY_BYTES];
  private long lastRequestId;

  private FrameCodec(Builder b) {
    this.networkId = b.networkId;
    this.signer = b.signer;
    this.verifier = b.verifier;
    this.types = b.types;
    this.limits = b.limits;
    this.metrics = b.metrics;
    if (!metrics.covers(types)) {
      throw new IllegalArgumentException("the WireMetrics were built for other message types");
    }
    this.localId = signer.publicKey().nodeId();
    this.localIdBytes = localId.bytes();
    this.localShortId = SenderIds.prefix(localId);
    this.kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setMaxDepth(MAX_KRYO_DEPTH);
    for (MessageType<?> t : types.all()) {
      kryo.register(t.payloadClass(), t.serializer(), t.id());
    }
    // The scratch frame holds the header and at most maxPayloadBytes: the Output cannot grow.
    this.scratch = new byte[limits.maxFrameBytes() - SIGNATURE_BYTES];
    scratch[VERSION_OFFSET] = VERSION;
    FrameLayout.putInt(scratch, NETWORK_ID_OFFSET, networkId);
    this.output = new Output(scratch);
    this.replayGuard =
        new ReplayGuard(limits.maxTrackedSenders(), limits.maxClockSkewMillis(), metrics);
    this.senderIds = new SenderIds(limits.maxTrackedSenders());
    this.outstanding = new OutstandingRequests(limits.maxOutstandingRequests(), metrics);
    this.lastRequestId = b.requestIdClockMillis << REQUEST_ID_CLOCK_SHIFT;
  }

  /**
   * A builder for a codec of network {@code networkId} signing with {@code signer}.
   *
   * @param networkId the network id (an unsigned 32-bit value; frames of other networks are
   *     dropped)
   * @param signer the local identity
   * @param types the message types to understand
   * @param metrics counters built for the same {@code types}
   */
  public static Builder builder(
      int networkId, Signer signer, MessageTypes types, WireMetrics metrics) {
    return new Builder(networkId, signer, types, metrics);
  }

  /**
   * A fresh request id (also the nonce of ONE_WAY frames): strictly increasing, starting from the
   * wall clock (see {@link #REQUEST_ID_CLOCK_SHIFT}).
   */
  public long nextRequestId() {
    return ++lastRequestId;
  }

  /**
   * Encodes and signs one frame.
   *
   * @param type a type registered with this codec
   * @param recipientOrNull the recipient's node id, or {@code null} if not known yet (sent as zero)
   * @param requestId {@link #nextRequestId()} for a REQUEST or ONE_WAY, the answered request's id
   *     for a REPLY
   * @param payload the payload, exactly of {@code type.payloadClass()}
   * @param nowMillis the wall clock (unix epoch millis), sent as the timestamp
   * @return the frame, ready to send
   * @throws IllegalArgumentException if the type is not registered, the payload is of another class
   *     or does not fit in a frame, or the serializer refuses a value
   */
  public <T> byte[] encode(
      MessageType<T> type, NodeId recipientOrNull, long requestId, T payload, long nowMillis) {
    Objects.requireNonNull(type, "type");
    if (types.byId(type.id()) != type) {
      throw new IllegalArgumentException(
          "wire type " + type + " is not registered with this codec");
    }
    return encodeRegistered(type, recipientOrNull, requestId, payload, nowMillis);
  }

  /** {@link #encode(MessageType, NodeId, long, Object, long)} by type id. */
  public byte[] encode(
      int typeId, NodeId recipientOrNull, long requestId, Object payload, long nowMillis) {
    MessageType<?> type = types.byId(typeId);
    if (type == null) {
      throw new IllegalArgumentException("wire type id " + typeId + " is not registered");
    }
    return encodeRegistered(type, recipientOrNull, requestId, payload, nowMillis);
  }

  private byte[] encodeRegistered(
      MessageType<?> type, NodeId recipientOrNull, long requestId, Object payload, long nowMillis) {
    if (payload == null || payload.getClass() != type.payloadClass()) {
      throw new IllegalArgumentException(
          "a " + type + " payload is a " + type.payloadClass().getName() + ", got " + payload);
    }
    byte[] frame = scratch;
    FrameLayout.putU16(frame, TYPE_ID_OFFSET, type.id());
    if (nowMillis < 0 || nowMillis > FrameLayout.MAX_TIMESTAMP_MILLIS) {
      throw new IllegalArgumentException("a frame cannot carry the timestamp " + nowMillis);
    }
    int flags = 0;
    long recipient = 0;
    if (recipientOrNull != null) {
      recipient = SenderIds.prefix(recipientOrNull);
      if (senderIds.peerKnowsUs(recipient)) {
        flags |= FLAG_SHORT_SENDER;
      }
      if (senderIds.holdsKeyOf(recipient)) {
        flags |= FLAG_KNOWS_RECIPIENT;
      }
    }
    frame[FLAGS_OFFSET] = (byte) flags;
    if ((flags & FLAG_SHORT_SENDER) != 0) {
      FrameLayout.putLong(frame, SENDER_OFFSET, localShortId);
    } else {
      signer.publicKey().copyTo(frame, SENDER_OFFSET);
    }
    FrameLayout.putLong(frame, FrameLayout.recipientOffset(flags), recipient);
    FrameLayout.putU48(frame, FrameLayout.timestampOffset(flags), nowMillis);
    FrameLayout.putLong(frame, FrameLayout.requestIdOffset(flags), requestId);
    output.setPosition(FrameLayout.headerBytes(flags));
    try {
      kryo.writeObject(output, payload);
    } catch (KryoBufferOverflowException e) {
      throw new IllegalArgumentException(
          "a " + type + " payload does not fit in " + limits.maxPayloadBytes() + " bytes", e);
    }
    int signedLength = output.position();
    if (signedLength - FrameLayout.headerBytes(flags) > limits.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "a " + type + " payload does not fit in " + limits.maxPayloadBytes() + " bytes");
    }
    byte[] out = Arrays.copyOf(frame, signedLength + SIGNATURE_BYTES);
    signer.sign(Domain.FRAME, out, 0, signedLength, out, signedLength);
    metrics.frameOut(type, out.length);
    return out;
  }

  /**
   * Checks and decodes one received frame. Never throws: any bad input is a {@link DropReason},
   * counted in {@code skein_frames_dropped_total}.
   *
   * @param frame the received bytes; only read, and not retained
   * @param nowMillis the wall clock (unix epoch millis)
   * @return an {@link InboundFrame} or the {@link DropReason}
   */
  public Decoded decode(byte[] frame, long nowMillis) {
    if (frame == null) {
      return drop(DropReason.TOO_SHORT);
    }
    int length = frame.length;
    metrics.bytesIn(length);
    if (length > limits.maxFrameBytes()) {
      return drop(DropReason.TOO_LARGE);
    }
    if (length < MIN_FRAME_BYTES) {
      return drop(DropReason.TOO_SHORT);
    }
    if (frame[VERSION_OFFSET] != VERSION) {
      return drop(DropReason.BAD_VERSION);
    }
    int flags = frame[FLAGS_OFFSET] & 0xff;
    if ((flags & ~KNOWN_FLAGS) != 0) {
      return drop(DropReason.BAD_FLAGS);
    }
    int headerBytes = FrameLayout.headerBytes(flags);
    if (length < headerBytes + SIGNATURE_BYTES) {
      return drop(DropReason.TOO_SHORT);
    }
    if (FrameLayout.getInt(frame, NETWORK_ID_OFFSET) != networkId) {
      return drop(DropReason.WRONG_NETWORK);
    }
    MessageType<?> type = types.byId(FrameLayout.getU16(frame, TYPE_ID_OFFSET));
    if (type == null) {
      return drop(DropReason.UNKNOWN_TYPE);
    }
    int recipientOffset = FrameLayout.recipientOffset(flags);
    boolean addressedToUs = !isZero(frame, recipientOffset, RECIPIENT_BYTES);
    if (addressedToUs
        && !Arrays.equals(
            frame,
            recipientOffset,
            recipientOffset + RECIPIENT_BYTES,
            localIdBytes,
            0,
            RECIPIENT_BYTES)) {
      return drop(DropReason.WRONG_RECIPIENT);
    }
    long timestampMillis = FrameLayout.getU48(frame, FrameLayout.timestampOffset(flags));
    long skew = limits.maxClockSkewMillis();
    if (timestampMillis < nowMillis - skew || timestampMillis > nowMillis + skew) {
      return drop(DropReason.STALE_TIMESTAMP);
    }
    int signedLength = length - SIGNATURE_BYTES;
    int payloadLength = signedLength - headerBytes;
    long requestId = FrameLayout.getLong(frame, FrameLayout.requestIdOffset(flags));
    ReplayGuard.Sender known;
    PublicKey sender;
    if ((flags & FLAG_SHORT_SENDER) != 0) {
      PublicKey held = senderIds.resolve(FrameLayout.getLong(frame, SENDER_OFFSET));
      if (held == null) {
        return drop(DropReason.UNKNOWN_SENDER);
      }
      held.copyTo(keyScratch, 0);
      known = replayGuard.find(keyScratch, 0);
      sender = known != null ? known.publicKey : held;
    } else {
      known = replayGuard.find(frame, SENDER_OFFSET);
      sender = senderKey(known, type, requestId, frame);
    }
    if (!verifier.verify(sender, Domain.FRAME, frame, 0, signedLength, frame, signedLength)) {
      return drop(DropReason.BAD_SIGNATURE);
    }
    PendingRequest answered = null;
    if (type.kind() == MessageKind.REPLY) {
      answered = outstanding.match(requestId, sender, nowMillis);
      if (answered == null) {
        return drop(DropReason.UNSOLICITED_REPLY);
      }
    } else if (!ReplayGuard.isFresh(known, requestId)) {
      return drop(DropReason.REPLAYED);
    }
    Object payload = decodePayload(type, frame, headerBytes, payloadLength, sender);
    if (payload == null) {
      return drop(DropReason.UNDECODABLE);
    }
    if (answered != null) {
      outstanding.complete(answered);
    } else {
      replayGuard.accept(known, sender, requestId, timestampMillis, nowMillis);
    }
    learn(sender);
    // A frame without our id cannot tell whether its sender holds our key: a node that restarted
    // joins through a seed's address before it knows anyone. Full keys until it says it does.
    senderIds.peerHoldsOurKey(
        SenderIds.prefix(sender.nodeId()), addressedToUs && (flags & FLAG_KNOWS_RECIPIENT) != 0);
    metrics.frameIn(type);
    return new InboundFrame(type, sender, addressedToUs, timestampMillis, requestId, payload);
  }

  /**
   * The frame's sender key, as an instance that already holds its decoded curve point when we have
   * one: the replay guard's for a known sender, the expected key of the request a reply answers;
   * otherwise a new instance. Only looks: nothing changes before the signature is verified.
   */
  private PublicKey senderKey(
      ReplayGuard.Sender known, MessageType<?> type, long requestId, byte[] frame) {
    if (known != null) {
      return known.publicKey;
    }
    if (type.kind() == MessageKind.REPLY) {
      PublicKey expected = outstanding.expectedSender(requestId);
      if (expected != null && expected.equalsBytes(frame, SENDER_OFFSET)) {
        return expected;
      }
    }
    return PublicKey.of(frame, SENDER_OFFSET);
  }

  /**
   * The payload at {@code payloadOffset}, or {@code null} if it does not decode to exactly {@code
   * payloadLength} bytes.
   */
  private Object decodePayload(
      MessageType<?> type, byte[] frame, int payloadOffset, int payloadLength, PublicKey sender) {
    input.window(frame, payloadOffset, payloadLength);
    try {
      Object payload = kryo.readObject(input, type.payloadClass());
      if (!input.exhausted()) {
        logUndecodable(type, sender, "trailing bytes after the payload");
        return null;
      }
      return payload != null && payload.getClass() == type.payloadClass() ? payload : null;
    } catch (Throwable t) {
      // On junk, Kryo and serializers throw KryoException, but also OutOfMemoryError,
      // NegativeArraySizeException, IndexOutOfBoundsException, NullPointerException...: all drops.
      logUndecodable(type, sender, t.toString());
      return null;
    } finally {
      input.clear();
    }
  }

  private void logUndecodable(MessageType<?> type, PublicKey sender, String why) {
    if (log.isDebugEnabled()) {
      log.debug(
          "{} dropped an undecodable {} frame from {}: {}",
          localId.shortId(),
          type,
          sender.nodeId().shortId(),
          why);
    }
  }

  /**
   * Housekeeping, to call periodically (e.g. every event-loop tick): removes and returns the
   * outstanding requests whose deadline passed, and forgets senders whose replay windows can no
   * longer matter.
   */
  public List<PendingRequest> expire(long nowMillis) {
    replayGuard.prune(nowMillis);
    return outstanding.expire(nowMillis);
  }

  /**
   * Remembers an authentic key, so that frames carrying its short sender id resolve (see {@link
   * FrameLayout}): the node calls it for every gossip member it learns of, whose key a verified
   * claim vouched for. A node that restarted then resolves its peers' short ids as soon as its join
   * brought it the membership, before it has heard from each of them. Keys of verified frames are
   * remembered without this.
   */
  public void learnKey(PublicKey key) {
    learn(Objects.requireNonNull(key, "key"));
  }

  private void learn(PublicKey key) {
    senderIds.learn(key);
    metrics.knownKeys(senderIds.keyCount());
  }

  /** Number of keys whose short sender ids this codec resolves. */
  public int knownKeys() {
    return senderIds.keyCount();
  }

  /** The requests awaiting replies: register each REQUEST sent, with its deadline. */
  public OutstandingRequests outstanding() {
    return outstanding;
  }

  /** Number of senders whose replay windows are remembered. */
  public int trackedSenders() {
    return replayGuard.size();
  }

  /** This node's network id. */
  public int networkId() {
    return networkId;
  }

  /** This node's public key, sent in every frame to a peer that does not hold it yet. */
  public PublicKey publicKey() {
    return signer.publicKey();
  }

  /** This node's id: frames addressed to any other id are dropped. */
  public NodeId localId() {
    return localId;
  }

  /** The message types this codec understands. */
  public MessageTypes types() {
    return types;
  }

  /** The limits this codec enforces. */
  public WireLimits limits() {
    return limits;
  }

  /** The counters this codec updates; the transport counts its own drops here too. */
  public WireMetrics metrics() {
    return metrics;
  }

  private DropReason drop(DropReason reason) {
    metrics.dropped(reason);
    return reason;
  }

  private static boolean isZero(byte[] b, int offset, int length) {
    int or = 0;
    for (int i = offset; i < offset + length; i++) {
      or |= b[i];
    }
    return or == 0;
  }

  /** Collects a codec's settings; only the four in {@link FrameCodec#builder} are required. */
  public static final class Builder {
    private final int networkId;
    private final Signer signer;
    private final MessageTypes types;
    private final WireMetrics metrics;
    private Verifier verifier = Ed25519.VERIFIER;
    private WireLimits limits = WireLimits.defaults();
    private long requestIdClockMillis = -1;

    private Builder(int networkId, Signer signer, MessageTypes types, WireMetrics metrics) {
      this.networkId = networkId;
      this.signer = Objects.requireNonNull(signer, "signer");
      this.types = Objects.requireNonNull(types, "types");
      this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The signature verifier; default {@link Ed25519#VERIFIER}. */
    public Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** The limits; default {@link WireLimits#defaults()}. */
    public Builder limits(WireLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The wall clock (unix epoch millis) request ids start from; default the current time when
     * {@link #build()} runs. Tests pass a fixed value.
     */
    public Builder requestIdClockMillis(long wallClockMillis) {
      if (wallClockMillis < 0) {
        throw new IllegalArgumentException("wall clock millis must be >= 0: " + wallClockMillis);
      }
      this.requestIdClockMillis = wallClockMillis;
      return this;
    }

    /** The codec. */
    public FrameCodec build() {
      if (requestIdClockMillis < 0) {
        requestIdClockMillis = System.currentTimeMillis();
      }
      return new FrameCodec(this);
    }
  }
}
