package io.skein.node.api;

import com.sun.net.httpserver.HttpExchange;
import io.skein.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may use the API. With a bearer token, every request must carry {@code Authorization: Bearer
 * <token>}; the comparison is of SHA-256 digests with {@link MessageDigest#isEqual}, so its time
 * depends neither on where the first difference is nor on the token's length. Without a token (only
 * allowed on loopback), the Host header must name a loopback address or {@code localhost}: a web
 * page cannot then reach the API through DNS rebinding (a name of the attacker's that resolves to
 * 127.0.0.1), because the browser sends that name as Host.
 */
final class Guard {
  private static final String BEARER = "bearer ";

  private final byte[] tokenDigest;

  Guard(String bearerToken) {
    this.tokenDigest =
        bearerToken == null ? null : Sha256.hash(bearerToken.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Checks the request's credentials.
   *
   * @throws ApiException 401 without a token, 403 with a wrong one or a foreign Host
   */
  void check(HttpExchange exchange) {
    if (tokenDigest != null) {
      checkToken(exchange.getRequestHeaders().getFirst("Authorization"));
    } else {
      checkHost(exchange.getRequestHeaders().getFirst("Host"));
    }
  }

  private void checkToken(String authorization) {
    if (authorization == null
        || authorization.length() < BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ApiException(
              401, "unauthorized", "this API needs a bearer token (Authorization: Bearer <token>)")
          .withHeader("WWW-Authenticate", "Bearer realm=\"skein\"");
    }
    byte[] given =
        Sha256.hash(
            authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
    if (!MessageDigest.isEqual(given, tokenDigest)) {
      throw new ApiException(403, "forbidden", "the bearer token is not this API's")
          .withHeader("WWW-Authenticate", "Bearer realm=\"skein\", error=\"invalid_token\"");
    }
  }

  private static void checkHost(String host) {
    if (host != null && !isLoopbackHost(host)) {
      throw new ApiException(
          403,
          "forbidden_host",
          "without a token the API only answers requests addressed to localhost or a loopback"
              + " address, not "
              + Names.quote(host));
    }
  }

  /**
   * Whether a Host header names this machine: {@code localhost}, 127.x.x.x or [::1], with an
   * optional port. Only literals are accepted: nothing is resolved.
   */
  static boolean isLoopbackHost(String header) {
    String host = header.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0 || !isPortSuffix(host, close + 1)) {
        return false;
      }
      String v6 = host.substring(1, close);
      return v6.equals("::1") || v6.equals("0:0:0:0:0:0:0:1");
    }
    int colon = host.indexOf(':');
    if (colon >= 0 && !isPortSuffix(host, colon)) {
      return false;
    }
    String name = colon < 0 ? host : host.substring(0, colon);
    if (name.equals("localhost") || name.equals("localhost.")) {
      return true;
    }
    String[] octets = name.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPortSuffix(String host, int at) {
    if (at == host.length()) {
      return true;
    }
    if (host.charAt(at) != ':' || at + 1 == host.length() || host.length() - at - 1 > 5) {
      return false;
    }
    for (int i = at + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
