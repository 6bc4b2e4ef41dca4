package io.skein.node.api;

import io.skein.crypto.PublicKey;
import io.skein.dht.Consistency;
import io.skein.dht.record.RecordKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parsing of what a request names: record names, namespaces, content keys, consistency levels and
 * seqs, each with a 400 and its own error code when malformed. Messages quote input only after
 * {@link #quote} made it one safe line.
 */
public final class Names {
  /** Longest piece of input quoted back in an error message, in characters. */
  static final int MAX_QUOTED_CHARS = 80;

  private Names() {}

  /**
   * Why {@code name} cannot name a record, or {@code null} if it can: a name is 1 to {@link
   * ApiLimits#MAX_NAME_BYTES} bytes of UTF-8 without '/' or control characters.
   */
  public static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "a name must not be empty";
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '/') {
        return "a name must not contain '/'";
      }
      if (Character.isISOControl(cp)) {
        return String.format("a name must not contain control characters (U+%04X)", cp);
      }
      if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
        return "a name must be valid Unicode text (lone surrogate at position " + i + ")";
      }
      i += Character.charCount(cp);
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > ApiLimits.MAX_NAME_BYTES) {
      return "a name is at most " + ApiLimits.MAX_NAME_BYTES + " bytes of UTF-8, got " + bytes;
    }
    return null;
  }

  /** The record name in a percent-encoded path segment. */
  static String name(String rawSegment) {
    String name = decodeUtf8(rawSegment, "bad_name", "name");
    String problem = nameProblem(name);
    if (problem != null) {
      throw ApiException.badRequest("bad_name", problem + ": " + quote(name));
    }
    return name;
  }

  /** The namespace (an owner's public key, 64 hex digits) in a path segment. */
  static PublicKey namespace(String rawSegment) {
    String text = decodeUtf8(rawSegment, "bad_namespace", "namespace");
    if (!isHex64(text)) {
      throw ApiException.badRequest(
          "bad_namespace", "a namespace is a public key of 64 hex digits, got " + quote(text));
    }
    return PublicKey.fromHex(text);
  }

  /** A record key (64 hex digits) in a path segment. */
  static RecordKey key(String rawSegment) {
    String text = decodeUtf8(rawSegment, "bad_key", "key");
    if (!isHex64(text)) {
      throw ApiException.badRequest("bad_key", "a key is 64 hex digits, got " + quote(text));
    }
    return RecordKey.fromHex(text);
  }

  /** A consistency level: one, quorum or all (either case); {@code null} gives the default. */
  static Consistency consistency(String text, Consistency dflt) {
    if (text == null) {
      return dflt;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "one":
        return Consistency.ONE;
      case "quorum":
        return Consistency.QUORUM;
      case "all":
        return Consistency.ALL;
      default:
        throw ApiException.badRequest(
            "bad_consistency", "consistency is one, quorum or all, got " + quote(text));
    }
  }

  /** A seq for compare-and-swap: a decimal number from 0 to 2^63-1. */
  static long seq(String text) {
    boolean digits = !text.isEmpty() && text.length() <= 19;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (digits) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // too large: falls through
      }
    }
    throw ApiException.badRequest(
        "bad_cas", "cas is a seq from 0 to 9223372036854775807, got " + quote(text));
  }

  /** Lowercase text of a consistency level. */
  static String text(Consistency level) {
    return level.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Decodes %XX escapes into bytes and those as strict UTF-8. '+' stays '+' (this is a path, not a
   * form).
   */
  static String decodeUtf8(String raw, String code, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hexDigit(raw.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw ApiException.badRequest(
              code, "the " + what + " has a bad %-escape at position " + i + ": " + quote(raw));
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c <= 0xff) {
        // The JDK reads the request line byte by byte into chars (ISO-8859-1): unescaped
        // non-ASCII arrives as its raw bytes, which are then decoded as UTF-8 like escaped ones.
        bytes.write(c);
      } else {
        throw ApiException.badRequest(code, "the " + what + " is not valid UTF-8: " + quote(raw));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest(code, "the " + what + " is not valid UTF-8: " + quote(raw));
    }
  }

  /**
   * {@code s} in single quotes, cut to {@link #MAX_QUOTED_CHARS} with "...", control characters
   * shown as '?', so hostile input cannot forge or split a log or error line.
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_QUOTED_CHARS) + 5).append('\'');
    for (int i = 0; i < Math.min(s.length(), MAX_QUOTED_CHARS); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (s.length() > MAX_QUOTED_CHARS) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  private static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (hexDigit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The value of an ASCII hex digit, or -1 (Character.digit also takes non-ASCII digits). */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
