package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skein.crypto.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to a node's HTTP API and turns its answers into results or {@link CliException}s with the
 * documented exit codes: 3 when the node cannot be reached, 1 not found, 4 refused, 2 bad input.
 */
final class ApiClient {
  /** How long connecting may take: 3 s (a local node answers in well under a millisecond). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How long a whole request may take: 90 s, above the API's own operation timeout (60 s), so the
   * node's 504 arrives before the client gives up.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  /** Longest server message shown, in characters. */
  static final int MAX_MESSAGE_CHARS = 300;

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final Endpoint endpoint;
  private final String token;
  private final HttpClient http;

  ApiClient(Endpoint endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * An answer of the API.
   *
   * @param status the HTTP status
   * @param body the body bytes
   */
  record Response(int status, byte[] body) {
    /** The body parsed as JSON. */
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new CliException(ExitCodes.FAILED, "the node answered something that is not JSON");
      }
    }
  }

  /** GETs {@code path}, asking for JSON when {@code json}. */
  Response get(String path, boolean json) {
    return send(request(path).GET().header("Accept", json ? "application/json" : "*/*"));
  }

  /** PUTs {@code body} as raw bytes to {@code path}. */
  Response put(String path, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://" + endpoint + path)).timeout(REQUEST_TIMEOUT);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.body());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no answer to connecting within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "cannot build a request: " + e.getMessage(), e);
    }
  }

  private CliException unreachable(String why, Exception cause) {
    return new CliException(
        ExitCodes.UNREACHABLE,
        "cannot reach the node's API at "
            + endpoint
            + ": "
            + why
            + " (is the node running? set --api or "
            + ApiOptions.API_ENV
            + ")",
        cause);
  }

  /**
   * Returns {@code response} if it is a success, else throws the failure it stands for.
   *
   * @throws CliException with the exit code of the API's error
   */
  static Response check(Response response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return response;
    }
    String code = null;
    String message = null;
    try {
      JsonNode error = MAPPER.readTree(response.body());
      if (error != null && error.isObject()) {
        code = error.path("error").asText(null);
        message = error.path("message").asText(null);
      }
    } catch (IOException notJson) {
      // the JDK server's own plain answers to requests it cannot parse
    }
    if (message == null) {
      message = "the node answered HTTP " + status;
    }
    if (status == 401 || status == 403) {
      message += " (give the token in " + ApiOptions.TOKEN_ENV + " or --api-token-file)";
    }
    throw new CliException(exitCode(status, code), oneLine(message));
  }

  /** The exit code for an API error. */
  static int exitCode(int status, String code) {
    if (status == 404 && "not_found".equals(code)) {
      return ExitCodes.NOT_FOUND;
    }
    return switch (status) {
      case 400, 401, 403 -> ExitCodes.USAGE;
      case 409, 413, 422, 507 -> ExitCodes.REJECTED;
      default -> ExitCodes.FAILED;
    };
  }

  /** {@code s} on one line of printable characters, cut to {@link #MAX_MESSAGE_CHARS}. */
  static String oneLine(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (s.length() > MAX_MESSAGE_CHARS) {
      out.append("...");
    }
    return out.toString();
  }

  /** Percent-encodes {@code s} as UTF-8 for one path segment (all but A-Z a-z 0-9 - _ ~). */
  static String encodeSegment(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
