package io.skein.crypto;

import java.util.HexFormat;

/** Strict hex parsing with error messages fit for a user (package-private helper). */
final class Hex {
  private Hex() {}

  /**
   * Decodes an even number of ASCII hex digits, either case.
   *
   * @param what names the value in the error message ("node id", "seed")
   * @throws IllegalArgumentException if {@code hex} holds anything but hex digits
   */
  static byte[] decode(String hex, String what) {
    if (hex == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (!isHexDigit(hex.charAt(i))) {
        throw new IllegalArgumentException(
            what + " has a non-hex character at position " + i + " of " + describe(hex));
      }
    }
    if ((hex.length() & 1) != 0) {
      throw new IllegalArgumentException(what + " has an odd number of hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }

  /** Whether {@code s} is exactly {@code digits} ASCII hex digits (either case). */
  static boolean isHex(String s, int digits) {
    if (s == null || s.length() != digits) {
      return false;
    }
    for (int i = 0; i < digits; i++) {
      if (!isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The input's length and its quoted text, for messages. */
  static String describe(String s) {
    return s == null ? "nothing (null)" : s.length() + " characters " + UserText.quote(s);
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
