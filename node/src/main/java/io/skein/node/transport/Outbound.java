package io.skein.node.transport;

import io.skein.crypto.Endpoint;

/** One connection our ROUTER opened to a peer's endpoint. Loop thread only. */
final class Outbound {
  final Endpoint endpoint;
  final String uri;
  final RouteId route;

  /** Whether the ZMTP handshake completed and the peer has not been lost since. */
  boolean up;

  /** When {@link #up} last changed (or the connection was opened). */
  long stateSinceNanos;

  /** Last send or receive on this connection. */
  long lastUsedNanos;

  /** Frames queued since the connection was last up: dropped if it times out. */
  long queuedWhileDown;

  Outbound(Endpoint endpoint, RouteId route, long nowNanos) {
    this.endpoint = endpoint;
    this.uri = endpoint.tcpUri();
    this.route = route;
    this.stateSinceNanos = nowNanos;
    this.lastUsedNanos = nowNanos;
  }

  void markUp(long nowNanos) {
    if (!up) {
      up = true;
      stateSinceNanos = nowNanos;
      queuedWhileDown = 0;
    }
  }

  void markDown(long nowNanos) {
    if (up) {
      up = false;
      stateSinceNanos = nowNanos;
    }
  }
}
