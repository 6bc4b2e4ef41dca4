package io.skein.node.api;

import io.skein.dht.DhtLimits;

/** Hard limits of the HTTP API, in one place. */
public final class ApiLimits {
  private ApiLimits() {}

  /** Largest value a put may carry: the DHT's limit, {@link DhtLimits#MAX_VALUE_BYTES} (64 KiB). */
  public static final int MAX_VALUE_BYTES = DhtLimits.MAX_VALUE_BYTES;

  /** Longest name (the BEP 44 salt) in UTF-8 bytes: {@link DhtLimits#MAX_SALT_BYTES} (64). */
  public static final int MAX_NAME_BYTES = DhtLimits.MAX_SALT_BYTES;

  /**
   * Largest request body read: a JSON envelope holding the largest value in base64 (4 * ceil(64 KiB
   * / 3) = 87,384 characters) plus 4 KiB for the other fields and whitespace: 91,480 bytes. A raw
   * body is also cut off here, then refused when longer than {@link #MAX_VALUE_BYTES}. Reading
   * stops at one byte past the cap, whatever Content-Length claims.
   */
  public static final int MAX_BODY_BYTES = 4 * ((MAX_VALUE_BYTES + 2) / 3) + 4096;

  /** Shortest bearer token accepted: 16 characters (about 96 bits as base64). */
  public static final int MIN_TOKEN_CHARS = 16;

  /** Longest bearer token accepted: 256 characters. */
  public static final int MAX_TOKEN_CHARS = 256;

  /** Most query parameters one request may carry; the API knows two. */
  public static final int MAX_QUERY_PARAMETERS = 8;
}
