package io.skein.crypto;

/** Quotes untrusted text into one-line error messages (package-private helper). */
final class UserText {
  /** Longest piece of input quoted back in an error message, in chars. */
  static final int MAX_QUOTED_CHARS = 80;

  private UserText() {}

  /**
   * {@code s} in single quotes, cut to {@link #MAX_QUOTED_CHARS} with "...", control characters
   * shown as '?', so that hostile input cannot forge or split a log line.
   */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
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
}
