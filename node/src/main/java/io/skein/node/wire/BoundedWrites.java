package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes what {@link BoundedReads} reads, refusing values above the cap the reader will apply, so
 * that a node never sends what its peers would drop.
 */
public final class BoundedWrites {
  private BoundedWrites() {}

  /**
   * Writes a byte array of at most {@code maxBytes} bytes.
   *
   * @throws IllegalArgumentException if it is longer
   */
  public static void writeBytes(Output out, byte[] bytes, int maxBytes) {
    if (bytes.length > maxBytes) {
      throw new IllegalArgumentException(
          "byte array of " + bytes.length + " bytes exceeds its limit of " + maxBytes);
    }
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  /**
   * Writes a string as at most {@code maxUtf8Bytes} bytes of UTF-8.
   *
   * @throws IllegalArgumentException if it is longer, or not encodable (a lone surrogate)
   */
  public static void writeString(Output out, String s, int maxUtf8Bytes) {
    ByteBuffer utf8;
    try {
      utf8 =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("string is not encodable as UTF-8", e);
    }
    int length = utf8.remaining();
    if (length > maxUtf8Bytes) {
      throw new IllegalArgumentException(
          "string of " + length + " UTF-8 bytes exceeds its limit of " + maxUtf8Bytes);
    }
    out.writeVarInt(length, true);
    out.writeBytes(utf8.array(), utf8.arrayOffset() + utf8.position(), length);
  }

  /**
   * Writes an element count of at most {@code max}.
   *
   * @throws IllegalArgumentException if it is negative or above {@code max}
   */
  public static void writeCount(Output out, int count, int max) {
    if (count < 0 || count > max) {
      throw new IllegalArgumentException("count " + count + " outside 0.." + max);
    }
    out.writeVarInt(count, true);
  }
}
