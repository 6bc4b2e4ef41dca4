package io.skein.node.wire;

/** How a message type relates to requests, which decides how its frames are checked for replay. */
public enum MessageKind {
  /**
   * Expects a {@link #REPLY} carrying the same request id. Its request id is fresh from the
   * sender's counter ({@link FrameCodec#nextRequestId()}) and checked against the sender's replay
   * window.
   */
  REQUEST,
  /**
   * Answers a {@link #REQUEST}: carries that request's id and is accepted only while that request
   * is outstanding (and only from the key it was sent to, when known), once.
   */
  REPLY,
  /**
   * Expects no answer. Its request id is a fresh nonce from the sender's counter, as for REQUEST.
   */
  ONE_WAY
}
