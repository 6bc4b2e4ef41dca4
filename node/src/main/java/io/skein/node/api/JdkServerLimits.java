package io.skein.node.api;

import java.util.Map;

/**
 * Process-wide limits of the JDK's HTTP server. It reads them from system properties once, when the
 * first server of the process starts, and has no per-server setting for them; they are set here
 * only when not already given (so {@code -D} on the command line wins).
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime} = {@link #MAX_REQUEST_SECONDS}: a connection still
 *       sending its request line, headers or body after this long is closed. The JDK reads the
 *       request line and headers on a worker thread, so without it a client trickling its headers
 *       holds a worker forever (the API's own {@link ApiConfig#bodyTimeoutMillis} covers bodies).
 *   <li>{@code jdk.httpserver.maxConnections} = {@link #MAX_CONNECTIONS}: further connections are
 *       closed on accept, bounding file descriptors.
 *   <li>{@code sun.net.httpserver.maxReqHeaderSize} = {@link #MAX_HEADER_BYTES}: the request line
 *       and headers together (JDK default about 380 KiB).
 *   <li>{@code sun.net.httpserver.nodelay} = true: TCP_NODELAY on accepted connections. The server
 *       writes a response's headers and body separately; with Nagle's algorithm the body then waits
 *       for the client's delayed ACK, about 40 ms on Linux, whenever the request body was not read
 *       (measured here: 45 ms per such request without it).
 * </ul>
 */
final class JdkServerLimits {
  /** Longest time a client may take to send a whole request: 30 s (3x the body timeout). */
  static final int MAX_REQUEST_SECONDS = 30;

  /** Most connections open at once: 256. */
  static final int MAX_CONNECTIONS = 256;

  /** Largest request line plus headers: 32 KiB. */
  static final int MAX_HEADER_BYTES = 32 * 1024;

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS),
          "jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS),
          "sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES),
          "sun.net.httpserver.nodelay", "true");

  private JdkServerLimits() {}

  /** Sets each limit that is not already a system property. */
  static synchronized void applyDefaults() {
    DEFAULTS.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }
}
