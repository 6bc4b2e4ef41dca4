package io.skein.node.transport;

import io.skein.crypto.Endpoint;
import java.util.ArrayDeque;

/**
 * One connection our ROUTER opened to a peer's endpoint. Frames are written into JeroMQ only while
 * the connection is {@link State#UP} (its ZMTP handshake completed); until then they wait in {@link
 * #pending}, so they can neither be lost in a stalled handshake nor reach a restarted peer late.
 * Loop thread only.
 */
final class Outbound {
  enum State {
    /** Connect issued, no TCP connection yet (or JeroMQ is retrying). */
    CONNECTING,
    /** TCP connected, ZMTP handshake not finished. */
    HANDSHAKING,
    /** Handshake done: frames go straight into the socket. */
    UP,
    /** Was up, the peer went away; JeroMQ reconnects in the background. */
    DOWN
  }

  record Pending(byte[] frame, long queuedNanos) {}

  final Endpoint endpoint;
  final String uri;

  final RouteId route;

  State state = State.CONNECTING;

  /** When {@link #state} last changed. */
  long stateSinceNanos;

  /** Since when the connection has not been up (creation or loss); meaningless while up. */
  long notUpSinceNanos;

  /** Last send or receive on this connection. */
  long lastUsedNanos;

  final ArrayDeque<Pending> pending = new ArrayDeque<>();
  long pendingBytes;

  /** How long a handshake may take on this connection before it is dialled again. */
  final long redialAfterNanos;

  Outbound(Endpoint endpoint, RouteId route, long nowNanos, long redialAfterNanos) {
    this.endpoint = endpoint;
    this.uri = endpoint.tcpUri();
    this.route = route;
    this.stateSinceNanos = nowNanos;
    this.notUpSinceNanos = nowNanos;
    this.lastUsedNanos = nowNanos;
    this.redialAfterNanos = redialAfterNanos;
  }

  /**
   * The same connection dialled again over {@code newRoute}: the waiting frames move over, the
   * connect timeout keeps counting from the first attempt, the next re-dial waits {@code
   * redialAfterNanos} (the caller doubles it).
   */
  Outbound redialed(RouteId newRoute, long nowNanos, long redialAfterNanos) {
    Outbound next = new Outbound(endpoint, newRoute, nowNanos, redialAfterNanos);
    next.notUpSinceNanos = notUpSinceNanos;
    next.lastUsedNanos = lastUsedNanos;
    next.pending.addAll(pending);
    next.pendingBytes = pendingBytes;
    pending.clear();
    pendingBytes = 0;
    return next;
  }

  boolean isUp() {
    return state == State.UP;
  }

  void enter(State next, long nowNanos) {
    if (state == next) {
      return;
    }
    if (state == State.UP) {
      notUpSinceNanos = nowNanos;
    }
    state = next;
    stateSinceNanos = nowNanos;
  }
}
