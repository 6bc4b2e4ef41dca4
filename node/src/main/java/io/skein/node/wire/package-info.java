/**
 * The wire codec: signed, versioned frames carrying one Kryo-encoded payload each.
 *
 * <p>{@link io.skein.node.wire.FrameLayout} fixes the byte layout, {@link
 * io.skein.node.wire.MessageTypes} the payload types and their append-only ids ({@link
 * io.skein.node.wire.WireTypeIds}), {@link io.skein.node.wire.FrameCodec} encodes and decodes.
 * Every check that can refuse a frame runs before its payload is decoded, the cheapest first, and
 * the signature is verified before any payload byte is interpreted. Payload serializers are
 * hand-written ({@link io.skein.node.wire.WireSerializer}) and read every length through {@link
 * io.skein.node.wire.BoundedReads}, which checks it against a cap before allocating: no Kryo
 * default serializer ever reads a length from the network.
 */
package io.skein.node.wire;
