package io.skein.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The text form of a key file (package-private; see {@link KeyFile}). Three lines, each ending in a
 * newline:
 *
 * <pre>
 * skein-key v1 ed25519
 * seed &lt;64 hex digits: the RFC 8032 secret seed&gt;
 * public &lt;64 hex digits: the public key derived from the seed&gt;
 * </pre>
 *
 * The public key is redundant on purpose: a file whose seed was damaged no longer matches it and is
 * reported as corrupt instead of silently becoming another identity. Readers accept either hex
 * case, CRLF line ends and a missing final newline, nothing else.
 */
final class KeyFileFormat {
  /** First line of a version-1 key file. */
  static final String HEADER = "skein-key v1 ed25519";

  /** Start of the header of any version, used to tell "newer version" from "not a key file". */
  static final String HEADER_PREFIX = "skein-key ";

  /** Largest file accepted; a valid one is 164 bytes. */
  static final int MAX_BYTES = 1024;

  private static final String SEED_PREFIX = "seed ";
  private static final String PUBLIC_PREFIX = "public ";
  private static final int KEY_HEX_DIGITS = 64;

  private KeyFileFormat() {}

  /** The file content for {@code key}. */
  static byte[] encode(KeyPair key) {
    byte[] seed = key.seed();
    try {
      String text =
          HEADER
              + "\n"
              + SEED_PREFIX
              + HexFormat.of().formatHex(seed)
              + "\n"
              + PUBLIC_PREFIX
              + key.publicKey().hex()
              + "\n";
      return text.getBytes(StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * The key in {@code content}.
   *
   * @throws IllegalArgumentException naming the problem in a few words (never quoting the seed)
   */
  static KeyPair decode(byte[] content) {
    if (content.length > MAX_BYTES) {
      throw new IllegalArgumentException("it is larger than " + MAX_BYTES + " bytes");
    }
    for (byte b : content) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r') {
        throw new IllegalArgumentException("it contains bytes that are not text");
      }
    }
    String text = new String(content, StandardCharsets.US_ASCII);
    if (text.isEmpty()) {
      throw new IllegalArgumentException("it is empty");
    }
    String[] lines =
        (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    if (!lines[0].equals(HEADER)) {
      if (lines[0].startsWith(HEADER_PREFIX)) {
        throw new IllegalArgumentException(
            "its format "
                + UserText.quote(lines[0])
                + " is not one this version reads ("
                + UserText.quote(HEADER)
                + ")");
      }
      throw new IllegalArgumentException(
          "its first line is not the header " + UserText.quote(HEADER));
    }
    if (lines.length != 3) {
      throw new IllegalArgumentException(
          "it has " + lines.length + " lines, expected 3 (header, seed, public)");
    }
    byte[] seed = hexField(lines[1], SEED_PREFIX, 2, "seed");
    byte[] stored = hexField(lines[2], PUBLIC_PREFIX, 3, "public key");
    try {
      KeyPair key = KeyPair.fromSeed(seed);
      if (!key.publicKey().equalsBytes(stored, 0)) {
        throw new IllegalArgumentException("its public key does not match its seed");
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static byte[] hexField(String line, String prefix, int lineNumber, String name) {
    if (!line.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "line " + lineNumber + " does not start with '" + prefix + "'");
    }
    String hex = line.substring(prefix.length());
    if (!Hex.isHex(hex, KEY_HEX_DIGITS)) {
      throw new IllegalArgumentException(
          "line "
              + lineNumber
              + ": the "
              + name
              + " is not "
              + KEY_HEX_DIGITS
              + " hex digits (found "
              + hex.length()
              + " characters)");
    }
    return HexFormat.of().parseHex(hex);
  }
}
