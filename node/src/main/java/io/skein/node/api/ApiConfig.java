package io.skein.node.api;

import java.util.Objects;

/**
 * Settings of the HTTP API, memberlist style: start from {@link #defaults()} or {@link #local()}
 * and change single fields with the {@code with...} methods.
 *
 * @param host the address to bind. Default {@code 127.0.0.1}. Any address that is not loopback
 *     requires a {@link #bearerToken}: the API writes records signed with the node's key.
 * @param port the TCP port; 0 picks a free one. Default {@link #DEFAULT_PORT} (7947: the node's
 *     default port 7946, plus one), 0 (local).
 * @param bearerToken the token every request must present as {@code Authorization: Bearer <token>},
 *     or {@code null} for none (loopback only). Default none. {@link ApiLimits#MIN_TOKEN_CHARS} to
 *     {@link ApiLimits#MAX_TOKEN_CHARS} visible ASCII characters.
 * @param threads worker threads serving requests. Default 4: requests that wait for the DHT hold a
 *     thread, and 4 leave room for {@code /metrics} and status next to 2 or 3 slow puts on a 2-core
 *     machine.
 * @param queueCapacity requests waiting for a worker; beyond it new connections are closed at once.
 *     Default 64 = 16 per worker.
 * @param bodyTimeoutMillis a request body not fully received within this long is dropped by closing
 *     the connection. Default 10,000: the largest body ({@link ApiLimits#MAX_BODY_BYTES}, 89 KiB)
 *     at 64 kbit/s takes about 11 s, so anything slower is treated as a stalled or hostile client.
 * @param operationTimeoutMillis how long a put or get may wait for the node before the API answers
 *     504. Default 60,000 = twelve DHT request timeouts of the wan preset (5 s): a lookup of
 *     several rounds plus the store round, with room to spare.
 */
public record ApiConfig(
    String host,
    int port,
    String bearerToken,
    int threads,
    int queueCapacity,
    long bodyTimeoutMillis,
    long operationTimeoutMillis) {

  /** The API's default port: 7947. */
  public static final int DEFAULT_PORT = 7947;

  /** The API's default bind address: loopback. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Validates the fields; messages never contain the token. */
  public ApiConfig {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("API host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("API port must be 0..65535, got " + port);
    }
    if (bearerToken != null) {
      checkToken(bearerToken);
    }
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("API threads and queue capacity must be at least 1");
    }
    if (bodyTimeoutMillis <= 0 || operationTimeoutMillis <= 0) {
      throw new IllegalArgumentException("API timeouts must be > 0");
    }
  }

  /** The daemon's API: loopback, port 7947, no token. */
  public static ApiConfig defaults() {
    return new ApiConfig(DEFAULT_HOST, DEFAULT_PORT, null, 4, 64, 10_000, 60_000);
  }

  /** An API on loopback with a free port (tests, testnet). */
  public static ApiConfig local() {
    return defaults().withListen(DEFAULT_HOST, 0);
  }

  /** This config bound to {@code host:port}. */
  public ApiConfig withListen(String host, int port) {
    return new ApiConfig(
        host, port, bearerToken, threads, queueCapacity, bodyTimeoutMillis, operationTimeoutMillis);
  }

  /** This config requiring {@code token} ({@code null}: none). */
  public ApiConfig withBearerToken(String token) {
    return new ApiConfig(
        host, port, token, threads, queueCapacity, bodyTimeoutMillis, operationTimeoutMillis);
  }

  /** This config with another {@link #bodyTimeoutMillis}. */
  public ApiConfig withBodyTimeoutMillis(long millis) {
    return new ApiConfig(
        host, port, bearerToken, threads, queueCapacity, millis, operationTimeoutMillis);
  }

  /** This config with another {@link #operationTimeoutMillis}. */
  public ApiConfig withOperationTimeoutMillis(long millis) {
    return new ApiConfig(
        host, port, bearerToken, threads, queueCapacity, bodyTimeoutMillis, millis);
  }

  /** This config with {@code threads} workers and room for {@code queueCapacity} waiting. */
  public ApiConfig withThreads(int threads, int queueCapacity) {
    return new ApiConfig(
        host, port, bearerToken, threads, queueCapacity, bodyTimeoutMillis, operationTimeoutMillis);
  }

  /**
   * Checks that {@code token} can be a bearer token: {@link ApiLimits#MIN_TOKEN_CHARS} to {@link
   * ApiLimits#MAX_TOKEN_CHARS} visible ASCII characters (no spaces). The message never quotes it.
   *
   * @throws IllegalArgumentException if it cannot
   */
  public static void checkToken(String token) {
    if (token.length() < ApiLimits.MIN_TOKEN_CHARS || token.length() > ApiLimits.MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          "the API token must be "
              + ApiLimits.MIN_TOKEN_CHARS
              + " to "
              + ApiLimits.MAX_TOKEN_CHARS
              + " characters, got "
              + token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "the API token may hold only visible ASCII characters (no spaces), position "
                + i
                + " is not one");
      }
    }
  }

  @Override
  public String toString() {
    return "ApiConfig[host="
        + host
        + ", port="
        + port
        + ", bearerToken="
        + (bearerToken == null ? "none" : "set")
        + ", threads="
        + threads
        + ", queueCapacity="
        + queueCapacity
        + ", bodyTimeoutMillis="
        + bodyTimeoutMillis
        + ", operationTimeoutMillis="
        + operationTimeoutMillis
        + "]";
  }
}
