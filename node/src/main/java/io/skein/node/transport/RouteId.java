package io.skein.node.transport;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of one connection (a JeroMQ pipe) on a node's ROUTER socket: for a connection a peer
 * opened to us, an id our ROUTER generated (a peer cannot choose it, since nodes never set their
 * own routing id); for a connection we opened, an unguessable id we chose. Replies go back on the
 * route a request came in on. Immutable, value equality.
 */
public final class RouteId {
  /** First byte of the ids we give our own outbound connections; generated ids start with 0. */
  static final byte OUTBOUND_PREFIX = 0x01;

  private final byte[] bytes;
  private final int hash;

  private RouteId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Wraps {@code bytes} without copying: the caller hands them over. */
  static RouteId wrap(byte[] bytes) {
    return new RouteId(bytes);
  }

  /** The route with these id bytes (copied); for tests and tools. */
  public static RouteId of(byte[] bytes) {
    return new RouteId(bytes.clone());
  }

  byte[] bytesUnsafe() {
    return bytes;
  }

  /** Whether this is a connection we opened (rather than one a peer opened to us). */
  public boolean isOutbound() {
    return bytes.length > 0 && bytes[0] == OUTBOUND_PREFIX;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return (isOutbound() ? "out:" : "in:") + HexFormat.of().formatHex(bytes);
  }
}
