package io.skein.node.transport;

/** Why the transport dropped a frame: the label values of its drop counter. */
public enum DropReason {
  /** Inbound: the connection exceeded its token bucket. */
  RATE_LIMITED("rate_limited"),
  /** Inbound: not a single-part message after the route id. */
  MALFORMED("malformed"),
  /** Inbound: the frame handler threw. */
  HANDLER_ERROR("handler_error"),
  /** Outbound: larger than {@link TransportConfig#MAX_FRAME_BYTES}. */
  TOO_LARGE("too_large"),
  /** Outbound: the connection's send queue was full. */
  SEND_QUEUE_FULL("send_queue_full"),
  /** Outbound: the route was gone or the peer unreachable. */
  UNREACHABLE("unreachable"),
  /** Outbound: queued on a connection that never (re)connected within the connect timeout. */
  CONNECT_TIMEOUT("connect_timeout"),
  /** Outbound: sent after the transport closed. */
  CLOSED("closed");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  /** The metric label value. */
  public String label() {
    return label;
  }
}
