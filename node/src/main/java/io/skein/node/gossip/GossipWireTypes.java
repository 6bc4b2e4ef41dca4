package io.skein.node.gossip;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Endpoint;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.WireLimits;
import io.skein.node.wire.MessageKind;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.WireFormatException;
import io.skein.node.wire.WireSerializer;
import io.skein.node.wire.WireTypeIds;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The wire types of the nine gossip messages (ids {@link WireTypeIds#GOSSIP_PING} to {@link
 * WireTypeIds#GOSSIP_PUSH_PULL_DIGEST_REPLY}), each carrying a {@link GossipEnvelope}.
 *
 * <p>Every payload is the sender's endpoint followed by the message ({@link ClaimWire} describes
 * keys, endpoints and claims; {@code seq} is an unsigned varint, 3 bytes for the core's sequence
 * numbers, which start below 2^20, for about a million requests; a boolean is one byte, 0 or 1):
 *
 * <pre>
 * ping               = from | seq | claims (&lt;= 64)
 * ack                = seq | claims (&lt;= 64)
 * ping_req           = from | seq | target key | target endpoint | claims (&lt;= 64)
 * nack               = from | seq | claims (&lt;= 64)
 * rumors             = from | claims (&lt;= 64)
 * push_pull_request  = from | seq | join | state claims (&lt;= 65,536)
 * push_pull_response = from | seq | state claims (&lt;= 65,536)
 * push_pull_digest   = from | seq | state digest (32 bytes)
 * push_pull_digest_reply = from | seq | in sync
 * </pre>
 *
 * <p>A ping carries no target key: the frame it travels in is addressed to the target's node id
 * (SHA-256 of its key), which the signature covers and the codec checks against the receiver's own
 * id, so a ping cannot reach or be answered by any other node, which is all the target key in the
 * payload ensured. A ping frame addressed to nobody (all-zero recipient) is dropped by {@link
 * GossipService}, and the service refuses to send a ping without a recipient key. This saves 32
 * bytes on every probe.
 *
 * <p>An ack carries no return address: nobody answers an ack, and the prober matches it by seq and
 * by the key that signed its frame (GossipService hands the core the endpoint it knows for that
 * key, and drops an ack from a key it does not know, which no probe of its could match). This saves
 * about 13 bytes (an IPv4 endpoint) on every probe.
 *
 * <p>All nine are {@link MessageKind#ONE_WAY}: each frame has a fresh nonce and the codec's replay
 * guard drops a second copy. The SWIM core itself matches acks, nacks and push-pull responses to
 * its requests by {@code seq} and the signing key; an ack may come from a ping-req helper rather
 * than from the pinged node, and is sent to the prober's advertised endpoint, neither of which fits
 * the codec's one-reply-per-request over the same connection.
 */
public final class GossipWireTypes {
  /** {@link Ping}. */
  public static final MessageType<GossipEnvelope.OfPing> PING =
      type(
          WireTypeIds.GOSSIP_PING,
          "gossip_ping",
          GossipEnvelope.OfPing.class,
          (out, m) -> {
            // The target key is not sent: the frame header's recipient names it (see the class
            // comment), and GossipService drops a ping whose frame names no recipient.
            writeSeq(out, m.message().seq());
            ClaimWire.writeClaims(out, m.message().claims(), WireLimits.MAX_PIGGYBACK_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfPing(
                  from,
                  new Ping(
                      readSeq(in),
                      null,
                      ClaimWire.readClaims(in, WireLimits.MAX_PIGGYBACK_CLAIMS))));

  /** {@link Ack}. */
  public static final MessageType<GossipEnvelope.OfAck> ACK =
      type(
          WireTypeIds.GOSSIP_ACK,
          "gossip_ack",
          GossipEnvelope.OfAck.class,
          false,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            ClaimWire.writeClaims(out, m.message().claims(), WireLimits.MAX_PIGGYBACK_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfAck(
                  null,
                  new Ack(readSeq(in), ClaimWire.readClaims(in, WireLimits.MAX_PIGGYBACK_CLAIMS))));

  /** {@link PingReq}. */
  public static final MessageType<GossipEnvelope.OfPingReq> PING_REQ =
      type(
          WireTypeIds.GOSSIP_PING_REQ,
          "gossip_ping_req",
          GossipEnvelope.OfPingReq.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            ClaimWire.writeKey(out, m.message().target());
            ClaimWire.writeEndpoint(out, m.message().targetEndpoint());
            ClaimWire.writeClaims(out, m.message().claims(), WireLimits.MAX_PIGGYBACK_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfPingReq(
                  from,
                  new PingReq(
                      readSeq(in),
                      ClaimWire.readKey(in),
                      ClaimWire.readEndpoint(in),
                      ClaimWire.readClaims(in, WireLimits.MAX_PIGGYBACK_CLAIMS))));

  /** {@link Nack}. */
  public static final MessageType<GossipEnvelope.OfNack> NACK =
      type(
          WireTypeIds.GOSSIP_NACK,
          "gossip_nack",
          GossipEnvelope.OfNack.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            ClaimWire.writeClaims(out, m.message().claims(), WireLimits.MAX_PIGGYBACK_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfNack(
                  from,
                  new Nack(
                      readSeq(in), ClaimWire.readClaims(in, WireLimits.MAX_PIGGYBACK_CLAIMS))));

  /** {@link Gossip}. */
  public static final MessageType<GossipEnvelope.OfGossip> RUMORS =
      type(
          WireTypeIds.GOSSIP_RUMORS,
          "gossip_rumors",
          GossipEnvelope.OfGossip.class,
          (out, m) ->
              ClaimWire.writeClaims(out, m.message().claims(), WireLimits.MAX_PIGGYBACK_CLAIMS),
          (in, from) ->
              new GossipEnvelope.OfGossip(
                  from, new Gossip(ClaimWire.readClaims(in, WireLimits.MAX_PIGGYBACK_CLAIMS))));

  /** {@link PushPullRequest}. */
  public static final MessageType<GossipEnvelope.OfPushPullRequest> PUSH_PULL_REQUEST =
      type(
          WireTypeIds.GOSSIP_PUSH_PULL_REQUEST,
          "gossip_push_pull_request",
          GossipEnvelope.OfPushPullRequest.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            out.writeByte(m.message().join() ? 1 : 0);
            ClaimWire.writeClaims(out, m.message().state(), WireLimits.MAX_STATE_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfPushPullRequest(
                  from,
                  new PushPullRequest(
                      readSeq(in),
                      readBoolean(in),
                      ClaimWire.readClaims(in, WireLimits.MAX_STATE_CLAIMS))));

  /** {@link PushPullResponse}. */
  public static final MessageType<GossipEnvelope.OfPushPullResponse> PUSH_PULL_RESPONSE =
      type(
          WireTypeIds.GOSSIP_PUSH_PULL_RESPONSE,
          "gossip_push_pull_response",
          GossipEnvelope.OfPushPullResponse.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            ClaimWire.writeClaims(out, m.message().state(), WireLimits.MAX_STATE_CLAIMS);
          },
          (in, from) ->
              new GossipEnvelope.OfPushPullResponse(
                  from,
                  new PushPullResponse(
                      readSeq(in), ClaimWire.readClaims(in, WireLimits.MAX_STATE_CLAIMS))));

  /** {@link PushPullDigest}. */
  public static final MessageType<GossipEnvelope.OfPushPullDigest> PUSH_PULL_DIGEST =
      type(
          WireTypeIds.GOSSIP_PUSH_PULL_DIGEST,
          "gossip_push_pull_digest",
          GossipEnvelope.OfPushPullDigest.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            out.writeBytes(m.message().digest());
          },
          (in, from) ->
              new GossipEnvelope.OfPushPullDigest(
                  from,
                  new PushPullDigest(readSeq(in), in.readBytes(PushPullDigest.DIGEST_BYTES))));

  /** {@link PushPullDigestReply}. */
  public static final MessageType<GossipEnvelope.OfPushPullDigestReply> PUSH_PULL_DIGEST_REPLY =
      type(
          WireTypeIds.GOSSIP_PUSH_PULL_DIGEST_REPLY,
          "gossip_push_pull_digest_reply",
          GossipEnvelope.OfPushPullDigestReply.class,
          (out, m) -> {
            writeSeq(out, m.message().seq());
            out.writeByte(m.message().inSync() ? 1 : 0);
          },
          (in, from) ->
              new GossipEnvelope.OfPushPullDigestReply(
                  from, new PushPullDigestReply(readSeq(in), readBoolean(in))));

  /** All nine, by increasing id. */
  public static final List<MessageType<? extends GossipEnvelope>> ALL =
      List.of(
          PING,
          ACK,
          PING_REQ,
          NACK,
          RUMORS,
          PUSH_PULL_REQUEST,
          PUSH_PULL_RESPONSE,
          PUSH_PULL_DIGEST,
          PUSH_PULL_DIGEST_REPLY);

  /**
   * Bytes of a push-pull payload besides its claims: the longest {@code from}, seq, join flag and
   * the longest claim count varint.
   */
  static final int PUSH_PULL_OVERHEAD_BYTES = 2 + Endpoint.MAX_HOST_BYTES + 3 + 10 + 1 + 3;

  private GossipWireTypes() {}

  /** Adds the nine gossip types to {@code types}. */
  public static MessageTypes.Builder register(MessageTypes.Builder types) {
    for (MessageType<? extends GossipEnvelope> t : ALL) {
      types.add(t);
    }
    return types;
  }

  /** The wire type of an envelope. */
  @SuppressWarnings("unchecked")
  static <E extends GossipEnvelope> MessageType<E> typeOf(E envelope) {
    int index = envelope.message().typeId() - 1;
    if (index < 0 || index >= ALL.size() || ALL.get(index).payloadClass() != envelope.getClass()) {
      throw new IllegalArgumentException("no gossip wire type for " + envelope.getClass());
    }
    return (MessageType<E>) ALL.get(index);
  }

  private static void writeSeq(Output out, long seq) {
    out.writeVarLong(seq, true);
  }

  private static long readSeq(Input in) {
    return in.readVarLong(true);
  }

  private static boolean readBoolean(Input in) {
    int b = in.readByte();
    if (b != 0 && b != 1) {
      throw new WireFormatException("a boolean is 0 or 1, got " + b);
    }
    return b == 1;
  }

  private static <E extends GossipEnvelope> MessageType<E> type(
      int id,
      String name,
      Class<E> payloadClass,
      BiConsumer<Output, E> writeMessage,
      BiFunction<Input, Endpoint, E> readMessage) {
    return type(id, name, payloadClass, true, writeMessage, readMessage);
  }

  private static <E extends GossipEnvelope> MessageType<E> type(
      int id,
      String name,
      Class<E> payloadClass,
      boolean withFrom,
      BiConsumer<Output, E> writeMessage,
      BiFunction<Input, Endpoint, E> readMessage) {
    return new MessageType<>(
        id,
        name,
        payloadClass,
        MessageKind.ONE_WAY,
        new EnvelopeSerializer<>(withFrom, writeMessage, readMessage));
  }

  /**
   * The sender's endpoint (unless {@code withFrom} is false), then the message; stateless, so one
   * instance serves every codec.
   */
  private static final class EnvelopeSerializer<E extends GossipEnvelope>
      extends WireSerializer<E> {
    private final boolean withFrom;
    private final BiConsumer<Output, E> writeMessage;
    private final BiFunction<Input, Endpoint, E> readMessage;

    EnvelopeSerializer(
        boolean withFrom,
        BiConsumer<Output, E> writeMessage,
        BiFunction<Input, Endpoint, E> readMessage) {
      this.withFrom = withFrom;
      this.writeMessage = writeMessage;
      this.readMessage = readMessage;
    }

    @Override
    protected void writePayload(Output out, E value) {
      if (withFrom) {
        ClaimWire.writeEndpoint(out, value.from());
      }
      writeMessage.accept(out, value);
    }

    @Override
    protected E readPayload(Input in) {
      Endpoint from = withFrom ? ClaimWire.readEndpoint(in) : null;
      return readMessage.apply(in, from);
    }
  }
}
