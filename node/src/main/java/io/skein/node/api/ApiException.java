package io.skein.node.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the API answers with an error status and a JSON body {@code {"error": code, "message":
 * text, ...details}}. Thrown inside the API for bad input, and by an {@link ApiBackend} for
 * refusals it wants passed on as they are.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;
  private final transient Map<String, String> headers;

  /**
   * An error answered with {@code status}.
   *
   * @param status the HTTP status, 400 to 599
   * @param code a stable machine-readable code, snake_case ("bad_name")
   * @param message one line for a person
   */
  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of(), Map.of());
  }

  private ApiException(
      int status,
      String code,
      String message,
      Map<String, Object> details,
      Map<String, String> headers) {
    super(message, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 400..599, got " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.details = details;
    this.headers = headers;
  }

  /** This error with an extra JSON field (a number, string, boolean or map of them). */
  public ApiException with(String field, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(field, value);
    return new ApiException(status, code, getMessage(), more, headers);
  }

  /** This error with a response header ({@code Allow}, {@code WWW-Authenticate}). */
  public ApiException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiException(status, code, getMessage(), details, more);
  }

  /** A 400 for input that is malformed. */
  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The machine-readable code. */
  public String code() {
    return code;
  }

  /** Extra JSON fields, in insertion order. */
  public Map<String, Object> details() {
    return details == null ? Map.of() : details;
  }

  /** Extra response headers. */
  public Map<String, String> headers() {
    return headers == null ? Map.of() : headers;
  }
}
