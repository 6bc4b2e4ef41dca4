package io.skein.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where a node can be reached: a host (name, IPv4 or IPv6 literal, without brackets) and a TCP
 * port. Its text form is {@code host:port}, or {@code [v6]:port} for IPv6 literals.
 */
public record Endpoint(String host, int port) implements Comparable<Endpoint> {
  /** Longest host accepted, in UTF-8 bytes (the DNS limit). */
  public static final int MAX_HOST_BYTES = 253;

  /** Validates host and port. */
  public Endpoint {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("endpoint host is empty");
    }
    if (host.getBytes(StandardCharsets.UTF_8).length > MAX_HOST_BYTES) {
      throw new IllegalArgumentException("endpoint host longer than " + MAX_HOST_BYTES + " bytes");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= ' ' || c == '/' || c == '[' || c == ']' || c == '@' || c == 0x7f) {
        throw new IllegalArgumentException("endpoint host has an invalid character: " + host);
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }

  /**
   * Parses {@code host:port} or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException with a message fit for a user, if it is not of that form
   */
  public static Endpoint parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("endpoint is missing");
    }
    String s = text.trim();
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("expected [ipv6]:port, got '" + text + "'");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1 || s.indexOf(':') != colon) {
        throw new IllegalArgumentException("expected host:port, got '" + text + "'");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number in '" + text + "'", e);
    }
    return new Endpoint(host, p);
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
