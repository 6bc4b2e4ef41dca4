package io.skein.node.wire;

/**
 * The outcome of {@link FrameCodec#decode}: an accepted {@link InboundFrame}, or the {@link
 * DropReason} the frame was dropped for.
 */
public sealed interface Decoded permits InboundFrame, DropReason {
  /** Whether the frame was accepted (this is an {@link InboundFrame}). */
  default boolean accepted() {
    return this instanceof InboundFrame;
  }
}
