package io.skein.crypto;

/**
 * Where a node can be reached: a host (DNS name, IPv4 or IPv6 literal without brackets) and a TCP
 * port. Its text form is {@code host:port}, or {@code [v6]:port} for IPv6 literals.
 *
 * <p>Hosts are limited to ASCII letters, digits and {@code . - _ : %} (IPv6 zone ids use {@code %};
 * internationalized names go in their punycode form). Hosts arrive in peer records from the network
 * and end up in ZeroMQ addresses and log lines, where characters such as {@code ;} (ZeroMQ's
 * source-address separator), {@code *}, spaces or control characters would change their meaning.
 */
public record Endpoint(String host, int port) implements Comparable<Endpoint> {
  /** Longest host accepted, in characters (= bytes, hosts are ASCII; the DNS limit). */
  public static final int MAX_HOST_BYTES = 253;

  /** Highest TCP port. */
  public static final int MAX_PORT = 65535;

  /** Validates host and port; messages name the problem and quote the host. */
  public Endpoint {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (host.length() > MAX_HOST_BYTES) {
      throw new IllegalArgumentException("host is longer than " + MAX_HOST_BYTES + " characters");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!isHostChar(c)) {
        throw new IllegalArgumentException(
            String.format(
                "host %s has an invalid character (U+%04X) at position %d",
                UserText.quote(host), (int) c, i));
      }
    }
    if (port < 1 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be 1.." + MAX_PORT + ", got " + port);
    }
  }

  private static boolean isHostChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == ':'
        || c == '%';
  }

  /**
   * Parses {@code host:port} or {@code [ipv6]:port}; surrounding whitespace is ignored.
   *
   * @throws IllegalArgumentException with a one-line message fit for a user, starting with {@code
   *     invalid endpoint '<text>':}, if it is not of that form
   */
  public static Endpoint parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("endpoint is missing (expected host:port)");
    }
    String s = text.strip();
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw invalid(text, "expected [ipv6]:port");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw invalid(text, "no port (expected host:port)");
      }
      if (s.indexOf(':') != colon) {
        throw invalid(text, "an IPv6 address needs brackets: [ipv6]:port");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(text, "no host (expected host:port)");
    }
    try {
      return new Endpoint(host, parsePort(port));
    } catch (IllegalArgumentException e) {
      throw invalid(text, e.getMessage());
    }
  }

  private static int parsePort(String port) {
    if (port.isEmpty()) {
      throw new IllegalArgumentException("no port (expected host:port)");
    }
    for (int i = 0; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        throw new IllegalArgumentException("port " + UserText.quote(port) + " is not a number");
      }
    }
    if (port.length() > 5) {
      throw new IllegalArgumentException(
          "port must be 1.." + MAX_PORT + ", got " + UserText.quote(port));
    }
    return Integer.parseInt(port);
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "invalid endpoint " + UserText.quote(text) + ": " + problem);
  }

  /** The ZeroMQ TCP address, {@code tcp://host:port}. */
  public String tcpUri() {
    return "tcp://" + this;
  }

  @Override
  public int compareTo(Endpoint o) {
    int c = host.compareTo(o.host);
    return c != 0 ? c : Integer.compare(port, o.port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
