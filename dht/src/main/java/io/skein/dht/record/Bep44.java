package io.skein.dht.record;

import java.nio.charset.StandardCharsets;

/**
 * The bytes a mutable record's signature covers, exactly as BitTorrent BEP 44 defines them: the
 * bencoded dictionary entries {@code salt} (only when the salt is not empty), {@code seq} and
 * {@code v}, without the surrounding {@code d...e}: {@code
 * 4:salt<len>:<salt>3:seqi<seq>e1:v<len>:<value>}. The value is bencoded as a byte string, so BEP
 * 44's vectors (whose {@code v} is the string "Hello World!") verify unchanged.
 */
public final class Bep44 {
  private static final byte[] SALT = ascii("4:salt");
  private static final byte[] SEQ = ascii("3:seqi");
  private static final byte[] V = ascii("e1:v");

  private Bep44() {}

  /** The signed bytes for {@code salt} (may be empty), {@code seq} and {@code value}. */
  public static byte[] signedBytes(byte[] salt, long seq, byte[] value) {
    byte[] saltLength = ascii(Integer.toString(salt.length));
    byte[] seqDigits = ascii(Long.toString(seq));
    byte[] valueLength = ascii(Integer.toString(value.length));
    int size = SEQ.length + seqDigits.length + V.length + valueLength.length + 1 + value.length;
    if (salt.length > 0) {
      size += SALT.length + saltLength.length + 1 + salt.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    if (salt.length > 0) {
      at = put(out, at, SALT);
      at = put(out, at, saltLength);
      out[at++] = ':';
      at = put(out, at, salt);
    }
    at = put(out, at, SEQ);
    at = put(out, at, seqDigits);
    at = put(out, at, V);
    at = put(out, at, valueLength);
    out[at++] = ':';
    put(out, at, value);
    return out;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
