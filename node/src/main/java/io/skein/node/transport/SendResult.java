package io.skein.node.transport;

/** What became of one send; every outcome but {@link #SENT} is also counted as a drop. */
public enum SendResult {
  /** Handed to JeroMQ (queued on a connection, or written). Not a delivery guarantee. */
  SENT,
  /** The frame is larger than {@link TransportConfig#MAX_FRAME_BYTES}. */
  TOO_LARGE,
  /** The connection's send queue is at its high-water mark (a slow or just-died peer). */
  QUEUE_FULL,
  /** The route is gone (the peer closed the connection) or the peer cannot be reached. */
  UNREACHABLE,
  /** The transport is closed. */
  CLOSED
}
