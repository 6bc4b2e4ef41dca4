package io.skein.node.wire;

import io.skein.crypto.PublicKey;

/**
 * An accepted frame: authentic (signed by {@code sender}), for our network, fresh, not a replay,
 * and with a payload that decoded exactly.
 *
 * @param type the message type
 * @param sender the key that signed the frame
 * @param addressedToUs whether the recipient field named our node id; {@code false} means it was
 *     zero (the sender did not know who it was talking to, e.g. a first ping to a seed address)
 * @param timestampMillis the sender's clock when it sent the frame (unix epoch millis)
 * @param requestId the request id: for a REPLY, the id of our request it answers
 * @param payload the decoded payload, an instance of {@code type.payloadClass()}
 */
public record InboundFrame(
    MessageType<?> type,
    PublicKey sender,
    boolean addressedToUs,
    long timestampMillis,
    long requestId,
    Object payload)
    implements Decoded {}
